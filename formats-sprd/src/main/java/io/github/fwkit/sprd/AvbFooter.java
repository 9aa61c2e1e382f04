package io.github.fwkit.sprd;

/**
 * The 64-byte AVB footer at the end of a partition image ({@code avbtool}'s {@code AvbFooter},
 * big-endian): the file system is followed by the dm-verity tree, FEC data and this footer, so
 * the image must keep its full length.
 *
 * @param majorVersion version major (1)
 * @param minorVersion version minor
 * @param originalImageSize the size of the image before the hash tree and footer were added
 * @param vbmetaOffset where the vbmeta blob starts
 * @param vbmetaSize its size
 * @since 0.1.0
 */
public record AvbFooter(long majorVersion, long minorVersion, long originalImageSize, long vbmetaOffset,
                        long vbmetaSize) {
}
