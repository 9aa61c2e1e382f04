package io.github.fwkit.sprd;

/**
 * The 2124-byte header of a Spreadtrum/Unisoc {@code .pac} package, every field as stored.
 * Both versions are read with the {@code BP_R2.0.1} layout: in {@code BP_R1.0.0} files the
 * V2-only fields ({@code dwHiSize}, the encrypted-table fields) fall on bytes that are zero,
 * exactly as Unisoc's own reader assumes.
 *
 * @param version the version string, {@code BP_R1.0.0} or {@code BP_R2.0.1} in valid packages
 * @param totalSize {@code dwHiSize:dwLoSize}, the size the writer recorded for the whole file
 * @param productName {@code szPrdName}, equal to the XML {@code Product@name}
 * @param productVersion {@code szPrdVersion}, the firmware version
 * @param fileCount {@code nFileCount}, entries including the config XML (signed in the format)
 * @param tableOffset {@code dwFileOffset}, always 2124 (Unisoc's reader ignores it)
 * @param mode {@code dwMode}: 0 single, 1 dual
 * @param flashType {@code dwFlashType}: 0 NOR, 1 NAND (eMMC packages also 1)
 * @param nandStrategy {@code dwNandStrategy}: repartition 0 always, 1 stop, 2 ignore, 3 do
 * @param nvBackup {@code dwIsNvBackup}: back up NV items before flashing
 * @param nandPageType {@code dwNandPageType}
 * @param productAlias {@code szPrdAlias}
 * @param omaDmProductFlag {@code dwOmaDmProductFlag}
 * @param omaDm {@code dwIsOmaDM}
 * @param preload {@code dwIsPreload}
 * @param encrypted {@code wEncrypted}: non-zero when the file table is scrambled
 * @param tableCrc {@code wFTCRC}: CRC-16 of the plain table (encrypted packages)
 * @param tableOriginalSize {@code dwFTOrgSize} (encrypted packages)
 * @param tableStoredSize {@code dwFTEncryptedSize} (encrypted packages)
 * @param magic {@code dwMagic}, {@code 0xFFFAFFFA} in packages whose CRCs are meant to be checked
 * @param headerCrc {@code wCRC1}, CRC-16/ARC of header bytes [0, 2120)
 * @param bodyCrc {@code wCRC2}, CRC-16/ARC of bytes [2124, end of file)
 * @since 0.1.0
 */
public record PacHeader(String version, long totalSize, String productName, String productVersion, int fileCount,
                        long tableOffset, long mode, long flashType, long nandStrategy, long nvBackup,
                        long nandPageType, String productAlias, long omaDmProductFlag, long omaDm, long preload,
                        int encrypted, int tableCrc, long tableOriginalSize, long tableStoredSize, long magic,
                        int headerCrc, int bodyCrc) {

    /** {@code BP_R1.0.0}: 32-bit sizes and offsets. */
    public static final String V1 = "BP_R1.0.0";
    /** {@code BP_R2.0.1}: 64-bit sizes and offsets, optional encrypted table. */
    public static final String V2 = "BP_R2.0.1";
    /** {@code dwMagic} of packages with CRCs. */
    public static final long MAGIC = 0xFFFAFFFAL;

    /** Whether {@link #version()} is one of the two versions Unisoc's tools accept by default. */
    public boolean isKnownVersion() {
        return V1.equals(version) || V2.equals(version);
    }

    /** Whether the package uses the 64-bit {@code BP_R2.0.1} layout. */
    public boolean isV2() {
        return V2.equals(version);
    }

    /** Whether the magic is present; Unisoc's tools check the CRCs only then. */
    public boolean hasMagic() {
        return magic == MAGIC;
    }

    /** Whether the file table is stored scrambled ("safe PAC"). */
    public boolean isEncrypted() {
        return encrypted != 0;
    }

    @Override
    public String toString() {
        return "PacHeader[" + version + ", product \"" + productName + "\" \"" + productVersion + "\", " + fileCount
                + " entries, " + totalSize + " bytes" + (isEncrypted() ? ", encrypted table" : "") + "]";
    }
}
