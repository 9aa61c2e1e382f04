package io.github.fwkit.mtk;

import java.util.Objects;

/**
 * A run of the dump and what it holds. The regions of a {@link MtkRomLayout} cover the whole dump
 * in order, without overlap: every byte is accounted for.
 *
 * @param offset the first byte, in the input
 * @param length bytes in the run, positive
 * @param kind what the bytes are
 * @param label a short name: the kit file name for images, {@code FAT}, {@code SDS}, ...
 * @param erasedBytes how many of the bytes are 0xFF (erased flash), so blankness can be judged per
 *     region instead of over the whole dump
 * @since 0.1.0
 */
public record Region(long offset, long length, Kind kind, String label, long erasedBytes) {

    /** What a region holds. */
    public enum Kind {
        /** Bytes before flash address 0 (the read started early). */
        PREFIX,
        /** The Download Agent's header block (SF_BOOT, BRLYT), flash 0 to 0x7FF. */
        HEADER_BLOCK,
        /** A GFH image: a kit file. */
        IMAGE,
        /** The file system (FAT under MediaTek's NOR FDM) or SDS: this device's own data. */
        USER_DATA,
        /** All 0xFF outside the structures above: erased, unused flash. */
        FREE,
        /** Data that no structure explains (stale bytes of older firmware, damage, or not MediaTek at all). */
        UNEXPLAINED,
        /** A repeat of the chip's start: the read was longer than the chip and wrapped around. */
        MIRROR
    }

    public Region {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        if (offset < 0 || length <= 0 || erasedBytes < 0 || erasedBytes > length) {
            throw new IllegalArgumentException("bad region 0x" + Long.toHexString(offset) + "+0x" + Long.toHexString(length));
        }
    }

    /** The offset just past the region. */
    public long end() {
        return offset + length;
    }

    /** The share of 0xFF bytes, 0.0 to 1.0. */
    public double erasedFraction() {
        return (double) erasedBytes / length;
    }
}
