package io.github.fwkit.sprd.internal;

import java.nio.charset.StandardCharsets;

/**
 * Field offsets of a Spreadtrum PAC (spec {@code spreadtrum-pac.md}, sections 3-5), shared by
 * the reader and the writer so both use the same numbers.
 *
 * <pre>
 * File
 *      0  header, 2124 bytes
 *   2124  file table, nFileCount x 2580 bytes (XOR-scrambled when wEncrypted != 0)
 *   2124 + n*2580  blob of every entry with size > 0, in table order, back to back
 *    EOF  = hi:lo total size; the config XML is the last entry and the last blob
 *
 * Header (V2 layout; in BP_R1.0.0 files the V2-only fields fall on zero bytes)
 *      0 WCHAR[22] szVersion      V1: WCHAR[24], so 44..47 are version chars (zero)
 *     44 u32 dwHiSize             total size, high half (V2)
 *     48 u32 dwLoSize             total size, low half
 *     52 WCHAR[256] szPrdName     = XML Product@name
 *    564 WCHAR[256] szPrdVersion
 *   1076 i32 nFileCount           entries, the XML included
 *   1080 u32 dwFileOffset         2124
 *   1084 u32 dwMode, 1088 dwFlashType, 1092 dwNandStrategy, 1096 dwIsNvBackup, 1100 dwNandPageType
 *   1104 WCHAR[100] szPrdAlias
 *   1304 u32 dwOmaDmProductFlag, 1308 dwIsOmaDM, 1312 dwIsPreload
 *   1316 u16 wEncrypted           (V2) table scrambled
 *   1318 u16 wFTCRC               (V2) CRC-16 of the plain table
 *   1320 u32 dwFTOrgSize          (V2) n*2580
 *   1324 u32 dwFTEncryptedSize    (V2) stored table size
 *   1328 reserved, zero
 *   2116 u32 dwMagic              0xFFFAFFFA
 *   2120 u16 wCRC1                CRC-16 of header bytes [0, 2120)
 *   2122 u16 wCRC2                CRC-16 of bytes [2124, EOF)
 *
 * File table entry
 *      0 u32 dwSize               2580
 *      4 WCHAR[256] szFileID      joins XML File/ID, case-insensitively
 *    516 WCHAR[256] szFileName    bare name; empty for operations
 *   1028 WCHAR[252] szFileVersion V1: WCHAR[256], so 1532..1539 are zero there
 *   1532 u32 dwHiFileSize, 1536 u32 dwHiDataOffset   (V2)
 *   1540 u32 dwLoFileSize         0 = no blob
 *   1544 i32 nFileFlag            0 operation, 1 file, 2 XML, 0x101 FDL (Perl packer)
 *   1548 u32 nCheckFlag, 1552 u32 dwLoDataOffset, 1556 u32 dwCanOmitFlag
 *   1560 u32 dwAddrNum            valid dwAddr entries, at most 5
 *   1564 u32[5] dwAddr
 *   1584 reserved, zero
 * </pre>
 */
public final class Layout {
    public static final String FORMAT = "sprd-pac";

    public static final int HEADER_SIZE = 2124;
    public static final int ENTRY_SIZE = 2580;
    public static final long MAGIC = 0xFFFAFFFAL;
    public static final String V1 = "BP_R1.0.0";
    public static final String V2 = "BP_R2.0.1";

    public static final int H_VERSION = 0;
    public static final int H_VERSION_LEN_V2 = 44;
    public static final int H_VERSION_LEN_V1 = 48;
    public static final int H_HI_SIZE = 44;
    public static final int H_LO_SIZE = 48;
    public static final int H_PRODUCT = 52;
    public static final int H_PRODUCT_VERSION = 564;
    public static final int H_FILE_COUNT = 1076;
    public static final int H_FILE_OFFSET = 1080;
    public static final int H_MODE = 1084;
    public static final int H_FLASH_TYPE = 1088;
    public static final int H_NAND_STRATEGY = 1092;
    public static final int H_NV_BACKUP = 1096;
    public static final int H_NAND_PAGE_TYPE = 1100;
    public static final int H_ALIAS = 1104;
    public static final int H_ALIAS_LEN = 200;
    public static final int H_OMA_DM_PRODUCT_FLAG = 1304;
    public static final int H_IS_OMA_DM = 1308;
    public static final int H_IS_PRELOAD = 1312;
    public static final int H_ENCRYPTED = 1316;
    public static final int H_FT_CRC = 1318;
    public static final int H_FT_ORG_SIZE = 1320;
    public static final int H_FT_ENC_SIZE = 1324;
    public static final int H_V2_FIELDS_END = 1328;
    public static final int H_MAGIC = 2116;
    public static final int H_CRC1 = 2120;
    public static final int H_CRC2 = 2122;
    public static final int STRING_LEN = 512;

    public static final int E_SIZE_FIELD = 0;
    public static final int E_ID = 4;
    public static final int E_NAME = 516;
    public static final int E_VERSION = 1028;
    public static final int E_VERSION_LEN_V2 = 504;
    public static final int E_HI_SIZE = 1532;
    public static final int E_HI_OFFSET = 1536;
    public static final int E_LO_SIZE = 1540;
    public static final int E_FLAG = 1544;
    public static final int E_CHECK = 1548;
    public static final int E_LO_OFFSET = 1552;
    public static final int E_OMIT = 1556;
    public static final int E_ADDR_NUM = 1560;
    public static final int E_ADDR = 1564;
    public static final int MAX_ADDR = 5;

    /** Key of Unisoc's SafeProtector when none is set ({@code SetSafeKey(0)}). */
    public static final int DEFAULT_KEY = 0x20160707;

    private Layout() {
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static long u32(byte[] b, int off) {
        return (u16(b, off) | (long) u16(b, off + 2) << 16) & 0xffffffffL;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int off, long v) {
        put16(b, off, (int) v);
        put16(b, off + 2, (int) (v >>> 16));
    }

    /**
     * A UTF-16LE field up to the first U+0000 or the field end. Unpaired surrogates become
     * U+FFFD (Java's decoder does that), so names survive as text and are sanitised later.
     */
    public static String utf16(byte[] b, int off, int len) {
        int end = off;
        while (end + 1 < off + len && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_16LE);
    }

    /**
     * Writes {@code s} as UTF-16LE into a field of {@code len} bytes, NUL-padded.
     *
     * @throws IllegalArgumentException if it does not fit with at least one terminating NUL
     */
    public static void putUtf16(byte[] b, int off, int len, String s, String what) {
        byte[] enc = s.getBytes(StandardCharsets.UTF_16LE);
        if (enc.length > len - 2) {
            throw new IllegalArgumentException(what + " \"" + s + "\" is " + s.length() + " UTF-16 units; the field holds "
                    + (len / 2 - 1));
        }
        java.util.Arrays.fill(b, off, off + len, (byte) 0);
        System.arraycopy(enc, 0, b, off, enc.length);
    }

    /**
     * Scrambles or unscrambles a file table in place: Unisoc's SafeProtector maps each byte to
     * {@code (0xFFFFFFFF - (K ^ b)) & 0xFF}, which equals {@code b ^ (~K & 0xFF)} (an involution
     * using the key's low byte only; {@code b ^ 0xF8} for the default key).
     */
    public static void scramble(byte[] b, int off, int len, int key) {
        byte x = (byte) ~key;
        for (int i = off; i < off + len; i++) {
            b[i] ^= x;
        }
    }
}
