package io.github.fwkit.sprd;

import java.util.List;
import java.util.Objects;

/**
 * One row of a PAC file table, every field as stored, plus what fwkit derived from it.
 *
 * @param index position in the table, from 0
 * @param recordOffset where the 2580-byte record starts in the file
 * @param recordSize {@code dwSize}, 2580 in valid packages
 * @param id {@code szFileID}: joins XML {@code File/ID} case-insensitively; empty for the config
 *     XML and for "other" files the GUI packer appends
 * @param name {@code szFileName}, the stored name as is (it may be empty, contain path separators,
 *     end in {@code .flag}, ...; see {@link #outputName()} for what extraction uses)
 * @param fileVersion {@code szFileVersion}, unused by the tools, normally empty
 * @param size the blob size ({@code dwHiFileSize:dwLoFileSize}); 0 = no blob
 * @param offset the blob's absolute offset ({@code dwHiDataOffset:dwLoDataOffset}); 0 without blob
 * @param fileFlag {@code nFileFlag}: 0 operation, 1 file, 2 config XML, 0x101 FDL (Unisoc's Perl
 *     packer); GUI-built packages may carry 1 for FDLs, so identify FDLs by ID or XML type
 * @param checkFlag {@code nCheckFlag}: the row was ticked for download when packed
 * @param canOmitFlag {@code dwCanOmitFlag}: 1 = the row may be left out
 * @param addressCount {@code dwAddrNum} as stored (valid are at most 5)
 * @param addresses the first {@code min(dwAddrNum, 5)} of {@code dwAddr[5]}
 * @param outputName the sanitised, de-duplicated file name extraction writes (the stored name
 *     with {@code name(1)}, {@code name(2)} ... for repeats, as Unisoc's tools do); empty for
 *     entries without a blob
 * @param intact whether the blob lies inside the file (always true after a strict read)
 * @since 0.1.0
 */
public record PacEntry(int index, long recordOffset, long recordSize, String id, String name, String fileVersion,
                       long size, long offset, int fileFlag, long checkFlag, long canOmitFlag, long addressCount,
                       List<Long> addresses, String outputName, boolean intact) {

    /** What an entry is for. */
    public enum Kind {
        /** The product's XML configuration: the last entry, whatever its flag. */
        CONFIG,
        /** A blob to download. */
        FILE,
        /** An operation without a file ({@code FLASH}, {@code EraseUBOOT}, ...): empty name, no blob. */
        OPERATION,
        /** A named row without a blob (no file was chosen when packing). */
        EMPTY
    }

    public PacEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileVersion, "fileVersion");
        Objects.requireNonNull(outputName, "outputName");
        addresses = List.copyOf(addresses);
    }

    /** Whether the entry has a blob ({@code size > 0}); readers skip the others. */
    public boolean hasData() {
        return size > 0;
    }

    /** The blob's end offset (exclusive). */
    public long end() {
        return offset + size;
    }

    /**
     * The entry's kind. {@code last} tells whether it is the last entry of its table, which
     * Unisoc's readers take as the config XML whatever its flag.
     */
    public Kind kind(boolean last) {
        if (last) {
            return Kind.CONFIG;
        }
        if (size > 0) {
            return Kind.FILE;
        }
        return name.isEmpty() ? Kind.OPERATION : Kind.EMPTY;
    }

    /** A label for messages: the ID, else the name, else the index. */
    public String label() {
        if (!id.isEmpty()) {
            return id;
        }
        return name.isEmpty() ? "#" + index : name;
    }

    @Override
    public String toString() {
        return "PacEntry[" + index + " id=\"" + id + "\" name=\"" + name + "\" size=" + size + " offset=0x"
                + Long.toHexString(offset) + " flag=0x" + Integer.toHexString(fileFlag) + "]";
    }
}
