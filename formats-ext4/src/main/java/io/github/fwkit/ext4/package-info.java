/**
 * Read-only ext2, ext3 and ext4 volumes.
 *
 * <p>{@link io.github.fwkit.ext4.Ext4Volume} is the way in: open an image (raw, Android sparse,
 * Spreadtrum {@code .flag}, or any {@link io.github.fwkit.core.ImageReader} slice), then
 * {@link io.github.fwkit.ext4.Ext4Volume#info() info}, {@link io.github.fwkit.ext4.Ext4Volume#lookup
 * lookup}, {@link io.github.fwkit.ext4.Ext4Volume#list(String) list},
 * {@link io.github.fwkit.ext4.Ext4Volume#walk walk}, {@link io.github.fwkit.ext4.Ext4Volume#open(String)
 * open} (contents as an {@code ImageReader} whose holes are zero extents),
 * {@link io.github.fwkit.ext4.Ext4Volume#xattrs(String, java.nio.file.LinkOption...) xattrs},
 * {@link io.github.fwkit.ext4.Ext4Volume#check() check} and
 * {@link io.github.fwkit.ext4.Ext4Volume#extract(String, java.nio.file.Path, ExtractOptions)
 * extract}. {@link io.github.fwkit.ext4.Ext4} offers the same volume as a read-only
 * {@link java.nio.file.FileSystem}.
 *
 * <p>Results are immutable records ({@link io.github.fwkit.ext4.Stat},
 * {@link io.github.fwkit.ext4.VolumeInfo}, {@link io.github.fwkit.ext4.CheckReport},
 * {@link io.github.fwkit.ext4.ExtractResult}); damage is a
 * {@link io.github.fwkit.core.FormatException} with the offset and structure, features that
 * cannot be read an {@link io.github.fwkit.core.UnsupportedFormatException}.
 *
 * @since 0.1.0
 */
package io.github.fwkit.ext4;
