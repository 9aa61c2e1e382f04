package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sprd.internal.CrcScanner;
import io.github.fwkit.sprd.internal.Extractor;
import io.github.fwkit.sprd.internal.Layout;
import io.github.fwkit.sprd.internal.Names;
import io.github.fwkit.sprd.internal.PacParser;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Spreadtrum/Unisoc {@code .pac} firmware package ({@code BP_R1.0.0} or {@code BP_R2.0.1}):
 * header, file table, config XML, and the operations on them.
 *
 * <p>Get one with {@link #open(Path)} or {@link #read(ImageReader)}. Reading parses the 2124-byte
 * header and the file table (decrypting a "safe PAC" table), checks every size and offset against
 * the file, parses the config XML and joins it to the entries by ID; it never reads a blob, so it
 * is instant on multi-GiB packages. {@link #verify} then streams the file for the CRCs,
 * {@link #extract} writes blobs to a folder, {@link #blob} gives random access to one.
 * {@link PacWriter} builds and repacks packages.
 *
 * <pre>{@code
 * try (Pac pac = Pac.open(Path.of("firmware.pac"))) {
 *     for (PacEntry e : pac.entries()) {
 *         System.out.println(e.id() + " " + e.name() + " " + e.size());
 *     }
 *     PacReport report = pac.verify(ProgressListener.NONE);
 *     pac.extract(Path.of("out"), PacExtractOptions.DEFAULT.withSelect(List.of("System")), ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <p>A {@code .pac} that is a ZIP archive (some vendors ship those) is refused with an
 * {@link UnsupportedFormatException} that says so; {@link #isZipPac} tells beforehand.
 *
 * <p><b>Thread safety:</b> immutable after reading; blobs can be read from several threads.
 *
 * @since 0.1.0
 */
public final class Pac implements Closeable {
    /** The format name in errors and detections. */
    public static final String FORMAT = Layout.FORMAT;

    private final ImageReader source;
    private final boolean owned;
    private final Path path;
    private final PacReadOptions options;
    private final PacParser.Result parsed;

    private Pac(ImageReader source, boolean owned, Path path, PacReadOptions options, PacParser.Result parsed) {
        this.source = source;
        this.owned = owned;
        this.path = path;
        this.options = options;
        this.parsed = parsed;
    }

    /**
     * Whether {@code image} starts like a PAC: a known version string or the header magic (it may
     * still be malformed).
     */
    public static boolean matches(ImageReader image) throws IOException {
        if (image.size() < Layout.HEADER_SIZE) {
            return false;
        }
        byte[] h = image.readBytes(0, Layout.HEADER_SIZE);
        String v = Layout.utf16(h, 0, Layout.H_VERSION_LEN_V2);
        return v.equals(Layout.V1) || v.equals(Layout.V2) || Layout.u32(h, Layout.H_MAGIC) == Layout.MAGIC;
    }

    /** Whether {@code image} is a ZIP archive, which some vendors name {@code .pac}. */
    public static boolean isZipPac(ImageReader image) throws IOException {
        return PacParser.isZip(image);
    }

    /** Opens and strictly reads a package; close the result to close the file. */
    public static Pac open(Path path) throws IOException {
        return open(path, PacReadOptions.STRICT);
    }

    /** Opens and reads a package; close the result to close the file. */
    public static Pac open(Path path, PacReadOptions options) throws IOException {
        ImageReader r = ImageReader.openRaw(path);
        try {
            return new Pac(r, true, path, options, PacParser.parse(r, options));
        } catch (IOException | RuntimeException | Error e) {
            try {
                r.close();
            } catch (IOException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
    }

    /** Strictly reads a package from {@code image}, which stays the caller's to close. */
    public static Pac read(ImageReader image) throws IOException {
        return read(image, PacReadOptions.STRICT);
    }

    /** Reads a package from {@code image}, which stays the caller's to close. */
    public static Pac read(ImageReader image, PacReadOptions options) throws IOException {
        return new Pac(image, false, null, options, PacParser.parse(image, options));
    }

    /** The header. */
    public PacHeader header() {
        return parsed.header();
    }

    /** Every table entry, in table order (the config XML last). */
    public List<PacEntry> entries() {
        return parsed.entries();
    }

    /** The last entry, which Unisoc's tools take as the config XML. */
    public PacEntry configEntry() {
        List<PacEntry> e = parsed.entries();
        return e.get(e.size() - 1);
    }

    /** The parsed config XML; empty if the package has none or it could not be parsed (see {@link #findings()}). */
    public Optional<PacConfig> config() {
        return parsed.config();
    }

    /** The scheme of the config that applies to this package's product. */
    public Optional<PacConfig.Scheme> scheme() {
        return parsed.config().flatMap(c -> c.scheme(header().productName()));
    }

    /** The XML row of an entry: same ID (case-insensitive) in this product's scheme. */
    public Optional<PacConfig.FileRow> configRow(PacEntry entry) {
        if (entry.id().isEmpty()) {
            return Optional.empty();
        }
        return scheme().flatMap(s -> s.files().stream().filter(r -> r.id().equalsIgnoreCase(entry.id())).findFirst());
    }

    /** The kind of an entry in this table. */
    public PacEntry.Kind kind(PacEntry entry) {
        return entry.kind(entry.index() == entries().size() - 1);
    }

    /**
     * What reading noticed: layout (non-contiguous, overlapping blobs), names (unsafe, duplicate,
     * {@code .flag}), XML join, and with {@link PacReadOptions#LENIENT} the problems a strict read
     * refuses. No CRCs: those are {@link #verify}'s.
     */
    public List<PacFinding> findings() {
        return parsed.findings();
    }

    /** Where the first blob belongs: right after the file table. */
    public long dataStart() {
        return parsed.dataStart();
    }

    /** The package's bytes. */
    public ImageReader source() {
        return source;
    }

    /** The file, if the package was {@link #open opened} from one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The options it was read with. */
    public PacReadOptions options() {
        return options;
    }

    /** The first entry with this ID, compared case-insensitively (as the tools join IDs). */
    public Optional<PacEntry> entry(String id) {
        return entries().stream().filter(e -> !e.id().isEmpty() && e.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The entries that {@code patterns} select, in table order: a pattern equal to an ID
     * (case-insensitive) selects the entries with that ID; otherwise it is a glob ({@code *},
     * {@code ?}, case-insensitive) matched against IDs, stored names and output names.
     *
     * @throws IllegalArgumentException if a pattern selects nothing (the message lists the IDs)
     */
    public List<PacEntry> select(Collection<String> patterns) {
        Set<PacEntry> out = new LinkedHashSet<>();
        for (String p : patterns) {
            List<PacEntry> hit = new ArrayList<>();
            for (PacEntry e : entries()) {
                if (!e.id().isEmpty() && e.id().equalsIgnoreCase(p)) {
                    hit.add(e);
                }
            }
            if (hit.isEmpty()) {
                Pattern g = Names.glob(p);
                for (PacEntry e : entries()) {
                    if ((!e.id().isEmpty() && g.matcher(e.id()).matches()) || (!e.name().isEmpty()
                            && g.matcher(e.name()).matches())
                            || (!e.outputName().isEmpty() && g.matcher(e.outputName()).matches())) {
                        hit.add(e);
                    }
                }
            }
            if (hit.isEmpty()) {
                StringBuilder ids = new StringBuilder();
                for (PacEntry e : entries()) {
                    if (!e.id().isEmpty() && ids.length() < 400) {
                        ids.append(ids.length() == 0 ? "" : ", ").append(e.id());
                    }
                }
                throw new IllegalArgumentException("no entry matches \"" + p + "\"; IDs are: " + ids);
            }
            out.addAll(hit);
        }
        List<PacEntry> list = new ArrayList<>(out);
        list.sort(Comparator.comparingInt(PacEntry::index));
        return List.copyOf(list);
    }

    /**
     * The blob of an entry, by its declared offset.
     *
     * @throws FormatException if the blob is not inside the file (possible after a lenient read)
     */
    public ImageReader blob(PacEntry entry) throws FormatException {
        if (!entry.intact()) {
            throw new FormatException(FORMAT, entry.recordOffset(), "/pac/entries[" + entry.index() + "]",
                    "the blob of " + entry.label() + " [0x" + Long.toHexString(entry.offset()) + ", +0x"
                            + Long.toHexString(entry.size()) + ") is not inside the file");
        }
        return source.slice(entry.offset(), entry.size());
    }

    /** Whether an entry's blob starts with the Android sparse magic (reads 4 bytes). */
    public boolean isSparse(PacEntry entry) throws IOException {
        return entry.hasData() && entry.intact() && SparseImage.matches(blob(entry));
    }

    /**
     * The entry a {@code .flag} placeholder created by ResearchDownload stands for: {@code .flag}
     * suffixes (any number, any case) are stripped, a {@code (n)} suffix selects the (n+1)-th
     * entry with that stored name (names compared case-insensitively, as the GUI maps upper-cased
     * names); only entries with data are counted, as only those are extracted.
     */
    public Optional<PacEntry> placeholderEntry(String flagFileName) {
        String file = flagFileName.substring(Math.max(flagFileName.lastIndexOf('/'), flagFileName.lastIndexOf('\\')) + 1);
        String base = Names.stripFlag(file);
        Object[] dup = Names.splitDuplicate(base);
        int wanted = (Integer) dup[1];
        for (String name : List.of(base, (String) dup[0])) {
            int seen = 0;
            for (PacEntry e : entries()) {
                if (e.hasData() && Names.stripFlag(e.name()).equalsIgnoreCase(name)) {
                    if (name.equals(base) || seen == wanted) {
                        return Optional.of(e);
                    }
                    seen++;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks the package: everything {@link #findings()} lists, plus the header CRC over bytes
     * [0, 2120) and the body CRC over [2124, end), streamed (CRC-16/ARC, in parallel). Without the
     * header magic Unisoc's tools skip the CRCs; they are still computed and a mismatch is then a
     * warning.
     */
    public PacReport verify(ProgressListener progress) throws IOException {
        List<PacFinding> findings = new ArrayList<>(findings());
        PacHeader h = header();
        byte[] head = source.readBytes(0, Layout.H_CRC1);
        int crc1 = io.github.fwkit.sprd.internal.Crc16.of(head);
        long len = source.size();
        int crc2 = CrcScanner.crc(source, Layout.HEADER_SIZE, len, progress);
        PacFinding.Severity sev = h.hasMagic() ? PacFinding.Severity.ERROR : PacFinding.Severity.WARNING;
        String why = h.hasMagic() ? "" : " (no magic, so Unisoc's tools would not check it)";
        if (crc1 != h.headerCrc()) {
            findings.add(new PacFinding(sev, "header-crc", Layout.H_CRC1, "/pac/header/wCRC1", "header CRC is 0x"
                    + hex4(h.headerCrc()) + " but header bytes [0, 2120) give 0x" + hex4(crc1) + why));
        }
        if (crc2 != h.bodyCrc()) {
            findings.add(new PacFinding(sev, "body-crc", Layout.H_CRC2, "/pac/header/wCRC2", "body CRC is 0x"
                    + hex4(h.bodyCrc()) + " but bytes [2124, " + len + ") give 0x" + hex4(crc2)
                    + ": some blob or the table is damaged" + why));
        }
        findings.sort(Comparator.comparing(PacFinding::severity));
        return new PacReport(findings, h.headerCrc(), crc1, h.bodyCrc(), crc2, len - Layout.HEADER_SIZE + Layout.H_CRC1);
    }

    private static String hex4(int v) {
        return String.format(Locale.ROOT, "%04x", v);
    }

    /**
     * Writes the blobs of the selected entries (all by default) into {@code dir}, created if
     * missing, each as its {@link PacEntry#outputName() output name}. Entries without data, and
     * after a lenient read entries whose blob is not inside the file, are skipped and reported.
     * Every file appears whole or not at all; nothing is written outside {@code dir}.
     *
     * @throws IllegalArgumentException if a selection pattern matches no entry
     */
    public PacExtractResult extract(Path dir, PacExtractOptions options, ProgressListener progress) throws IOException {
        List<PacEntry> chosen = options.select().isEmpty() ? entries() : select(options.select());
        List<Path> inputs = path == null ? List.of() : List.of(path);
        return Extractor.extract(source, inputs, chosen, entries().size() - 1, dir, options, progress);
    }

    /** Closes the file if this package was {@link #open opened} from a path. */
    @Override
    public void close() throws IOException {
        if (owned) {
            source.close();
        }
    }

    @Override
    public String toString() {
        return "Pac[" + (path != null ? path + ", " : "") + header() + "]";
    }
}
