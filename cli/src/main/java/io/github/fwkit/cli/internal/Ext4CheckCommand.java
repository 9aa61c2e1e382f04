package io.github.fwkit.cli.internal;

import io.github.fwkit.ext4.CheckReport;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Finding;
import io.github.fwkit.ext4.VolumeInfo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code fwkit ext4 check}: every checksum and the basic structure of an image; exit 3 on findings. */
final class Ext4CheckCommand extends BaseCommand {
    Path file;

    @Override
    CommandSpec spec() {
        return new CommandSpec("check", "Verify every checksum and the basic structure of an ext2/3/4 image (exit 3"
                + " when something is wrong).")
                .description("Superblock, group descriptors, bitmaps, inodes, extent blocks, directory blocks, htree"
                        + " nodes and extended-attribute blocks are checked where the volume has checksums, plus"
                        + " structural consistency. Reads all metadata, no file data. Read-only, unlike e2fsck -fy:"
                        + " nothing is repaired. Exit code 3 when there is any finding.")
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .examples(
                        "  fwkit ext4 check system.img",
                        "  fwkit ext4 check --json system.img.flag | jq '.findings[].code'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "IMAGE" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        long start = System.nanoTime();
        CheckReport report;
        VolumeInfo info;
        // Lenient: a checksum error is a finding, not a refusal to open.
        try (Ext4Volume vol = Ext4Support.open(file, true)) {
            info = vol.info();
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.ITEMS, "checking groups")) {
                report = ctx.showProgress() ? vol.check(bar) : vol.check();
            }
        }
        long nanos = System.nanoTime() - start;
        int errors = 0;
        int warnings = 0;
        for (Finding f : report.findings()) {
            if (f.severity() == Finding.Severity.ERROR) {
                errors++;
            } else {
                warnings++;
            }
        }
        boolean problems = !report.findings().isEmpty();
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("kind", info.kind())
                    .field("ok", !problems)
                    .field("errors", errors)
                    .field("warnings", warnings)
                    .field("groups_checked", report.groupsChecked())
                    .field("inodes_checked", report.inodesChecked())
                    .field("directories_checked", report.directoriesChecked());
            j.name("findings").beginArray();
            for (Finding f : report.findings()) {
                j.beginObject()
                        .field("severity", f.severity().name().toLowerCase(Locale.ROOT))
                        .field("code", f.code())
                        .fieldOrNull("inode", f.inode() > 0 ? f.inode() : -1)
                        .fieldOrNull("block", f.block())
                        .fieldOrNull("offset", f.offset())
                        .field("message", f.message())
                        .endObject();
            }
            j.endArray()
                    .field("findings_truncated", report.truncated())
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            PrintWriter out = ctx.out;
            out.println(file + ": " + info.kind() + (info.label().isEmpty() ? "" : " \"" + info.label() + "\"")
                    + ", checksums " + (info.hasFeature("metadata_csum") ? "crc32c (metadata_csum)"
                    : info.hasFeature("gdt_csum") ? "crc16 (group descriptors only)" : "none"));
            out.println("  checked  " + Ext4Support.plural(report.groupsChecked(), "group") + ", "
                    + Ext4Support.plural(report.inodesChecked(), "inode") + ", "
                    + Ext4Support.plural(report.directoriesChecked(), "folder") + " in " + Units.seconds(nanos));
            if (problems) {
                out.println("findings:");
                for (Finding f : report.findings()) {
                    String loc = f.location();
                    out.println("  " + PacSupport.left(f.severity().name(), 7) + " " + f.code()
                            + (loc.isEmpty() ? "" : " (" + loc + ")") + ": " + f.message());
                }
                if (report.truncated()) {
                    out.println("  ... more findings were not listed");
                }
            }
            out.println(problems ? "PROBLEMS: " + Ext4Support.plural(errors, "error") + ", "
                    + Ext4Support.plural(warnings, "warning") : "OK");
        }
        if (problems) {
            String f = Cli.quote(file.toString());
            ctx.err.println("fwkit: " + file + ": " + Ext4Support.plural(errors, "error") + ", "
                    + Ext4Support.plural(warnings, "warning") + " found");
            ctx.err.println("hint: " + (errors > 0 ? "'fwkit ext4 extract --lenient " + f + " OUT_DIR' saves what"
                    + " is readable; on a copy, 'e2fsck -fn' explains and 'e2fsck -fy' repairs"
                    : "the data is readable; 'e2fsck -fn' on a copy explains the warnings"));
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, true);
        return h != null ? h : super.hint(e);
    }
}
