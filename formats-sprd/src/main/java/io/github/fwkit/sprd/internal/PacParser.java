package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.sprd.PacConfig;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacFinding;
import io.github.fwkit.sprd.PacFinding.Severity;
import io.github.fwkit.sprd.PacHeader;
import io.github.fwkit.sprd.PacReadOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.fwkit.sprd.internal.Layout.*;

/**
 * Reads a PAC's header and file table (see {@link Layout} for the byte layout) and checks every
 * size and offset against the file before anything depends on it. Reads only the header, the
 * table and the config XML: never a blob. Memory is bounded by {@code maxEntries} (one
 * 2580-byte record at a time) and {@code maxConfigSize}.
 */
public final class PacParser {
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private PacParser() {
    }

    /** The parsed package. {@code dataStart} is where the first blob belongs (after the table). */
    public record Result(PacHeader header, List<PacEntry> entries, Optional<PacConfig> config,
                         List<PacFinding> findings, long dataStart) {
    }

    /** Whether {@code r} starts like a ZIP archive (some vendors ship {@code .pac} files that are). */
    public static boolean isZip(ImageReader r) throws IOException {
        if (r.size() < 4) {
            return false;
        }
        byte[] b = r.readBytes(0, 4);
        return b[0] == ZIP[0] && b[1] == ZIP[1] && b[2] == ZIP[2] && b[3] == ZIP[3];
    }

    /** Collects findings; in strict mode the serious ones are thrown instead. */
    static final class Findings {
        final boolean lenient;
        final List<PacFinding> list = new ArrayList<>();

        Findings(boolean lenient) {
            this.lenient = lenient;
        }

        void add(Severity s, String code, long offset, String path, String message) {
            list.add(new PacFinding(s, code, offset, path, message));
        }

        /** Refused by Unisoc: an exception when strict, an ERROR finding when lenient. */
        void corrupt(String code, long offset, String path, String message) throws FormatException {
            if (!lenient) {
                throw new FormatException(FORMAT, offset, path, message);
            }
            add(Severity.ERROR, code, offset, path, message);
        }
    }

    public static Result parse(ImageReader r, PacReadOptions o) throws IOException {
        long len = r.size();
        if (isZip(r)) {
            throw new UnsupportedFormatException(FORMAT, 0, "/pac", "this .pac is a ZIP archive (a \"ZIP-PAC\"), not a"
                    + " Spreadtrum package: list or unpack it as a ZIP and look for the .pac inside");
        }
        if (len < HEADER_SIZE) {
            throw new FormatException(FORMAT, 0, "/pac/header", "the file has " + len + " bytes, shorter than the "
                    + HEADER_SIZE + "-byte PAC header");
        }
        Findings f = new Findings(o.lenient());
        byte[] h = r.readBytes(0, HEADER_SIZE);
        PacHeader header = header(h);

        String v = header.version();
        boolean custom = !o.customVersion().isEmpty() && o.customVersion().equals(v);
        if (!header.isKnownVersion() && !custom) {
            String msg = "version \"" + printable(v) + "\" is neither " + V1 + " nor " + V2
                    + "; Unisoc's tools refuse it as \"unsupported PAC version\"";
            if (!o.lenient()) {
                throw new UnsupportedFormatException(FORMAT, 0, "/pac/header/szVersion", msg);
            }
            f.add(Severity.ERROR, "version", 0, "/pac/header/szVersion", msg);
        }
        if (!header.hasMagic()) {
            f.add(Severity.WARNING, "no-magic", H_MAGIC, "/pac/header/dwMagic", "magic is 0x"
                    + Long.toHexString(header.magic()) + ", not 0xfffafffa: Unisoc's tools then skip both CRC checks");
        }
        if (V1.equals(v) && Layout.u32(h, H_HI_SIZE) != 0) {
            f.add(Severity.WARNING, "v1-64bit", H_HI_SIZE, "/pac/header/dwHiSize", "a " + V1 + " header with a"
                    + " non-zero high size half: 32-bit tools see only the low half");
        }

        int n = header.fileCount();
        if (n < 1) {
            throw new FormatException(FORMAT, H_FILE_COUNT, "/pac/header/nFileCount", "entry count " + n
                    + " is not positive (it includes the config XML, so at least 1)");
        }
        if (n > o.maxEntries()) {
            throw new LimitExceededException(FORMAT, H_FILE_COUNT, "/pac/header/nFileCount", "maxEntries", o.maxEntries());
        }
        long tableSize = (long) n * ENTRY_SIZE;
        if (HEADER_SIZE + tableSize > len) {
            throw new FormatException(FORMAT, HEADER_SIZE, "/pac/table", n + " entries need a " + tableSize
                    + "-byte table, which runs past the end of the " + len + "-byte file");
        }
        if (header.tableOffset() != HEADER_SIZE) {
            // Unisoc's reader ignores the field and reads the table at 2124; so do we when lenient
            f.corrupt("table-offset", H_FILE_OFFSET, "/pac/header/dwFileOffset", "table offset "
                    + header.tableOffset() + " is not " + HEADER_SIZE);
        }

        long tableSpan = tableSize;
        byte[] table = r.readBytes(HEADER_SIZE, (int) tableSize);
        if (header.isEncrypted()) {
            if (!header.isV2()) {
                f.add(Severity.WARNING, "v1-encrypted", H_ENCRYPTED, "/pac/header/wEncrypted", "wEncrypted is set in"
                        + " a " + printable(v) + " header; Unisoc's reader honours it, so the table is read scrambled");
            }
            if (header.tableOriginalSize() != tableSize) {
                throw FormatException.mismatch(FORMAT, H_FT_ORG_SIZE, "/pac/header/dwFTOrgSize", tableSize,
                        header.tableOriginalSize());
            }
            if (header.tableStoredSize() != tableSize) {
                if (header.tableStoredSize() < tableSize || !o.lenient()
                        || HEADER_SIZE + header.tableStoredSize() > len) {
                    throw FormatException.mismatch(FORMAT, H_FT_ENC_SIZE, "/pac/header/dwFTEncryptedSize", tableSize,
                            header.tableStoredSize());
                }
                f.add(Severity.ERROR, "table-size", H_FT_ENC_SIZE, "/pac/header/dwFTEncryptedSize", "stored table size "
                        + header.tableStoredSize() + " is not " + tableSize + "; blobs are taken to follow it");
                tableSpan = header.tableStoredSize();
            }
            scramble(table, 0, table.length, o.key() == 0 ? DEFAULT_KEY : o.key());
            int crc = Crc16.of(table);
            if (crc != header.tableCrc()) {
                throw new FormatException(FORMAT, H_FT_CRC, "/pac/header/wFTCRC", "the decrypted file table has CRC 0x"
                        + Integer.toHexString(crc) + ", the header says 0x" + Integer.toHexString(header.tableCrc())
                        + ": a different key (" + (o.key() == 0 ? "the default 0x20160707 was used" : "0x"
                        + Integer.toHexString(o.key()) + " was used") + ") or a damaged table");
            }
        }
        long dataStart = HEADER_SIZE + tableSpan;

        if (header.totalSize() != len) {
            String what = Long.compareUnsigned(header.totalSize(), len) > 0
                    ? "the file is truncated: the header records " + Long.toUnsignedString(header.totalSize())
                    + " bytes, the file has " + len
                    : "the header records " + Long.toUnsignedString(header.totalSize()) + " bytes but the file has "
                    + len + " (trailing bytes, or the size was never filled in)";
            f.corrupt("size", H_HI_SIZE, "/pac/header/dwHiSize:dwLoSize", what);
        }

        List<PacEntry> raw = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            raw.add(entry(table, i, header, len, dataStart, f));
        }
        List<PacEntry> entries = withOutputNames(raw, f);
        layout(entries, dataStart, len, f);

        Optional<PacConfig> config = config(r, entries.get(n - 1), o, f);
        config.ifPresent(c -> join(c, header, entries, f));
        return new Result(header, List.copyOf(entries), config, List.copyOf(f.list), dataStart);
    }

    static PacHeader header(byte[] h) {
        long hi = u32(h, H_HI_SIZE);
        long lo = u32(h, H_LO_SIZE);
        return new PacHeader(utf16(h, H_VERSION, H_VERSION_LEN_V2), hi << 32 | lo, utf16(h, H_PRODUCT, STRING_LEN),
                utf16(h, H_PRODUCT_VERSION, STRING_LEN), (int) u32(h, H_FILE_COUNT), u32(h, H_FILE_OFFSET),
                u32(h, H_MODE), u32(h, H_FLASH_TYPE), u32(h, H_NAND_STRATEGY), u32(h, H_NV_BACKUP),
                u32(h, H_NAND_PAGE_TYPE), utf16(h, H_ALIAS, H_ALIAS_LEN), u32(h, H_OMA_DM_PRODUCT_FLAG),
                u32(h, H_IS_OMA_DM), u32(h, H_IS_PRELOAD), u16(h, H_ENCRYPTED), u16(h, H_FT_CRC),
                u32(h, H_FT_ORG_SIZE), u32(h, H_FT_ENC_SIZE), u32(h, H_MAGIC), u16(h, H_CRC1), u16(h, H_CRC2));
    }

    private static PacEntry entry(byte[] t, int i, PacHeader header, long len, long dataStart, Findings f)
            throws FormatException {
        int base = i * ENTRY_SIZE;
        long at = HEADER_SIZE + (long) base;
        String path = "/pac/entries[" + i + "]";
        long recordSize = u32(t, base + E_SIZE_FIELD);
        if (recordSize != ENTRY_SIZE) {
            f.corrupt("record-size", at, path + "/dwSize", "record size " + recordSize + " is not " + ENTRY_SIZE);
        }
        long hiSize = u32(t, base + E_HI_SIZE);
        long hiOffset = u32(t, base + E_HI_OFFSET);
        long size = hiSize << 32 | u32(t, base + E_LO_SIZE);
        long offset = hiOffset << 32 | u32(t, base + E_LO_OFFSET);
        boolean intact = true;
        if (size < 0 || offset < 0) {
            f.corrupt("entry-range", at + E_HI_SIZE, path + (size < 0 ? "/size" : "/offset"),
                    "size or offset has bit 63 set (size 0x" + Long.toHexString(size) + ", offset 0x"
                            + Long.toHexString(offset) + ")");
            intact = false;
        } else if (size > 0) {
            if (offset < dataStart) {
                f.corrupt("entry-range", at + E_LO_OFFSET, path + "/offset", "blob offset 0x" + Long.toHexString(offset)
                        + " lies inside the header or file table (blobs start at 0x" + Long.toHexString(dataStart) + ")");
                intact = false;
            } else if (size > len - offset) {
                f.corrupt("entry-range", at + E_LO_SIZE, path + "/size", "blob [0x" + Long.toHexString(offset) + ", +0x"
                        + Long.toHexString(size) + ") runs past the end of the file at 0x" + Long.toHexString(len));
                intact = false;
            }
        }
        if ((hiSize != 0 || hiOffset != 0) && V1.equals(header.version())) {
            f.add(Severity.WARNING, "v1-64bit", at + E_HI_SIZE, path, "64-bit size or offset in a " + V1
                    + " package: 32-bit tools see only the low halves");
        }
        long addrNum = u32(t, base + E_ADDR_NUM);
        if (addrNum > MAX_ADDR) {
            f.add(Severity.WARNING, "addr-count", at + E_ADDR_NUM, path + "/dwAddrNum", "address count " + addrNum
                    + " exceeds " + MAX_ADDR + "; only " + MAX_ADDR + " are stored");
        }
        List<Long> addrs = new ArrayList<>();
        for (int k = 0; k < Math.min(addrNum, MAX_ADDR); k++) {
            addrs.add(u32(t, base + E_ADDR + 4 * k));
        }
        return new PacEntry(i, at, recordSize, utf16(t, base + E_ID, STRING_LEN), utf16(t, base + E_NAME, STRING_LEN),
                utf16(t, base + E_VERSION, E_VERSION_LEN_V2), size, offset, (int) u32(t, base + E_FLAG),
                u32(t, base + E_CHECK), u32(t, base + E_OMIT), addrNum, addrs, "", intact);
    }

    private static List<PacEntry> withOutputNames(List<PacEntry> entries, Findings f) {
        List<String> safe = new ArrayList<>();
        List<PacEntry> withData = new ArrayList<>();
        for (PacEntry e : entries) {
            if (!e.hasData()) {
                continue;
            }
            String fallback = e.id().isEmpty() ? "entry" + e.index() + ".bin" : Names.safe(e.id(), "entry") + ".bin";
            String s = Names.safe(e.name(), fallback);
            String path = "/pac/entries[" + e.index() + "]/szFileName";
            if (Names.hasFlagSuffix(e.name())) {
                f.add(Severity.WARNING, "flag-name", e.recordOffset() + E_NAME, path, "stored name \"" + printable(e.name())
                        + "\" ends in .flag: ResearchDownload treats such rows as \"load from PAC\" (Unisoc's repack"
                        + " quirk); extracted as \"" + s + "\"");
            } else if (!s.equals(e.name())) {
                f.add(Severity.WARNING, "unsafe-name", e.recordOffset() + E_NAME, path, "stored name \""
                        + printable(e.name()) + "\" is not a safe file name; extracted as \"" + s + "\"");
            }
            safe.add(s);
            withData.add(e);
        }
        List<String> unique = Names.dedupe(safe);
        Map<Integer, String> byIndex = new HashMap<>();
        for (int k = 0; k < withData.size(); k++) {
            PacEntry e = withData.get(k);
            byIndex.put(e.index(), unique.get(k));
            if (!unique.get(k).equals(safe.get(k))) {
                f.add(Severity.INFO, "duplicate-name", e.recordOffset() + E_NAME, "/pac/entries[" + e.index()
                        + "]/szFileName", "name \"" + printable(e.name()) + "\" repeats an earlier entry's; extracted as \""
                        + unique.get(k) + "\" (as Unisoc's tools name it)");
            }
        }
        List<PacEntry> out = new ArrayList<>(entries.size());
        for (PacEntry e : entries) {
            String name = byIndex.getOrDefault(e.index(), "");
            out.add(new PacEntry(e.index(), e.recordOffset(), e.recordSize(), e.id(), e.name(), e.fileVersion(),
                    e.size(), e.offset(), e.fileFlag(), e.checkFlag(), e.canOmitFlag(), e.addressCount(), e.addresses(),
                    name, e.intact()));
        }
        return out;
    }

    /**
     * Canonical layout: blobs back to back in table order from the end of the table, which is
     * what Unisoc's sequential reader assumes (it ignores the offsets); anything else makes it
     * and offset-based readers extract different bytes while CRC2 still passes.
     */
    private static void layout(List<PacEntry> entries, long dataStart, long len, Findings f) {
        long expected = dataStart;
        boolean contiguous = true;
        for (PacEntry e : entries) {
            String path = "/pac/entries[" + e.index() + "]";
            if (!e.hasData()) {
                if (e.offset() != 0) {
                    f.add(Severity.INFO, "empty-offset", e.recordOffset() + E_LO_OFFSET, path + "/offset",
                            "entry without a blob has offset 0x" + Long.toHexString(e.offset()) + " (writers store 0)");
                }
                continue;
            }
            if (e.offset() != expected) {
                if (contiguous) {
                    f.add(Severity.WARNING, "non-contiguous", e.recordOffset() + E_LO_OFFSET, path + "/offset",
                            "blob of " + e.label() + " is at 0x" + Long.toHexString(e.offset()) + " but the blobs before it"
                                    + " end at 0x" + Long.toHexString(expected) + ": Unisoc's flash tool reads blobs back to"
                                    + " back and would take different bytes for this and later entries than"
                                    + " offset-based extractors");
                } else {
                    f.add(Severity.WARNING, "non-contiguous", e.recordOffset() + E_LO_OFFSET, path + "/offset",
                            "blob of " + e.label() + " is at 0x" + Long.toHexString(e.offset()) + ", the running sum gives 0x"
                                    + Long.toHexString(expected));
                }
                contiguous = false;
            }
            expected = satAdd(expected, e.size());
        }
        List<PacEntry> sorted = new ArrayList<>();
        for (PacEntry e : entries) {
            if (e.hasData() && e.intact()) {
                sorted.add(e);
            }
        }
        sorted.sort(Comparator.comparingLong(PacEntry::offset).thenComparingInt(PacEntry::index));
        PacEntry reach = null;
        for (PacEntry e : sorted) {
            if (reach != null && e.offset() < reach.end()) {
                f.add(Severity.WARNING, "overlap", e.offset(), "/pac/entries[" + e.index() + "]/offset", "blob of "
                        + e.label() + " [0x" + Long.toHexString(e.offset()) + ", 0x" + Long.toHexString(e.end())
                        + ") overlaps the blob of " + reach.label() + " [0x" + Long.toHexString(reach.offset()) + ", 0x"
                        + Long.toHexString(reach.end()) + ")");
            }
            if (reach == null || e.end() > reach.end()) {
                reach = e;
            }
        }
        if (expected != len) {
            f.add(Severity.WARNING, "size-sum", -1, "/pac/entries", "header, table and blobs add up to "
                    + Long.toUnsignedString(expected) + " bytes but the file has " + len
                    + (expected < len ? " (gaps or trailing bytes)" : " (blobs overlap or run past the end)")
                    + "; fastboot's flash-pac requires them to be equal");
        }
        for (int i = 0; i < entries.size() - 1; i++) {
            PacEntry e = entries.get(i);
            if (e.fileFlag() == 2) {
                f.add(Severity.WARNING, "config-not-last", e.recordOffset() + E_FLAG, "/pac/entries[" + i + "]/nFileFlag",
                        "entry " + e.label() + " has the config flag 2 but is not the last entry; Unisoc's tools take only"
                                + " the last entry as the config");
            }
        }
    }

    private static long satAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private static Optional<PacConfig> config(ImageReader r, PacEntry last, PacReadOptions o, Findings f)
            throws IOException {
        String path = "/pac/entries[" + last.index() + "]";
        if (!last.hasData()) {
            f.add(Severity.WARNING, "no-config", last.recordOffset(), path, "the last entry, which Unisoc's tools take as"
                    + " the config XML, has no data");
            return Optional.empty();
        }
        if (!last.intact()) {
            return Optional.empty();
        }
        if (last.size() > o.maxConfigSize()) {
            f.add(Severity.WARNING, "config-size", last.offset(), path, "the config XML has " + last.size()
                    + " bytes, more than the " + o.maxConfigSize() + "-byte limit (maxConfigSize); not parsed");
            return Optional.empty();
        }
        byte[] xml = r.readBytes(last.offset(), (int) last.size());
        try {
            return Optional.of(ConfigParser.parse(xml));
        } catch (FormatException e) {
            f.add(Severity.WARNING, "config", last.offset() + Math.max(0, e.offset()), path, "the config XML "
                    + last.name() + " is not readable: " + e.problem());
            return Optional.empty();
        }
    }

    private static void join(PacConfig c, PacHeader h, List<PacEntry> entries, Findings f) {
        if (c.product(h.productName()).isEmpty()) {
            f.add(Severity.WARNING, "product-name", H_PRODUCT, "/pac/header/szPrdName", "no Product in the config XML is"
                    + " named \"" + printable(h.productName()) + "\" (with or without PAC_); Unisoc's tools look it up by"
                    + " that name");
        }
        Optional<PacConfig.Scheme> scheme = c.scheme(h.productName());
        if (scheme.isEmpty()) {
            return;
        }
        Set<String> rowIds = new HashSet<>();
        for (PacConfig.FileRow row : scheme.get().files()) {
            rowIds.add(row.id().toLowerCase(Locale.ROOT));
        }
        Set<String> entryIds = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (PacEntry e : entries) {
            if (!e.id().isEmpty()) {
                entryIds.add(e.id().toLowerCase(Locale.ROOT));
                if (!rowIds.contains(e.id().toLowerCase(Locale.ROOT))) {
                    unknown.add(e.id());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (PacConfig.FileRow row : scheme.get().files()) {
            if (!row.id().isEmpty() && !entryIds.contains(row.id().toLowerCase(Locale.ROOT))) {
                missing.add(row.id());
            }
        }
        if (!unknown.isEmpty()) {
            f.add(Severity.INFO, "id-not-in-xml", -1, "/pac/entries", "entries whose ID no row of scheme \""
                    + printable(scheme.get().name()) + "\" has: " + list(unknown));
        }
        if (!missing.isEmpty()) {
            f.add(Severity.INFO, "xml-row-missing", -1, "/xml", "rows of scheme \"" + printable(scheme.get().name())
                    + "\" without an entry: " + list(missing));
        }
    }

    private static String list(List<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size() && i < 20; i++) {
            sb.append(i == 0 ? "" : ", ").append(printable(ids.get(i)));
        }
        if (ids.size() > 20) {
            sb.append(", ... (").append(ids.size()).append(" in all)");
        }
        return sb.toString();
    }

    /** Untrusted text for messages: control characters escaped, length capped. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (sb.length() > 120) {
                sb.append("...");
                break;
            }
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u202e' || c == '\u202d') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The plain file table as stored in {@code r} (decrypted if needed), for a writer that keeps
     * every field it does not rebuild. {@code header} must come from a successful parse of {@code r}.
     */
    public static byte[] plainTable(ImageReader r, PacHeader header, int key) throws IOException {
        byte[] table = r.readBytes(HEADER_SIZE, Math.multiplyExact(header.fileCount(), ENTRY_SIZE));
        if (header.isEncrypted()) {
            scramble(table, 0, table.length, key == 0 ? DEFAULT_KEY : key);
        }
        return table;
    }
}
