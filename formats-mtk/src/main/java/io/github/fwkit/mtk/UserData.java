package io.github.fwkit.mtk;

/**
 * A user-data range named by the ROM: the file system (FLASH_INFO slot 0, where NVRAM keeps IMEI,
 * RF calibration and Bluetooth pairings) or the secure data storage (MAUI_INFO SDS). It belongs to
 * one phone and is not part of a flashable kit: a kit download formats it.
 *
 * @param name {@code FAT} or {@code SDS}
 * @param flashOffset the flash address of its start
 * @param length its length in bytes
 * @param offset where it starts in the input ({@code flashOffset} plus the dump's base)
 * @param bytesPresent how many of its bytes the input covers
 * @param sourceOffset where the range was read (the FLASH_INFO or MAUI_INFO field)
 * @since 0.1.0
 */
public record UserData(String name, long flashOffset, long length, long offset, long bytesPresent, long sourceOffset) {
    /** Whether the input covers all of it. */
    public boolean covered() {
        return bytesPresent == length;
    }

    /** The input offset just past it. */
    public long end() {
        return offset + length;
    }
}
