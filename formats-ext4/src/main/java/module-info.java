/**
 * fwkit ext4: read-only ext2/ext3/ext4 volumes ({@link io.github.fwkit.ext4.Ext4Volume}), their
 * safe extraction, a consistency check, and a read-only {@code java.nio.file} provider (scheme
 * {@code ext4}).
 */
// "ext4" ends in a digit, which javac's lint dislikes; it is the format's name and the package's.
@SuppressWarnings("module")
module io.github.fwkit.ext4 {
    requires transitive io.github.fwkit.core;

    exports io.github.fwkit.ext4;

    provides io.github.fwkit.core.FormatProbe with io.github.fwkit.ext4.internal.Ext4VolumeProbe;
    provides java.nio.file.spi.FileSystemProvider with io.github.fwkit.ext4.internal.nio.Ext4FileSystemProvider;
}
