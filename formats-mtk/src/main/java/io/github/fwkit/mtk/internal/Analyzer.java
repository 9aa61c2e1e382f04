package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.mtk.ChipSize;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.GfhImage;
import io.github.fwkit.mtk.GfhRecord;
import io.github.fwkit.mtk.HeaderBlock;
import io.github.fwkit.mtk.HealthReport;
import io.github.fwkit.mtk.Identification;
import io.github.fwkit.mtk.MtkAnalysisOptions;
import io.github.fwkit.mtk.MtkRomLayout;
import io.github.fwkit.mtk.MtkRomLayout.Kind;
import io.github.fwkit.mtk.Region;
import io.github.fwkit.mtk.UserData;
import io.github.fwkit.mtk.VivaPart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readback analysis of spec §13: header block, byte-granular FILE_INFO search, placement
 * (base and XIP delta), per-image checks, ROM records, chip size, user data, regions and health.
 * One instance per analysis; not thread-safe (the result is).
 */
public final class Analyzer {
    static final String FORMAT = "mtk";
    private static final byte[] SF_BOOT = "SF_BOOT\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BRLYT = "BRLYT\0".getBytes(StandardCharsets.US_ASCII);
    private static final long MIB = 1L << 20;
    /** The spec's rank-2 window: a read that started this much before flash 0 is still a readback. */
    private static final long SF_SEARCH = MIB;
    /** dev_rw_unit seen on NOR/SF is 0x200; the spec's fwkit rule accepts up to 0x1000. */
    private static final long MIN_UNIT = 0x200;
    private static final long MAX_UNIT = 0x1000;
    private static final int BRLYT_SIZE = 0x14 + 8 * 20;
    /** "\0DNE" as a little-endian u32: MediaTek's end marker before a PHASH and at the ROM end. */
    private static final long END_MARKER = 0x454E4400L;
    /** A kit file is exactly file_len; a little padding after it still reads as "one image". */
    private static final long IMAGE_SLACK = 0x10000;
    /** Findings of one repetitive kind kept before the rest is summarised. */
    private static final int MAX_REPEATS = 16;

    private final ImageReader r;
    private final long n;
    private final MtkAnalysisOptions opt;
    private final List<Finding> findings = new ArrayList<>();

    private Kind kind;
    private long sf = -1;
    private long base;
    private HeaderBlock header;
    private SectorMap sectors;
    private final List<Img> images = new ArrayList<>();
    private final List<Img> nestedCandidates = new ArrayList<>();
    private final List<Rejected> rejectedCandidates = new ArrayList<>();

    /** A FILE_INFO key whose fields break MediaTek's rules. */
    private record Rejected(long offset, FileInfo info, String why) {
    }
    private final List<FlashId> flashIds = new ArrayList<>();
    private final List<UserData> userData = new ArrayList<>();
    private List<VivaPart> viva = List.of();
    private final List<Identification.Item> ids = new ArrayList<>();
    private ChipSize chip = new ChipSize(0, "nothing tells", List.of());
    private long mirrorFrom = -1;
    private final List<Region> regions = new ArrayList<>();

    /** An image under construction. */
    private static final class Img {
        final long offset;
        final FileInfo info;
        long flashOffset;
        List<GfhRecord> records = List.of();
        List<String> chainProblems = List.of();
        long present;
        GfhImage.Signature signature = GfhImage.Signature.NONE;
        String name;
        int index;
        Img outer;

        Img(long offset, FileInfo info) {
            this.offset = offset;
            this.info = info;
        }

        boolean complete() {
            return present == info.fileLength();
        }

        long end() {
            return offset + info.fileLength();
        }

        int type() {
            return info.fileType();
        }

        String path() {
            return "/images[" + index + "]";
        }

        String label() {
            return info.typeName() + " at " + Text.hex(offset);
        }

        Optional<GfhRecord> record(int type) {
            return records.stream().filter(x -> x.type() == type).findFirst();
        }
    }

    private Analyzer(ImageReader r, MtkAnalysisOptions opt) {
        this.r = r;
        this.n = r.size();
        this.opt = opt;
    }

    public static MtkRomLayout analyze(ImageReader r, MtkAnalysisOptions opt) throws IOException {
        if (r.size() > opt.maxLength()) {
            throw new LimitExceededException(FORMAT, -1, "/", "maxLength", opt.maxLength());
        }
        return new Analyzer(r, opt).run();
    }

    private void add(Severity s, String code, String message, long offset, String path) {
        findings.add(new Finding(s, code, message, offset, path));
    }

    private MtkRomLayout run() throws IOException {
        if (n >= SF_BOOT.length) {
            sf = Scan.find(r, 0, Math.min(n, SF_SEARCH + SF_BOOT.length), SF_BOOT);
        }
        // Sectors are aligned to flash 0: SF_BOOT tells where that is before the pass; a dump
        // without a header whose images say otherwise gets a second pass (rare).
        List<Img> candidates = candidates(Math.max(sf, 0));
        placement(candidates);
        if (!sectors.alignedTo(base)) {
            sectors = SectorMap.build(r, base);
        }
        if (sf >= 0) {
            header = readHeader();
        }
        Img rom = null;
        for (int i = 0; i < images.size(); i++) {
            Img img = images.get(i);
            img.index = i;
            walk(img);
            if (rom == null && img.type() == GfhNames.PRIMARY_MAUI) {
                rom = img;
            }
        }
        Records.MauiInfo maui = rom == null ? null : romRecords(rom);
        if (kind == Kind.READBACK) {
            // The chip size comes from the ROM's records, and a wrapped read must be known
            // before the images are judged: the second copy of each is not misplaced.
            chipSize(rom);
            mirror();
        }
        otherFlashIds(rom);
        for (int i = 0; i < images.size(); i++) {
            images.get(i).index = i;
            checkImage(images.get(i));
        }
        bootloaderPairing(maui);
        Optional<Img> vivaImage = images.stream().filter(i -> i.type() == GfhNames.VIVA).findFirst();
        if (vivaImage.isPresent()) {
            Img v = vivaImage.get();
            viva = Viva.parts(r, v.offset, v.info, v.present, v.path(), findings::add);
        }
        if (kind == Kind.READBACK && rom == null) {
            add(Severity.ERROR, "no-rom", "no ROM (PRIMARY_MAUI) image was found: no firmware to identify or flash",
                    -1, "/images");
        }
        if (kind == Kind.READBACK) {
            checkLayout();
            truncation();
            overlaps();
        }
        if (kind == Kind.UNKNOWN) {
            preSv5OrBlank();
        }
        name(maui);
        buildRegions();
        return result();
    }

    // ---------------------------------------------------------------------------------------
    // Candidates and placement

    /**
     * Every valid, non-nested FILE_INFO in input order (spec §2: searched at every byte offset),
     * and the sector map, in one pass over the input.
     */
    private List<Img> candidates(long guessBase) throws IOException {
        List<Img> out = new ArrayList<>();
        int[] rejected = {0};
        Img[] outer = {null};
        SectorMap.Builder map = SectorMap.builder(r, guessBase);
        byte[] key = Gfh.FILE_INFO_KEY;
        int overlap = key.length - 1;
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW + overlap, Math.max(n, 1))];
        boolean searching = true;
        for (long pos = 0; pos < n; ) {
            int len = (int) Math.min(buf.length, n - pos);
            r.readFully(pos, buf, 0, len);
            // Windows overlap by key.length - 1 bytes: a key across the seam is found in the
            // first window, and its bytes are counted in the sector map only once.
            int fresh = pos + len >= n ? len : len - overlap;
            map.accept(pos, buf, fresh);
            for (int i = 0; searching && (i = Scan.indexOfSkippingErased(buf, i, len, key)) >= 0; i++) {
                searching = candidate(pos + i, out, rejected, outer);
            }
            pos += fresh;
        }
        sectors = map.build();
        if (rejected[0] > MAX_REPEATS) {
            add(Severity.INFO, "gfh-invalid", (rejected[0] - MAX_REPEATS) + " more GFH-like headers are not images",
                    -1, "");
        }
        return out;
    }

    /** Judges one FILE_INFO key hit; false stops the search. */
    private boolean candidate(long at, List<Img> out, int[] rejected, Img[] outer) throws IOException {
        if (at + FileInfo.SIZE > n) {
            add(Severity.INFO, "gfh-cut", "a FILE_INFO header starts at " + Text.hex(at)
                    + " but the input ends inside it", at, "/gfh@" + Text.hex(at));
            return true;
        }
        FileInfo fi = Gfh.fileInfo(r.readBytes(at, FileInfo.SIZE), 0);
        String why = Gfh.violation(fi);
        if (why != null) {
            // Judged once the base is known: at its own flash address it is a damaged image.
            if (++rejected[0] <= MAX_REPEATS) {
                rejectedCandidates.add(new Rejected(at, fi, why));
            }
            return true;
        }
        if (outer[0] != null && at < outer[0].end()) {
            // Decided once the base is known: at its own flash address it is an image that
            // the outer one overlaps, elsewhere an embedded copy.
            if (nestedCandidates.size() < opt.maxImages()) {
                Img inner = new Img(at, fi);
                inner.outer = outer[0];
                nestedCandidates.add(inner);
            }
            return true;
        }
        if (out.size() >= opt.maxImages()) {
            add(Severity.WARNING, "too-many-images", "more than " + opt.maxImages()
                    + " GFH images; the rest of the input was not searched", at, "");
            return false;
        }
        Img img = new Img(at, fi);
        out.add(img);
        if (outer[0] == null || img.end() > outer[0].end()) {
            outer[0] = img;
        }
        return true;
    }

    /**
     * Decides the kind and the base (the input offset of flash 0): from SF_BOOT when found, else
     * from the most common XIP delta ({@code offset − (load_addr − 0x10000000)}), spec §7.3.
     */
    private void placement(List<Img> candidates) {
        Map<Long, Integer> votes = new LinkedHashMap<>();
        for (Img c : candidates) {
            long flash = c.info.xipFlashOffset();
            if (flash >= 0) {
                votes.merge(c.offset - flash, 1, Integer::sum);
            }
        }
        Long consensus = null;
        int best = 0;
        for (Map.Entry<Long, Integer> e : votes.entrySet()) {
            // Ties go to the first delta seen, i.e. the lowest image: a wrapped 32 MiB read has
            // every image twice, and the first copy is the real one.
            if (e.getValue() > best || (sf >= 0 && e.getKey() == sf && e.getValue() == best)) {
                best = e.getValue();
                consensus = e.getKey();
            }
        }
        if (sf < 0 && candidates.size() == 1 && candidates.get(0).offset == 0
                && n <= candidates.get(0).info.fileLength() + IMAGE_SLACK) {
            kind = Kind.IMAGE;
            Img only = candidates.get(0);
            long flash = only.info.xipFlashOffset();
            base = flash >= 0 ? -flash : 0;
            only.flashOffset = flash;
            images.add(only);
            reportRejected();
            return;
        }
        if (sf < 0 && candidates.isEmpty()) {
            kind = Kind.UNKNOWN;
            base = 0;
            reportRejected();
            return;
        }
        kind = Kind.READBACK;
        if (sf >= 0) {
            base = sf;
            if (sf > 0) {
                add(Severity.ERROR, "starts-early", "the dump starts " + Text.hex(sf) + " bytes before flash 0"
                        + " (SF_BOOT found at " + Text.hex(sf) + "); analysed re-based, but written back as it is"
                        + " it would not boot", sf, "/header");
            }
        } else if (consensus != null) {
            base = consensus;
            if (base > 0) {
                add(Severity.ERROR, "shifted", "no header block; the images sit " + Text.hex(base)
                        + " bytes after their flash addresses: the dump starts " + Text.hex(base)
                        + " bytes before flash 0 (analysed re-based)", base, "/");
            } else if (base < 0) {
                add(Severity.ERROR, "start-missing", "no header block; the images sit " + Text.hex(-base)
                        + " bytes before their flash addresses: the read started at flash " + Text.hex(-base)
                        + " and the start of the flash is missing", 0, "/");
            }
        }
        if (sf < 0) {
            add(Severity.ERROR, "no-header", "no header block (SF_BOOT) at flash 0: written back as it is, the"
                    + " dump would not boot; a kit download rewrites the header block", Math.max(base, 0), "/header");
        }
        for (Img c : candidates) {
            c.flashOffset = c.offset - base;
            images.add(c);
        }
        int nested = 0;
        for (Img c : nestedCandidates) {
            long flash = c.info.xipFlashOffset();
            if (flash >= 0 && c.offset - base == flash) {
                c.flashOffset = flash;
                images.add(c);
            } else if (++nested <= MAX_REPEATS) {
                add(Severity.INFO, "gfh-nested", "a " + c.info.typeName() + " FILE_INFO at " + Text.hex(c.offset)
                        + " lies inside " + c.outer.label() + " (an embedded copy, not a kit file)", c.offset,
                        "/gfh@" + Text.hex(c.offset));
            }
        }
        if (nested > MAX_REPEATS) {
            add(Severity.INFO, "gfh-nested", (nested - MAX_REPEATS) + " more nested FILE_INFO headers", -1, "");
        }
        images.sort(Comparator.comparingLong(i -> i.offset));
        reportRejected();
    }

    private void reportRejected() {
        for (Rejected x : rejectedCandidates) {
            long flash = x.info().xipFlashOffset();
            boolean inPlace = kind == Kind.READBACK && flash >= 0 && x.offset() - base == flash;
            add(inPlace ? Severity.ERROR : Severity.INFO, "gfh-invalid", inPlace
                    ? "the " + x.info().typeName() + " image at " + Text.hex(x.offset()) + " (its own flash address)"
                    + " has a damaged FILE_INFO: " + x.why() + "; the image cannot be used"
                    : "GFH-like bytes at " + Text.hex(x.offset()) + " are not an image: MediaTek's FILE_INFO " + x.why(),
                    x.offset(), "/gfh@" + Text.hex(x.offset()));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Header block

    private HeaderBlock readHeader() throws IOException {
        if (sf + 0x14 > n) {
            add(Severity.ERROR, "bad-device-header", "the input ends inside the SF_BOOT header", sf, "/header");
            return new HeaderBlock(sf, -1, -1, Optional.empty());
        }
        long version = r.u32le(sf + 0x0C);
        long unit = r.u32le(sf + 0x10);
        if (version != 1) {
            add(Severity.WARNING, "header-version", "SF_BOOT version " + version + " (expected 1)", sf + 0x0C,
                    "/header/version");
        }
        if (unit < MIN_UNIT || unit > MAX_UNIT) {
            add(Severity.ERROR, "bad-device-header", "bad device header: dev_rw_unit " + Text.hex(unit)
                    + " outside 0x200..0x1000, so the BootROM cannot find the BRLYT", sf + 0x10, "/header/dev_rw_unit");
            return new HeaderBlock(sf, version, unit, Optional.empty());
        }
        long at = sf + unit;
        if (at + BRLYT_SIZE > n || !Arrays.equals(r.readBytes(at, BRLYT.length), BRLYT)) {
            add(Severity.ERROR, "no-brlyt", "no BRLYT at " + Text.hex(at) + " (flash " + Text.hex(unit)
                    + "): the header block is damaged and the phone would not boot from this image", at,
                    "/header/brlyt");
            return new HeaderBlock(sf, version, unit, Optional.empty());
        }
        byte[] b = r.readBytes(at, BRLYT_SIZE);
        java.nio.ByteBuffer x = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<HeaderBlock.Descriptor> slots = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int d = 0x14 + 20 * i;
            slots.add(new HeaderBlock.Descriptor(i, at + d, x.getInt(d) & 0xffffffffL, x.get(d + 4) & 0xff,
                    x.getShort(d + 6) & 0xffff, x.getInt(d + 8) & 0xffffffffL, x.getInt(d + 12) & 0xffffffffL,
                    x.getInt(d + 16) & 0xffffffffL));
        }
        long lv = x.getInt(8) & 0xffffffffL;
        if (lv != 1) {
            add(Severity.WARNING, "brlyt-version", "BRLYT version " + lv + " (expected 1)", at + 8, "/header/brlyt/version");
        }
        return new HeaderBlock(sf, version, unit, Optional.of(new HeaderBlock.Layout(at, lv,
                x.getInt(0x0C) & 0xffffffffL, x.getInt(0x10) & 0xffffffffL, slots)));
    }

    /** BRLYT descriptors against the bootloader images found (spec §3, §7.3). */
    private void checkLayout() {
        HeaderBlock.Layout layout = header == null ? null : header.layout().orElse(null);
        if (layout == null) {
            return;
        }
        List<Img> described = new ArrayList<>();
        for (HeaderBlock.Descriptor d : layout.descriptors()) {
            String path = "/header/brlyt/descriptors[" + d.slot() + "]";
            if (!d.present()) {
                continue;
            }
            if (d.type() != GfhNames.ARM_BL && d.type() != GfhNames.ARM_EXT_BL) {
                add(Severity.INFO, "brlyt-unknown-slot", "BRLYT slot " + d.slot() + " has bl_type "
                        + Text.hex(d.type()) + " (meaning unknown; MT6250 dumps show 0xFFFE)", d.offset(), path);
                continue;
            }
            String what = GfhNames.fileType(d.type());
            Img img = images.stream().filter(i -> i.type() == d.type() && i.flashOffset == d.begin()).findFirst()
                    .orElse(null);
            if (d.boundary() < d.begin()) {
                add(Severity.ERROR, "brlyt-mismatch", "BRLYT slot " + d.slot() + " (" + what + ") ends at "
                        + Text.hex(d.boundary()) + ", before its begin " + Text.hex(d.begin()), d.offset() + 12,
                        path + "/boundary");
                if (img != null) {
                    described.add(img);
                }
                continue;
            }
            if (img == null) {
                Optional<Img> elsewhere = images.stream().filter(i -> i.type() == d.type()).findFirst();
                add(Severity.ERROR, "brlyt-mismatch", "BRLYT slot " + d.slot() + " places " + what + " at flash "
                        + Text.hex(d.begin()) + " but " + elsewhere.map(i -> "the " + what + " image is at flash "
                        + Text.hex(i.flashOffset)).orElse("there is no " + what + " image") + ": the phone would not"
                        + " boot", d.offset() + 8, path + "/begin");
                continue;
            }
            described.add(img);
            if (d.boundary() != d.begin() + img.info.fileLength()) {
                add(Severity.ERROR, "brlyt-mismatch", "BRLYT slot " + d.slot() + " gives " + what + " the boundary "
                        + Text.hex(d.boundary()) + " but the image ends at " + Text.hex(d.begin()
                        + img.info.fileLength()), d.offset() + 12, path + "/boundary");
            }
            if (d.device() != FileInfo.DEVICE_SF) {
                add(Severity.WARNING, "brlyt-device", "BRLYT slot " + d.slot() + " names device " + d.device()
                        + " (7 = serial flash)", d.offset() + 4, path + "/dev");
            }
        }
        for (Img img : images) {
            if ((img.type() == GfhNames.ARM_BL || img.type() == GfhNames.ARM_EXT_BL) && !described.contains(img)) {
                add(Severity.ERROR, "brlyt-mismatch", img.label() + " is not listed in the BRLYT: the boot chain"
                        + " will not find it", img.offset, img.path());
            }
        }
        Optional<Img> bl = images.stream().filter(i -> i.type() == GfhNames.ARM_BL).findFirst();
        if (bl.isPresent() && layout.bootRegionAddress() != bl.get().flashOffset) {
            add(Severity.WARNING, "brlyt-boot-region", "BRLYT boot_region_dev_addr " + Text.hex(layout.bootRegionAddress())
                    + " is not the first bootloader's flash address " + Text.hex(bl.get().flashOffset),
                    layout.offset() + 0x0C, "/header/brlyt/boot_region_dev_addr");
        }
    }

    // ---------------------------------------------------------------------------------------
    // Per-image checks

    private void walk(Img img) throws IOException {
        img.present = Math.max(0, Math.min(img.info.fileLength(), n - img.offset));
        Gfh.Chain chain = Gfh.walk(r, img.offset, img.info.contentOffset(), opt.maxRecords());
        img.records = chain.records();
        img.chainProblems = chain.problems();
    }

    private void checkImage(Img img) throws IOException {
        FileInfo fi = img.info;
        for (String p : img.chainProblems) {
            add(Severity.ERROR, "gfh-chain", img.label() + ": " + p, img.offset, img.path() + "/gfh");
        }
        if (!img.complete()) {
            add(Severity.ERROR, "image-incomplete", img.label() + " is incomplete: " + Text.hex(img.present) + " of "
                    + Text.hex(fi.fileLength()) + " bytes present (cut at " + Text.hex(n) + ")", n, img.path());
        }
        if (!fi.postBuildDone()) {
            add(Severity.WARNING, "not-post-built", img.label() + " has attr " + Text.hex(fi.attributes())
                    + " without POST_BUILD_DONE: a build intermediate, not a flashable image", img.offset + 0x34,
                    img.path() + "/gfh/attr");
        }
        if (fi.flashDevice() != FileInfo.DEVICE_SF) {
            add(Severity.WARNING, "flash-dev", img.label() + " has flash_dev " + fi.flashDevice()
                    + " (7 = serial flash on every SV5 watch)", img.offset + 0x1A, img.path() + "/gfh/flash_dev");
        }
        if (!GfhNames.knownFileType(fi.fileType())) {
            add(Severity.INFO, "unknown-type", img.label() + ": file_type " + Text.hex(fi.fileType())
                    + " is not a known type; kept as " + GfhNames.kitName(fi.fileType()), img.offset + 0x18,
                    img.path() + "/gfh/file_type");
        }
        if (fi.jumpOffset() != 0 && fi.jumpOffset() + 4 <= img.present) {
            long word = r.u32le(img.offset + fi.jumpOffset());
            // An ARM entry point is a branch (top byte EA) or LDR PC, [PC, #x] (E59FF0xx).
            if ((word >>> 24) != 0xEA && (word & 0xFFFFFF00L) != 0xE59FF000L) {
                add(Severity.WARNING, "jump-not-code", img.label() + ": the word at jump_offset "
                        + Text.hex(fi.jumpOffset()) + " is " + Text.hex(word) + ", not an ARM branch",
                        img.offset + fi.jumpOffset(), img.path() + "/code");
            }
        }
        if (kind == Kind.READBACK) {
            long expected = fi.xipFlashOffset();
            if (expected >= 0 && img.flashOffset != expected) {
                add(Severity.ERROR, "misplaced", img.label() + " (load address " + Text.hex(fi.loadAddress())
                        + ") belongs at flash " + Text.hex(expected) + " but is at flash " + Text.hex(img.flashOffset),
                        img.offset, img.path());
            }
            if (img.flashOffset >= 0 && img.flashOffset < HeaderBlock.SIZE) {
                add(Severity.ERROR, "image-in-header", img.label() + " overlaps the header block (flash 0..0x7FF)",
                        img.offset, img.path());
            }
        }
        signature(img);
        if (img.type() == GfhNames.PRIMARY_MAUI && img.complete() && fi.fileLength() >= 8) {
            long marker = r.u32le(img.offset + fi.fileLength() - 8);
            if (marker != END_MARKER) {
                add(Severity.WARNING, "rom-end-marker", img.label() + ": no end marker 00 44 4E 45 at file_len - 8 ("
                        + Text.hex(img.offset + fi.fileLength() - 8) + ")", img.offset + fi.fileLength() - 8,
                        img.path() + "/end");
            }
        }
        sectorsInside(img);
        for (GfhRecord rec : img.records) {
            if (rec.type() >= GfhNames.REC_MAUI_SEC && rec.type() <= GfhNames.REC_MAUI_RESOURCE_KEY) {
                add(Severity.INFO, "secure-build", img.label() + " has a " + rec.typeName() + " record: a secure"
                        + " build; Flash Tool refuses to mix secure and non-secure images", rec.offset(),
                        img.path() + "/gfh/" + rec.typeName());
                break;
            }
        }
    }

    /** PHASH (spec §4.7): SHA-1 of {@code [0, file_len − sig_len)}, end marker before it, zero padding after. */
    private void signature(Img img) throws IOException {
        FileInfo fi = img.info;
        if (fi.signatureType() == 0) {
            img.signature = GfhImage.Signature.NONE;
            return;
        }
        if (fi.signatureType() != FileInfo.SIG_PHASH) {
            img.signature = GfhImage.Signature.SIGNED_NOT_CHECKED;
            add(Severity.INFO, "signed-not-checked", img.label() + " is signed (sig_type " + fi.signatureType()
                    + "); RSA signatures cannot be checked without keys", img.offset + 0x1B, img.path() + "/gfh/sig_type");
            return;
        }
        if (!img.complete()) {
            img.signature = GfhImage.Signature.NOT_CHECKED;
            return;
        }
        long body = fi.fileLength() - fi.signatureLength();
        long at = img.offset + body;
        boolean ok = true;
        if (fi.signatureLength() < 20 || body < 4) {
            add(Severity.ERROR, "phash-mismatch", img.label() + ": sig_len " + Text.hex(fi.signatureLength())
                    + " cannot hold a SHA-1", img.offset + 0x2C, img.path() + "/gfh/sig_len");
            img.signature = GfhImage.Signature.PHASH_MISMATCH;
            return;
        }
        if (r.u32le(at - 4) != END_MARKER) {
            ok = false;
            add(Severity.ERROR, "phash-marker", img.label() + ": end marker 00 44 4E 45 missing at " + Text.hex(at - 4)
                    + ": corrupted, the phone will not boot", at - 4, img.path() + "/signature/marker");
        }
        byte[] digest = sha1(img.offset, body);
        byte[] stored = r.readBytes(at, 20);
        if (!Arrays.equals(digest, stored)) {
            ok = false;
            add(Severity.ERROR, "phash-mismatch", img.label() + ": PHASH mismatch, SHA-1 of the image is "
                    + java.util.HexFormat.of().formatHex(digest) + " but the trailer at " + Text.hex(at) + " says "
                    + java.util.HexFormat.of().formatHex(stored) + ": corrupted, the phone will not boot", at,
                    img.path() + "/signature/sha1");
        }
        long padLen = Math.min(fi.signatureLength() - 20, 4096);
        if (padLen > 0 && Scan.count(r.readBytes(at + 20, (int) padLen), 0, (int) padLen, 0) != padLen) {
            add(Severity.WARNING, "phash-padding", img.label() + ": the bytes after the SHA-1 at " + Text.hex(at + 20)
                    + " are not zero", at + 20, img.path() + "/signature/padding");
        }
        img.signature = ok ? GfhImage.Signature.PHASH_OK : GfhImage.Signature.PHASH_MISMATCH;
    }

    private byte[] sha1(long from, long length) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW, Math.max(1, length))];
        for (long done = 0; done < length; ) {
            int len = (int) Math.min(buf.length, length - done);
            r.readFully(from + done, buf, 0, len);
            md.update(buf, 0, len);
            done += len;
        }
        return md.digest();
    }

    /** Flash-aligned 4 KiB sectors inside an image that are all 0xFF (never in genuine images) or all 0x00. */
    private void sectorsInside(Img img) {
        long from = img.offset;
        long to = img.offset + img.present;
        List<long[]> blankRuns = new ArrayList<>();
        List<Long> zeroed = new ArrayList<>();
        for (int j = sectors.firstFrom(from); j < sectors.sectors() && sectors.inside(j, from, to); j++) {
            long s = sectors.start(j);
            if (sectors.blank(j)) {
                long[] last = blankRuns.isEmpty() ? null : blankRuns.get(blankRuns.size() - 1);
                if (last != null && last[1] == s) {
                    last[1] = s + SectorMap.SECTOR;
                } else {
                    blankRuns.add(new long[] {s, s + SectorMap.SECTOR});
                }
            } else if (sectors.zeroed(j)) {
                zeroed.add(s);
            }
        }
        for (int i = 0; i < blankRuns.size() && i < MAX_REPEATS; i++) {
            long[] run = blankRuns.get(i);
            long count = (run[1] - run[0]) / SectorMap.SECTOR;
            add(Severity.ERROR, "blank-sectors", img.label() + ": " + count + " blank (all 0xFF) sector"
                    + (count == 1 ? "" : "s") + " at " + Text.hex(run[0]) + ".." + Text.hex(run[1])
                    + " inside the image (erased or failed read; genuine images have none)", run[0], img.path());
        }
        if (blankRuns.size() > MAX_REPEATS) {
            add(Severity.ERROR, "blank-sectors", img.label() + ": " + (blankRuns.size() - MAX_REPEATS)
                    + " more blank runs", -1, img.path());
        }
        if (!zeroed.isEmpty()) {
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < zeroed.size() && i < 8; i++) {
                where.append(i == 0 ? "" : ", ").append(Text.hex(zeroed.get(i)));
            }
            if (zeroed.size() > 8) {
                where.append(", ...");
            }
            // The genuine EXT_BOOTLOADER has one zero sector, so a few are normal data.
            add(zeroed.size() > 3 ? Severity.WARNING : Severity.INFO, "zero-sectors", img.label() + ": "
                    + zeroed.size() + " all-zero sector" + (zeroed.size() == 1 ? "" : "s") + " at " + where,
                    zeroed.get(0), img.path());
        }
    }

    // ---------------------------------------------------------------------------------------
    // ROM records, identification, flash IDs, user data

    private Records.MauiInfo romRecords(Img rom) throws IOException {
        Records.MauiInfo maui = null;
        Optional<GfhRecord> mi = rom.record(GfhNames.REC_MAUI_INFO);
        if (mi.isPresent()) {
            maui = Records.mauiInfo(r, mi.get(), findings);
        } else {
            add(Severity.WARNING, "no-maui-info", rom.label() + " has no MAUI_INFO record: no build name", rom.offset,
                    rom.path() + "/gfh");
        }
        if (maui != null) {
            identify(rom, maui);
        }
        Release.of(r, rom.offset, rom.present, rom.info.contentOffset(), maui == null ? null : maui.projectId(), ids);
        Optional<GfhRecord> flashInfo = rom.record(GfhNames.REC_FLASH_INFO);
        List<Records.FlashDev> devs = flashInfo.isPresent() ? Records.flashInfo(r, flashInfo.get()) : List.of();
        // Flash IDs: the ROM's CMEM list first (what the cfg must list), then other images'.
        flashIds.addAll(FlashIds.fromImage(r, rom.records, "ROM", findings));
        if (flashIds.isEmpty()) {
            flashIds.addAll(FlashIds.fromDevices(devs, "ROM FLASH_INFO"));
        }
        if (flashIds.isEmpty()) {
            add(Severity.WARNING, "no-flash-ids", rom.label() + " lists no flash IDs (no CMEM_ID_INFO): a cfg needs"
                    + " them given by hand", rom.offset, rom.path() + "/gfh");
        }
        if (kind == Kind.READBACK) {
            if (!devs.isEmpty() && devs.get(0).fatValid()) {
                Records.FlashDev d = devs.get(0);
                addUserData("FAT", d.fatBegin(), d.fatLength(), d.offset() + 8);
            }
            if (maui != null && maui.sdsBase() != 0 && maui.sdsBase() != Gfh.UNSET && maui.sdsLength() != 0
                    && maui.sdsLength() != Gfh.UNSET) {
                addUserData("SDS", maui.sdsBase(), maui.sdsLength(), maui.offset() + Records.MauiInfo.SDS_BASE);
            }
        }
        return maui;
    }

    /** CMEM lists of the other images (bootloaders may carry one too), after the ROM's. */
    private void otherFlashIds(Img rom) throws IOException {
        for (Img img : images) {
            if (img != rom) {
                flashIds.addAll(FlashIds.fromImage(r, img.records, GfhNames.kitName(img.type()), findings));
            }
        }
    }

    private void addUserData(String name, long flash, long length, long source) {
        long at = flash + base;
        long present = Math.max(0, Math.min(at + length, n) - Math.max(at, 0));
        userData.add(new UserData(name, flash, length, at, present, source));
    }

    private void identify(Img rom, Records.MauiInfo maui) {
        long pid = maui.offset() + Records.MauiInfo.PLATFORM_ID;
        String platformId = maui.platformId();
        if (!platformId.isEmpty()) {
            ids.add(new Identification.Item(Identification.Key.BUILD_NAME, platformId, pid, "MAUI_INFO.platform_id"));
            java.util.regex.Matcher m = Release.PLATFORM.matcher(platformId);
            if (m.find()) {
                ids.add(new Identification.Item(Identification.Key.PLATFORM, m.group(1), pid + m.start(1),
                        "MAUI_INFO.platform_id"));
            }
            int pcb = platformId.indexOf("_PCB");
            if (pcb > 0) {
                ids.add(new Identification.Item(Identification.Key.PROJECT, platformId.substring(0, pcb), pid,
                        "MAUI_INFO.platform_id"));
            }
        }
        String verno = maui.projectId();
        if (!verno.isEmpty()) {
            long vo = maui.offset() + Records.MauiInfo.PROJECT_ID;
            ids.add(new Identification.Item(Identification.Key.VERNO, verno, vo, "MAUI_INFO.project_id"));
            String[] parts = verno.split("\\.");
            if (parts.length >= 2 && parts[1].matches("\\d\\d[A-Z].*")) {
                ids.add(new Identification.Item(Identification.Key.MAUI_BRANCH, parts[1], vo + parts[0].length() + 1,
                        "MAUI_INFO.project_id"));
            }
        }
    }

    /** EXT_BL ARM_BL_INFO against ROM MAUI_INFO (spec §4.3): the EXT_BL refuses a MAUI that disagrees. */
    private void bootloaderPairing(Records.MauiInfo maui) throws IOException {
        if (maui == null || maui.pairedVersion() < 0) {
            return;
        }
        for (Img img : images) {
            if (img.type() != GfhNames.ARM_EXT_BL) {
                continue;
            }
            Optional<GfhRecord> rec = img.record(GfhNames.REC_ARM_BL_INFO);
            Records.ArmBlInfo bl = rec.isPresent() ? Records.armBlInfo(r, rec.get()) : null;
            if (bl == null) {
                continue;
            }
            if (bl.pairedVersion() != maui.pairedVersion()) {
                add(Severity.ERROR, "paired-version", img.label() + " is paired version " + bl.pairedVersion()
                        + " but the ROM's MAUI_INFO says " + maui.pairedVersion() + ": the bootloader will refuse"
                        + " the ROM (\"Paired version mismatched\")", bl.offset() + 8, img.path() + "/gfh/ARM_BL_INFO");
            }
            if ((maui.features() & ~bl.features()) != 0) {
                add(Severity.ERROR, "features", "the ROM's features " + Text.hex(maui.features()) + " are not all in "
                        + img.label() + "'s " + Text.hex(bl.features()) + ": the bootloader will refuse the ROM"
                        + " (\"Incompatible features\")", bl.offset() + 12, img.path() + "/gfh/ARM_BL_INFO");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Chip size, mirror, truncation, overlaps

    private void chipSize(Img rom) throws IOException {
        List<ChipSize.Estimate> est = new ArrayList<>();
        long far = 0;
        String farWhat = null;
        long farAt = -1;
        for (UserData u : userData) {
            if (u.flashOffset() + u.length() > far) {
                far = u.flashOffset() + u.length();
                farWhat = "end of " + u.name() + " (" + Text.hex(u.flashOffset()) + " + " + Text.hex(u.length()) + ")";
                farAt = u.sourceOffset();
            }
        }
        for (Img img : images) {
            // Only images at their own XIP address count: a wrapped read's second copies (or a
            // misplaced image) would double the estimate. BRLYT boundaries cover the ARM_BL.
            if (img.info.xipFlashOffset() < 0 || img.flashOffset != img.info.xipFlashOffset()) {
                continue;
            }
            if (img.flashOffset + img.info.fileLength() > far) {
                far = img.flashOffset + img.info.fileLength();
                farWhat = "end of " + img.info.typeName() + " at flash " + Text.hex(far);
                farAt = img.offset;
            }
        }
        if (header != null && header.layout().isPresent()) {
            for (HeaderBlock.Descriptor d : header.layout().get().used()) {
                if ((d.type() == GfhNames.ARM_BL || d.type() == GfhNames.ARM_EXT_BL) && d.boundary() > far
                        && d.boundary() >= d.begin()) {
                    far = d.boundary();
                    farWhat = "BRLYT boundary " + Text.hex(far);
                    farAt = d.offset();
                }
            }
        }
        long chosen = 0;
        String source = "nothing tells";
        if (far > 0) {
            long pow = Long.highestOneBit(far);
            long size = pow == far ? far : pow << 1;
            est.add(new ChipSize.Estimate(size, farWhat + ", rounded up to a power of two", farAt));
            chosen = size;
            source = est.get(0).source();
        }
        if (rom != null) {
            Optional<GfhRecord> nor = rom.record(GfhNames.REC_CMEM_NOR_INFO);
            if (nor.isPresent()) {
                for (long[] s : Records.cmemNorSizes(r, nor.get(), findings)) {
                    if (s[0] > 0) {
                        est.add(new ChipSize.Estimate(s[0], "CMEM_NOR_INFO bank sizes", s[1]));
                        if (chosen == 0) {
                            chosen = s[0];
                            source = "CMEM_NOR_INFO bank sizes";
                        }
                    }
                }
            }
        }
        for (FlashId id : flashIds) {
            if (id.capacity().isPresent()) {
                est.add(new ChipSize.Estimate(id.capacity().getAsLong(), "JEDEC capacity byte of " + id.hex()
                        + " (a hint only)", id.offset()));
            }
        }
        chip = new ChipSize(chosen, source, est);
    }

    /** A read longer than the chip wraps around: compare 4 KiB samples at k times the chip size. */
    private void mirror() throws IOException {
        long size = chip.bytes();
        long start = Math.max(base, 0);
        if (size <= 0 || n - start <= size) {
            return;
        }
        List<Long> samples = new ArrayList<>();
        samples.add(0L);
        for (Img img : images) {
            if (img.flashOffset >= 0 && img.flashOffset < size) {
                samples.add(img.flashOffset);
            }
        }
        for (int k = 1; k < 8; k++) {
            samples.add(size / 8 * k);
        }
        int compared = 0;
        boolean same = true;
        for (long k = 1; same && start + k * size < n; k++) {
            for (long s : samples) {
                long a = start + s;
                long b = start + k * size + s;
                if (a < 0 || b + SectorMap.SECTOR > n) {
                    continue;
                }
                compared++;
                if (!Arrays.equals(r.readBytes(a, SectorMap.SECTOR), r.readBytes(b, SectorMap.SECTOR))) {
                    same = false;
                    break;
                }
            }
        }
        if (same && compared > 0) {
            mirrorFrom = start + size;
            add(Severity.WARNING, "mirrored", "mirrored read: the dump is " + Text.size(n - start) + " but the chip is "
                    + Text.size(size) + " and the bytes from " + Text.hex(mirrorFrom) + " repeat its start; they are"
                    + " ignored (trim the dump to " + Text.hex(mirrorFrom) + ")", mirrorFrom, "/");
            images.removeIf(img -> img.offset >= mirrorFrom);
            // The search's notes about the copy repeat those about the original.
            findings.removeIf(f -> f.offset() >= mirrorFrom && f.code().startsWith("gfh-"));
        } else {
            add(Severity.WARNING, "extra-data", "the dump is " + Text.size(n - start) + ", longer than the "
                    + Text.size(size) + " chip, and the bytes past it do not repeat its start", start + size, "/");
        }
    }

    private void truncation() {
        long size = chip.bytes();
        long covered = n - base;
        if (size <= 0 || covered >= size) {
            for (UserData u : userData) {
                if (!u.covered()) {
                    add(Severity.WARNING, "user-data-not-covered", u.name() + " (" + Text.hex(u.flashOffset()) + " + "
                            + Text.hex(u.length()) + ") is not wholly in the dump", u.offset(), "/user_data/" + u.name());
                }
            }
            return;
        }
        List<String> cut = new ArrayList<>();
        for (Img img : images) {
            if (!img.complete()) {
                cut.add(img.info.typeName() + " cut at " + Text.hex(n) + " (" + Text.hex(img.present) + " of "
                        + Text.hex(img.info.fileLength()) + " bytes)");
            }
        }
        boolean brlytCut = header != null && header.layout().isPresent() && header.layout().get().used().stream()
                .anyMatch(d -> d.boundary() + base > n);
        List<String> missing = new ArrayList<>();
        for (UserData u : userData) {
            if (!u.covered()) {
                missing.add(u.name() + (u.bytesPresent() == 0 ? " not covered" : " partly covered"));
            }
        }
        String what = String.join(", ", cut) + (cut.isEmpty() || missing.isEmpty() ? "" : "; ")
                + String.join(", ", missing);
        add(!cut.isEmpty() || brlytCut ? Severity.ERROR : Severity.WARNING, "truncated", "truncated read: the dump"
                + " ends at flash " + Text.hex(Math.max(covered, 0)) + " of a " + Text.size(size) + " chip ("
                + chip.source() + ")" + (what.isEmpty() ? "" : ": " + what), n, "/");
    }

    private void overlaps() {
        List<Img> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparingLong(i -> i.offset));
        for (int i = 1; i < sorted.size(); i++) {
            Img a = sorted.get(i - 1);
            Img b = sorted.get(i);
            if (b.offset < a.end()) {
                add(Severity.ERROR, "overlap", a.label() + " (to " + Text.hex(a.end()) + ") overlaps " + b.label(),
                        b.offset, b.path());
            }
        }
        for (UserData u : userData) {
            for (Img img : images) {
                if (img.offset < u.end() && u.offset() < img.end()) {
                    add(Severity.ERROR, "user-data-overlap", u.name() + " (" + Text.hex(u.flashOffset()) + " + "
                            + Text.hex(u.length()) + ") overlaps " + img.label() + ": a kit download would format"
                            + " over code", u.offset(), "/user_data/" + u.name());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Not a readback: pre-SV5, blank, unknown

    private void preSv5OrBlank() throws IOException {
        if (n == 0) {
            add(Severity.ERROR, "empty", "the input is empty", -1, "/");
            return;
        }
        long ff = sectors.totalErased();
        long zero = countZero();
        if (ff * 1000 >= n * 999) {
            kind = Kind.BLANK;
            add(Severity.ERROR, "blank-dump", "blank / erased: " + percent(ff) + " of the dump is 0xFF and no MediaTek"
                    + " structure was found (a failed read, or an empty chip)", -1, "/");
            return;
        }
        if (zero * 100 >= n * 99) {
            kind = Kind.BLANK;
            add(Severity.ERROR, "blank-dump", "failed read: " + percent(zero) + " of the dump is 0x00 and no MediaTek"
                    + " structure was found", -1, "/");
            return;
        }
        if (repeatingSector()) {
            kind = Kind.BLANK;
            add(Severity.ERROR, "blank-dump", "failed read: one 4 KiB pattern repeats over the whole dump", 0, "/");
            return;
        }
        PreSv5.Result pre = PreSv5.probe(r);
        if (pre != null) {
            kind = Kind.PRE_SV5;
            ids.addAll(pre.ids());
            // The release-info strings sit in the code as on SV5 builds [INF: no public sample].
            Release.of(r, 0, n, 0, pre.ids().stream().filter(i -> i.key() == Identification.Key.VERNO)
                    .map(Identification.Item::value).findFirst().orElse(null), ids);
            flashIds.addAll(pre.flashIds());
            if (pre.fatBegin() >= 0) {
                addUserData("FAT", pre.fatBegin(), pre.fatLength(), pre.fatSource());
            }
            add(Severity.WARNING, "pre-sv5", "an older MT62xx dump without GFH headers (" + pre.romInfo() + " at "
                    + Text.hex(pre.romInfoOffset()) + "): identified, but a kit needs the image boundaries and is"
                    + " not supported yet", pre.romInfoOffset(), "/rominfo");
            return;
        }
        add(Severity.ERROR, "not-mediatek", "not a MediaTek NOR readback: no SF_BOOT header block, no GFH image"
                + " and no MTK_ROMINFO were found", -1, "/");
    }

    /** Exact 0x00 count; only needed when nothing MediaTek was found, so not part of the main pass. */
    private long countZero() throws IOException {
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW, n)];
        long zero = 0;
        for (long pos = 0; pos < n; pos += buf.length) {
            int len = (int) Math.min(buf.length, n - pos);
            r.readFully(pos, buf, 0, len);
            zero += Scan.count(buf, 0, len, 0);
        }
        return zero;
    }

    private String percent(long count) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * count / n);
    }

    private boolean repeatingSector() throws IOException {
        if (n < 2L * SectorMap.SECTOR || n % SectorMap.SECTOR != 0) {
            return false;
        }
        byte[] first = r.readBytes(0, SectorMap.SECTOR);
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW, n)];
        for (long pos = 0; pos < n; pos += buf.length) {
            int len = (int) Math.min(buf.length, n - pos);
            r.readFully(pos, buf, 0, len);
            for (int i = 0; i < len; i += SectorMap.SECTOR) {
                if (!Arrays.equals(buf, i, i + SectorMap.SECTOR, first, 0, SectorMap.SECTOR)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // Names, regions, result

    private void name(Records.MauiInfo maui) throws IOException {
        Img ext = images.stream().filter(i -> i.type() == GfhNames.ARM_EXT_BL && i.complete()).findFirst().orElse(null);
        String blVersion = ext == null ? null : Release.bootloaderVersion(r, ext.offset, ext.present, ids);
        Map<String, Integer> used = new LinkedHashMap<>();
        for (Img img : images) {
            String name = img.type() == GfhNames.ARM_BL ? Names.bootloader(maui, blVersion) : GfhNames.kitName(img.type());
            int k = used.merge(name, 1, Integer::sum);
            img.name = k == 1 ? name : name + "_" + k;
        }
    }

    private void buildRegions() throws IOException {
        List<long[]> painted = new ArrayList<>();
        List<Region> out = new ArrayList<>();
        for (Img img : images) {
            paint(painted, out, img.offset, img.offset + img.present, Region.Kind.IMAGE, img.name);
        }
        if (header != null) {
            paint(painted, out, base, base + HeaderBlock.SIZE, Region.Kind.HEADER_BLOCK, "header block");
        }
        for (UserData u : userData) {
            paint(painted, out, u.offset(), u.end(), Region.Kind.USER_DATA, u.name());
        }
        if (mirrorFrom >= 0) {
            paint(painted, out, mirrorFrom, n, Region.Kind.MIRROR, "mirror");
        }
        if (base > 0 && kind == Kind.READBACK) {
            paint(painted, out, 0, base, Region.Kind.PREFIX, "before flash 0");
        }
        out.sort(Comparator.comparingLong(Region::offset));
        long pos = 0;
        int stale = 0;
        for (Region reg : out) {
            if (reg.offset() > pos) {
                stale += gap(pos, reg.offset());
            }
            regions.add(reg);
            pos = reg.end();
        }
        if (pos < n) {
            stale += gap(pos, n);
        }
        if (stale > MAX_REPEATS) {
            add(Severity.INFO, "stale-data", (stale - MAX_REPEATS) + " more runs of unexplained data", -1, "/");
        }
    }

    /** Adds the parts of {@code [from, to)} inside the input that no earlier region took. */
    private void paint(List<long[]> painted, List<Region> out, long from, long to, Region.Kind k, String label)
            throws IOException {
        List<long[]> pieces = new ArrayList<>();
        pieces.add(new long[] {Math.max(0, from), Math.min(to, n)});
        for (long[] p : painted) {
            List<long[]> next = new ArrayList<>();
            for (long[] q : pieces) {
                if (q[1] <= p[0] || p[1] <= q[0]) {
                    next.add(q);
                    continue;
                }
                if (q[0] < p[0]) {
                    next.add(new long[] {q[0], p[0]});
                }
                if (p[1] < q[1]) {
                    next.add(new long[] {p[1], q[1]});
                }
            }
            pieces = next;
        }
        for (long[] q : pieces) {
            if (q[1] > q[0]) {
                painted.add(q);
                out.add(new Region(q[0], q[1] - q[0], k, label, sectors.erased(q[0], q[1])));
            }
        }
    }

    /** Splits a gap into FREE (all 0xFF) and UNEXPLAINED runs at sector granularity; returns the unexplained count. */
    private int gap(long from, long to) throws IOException {
        int unexplained = 0;
        long runStart = from;
        Region.Kind runKind = null;
        long pos = from;
        while (pos < to) {
            int j = (int) ((pos - sectors.start(0)) / SectorMap.SECTOR);
            long pieceEnd = Math.min(to, sectors.start(j) + SectorMap.SECTOR);
            boolean whole = pos == sectors.start(j) && pieceEnd == sectors.start(j) + SectorMap.SECTOR;
            boolean blank = whole ? sectors.blank(j) : sectors.erased(pos, pieceEnd) == pieceEnd - pos;
            Region.Kind k = blank ? Region.Kind.FREE : Region.Kind.UNEXPLAINED;
            if (runKind != null && k != runKind) {
                unexplained += emitGap(runStart, pos, runKind, unexplained);
                runStart = pos;
            }
            runKind = k;
            pos = pieceEnd;
        }
        if (runKind != null) {
            unexplained += emitGap(runStart, to, runKind, unexplained);
        }
        return unexplained;
    }

    private int emitGap(long from, long to, Region.Kind k, int before) throws IOException {
        long erased = k == Region.Kind.FREE ? to - from : sectors.erased(from, to);
        regions.add(new Region(from, to - from, k, k == Region.Kind.FREE ? "free" : "unexplained", erased));
        if (k == Region.Kind.UNEXPLAINED && kind == Kind.READBACK) {
            if (before < MAX_REPEATS) {
                add(Severity.INFO, "stale-data", Text.hex(to - from - erased) + " bytes of data outside any image or"
                        + " user-data range at " + Text.hex(from) + ".." + Text.hex(to)
                        + " (stale data from older firmware?)", from, "/");
            }
            return 1;
        }
        return 0;
    }

    private MtkRomLayout result() {
        List<GfhImage> out = new ArrayList<>();
        for (Img img : images) {
            out.add(new GfhImage(img.offset, img.flashOffset, img.info, img.records, img.present, img.signature,
                    img.name));
        }
        ids.sort(Comparator.comparing(Identification.Item::key));
        List<Identification.Item> unique = new ArrayList<>();
        for (Identification.Item i : ids) {
            if (unique.stream().noneMatch(u -> u.key() == i.key())) {
                unique.add(i);
            }
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparingLong(f -> f.offset() < 0 ? Long.MAX_VALUE : f.offset()));
        boolean recognised = kind == Kind.READBACK || kind == Kind.IMAGE || kind == Kind.PRE_SV5;
        return new MtkRomLayout(kind, n, base, Optional.ofNullable(header), out, regions,
                new Identification(unique), flashIds, userData, viva, chip, HealthReport.of(recognised, sorted));
    }
}
