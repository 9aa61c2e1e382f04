package io.github.fwkit.ext4;

/**
 * How strictly to read a volume, and the limits that bound the work a hostile image can cause.
 *
 * <p><b>Strict</b> (the default) verifies every checksum the reader touches when the volume has
 * them (superblock, group descriptors, inodes, extent blocks, directory blocks) and refuses an
 * image shorter than the file system its superblock describes. <b>Lenient</b> reads damaged
 * images as far as it can: checksums are not verified, blocks past the end of the image read as
 * zeros, and a directory block with a broken entry yields the entries before it. Either way,
 * corruption that makes a structure unreadable is a {@link io.github.fwkit.core.FormatException}
 * and features that cannot be read are an {@link io.github.fwkit.core.UnsupportedFormatException};
 * a journal that needs recovery and unknown read-only-compatible features only add
 * {@link VolumeInfo#warnings() warnings} (the on-disk state is read, as {@code debugfs} does).
 * {@link Ext4Volume#check()} reports every problem as a finding whatever the options.
 *
 * @param lenient read damaged images as far as possible (see above)
 * @param verifyChecksums verify metadata checksums while reading (default: on when strict)
 * @param maxGroups the most block groups a volume may have; bounds the descriptor index (about
 *     32 bytes per group); the default, 1 Mi, covers 128 TiB with 4 KiB blocks
 * @param maxExtentsPerFile the most extents (or block runs) one file may map; bounds the memory
 *     of a file's block map (24 bytes per run)
 * @param maxSymlinkDepth how many symbolic links a path lookup follows (Linux: 40)
 * @since 0.1.0
 */
public record Ext4Options(boolean lenient, boolean verifyChecksums, int maxGroups, int maxExtentsPerFile,
                          int maxSymlinkDepth) {

    /** Default {@link #maxGroups()}. */
    public static final int DEFAULT_MAX_GROUPS = 1 << 20;
    /** Default {@link #maxExtentsPerFile()}: 2 Mi runs, 48 MB. */
    public static final int DEFAULT_MAX_EXTENTS_PER_FILE = 1 << 21;
    /** Default {@link #maxSymlinkDepth()}, as Linux's {@code MAXSYMLINKS}. */
    public static final int DEFAULT_MAX_SYMLINK_DEPTH = 40;

    /** Strict reading with checksums verified and default limits. */
    public static final Ext4Options STRICT = new Ext4Options(false, true, DEFAULT_MAX_GROUPS,
            DEFAULT_MAX_EXTENTS_PER_FILE, DEFAULT_MAX_SYMLINK_DEPTH);

    /** Lenient reading without checksum verification and default limits. */
    public static final Ext4Options LENIENT = new Ext4Options(true, false, DEFAULT_MAX_GROUPS,
            DEFAULT_MAX_EXTENTS_PER_FILE, DEFAULT_MAX_SYMLINK_DEPTH);

    public Ext4Options {
        if (maxGroups < 1 || maxExtentsPerFile < 1 || maxSymlinkDepth < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** These options with checksum verification on or off. */
    public Ext4Options withVerifyChecksums(boolean verify) {
        return new Ext4Options(lenient, verify, maxGroups, maxExtentsPerFile, maxSymlinkDepth);
    }

    /** These options with another group limit. */
    public Ext4Options withMaxGroups(int max) {
        return new Ext4Options(lenient, verifyChecksums, max, maxExtentsPerFile, maxSymlinkDepth);
    }

    /** These options with another per-file extent limit. */
    public Ext4Options withMaxExtentsPerFile(int max) {
        return new Ext4Options(lenient, verifyChecksums, maxGroups, max, maxSymlinkDepth);
    }

    /** These options with another symbolic-link limit. */
    public Ext4Options withMaxSymlinkDepth(int max) {
        return new Ext4Options(lenient, verifyChecksums, maxGroups, maxExtentsPerFile, max);
    }
}
