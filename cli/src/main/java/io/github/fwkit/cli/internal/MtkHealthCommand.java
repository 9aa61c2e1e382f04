package io.github.fwkit.cli.internal;

import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.HealthReport;
import io.github.fwkit.mtk.MtkRomLayout;

import java.nio.file.Path;
import java.util.List;

import static io.github.fwkit.cli.internal.MtkSupport.hex;
import static io.github.fwkit.cli.internal.MtkSupport.lower;

/** {@code fwkit mtk health}: the verdict, score and findings of a readback, exit 3 when not healthy. */
final class MtkHealthCommand extends MtkDumpCommand {
    Finding.Severity failOn = Finding.Severity.WARNING;

    @Override
    CommandSpec spec() {
        return new CommandSpec("health", "Check a MediaTek readback: complete, undamaged, bootable? Verdict, score"
                + " and findings with offsets.")
                .description("Checks every byte: images cut off by a short read (the expected chip size comes from"
                        + " the ROM), blank or zeroed sectors inside code, PHASH (SHA-1) of the bootloaders, GFH"
                        + " rules, the BRLYT against the images, the ROM end marker, mirrored and shifted reads. Blank"
                        + " space where it is normal (after VIVA, in an empty file system) is not a fault. Verdicts:"
                        + " HEALTHY (no errors or warnings), USABLE (warnings only), DAMAGED (errors). Score: 100"
                        + " minus 25 per error and 5 per warning. Exit code 3 when the verdict is not HEALTHY (with"
                        + " --fail-on error: only when DAMAGED), 1 when the file is not a MediaTek dump at all.")
                .option("--fail-on", "LEVEL", "warning (default): exit 3 on any warning or error; error: exit 3 only"
                        + " on errors.")
                .positional("DUMP", "The readback (or one kit file).")
                .examples(
                        "  fwkit mtk health ROM_0",
                        "  fwkit mtk health ROM_0 && fwkit mtk extract ROM_0 kit",
                        "  fwkit mtk health --fail-on error ROM_0       warnings alone do not fail",
                        "  fwkit mtk health --json ROM_0 | jq -r '.findings[].code'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--fail-on" -> failOn = MtkSupport.failOn(value);
            case "DUMP" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        MtkRomLayout l = analyze(true);
        HealthReport h = l.health();
        List<String> hints = MtkSupport.hints(l, file, true);
        boolean problems = MtkSupport.any(h.findings(), failOn);
        if (ctx.json) {
            int[] n = MtkSupport.count(h.findings());
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("kind", lower(l.kind()))
                    .field("length", l.length())
                    .fieldOrNull("expected_size", l.chipSize().known() ? l.chipSize().bytes() : -1)
                    .field("verdict", lower(h.verdict()))
                    .field("score", h.score())
                    .field("errors", n[0])
                    .field("warnings", n[1])
                    .field("infos", n[2])
                    .name("findings");
            MtkSupport.writeFindings(j, h.findings());
            j.name("hints");
            MtkSupport.writeStrings(j, hints);
            j.endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            out.println(file + ": " + h.verdict() + ", score " + h.score() + " (" + MtkInfoCommand.kindText(l) + ", "
                    + Units.bytes(l.length()) + (l.chipSize().known() && l.chipSize().bytes() != l.length()
                    ? ", chip " + Units.bytes(l.chipSize().bytes()) : "") + ")");
            out.println("  " + MtkSupport.counts(h.findings()));
            if (!h.findings().isEmpty()) {
                out.println();
                out.println("Findings");
                for (Finding f : h.findings()) {
                    out.println("  " + MtkSupport.findingLine(f, false));
                }
            }
            MtkSupport.printHints(out, hints);
        }
        if (problems) {
            ctx.err.println("fwkit: " + file + ": " + h.verdict() + " (" + MtkSupport.counts(h.findings()) + ")"
                    + firstProblem(h));
        }
        return problems ? Cli.EXIT_PROBLEMS : Cli.EXIT_OK;
    }

    /** {@code : truncated at 0x400000} for the first error (or warning). */
    private static String firstProblem(HealthReport h) {
        for (Finding f : h.findings()) {
            if (f.severity() != Finding.Severity.INFO) {
                return "; first: " + f.code() + (f.offset() >= 0 ? " at " + hex(f.offset()) : "");
            }
        }
        return "";
    }
}
