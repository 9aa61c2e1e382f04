package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacFinding;
import io.github.fwkit.sprd.PacHeader;
import io.github.fwkit.sprd.PacReport;

import java.nio.file.Path;

/** {@code fwkit pac check}: CRCs, sizes and layout of a package; exit 3 when anything is wrong. */
final class PacCheckCommand extends BaseCommand {
    boolean lenient;
    Path file;

    @Override
    CommandSpec spec() {
        return new CommandSpec("check", "Verify a Spreadtrum .pac package: CRCs, sizes, offsets and layout.")
                .description("Checks the header CRC, the body CRC (streamed over the whole file), the file-table"
                        + " CRC of encrypted packages, the size against the file length, that every blob lies"
                        + " inside the file without overlaps and in table order, and the names and config XML."
                        + " Exit code 3 when an error or warning is found (notes alone give 0).")
                .flag("--lenient", "Also check packages a strict read refuses (truncated, wrong total size, ...):"
                        + " each problem is listed as a finding.")
                .positional("PAC", "The .pac package.")
                .examples(
                        "  fwkit pac check firmware.pac",
                        "  fwkit pac check --lenient truncated-download.pac",
                        "  fwkit pac check --json firmware.pac | jq '.findings[]'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "PAC" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        PacReport report;
        PacHeader h;
        int entries;
        long size;
        long start = System.nanoTime();
        try (Pac pac = PacSupport.open(file, lenient)) {
            h = pac.header();
            entries = pac.entries().size();
            size = pac.source().size();
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "checking")) {
                report = pac.verify(bar);
            }
        }
        long nanos = System.nanoTime() - start;
        int[] n = PacSupport.counts(report.findings());
        boolean problems = report.hasProblems();
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("file_size", size)
                    .field("version", h.version())
                    .field("entry_count", entries)
                    .field("ok", !problems)
                    .name("header_crc").beginObject()
                    .field("stored", report.headerCrcStored())
                    .field("computed", report.headerCrcComputed())
                    .field("ok", report.headerCrcStored() == report.headerCrcComputed())
                    .endObject()
                    .name("body_crc").beginObject()
                    .field("stored", report.bodyCrcStored())
                    .field("computed", report.bodyCrcComputed())
                    .field("ok", report.bodyCrcStored() == report.bodyCrcComputed())
                    .endObject()
                    .field("bytes_checked", report.bytesChecked())
                    .field("errors", n[PacFinding.Severity.ERROR.ordinal()])
                    .field("warnings", n[PacFinding.Severity.WARNING.ordinal()])
                    .field("infos", n[PacFinding.Severity.INFO.ordinal()]);
            PacSupport.writeFindings(j, report.findings());
            j.field("elapsed_seconds", nanos / 1e9).endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            out.println(file + ": Spreadtrum PAC " + h.version() + ", " + PacSupport.entries(entries) + ", "
                    + Units.bytes(size));
            out.println("  header CRC  " + crc(report.headerCrcStored(), report.headerCrcComputed()));
            out.println("  body CRC    " + crc(report.bodyCrcStored(), report.bodyCrcComputed()));
            String rate = Units.rate(report.bytesChecked(), nanos);
            out.println("  checked     " + report.bytesChecked() + " bytes in " + Units.seconds(nanos)
                    + (rate.isEmpty() ? "" : " (" + rate + ")"));
            if (!report.findings().isEmpty()) {
                out.println("findings:");
                PacSupport.printFindings(ctx, report.findings());
            }
            out.println(problems ? "PROBLEMS: " + PacSupport.plural(n[0], "error") + ", "
                    + PacSupport.plural(n[1], "warning") : "OK" + (n[2] > 0 ? " (" + PacSupport.plural(n[2], "note")
                    + ")" : ""));
        }
        if (problems) {
            ctx.err.println("fwkit: " + file + ": " + PacSupport.plural(n[0], "error") + ", "
                    + PacSupport.plural(n[1], "warning") + " found");
            ctx.err.println("hint: " + problemHint(report));
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }

    private String problemHint(PacReport report) {
        String f = PacSupport.q(file);
        if (!report.crcsMatch()) {
            return "the bytes are not what the packer wrote (a damaged download or an edited file): get the package"
                    + " again; if you changed it on purpose, 'fwkit pac repack " + f + " NEW.pac' writes fresh CRCs";
        }
        if (report.hasErrors()) {
            return "the flash tool would refuse this package or flash wrong bytes; 'fwkit pac extract " + f
                    + " OUT_DIR' still saves what is readable";
        }
        return "Unisoc's tools may misread this layout; 'fwkit pac repack " + f + " NEW.pac' writes a canonical copy"
                + " (blobs in table order, fresh CRCs)";
    }

    private static String crc(int stored, int computed) {
        return stored == computed ? "0x" + Units.hex(stored, 4) + " ok"
                : "MISMATCH: stored 0x" + Units.hex(stored, 4) + ", computed 0x" + Units.hex(computed, 4);
    }

    @Override
    String hint(Exception e) {
        String h = PacSupport.hint(e, file, !lenient);
        return h != null ? h : super.hint(e);
    }
}
