package io.github.fwkit.cli.internal;

import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.KitRegion;
import io.github.fwkit.mtk.MtkCfg;

import java.nio.file.Path;
import java.util.List;

/** {@code fwkit mtk cfg-check}: a .cfg against MediaTek's parser rules and the kit files beside it. */
final class MtkCfgCheckCommand extends BaseCommand {
    private static final KitRegion[] REGIONS = {KitRegion.BOOT, KitRegion.CONTROL_BLOCK, KitRegion.MAIN,
        KitRegion.FILE_SYSTEM};

    Path cfg;
    boolean cfgOnly;
    Finding.Severity failOn = Finding.Severity.ERROR;

    @Override
    CommandSpec spec() {
        return new CommandSpec("cfg-check", "Check a MediaTek .cfg (and the kit beside it) the way Flash Tool's"
                + " downloader reads it.")
                .description("The cfg looks like YAML but MediaTek's parser reads it line by line: a trailing space"
                        + " after '- file: ROM' becomes part of the name, 'id_length:  3' (two spaces) is no length,"
                        + " all three of boot_region, control_block_region and main_region must exist. Then every"
                        + " listed file is checked: it exists beside the cfg, is a post-built GFH image whose"
                        + " file_len is its size, sits in the region its type belongs to (the first bootloader"
                        + " first), and the platform and flash_info IDs match the ROM's. Findings give the cfg line."
                        + " Exit code 3 when there are errors (with --fail-on warning: also warnings), 1 when the"
                        + " cfg cannot be read.")
                .flag("--cfg-only", "Check only the cfg's text against the parser rules, not the files it lists.")
                .option("--fail-on", "LEVEL", "error (default): exit 3 only when Flash Tool would reject the kit or"
                        + " flash something else than intended; warning: also on warnings (e.g. an empty platform:,"
                        + " a flash ID the ROM lacks).")
                .positional("CFG", "The .cfg file (a kit's, e.g. kit/SEEED02A_DEMO_BB.cfg or config_mtk.cfg).")
                .examples(
                        "  fwkit mtk cfg-check kit/SEEED02A_DEMO_BB.cfg",
                        "  fwkit mtk cfg-check --cfg-only downloaded.cfg",
                        "  fwkit mtk cfg-check --fail-on warning kit/config_mtk.cfg",
                        "  fwkit mtk cfg-check --json kit/config_mtk.cfg | jq '.findings'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--cfg-only" -> cfgOnly = true;
            case "--fail-on" -> failOn = MtkSupport.failOn(value);
            case "CFG" -> cfg = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = cfg;
        checkInput(cfg);
        MtkCfg.Parsed parsed = MtkCfg.parse(cfg);
        // check() starts with the parser's findings (their offsets are line numbers), then the kit's.
        List<Finding> findings = cfgOnly ? parsed.findings() : MtkCfg.check(cfg);
        int parserFindings = Math.min(parsed.findings().size(), findings.size());
        boolean problems = MtkSupport.any(findings, failOn);
        int[] n = MtkSupport.count(findings);
        MtkCfg c = parsed.cfg();
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", cfg.toString())
                    .field("crlf", parsed.crlf())
                    .field("platform", c.platform().isPresent() ? c.platform().get() : null)
                    .field("parameters_version", c.parametersVersion().isEmpty() ? null : c.parametersVersion())
                    .name("regions").beginObject();
            for (KitRegion r : REGIONS) {
                j.name(r.keyword());
                MtkSupport.writeStrings(j, c.files(r));
            }
            j.endObject().name("flash_infos").beginArray();
            for (MtkCfg.FlashInfo fi : c.flashInfos()) {
                j.beginObject()
                        .field("flash_type", fi.flashType())
                        .field("id_length", fi.idLength())
                        .field("flash_id", MtkSupport.idHex(fi.id(), fi.idLength()))
                        .field("memory_type", fi.memoryType())
                        .endObject();
            }
            j.endArray()
                    .field("kit_checked", !cfgOnly)
                    .field("ok", !problems)
                    .field("errors", n[0])
                    .field("warnings", n[1])
                    .field("infos", n[2])
                    .name("findings").beginArray();
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                boolean line = i < parserFindings;
                j.beginObject()
                        .field("severity", MtkSupport.lower(f.severity()))
                        .field("code", f.code())
                        .field("message", f.message())
                        .fieldOrNull("line", line ? f.offset() : -1)
                        .fieldOrNull("offset", line ? -1 : f.offset())
                        .field("path", f.path().isEmpty() ? null : f.path())
                        .endObject();
            }
            j.endArray().endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            out.println(cfg + ": MediaTek flash configuration (" + (parsed.crlf() ? "CRLF" : "LF") + ")");
            MtkSupport.Table t = new MtkSupport.Table();
            t.row("platform", c.platform().isPresent() ? c.platform().get() : "(none)");
            for (KitRegion r : REGIONS) {
                if (!c.files(r).isEmpty() || r != KitRegion.FILE_SYSTEM) {
                    t.row(r.keyword(), c.files(r).isEmpty() ? "(no files)" : String.join(", ", c.files(r)));
                }
            }
            t.row("parameters", c.parametersVersion().isEmpty() ? "(none)" : c.parametersVersion());
            for (MtkCfg.FlashInfo fi : c.flashInfos()) {
                t.row("flash_info", fi.flashType() + " " + MtkSupport.idHex(fi.id(), fi.idLength()) + "  "
                        + fi.memoryType());
            }
            t.print(out, "  ");
            out.println();
            if (findings.isEmpty()) {
                out.println("Findings: none");
            } else {
                out.println("Findings");
                for (int i = 0; i < findings.size(); i++) {
                    Finding f = findings.get(i);
                    out.println("  " + (i < parserFindings ? MtkSupport.findingLine(f, true)
                            : MtkSupport.findingLine(new Finding(f.severity(), f.code(), f.message(), -1, f.path()),
                            false)));
                }
            }
            out.println();
            String counts = " (" + MtkSupport.counts(findings) + ")";
            if (!problems) {
                out.println("OK: Flash Tool's parser accepts the cfg" + (cfgOnly ? "" : " and the kit files match it")
                        + counts);
            } else if (n[0] > 0) {
                out.println("FAILED: Flash Tool would reject " + (cfgOnly ? "this cfg" : "this kit")
                        + " or flash something else than intended" + counts);
            } else {
                out.println("FAILED (--fail-on warning)" + counts);
            }
        }
        if (problems) {
            ctx.err.println("fwkit: " + cfg + ": " + MtkSupport.counts(findings));
            if (!cfgOnly && hasCode(findings, "cfg-file-missing")) {
                ctx.err.println("hint: the kit's files must sit beside the cfg under the names it lists;"
                        + " --cfg-only checks the cfg's text alone");
            }
        }
        return problems ? Cli.EXIT_PROBLEMS : Cli.EXIT_OK;
    }

    private static boolean hasCode(List<Finding> findings, String code) {
        for (Finding f : findings) {
            if (f.code().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
