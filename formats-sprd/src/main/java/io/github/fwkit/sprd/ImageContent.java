package io.github.fwkit.sprd;

/**
 * What a partition image or read-back holds, from its signatures (spec section 12).
 *
 * @since 0.1.0
 */
public enum ImageContent {
    /** No bytes at all. */
    EMPTY,
    /** An Android sparse image ({@code 3A FF 26 ED} at 0): not a raw read-back. */
    ANDROID_SPARSE,
    /** A Spreadtrum signed-image header ({@code DHTB} at 0) in front of a payload. */
    DHTB,
    /** An Android boot image ({@code ANDROID!}). */
    ANDROID_BOOT,
    /** An AVB vbmeta image ({@code AVB0}). */
    AVB_VBMETA,
    /** A liblp {@code super} partition (geometry magic at 4096). */
    LP_SUPER,
    /** An ext2/3/4 file system ({@code 0xEF53} at 0x438). */
    EXT4,
    /** An F2FS file system. */
    F2FS,
    /** An EROFS file system. */
    EROFS,
    /** Raw UBI flash ({@code UBI#}). */
    UBI,
    /** A UBIFS volume. */
    UBIFS,
    /** Every sampled block is zero: an unused partition, or a failed read. */
    ZEROS,
    /** Every sampled block is {@code FF}: erased flash. */
    ERASED,
    /** Nothing recognised. */
    UNKNOWN
}
