package io.github.fwkit.mtk;

import io.github.fwkit.mtk.internal.GfhNames;

/**
 * One record of a GFH chain (MAUI {@code br_GFH.h}): the 8-byte common header
 *
 * <pre>
 *  0x0 char[3] "MMM"   0x4 u16 size (header included)
 *  0x3 u8 version      0x6 u16 type (0x0000 FILE_INFO, 0x0200 MAUI_INFO, 0x0102 CMEM_ID_INFO, ...)
 * </pre>
 *
 * @param offset where the record starts in the input
 * @param version the record version
 * @param size the record size, header included
 * @param type the record type
 * @since 0.1.0
 */
public record GfhRecord(long offset, int version, int size, int type) {
    /** The record type's name, e.g. {@code MAUI_INFO}, or {@code GFH_xxxx}. */
    public String typeName() {
        return GfhNames.recordType(type);
    }

    @Override
    public String toString() {
        return typeName() + " v" + version + " @0x" + Long.toHexString(offset) + " (0x" + Integer.toHexString(size) + ")";
    }
}
