package io.github.fwkit.mtk;

import io.github.fwkit.mtk.internal.GfhNames;

/**
 * The GFH {@code FILE_INFO} record that starts every SV5 image (MAUI {@code br_GFH_file_info.h};
 * little-endian, offsets from the record start):
 *
 * <pre>
 *  0x00 "MMM" 01 38 00 00 00   header: magic, version 1, size 0x38, record type 0
 *  0x08 char[12] "FILE_INFO"
 *  0x14 u32 file_ver            0x28 u32 content_offset  end of the GFH chain; code starts here
 *  0x18 u16 file_type           0x2C u32 sig_len         0x20 for PHASH
 *  0x1A u8  flash_dev (7 = SF)  0x30 u32 jump_offset     entry = load_addr + jump_offset
 *  0x1B u8  sig_type (1 PHASH)  0x34 u32 attr            bit0 post-build done, bit1 XIP
 *  0x1C u32 load_addr           for XIP images also flash offset + 0x10000000
 *  0x20 u32 file_len            whole image incl. GFH and signature = size of the kit file
 *  0x24 u32 max_size            0xFFFFFFFF = ignored
 * </pre>
 *
 * All values are unsigned and held in wider Java types.
 *
 * @param fileVersion {@code file_ver}
 * @param fileType {@code file_type}, e.g. 0x0100 PRIMARY_MAUI
 * @param flashDevice {@code flash_dev}
 * @param signatureType {@code sig_type}
 * @param loadAddress {@code load_addr}
 * @param fileLength {@code file_len}
 * @param maxSize {@code max_size}
 * @param contentOffset {@code content_offset}
 * @param signatureLength {@code sig_len}
 * @param jumpOffset {@code jump_offset}
 * @param attributes {@code attr}
 * @since 0.1.0
 */
public record FileInfo(long fileVersion, int fileType, int flashDevice, int signatureType, long loadAddress,
                       long fileLength, long maxSize, long contentOffset, long signatureLength, long jumpOffset,
                       long attributes) {
    /** The size of the record. */
    public static final int SIZE = 0x38;
    /** Serial flash is mapped at this address: an XIP image sits at {@code load_addr} minus this. */
    public static final long SF_BASE = 0x10000000L;
    /** Flash tools mask load addresses with 0x07FFFFFF, so the mapped window is 128 MiB. */
    public static final long SF_WINDOW = 0x08000000L;
    /** {@code flash_dev} of serial flash, on every SV5 watch sample. */
    public static final int DEVICE_SF = 7;
    /** {@code sig_type} of the SHA-1 trailer the boot chain checks. */
    public static final int SIG_PHASH = 1;

    /** The name of {@link #fileType()}: {@code PRIMARY_MAUI}, {@code ARM_BL}, or {@code FILE_xxxx}. */
    public String typeName() {
        return GfhNames.fileType(fileType);
    }

    /** Whether {@code attr} says the image executes in place from flash. */
    public boolean xip() {
        return (attributes & 0x2) != 0;
    }

    /** Whether the post-build step ran ({@code attr} bit0 and a real {@code file_len}). */
    public boolean postBuildDone() {
        return (attributes & 0x1) != 0 && fileLength != 0xFFFFFFFFL;
    }

    /**
     * The flash offset implied by the load address ({@code load_addr − 0x10000000}), or -1 when
     * the load address is not in the serial-flash window (SRAM bootloaders).
     */
    public long xipFlashOffset() {
        return loadAddress >= SF_BASE && loadAddress < SF_BASE + SF_WINDOW ? loadAddress - SF_BASE : -1;
    }

    /** The cfg region this type belongs to. */
    public KitRegion region() {
        return GfhNames.region(fileType);
    }
}
