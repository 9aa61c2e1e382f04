package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.HealthReport;
import io.github.fwkit.mtk.Identification;
import io.github.fwkit.mtk.KitRegion;
import io.github.fwkit.mtk.KitStyle;
import io.github.fwkit.mtk.MtkCfg;
import io.github.fwkit.mtk.MtkKit;
import io.github.fwkit.mtk.MtkRomLayout;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.github.fwkit.cli.internal.MtkSupport.lower;

/** {@code fwkit mtk extract}: the flashable kit (images, .cfg, report) cut from a readback. */
final class MtkExtractCommand extends MtkDumpCommand {
    /** The format of the library's refusals ({@code MtkKit}). */
    private static final String KIT_FORMAT = "mtk-kit";

    KitStyle style = KitStyle.FLASHTOOL;
    boolean withUserData;
    boolean force;
    String platform;
    String memoryType;
    final List<FlashId> flashIds = new ArrayList<>();
    Path outDir;

    @Override
    CommandSpec spec() {
        return new CommandSpec("extract", "Rebuild the flashable kit from a MediaTek readback: BOOTLOADER,"
                + " EXT_BOOTLOADER, ROM, VIVA and a .cfg for Flash Tool.")
                .description("Each image is cut byte-exact (its GFH file_len), re-parsed and checked; the .cfg lists"
                        + " them with the platform and one flash_info per flash ID coded in the ROM, and passes"
                        + " MediaTek's parser rules; REPORT.txt records identification and health. OUT_DIR is created"
                        + " if missing; files of the same name in it are replaced, and nothing appears there unless"
                        + " every file was written. A dump with an incomplete image (a short read), a failed"
                        + " bootloader PHASH or no ROM is refused (exit 1) unless --force. Exit code 3 when the kit"
                        + " was written but the dump has errors (see fwkit mtk health).")
                .option("--style", "NAME", "File names and cfg layout: flashtool (default; MediaTek build names,"
                        + " <PROJECT>_BB.cfg) or readback-extractor (INT_BOOTLOADER, FILE_01_mtk, ..., config_mtk.cfg,"
                        + " CRLF).")
                .flag("--with-userdata", "Also write the file system and SDS ranges (USERDATA_<start>_<length>.bin):"
                        + " this phone's own IMEI, calibration and pairings; never flash them to another phone.")
                .flag("--force", "Write what can be written despite incomplete images (left out), failed PHASH"
                        + " checks (written as they are) or a missing ROM; everything is noted.")
                .option("--platform", "NAME", "The cfg's platform, e.g. MT6261, when the ROM does not name it.")
                .option("--flash-id", "HEX", "A flash chip ID for the cfg (repeat for several), e.g. C22538 or"
                        + " C2:25:38, instead of the ROM's list.")
                .option("--memory-type", "TYPE", "The cfg's memory_type (default: PSRAM_130MHz for MT2501/MT2502,"
                        + " PSRAM_166MHz otherwise).")
                .positional("DUMP", "The whole-chip readback.")
                .positional("OUT_DIR", "The kit folder to write.")
                .examples(
                        "  fwkit mtk extract ROM_0 kit",
                        "  fwkit mtk extract --style readback-extractor --with-userdata ROM_0 kit",
                        "  fwkit mtk extract --force ROM_4M kit      the complete images of a short read",
                        "",
                        "  Then check the kit and load its .cfg in Flash Tool (Download):",
                        "  fwkit mtk cfg-check kit/*.cfg");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--style" -> style = style(value);
            case "--with-userdata" -> withUserData = true;
            case "--force" -> force = true;
            case "--platform" -> platform = platform(value);
            case "--flash-id" -> flashIds.add(flashId(value));
            case "--memory-type" -> memoryType = memoryType(value);
            case "DUMP" -> file = Path.of(value);
            case "OUT_DIR" -> outDir = Path.of(value);
            default -> super.set(name, value);
        }
    }

    static KitStyle style(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "flashtool": return KitStyle.FLASHTOOL;
            case "readback-extractor": return KitStyle.READBACK_EXTRACTOR;
            default: throw new IllegalArgumentException("'" + value + "' is not a style; use flashtool or"
                    + " readback-extractor");
        }
    }

    private static String platform(String value) {
        if (!value.matches("[A-Za-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("'" + value + "' is not a platform name such as MT6261");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    private static String memoryType(String value) {
        if (!value.matches("[A-Za-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("'" + value + "' is not a memory type such as PSRAM_166MHz");
        }
        return value;
    }

    /** {@code C22538}, {@code C2 25 38}, {@code C2:25:38} or {@code 0xC2,0x25,0x38}: one to eight bytes. */
    static FlashId flashId(String value) {
        String v = value.replace("0x", "").replace("0X", "");
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                digits.append(c);
            } else if (c != ' ' && c != ':' && c != ',' && c != '-') {
                digits.setLength(0);
                break;
            }
        }
        int n = digits.length() / 2;
        if (digits.length() % 2 != 0 || n < 1 || n > 8) {
            throw new IllegalArgumentException("'" + value + "' is not a flash ID; write one to eight hex bytes, e.g."
                    + " C22538 or C2:25:38");
        }
        List<Integer> id = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            id.add(i < n ? Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16) : 0);
        }
        return new FlashId(FlashId.DEVICE_SERIAL_NOR, n, id, -1, "--flash-id");
    }

    private MtkKit.Options options() {
        MtkKit.Options o = MtkKit.Options.DEFAULTS.withStyle(style).withUserData(withUserData).withForce(force);
        if (platform != null) {
            o = o.withPlatform(platform);
        }
        if (memoryType != null) {
            o = o.withMemoryType(memoryType);
        }
        if (!flashIds.isEmpty()) {
            o = o.withFlashIds(flashIds);
        }
        return o;
    }

    @Override
    int execute(Context ctx) throws Exception {
        MtkKit.Options options = options();
        currentFile = file;
        checkInput(file);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new FileSystemException(outDir.toString(), null, "is a file, not a folder; give a folder for the kit");
        }
        long start = System.nanoTime();
        MtkKit.Result kit;
        try (ImageReader r = ImageReader.open(file)) {
            layout = MtkRomLayout.analyze(r);
            if (!layout.recognised()) {
                throw MtkSupport.notRecognised(layout);
            }
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "writing kit")) {
                kit = MtkKit.write(r, layout, outDir, options, List.of(file), bar);
            }
        }
        long nanos = System.nanoTime() - start;
        HealthReport h = layout.health();
        boolean damaged = MtkSupport.any(h.findings(), Finding.Severity.ERROR);
        String cfgName = null;
        for (MtkKit.KitFile f : kit.files()) {
            if ("cfg".equals(f.kind())) {
                cfgName = f.name();
            }
        }
        Path cfgPath = cfgName == null ? null : outDir.resolve(cfgName);
        List<String> hints = new ArrayList<>();
        if (cfgPath != null) {
            String q = Cli.quote(cfgPath.toString());
            hints.add("check the kit: fwkit mtk cfg-check " + q);
            hints.add("flash it: open " + q + " in Flash Tool's Download tab");
        }
        if (damaged) {
            hints.addAll(MtkSupport.hints(layout, file, false));
        }
        if (ctx.json) {
            printJson(ctx, kit, cfgPath, nanos, hints);
        } else {
            printText(ctx, kit, cfgPath, nanos, hints);
        }
        if (damaged) {
            ctx.err.println("fwkit: the kit was written, but " + file + " is " + h.verdict() + " ("
                    + MtkSupport.counts(h.findings()) + "); 'fwkit mtk health " + Cli.quote(file.toString())
                    + "' lists them");
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }

    private void printText(Context ctx, MtkKit.Result kit, Path cfgPath, long nanos, List<String> hints) {
        var out = ctx.out;
        Identification id = layout.identification();
        String what = "";
        if (id.platform().isPresent()) {
            what = id.platform().get();
        }
        if (id.value(Identification.Key.VERNO).isPresent()) {
            what += (what.isEmpty() ? "" : ", ") + id.value(Identification.Key.VERNO).get();
        }
        out.println(outDir + ": flashable kit of " + file + (what.isEmpty() ? "" : " (" + what + ")") + ", "
                + style.name().toLowerCase(Locale.ROOT).replace('_', '-') + " style");
        MtkSupport.Table t = new MtkSupport.Table();
        t.row("file", "bytes", "region", "sha256");
        for (MtkKit.KitFile f : kit.files()) {
            t.row(f.name(), Long.toString(f.length()),
                    f.region() == KitRegion.NOT_FLASHABLE ? f.kind() : f.region().keyword(), f.sha256());
        }
        t.print(out, "  ");
        out.println();
        if (cfgPath != null) {
            StringBuilder ids = new StringBuilder();
            for (MtkCfg.FlashInfo fi : kit.cfg().flashInfos()) {
                ids.append(ids.length() == 0 ? "" : ", ").append(MtkSupport.idHex(fi.id(), fi.idLength()));
            }
            out.println("  cfg     " + cfgPath + ": platform " + (kit.cfg().platform().isPresent()
                    ? kit.cfg().platform().get() : "(none)") + ", flash IDs " + ids);
        }
        HealthReport h = layout.health();
        out.println("  health  " + h.verdict() + ", score " + h.score() + ": " + MtkSupport.counts(h.findings()));
        out.println("  time    " + Units.seconds(nanos));
        if (!kit.notes().isEmpty()) {
            out.println();
            out.println("Notes");
            for (String n : kit.notes()) {
                out.println("  " + n);
            }
        }
        MtkSupport.printHints(out, hints);
    }

    private void printJson(Context ctx, MtkKit.Result kit, Path cfgPath, long nanos, List<String> hints) {
        Json j = new Json(ctx.out);
        j.beginObject()
                .field("input", file.toString())
                .field("output_dir", outDir.toString())
                .field("style", style.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .field("with_userdata", withUserData)
                .field("forced", force)
                .name("files").beginArray();
        for (MtkKit.KitFile f : kit.files()) {
            j.beginObject()
                    .field("name", f.name())
                    .field("path", outDir.resolve(f.name()).toString())
                    .field("kind", f.kind())
                    .field("region", f.region() == KitRegion.NOT_FLASHABLE ? null : f.region().keyword())
                    .fieldOrNull("source_offset", f.sourceOffset())
                    .field("size", f.length())
                    .field("sha256", f.sha256())
                    .endObject();
        }
        j.endArray();
        MtkCfg cfg = kit.cfg();
        j.name("cfg").beginObject()
                .field("path", cfgPath == null ? null : cfgPath.toString())
                .field("platform", cfg.platform().isPresent() ? cfg.platform().get() : null)
                .name("flash_ids").beginArray();
        for (MtkCfg.FlashInfo fi : cfg.flashInfos()) {
            j.value(MtkSupport.idHex(fi.id(), fi.idLength()));
        }
        j.endArray().endObject();
        j.name("notes");
        MtkSupport.writeStrings(j, kit.notes());
        j.name("health");
        MtkSupport.writeHealth(j, layout.health());
        j.name("hints");
        MtkSupport.writeStrings(j, hints);
        j.field("elapsed_seconds", nanos / 1e9);
        j.endObject();
        ctx.out.println();
    }

    @Override
    String hint(Exception e) {
        if (layout != null && e instanceof FormatException && KIT_FORMAT.equals(((FormatException) e).format())) {
            String path = ((FormatException) e).path();
            String problem = ((FormatException) e).problem();
            if (problem.contains("incomplete")) {
                return MtkSupport.readWhole(layout) + "; or add --force to write the complete images only";
            }
            if (problem.contains("PHASH")) {
                return "read the chip again and compare the two reads ('cmp -l first.bin second.bin | head');"
                        + " --force writes the image as it is";
            }
            if (path.endsWith("/platform")) {
                return "give it with --platform (e.g. --platform MT6261)";
            }
            if (path.endsWith("/flash_ids")) {
                return "give the chip's JEDEC ID with --flash-id (e.g. --flash-id C22538), from the chip's marking"
                        + " or a Flash Tool log";
            }
            if (problem.contains("single kit file")) {
                return "'fwkit mtk info " + Cli.quote(file.toString()) + "' shows what it is; extract needs the"
                        + " whole-chip readback";
            }
            if (problem.contains("no complete ROM")) {
                return MtkSupport.readWhole(layout) + "; --force writes the kit without a ROM";
            }
        }
        if (e != null && !(e instanceof FormatException) && e.getMessage() != null
                && e.getMessage().startsWith("refusing to overwrite the input")) {
            return "the dump has the name of a kit file; write the kit into another folder";
        }
        return super.hint(e);
    }
}
