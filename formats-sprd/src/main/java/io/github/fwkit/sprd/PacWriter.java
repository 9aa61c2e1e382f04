package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sprd.internal.Assembler;
import io.github.fwkit.sprd.internal.Layout;
import io.github.fwkit.sprd.internal.Names;
import io.github.fwkit.sprd.internal.PacParser;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds a PAC: a new one from a config XML and files ({@link #fromConfig}), or a copy of an
 * existing one with some entries replaced ({@link #repack}); then {@link #write} streams it out.
 *
 * <p>Rules (spec section 9): blobs back to back in table order right after the table, sizes and
 * offsets rebuilt, entries without data at offset 0, the config XML last (empty ID, flag 2,
 * no trailing NUL); a repack keeps every other stored field, header and table bytes alike, and
 * streams unchanged blobs straight from the source. {@code BP_R1.0.0} unless the package reaches
 * 4 GiB, the table is encrypted, the source was {@code BP_R2.0.1}, or {@code BP_R2.0.1} is asked
 * for. Both CRCs are computed while the blobs stream (the body CRC is assembled from the pieces'
 * CRCs, so the table can be written last). Stored names never end in {@code .flag}, carry a
 * {@code name(n)} extraction artefact, or contain folders. A replacement that is a raw ext4 image
 * (a {@code .flag} read-back) is converted to Android sparse on the fly and checked by expanding
 * it again, unless {@link Options#rawReplacements()}.
 *
 * <pre>{@code
 * try (Pac src = Pac.open(Path.of("old.pac"))) {
 *     PacWriter.repack(src).replace("System", Path.of("system.img_COM5.flag"))
 *             .write(Path.of("new.pac"), ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <p>Not thread-safe (a builder); the output appears whole or not at all and never replaces an
 * input.
 *
 * @since 0.1.0
 */
public final class PacWriter {

    /** Which version string to write. */
    public enum Version {
        /** {@code BP_R1.0.0} unless 4 GiB, encryption or a {@code BP_R2.0.1} source need V2. */
        AUTO,
        /** Always {@code BP_R1.0.0}; writing fails if the package reaches 4 GiB or is encrypted. */
        V1,
        /** Always {@code BP_R2.0.1}. */
        V2
    }

    /**
     * Writing options.
     *
     * @param version version choice
     * @param encrypt scramble the file table ("safe PAC"; implies V2)
     * @param key the 32-bit scrambling key, 0 = Unisoc's default
     * @param rawReplacements store raw ext4 replacement images as they are instead of converting
     *     them to Android sparse
     */
    public record Options(Version version, boolean encrypt, int key, boolean rawReplacements) {
        /** Automatic version, no encryption, raw ext4 replacements converted to sparse. */
        public static final Options DEFAULT = new Options(Version.AUTO, false, 0, false);

        public Options {
            Objects.requireNonNull(version, "version");
        }

        public Options withVersion(Version v) {
            return new Options(v, encrypt, key, rawReplacements);
        }

        public Options withEncrypt(boolean b) {
            return new Options(version, b, key, rawReplacements);
        }

        public Options withKey(int k) {
            return new Options(version, encrypt, k, rawReplacements);
        }

        public Options withRawReplacements(boolean b) {
            return new Options(version, encrypt, key, b);
        }
    }

    /**
     * An entry to write (without its blob position, which the writer decides).
     *
     * @param id {@code szFileID}
     * @param name stored name (cleaned of {@code .flag}, {@code (n)} and folders when written)
     * @param fileFlag {@code nFileFlag}
     * @param checkFlag {@code nCheckFlag}
     * @param canOmitFlag {@code dwCanOmitFlag}
     * @param addresses {@code dwAddr}, at most 5
     * @param file the file holding the data, or empty for the source PAC's blob (repack) or no data
     */
    public record EntrySpec(String id, String name, int fileFlag, long checkFlag, long canOmitFlag,
                            List<Long> addresses, Optional<Path> file) {
        public EntrySpec {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
            if (addresses.size() > Layout.MAX_ADDR) {
                throw new IllegalArgumentException("at most " + Layout.MAX_ADDR + " addresses");
            }
            Objects.requireNonNull(file, "file");
        }
    }

    private final Pac source;
    private final List<Assembler.Item> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String productName;
    private String productVersion;
    private Assembler.Item config;
    private Options options = Options.DEFAULT;
    private long flashType = 1;
    private long mode;

    private PacWriter(Pac source, String productName, String productVersion) {
        this.source = source;
        this.productName = productName;
        this.productVersion = productVersion;
    }

    /**
     * Starts a repack of {@code source}: same header fields, entries, names, flags, addresses and
     * config XML; blobs are streamed from it unless replaced. The source must stay open until
     * {@link #write} returns.
     */
    public static PacWriter repack(Pac source) throws IOException {
        PacWriter w = new PacWriter(source, source.header().productName(), source.header().productVersion());
        byte[] table = PacParser.plainTable(source.source(), source.header(), source.options().key());
        List<PacEntry> entries = source.entries();
        for (PacEntry e : entries) {
            byte[] record = Arrays.copyOfRange(table, e.index() * Layout.ENTRY_SIZE, (e.index() + 1) * Layout.ENTRY_SIZE);
            Assembler.Item it = Assembler.Item.fromPac(e, record);
            if (e.index() == entries.size() - 1) {
                w.config = it;
            } else {
                w.items.add(it);
            }
        }
        if (source.header().isEncrypted()) {
            w.notes.add("the source's file table was encrypted; the new one is plain unless encryption is asked for");
        }
        if (source.header().isV2()) {
            w.notes.add("the source is " + PacHeader.V2 + "; the package stays " + PacHeader.V2);
        }
        return w;
    }

    /** Starts an empty package; add entries and a config XML before writing. */
    public static PacWriter create(String productName, String productVersion) {
        return new PacWriter(null, Objects.requireNonNull(productName), Objects.requireNonNull(productVersion));
    }

    /**
     * Starts a package from a config XML and a folder of files, like ResearchDownload's packer:
     * one entry per {@code File} row of the product's scheme, in XML order, then the XML. A row
     * gets the file named in {@code files} for its ID, else a file in {@code dir} whose name before
     * the first dot equals the row's ID or its block (partition) ID, case-insensitively (e.g.
     * {@code System} or {@code system} → {@code system.img}); rows without a file are written without
     * data (operations, erase steps, optional images). Flags follow the XML: {@code nFileFlag} =
     * {@code Flag}, {@code dwCanOmitFlag} = ({@code CheckFlag} == 2), addresses = the blocks'
     * {@code Base} values, {@code nCheckFlag} = 1 for rows with a file or a required operation.
     *
     * @param files explicit ID → file choices (IDs compared case-insensitively)
     * @throws FormatException if the XML is unreadable or names no product/scheme
     * @throws IllegalArgumentException if a row matches several files in {@code dir}
     */
    public static PacWriter fromConfig(Path configXml, Path dir, java.util.Map<String, Path> files) throws IOException {
        byte[] xml = Files.readAllBytes(configXml);
        PacConfig c = PacConfig.parse(xml);
        if (c.products().isEmpty()) {
            throw new FormatException("sprd-pac-xml", -1, "/xml/BMAConfig/ProductList", configXml
                    + " names no Product");
        }
        PacConfig.Product product = c.products().get(0);
        PacConfig.Scheme scheme = c.scheme(product.name()).orElseThrow(() -> new FormatException("sprd-pac-xml", -1,
                "/xml/BMAConfig/SchemeList", "no Scheme named \"" + product.schemeName() + "\" in " + configXml));
        PacWriter w = create(product.name(), "");
        w.flashType = PacConfig.number(product.flashTypeId()).orElse(1) & 0xffffffffL;
        w.mode = PacConfig.number(product.mode()).orElse(0) & 0xffffffffL;
        List<Path> candidates = new ArrayList<>();
        if (dir != null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && !Files.isSameFile(p, configXml)) {
                        candidates.add(p);
                    }
                }
            }
            candidates.sort(null);
        }
        for (PacConfig.FileRow row : scheme.files()) {
            Path file = null;
            for (var e : files.entrySet()) {
                if (e.getKey().equalsIgnoreCase(row.id())) {
                    file = e.getValue();
                }
            }
            if (file == null && !row.isErase()) {
                file = match(row, candidates);
            }
            long flag = PacConfig.number(row.flag()).orElse(file != null ? 1 : 0);
            long check = PacConfig.number(row.checkFlag()).orElse(1);
            List<Long> addrs = new ArrayList<>();
            for (PacConfig.Block b : row.blocks()) {
                if (addrs.size() < Layout.MAX_ADDR) {
                    OptionalLong base = PacConfig.number(b.base());
                    addrs.add(base.isPresent() ? base.getAsLong() & 0xffffffffL : 0L);
                }
            }
            String name = file == null ? "" : file.getFileName().toString();
            boolean ticked = file != null || (flag == 0 && check != 0);
            w.add(new EntrySpec(row.id(), name, (int) (flag & 0xffff), ticked ? 1 : 0, check == 2 ? 1 : 0, addrs,
                    Optional.ofNullable(file)));
            if (file == null && flag != 0 && check == 1) {
                w.notes.add("row " + row.id() + " is required (CheckFlag 1) but no file was found for it");
            }
        }
        w.config(xml);
        return w;
    }

    private static Path match(PacConfig.FileRow row, List<Path> candidates) {
        List<Path> hits = new ArrayList<>();
        for (Path p : candidates) {
            String stem = Names.imageName(p.getFileName().toString());
            int dot = stem.indexOf('.');
            String base = (dot > 0 ? stem.substring(0, dot) : stem).toLowerCase(Locale.ROOT);
            boolean byId = base.equalsIgnoreCase(row.id());
            boolean byBlock = row.blocks().stream().anyMatch(b -> !b.id().isEmpty() && b.id().equalsIgnoreCase(base));
            if (byId || byBlock) {
                hits.add(p);
            }
        }
        if (hits.size() > 1) {
            throw new IllegalArgumentException("several files fit row " + row.id() + ": " + hits
                    + "; choose one explicitly");
        }
        return hits.isEmpty() ? null : hits.get(0);
    }

    /** Adds an entry before the config XML. */
    public PacWriter add(EntrySpec spec) {
        if (spec.file().isEmpty() && !spec.name().isEmpty() && source == null) {
            notes.add("entry " + spec.id() + " has a name but no file: written without data");
        }
        items.add(Assembler.Item.fromSpec(spec));
        return this;
    }

    /** Sets the config XML (a trailing NUL is dropped; the entry is named {@code <product>.xml}). */
    public PacWriter config(byte[] xml) {
        config = Assembler.Item.config(productName + ".xml", xml);
        return this;
    }

    /**
     * Replaces the data of the entry whose ID (case-insensitive), else stored or output name,
     * is {@code idOrName}. The stored name stays the source's (a {@code .flag} file name never
     * becomes a stored name); an entry that had no name takes the file's cleaned name.
     *
     * @throws IllegalArgumentException if no entry matches
     */
    public PacWriter replace(String idOrName, Path file) {
        Assembler.Item it = find(idOrName);
        it.file = file;
        it.pacEntry = null;
        if (it.name.isEmpty()) {
            it.name = file.getFileName().toString();
        }
        return this;
    }

    private Assembler.Item find(String key) {
        for (Assembler.Item it : items) {
            if (!it.id.isEmpty() && it.id.equalsIgnoreCase(key)) {
                return it;
            }
        }
        for (Assembler.Item it : items) {
            if (it.name.equalsIgnoreCase(key) || it.outputName.equalsIgnoreCase(key)) {
                return it;
            }
        }
        StringBuilder ids = new StringBuilder();
        for (Assembler.Item it : items) {
            if (!it.id.isEmpty()) {
                ids.append(ids.length() == 0 ? "" : ", ").append(it.id);
            }
        }
        throw new IllegalArgumentException("no entry with ID or name \"" + key + "\"; IDs are: " + ids);
    }

    /** Sets the product version string ({@code szPrdVersion}). */
    public PacWriter productVersion(String version) {
        this.productVersion = Objects.requireNonNull(version);
        return this;
    }

    /** Sets the options. */
    public PacWriter options(Options o) {
        this.options = Objects.requireNonNull(o);
        return this;
    }

    /** The entries as they would be written (the config XML last), without positions. */
    public List<EntrySpec> entries() {
        List<EntrySpec> out = new ArrayList<>();
        for (Assembler.Item it : items) {
            out.add(it.spec());
        }
        if (config != null) {
            out.add(config.spec());
        }
        return List.copyOf(out);
    }

    /**
     * Writes the package to {@code output} (whole or not at all; never over an input).
     *
     * @throws IllegalStateException if no config XML was set
     */
    public PacWriteResult write(Path output, ProgressListener progress) throws IOException {
        if (config == null) {
            throw new IllegalStateException("a PAC needs its config XML as the last entry; call config(...)");
        }
        List<Assembler.Item> all = new ArrayList<>(items);
        all.add(config);
        ImageReader src = source == null ? null : source.source();
        byte[] headerTemplate = src == null ? null : src.readBytes(0, Layout.HEADER_SIZE);
        boolean sourceV2 = source != null && source.header().isV2();
        List<Path> inputs = new ArrayList<>();
        if (source != null) {
            source.path().ifPresent(inputs::add);
        }
        for (Assembler.Item it : all) {
            if (it.file != null) {
                inputs.add(it.file);
            }
        }
        Assembler.Header h = new Assembler.Header(headerTemplate, productName, productVersion, sourceV2, flashType, mode);
        List<String> allNotes = new ArrayList<>(notes);
        return Assembler.write(h, all, src, output, inputs, options, allNotes, progress);
    }
}
