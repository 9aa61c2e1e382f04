package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacExtractOptions;
import io.github.fwkit.sprd.PacExtractResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code fwkit pac extract}: the blobs of a package (all, or chosen by ID or glob) into a folder. */
final class PacExtractCommand extends BaseCommand {
    boolean lenient;
    boolean expandSparse;
    Path file;
    Path dir;
    final List<String> select = new ArrayList<>();

    @Override
    CommandSpec spec() {
        return new CommandSpec("extract", "Write the files of a Spreadtrum .pac package into a folder.")
                .description("Each entry with data is written under its stored name, made safe and de-duplicated"
                        + " as Unisoc's tools do (name(1), name(2), ...); nothing is written outside OUT_DIR, and each"
                        + " file appears whole or not at all. The config XML is written as the tools write it."
                        + " Entries without data (operations, erase steps) are skipped.")
                .flag("--expand-sparse", "Write Android sparse images expanded to raw images (same names), e.g. to"
                        + " mount or inspect them.")
                .flag("--lenient", "Read damaged or truncated packages and save every blob that is inside the file.")
                .positional("PAC", "The .pac package.")
                .positional("OUT_DIR", "The folder to write into (created if missing).")
                .optionalPositionals("ENTRY", "Entry IDs (case-insensitive) or globs over IDs and names, e.g."
                        + " System or '*.img'; default: every entry.")
                .examples(
                        "  fwkit pac extract firmware.pac out",
                        "  fwkit pac extract firmware.pac out System UserData",
                        "  fwkit pac extract --expand-sparse firmware.pac out '*.img'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "--expand-sparse" -> expandSparse = true;
            case "PAC" -> file = Path.of(value);
            case "OUT_DIR" -> dir = Path.of(value);
            case "ENTRY" -> select.add(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        long start = System.nanoTime();
        PacExtractResult r;
        try (Pac pac = PacSupport.open(file, lenient)) {
            if (!select.isEmpty()) {
                pac.select(select); // an unknown ID is a usage error before anything is written
            }
            PacExtractOptions options = PacExtractOptions.DEFAULT.withSelect(select).withExpandSparse(expandSparse);
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "extracting")) {
                r = pac.extract(dir, options, bar);
            }
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("output_dir", dir.toString())
                    .field("expand_sparse", expandSparse);
            j.name("files").beginArray();
            for (PacExtractResult.ExtractedFile f : r.files()) {
                PacEntry e = f.entry();
                j.beginObject()
                        .field("index", e.index())
                        .field("id", e.id())
                        .field("name", e.name())
                        .field("path", shown(f).toString())
                        .field("size", f.bytes())
                        .field("expanded", f.expanded())
                        .endObject();
            }
            j.endArray();
            j.name("skipped").beginArray();
            for (PacExtractResult.SkippedEntry s : r.skipped()) {
                PacEntry e = s.entry();
                j.beginObject()
                        .field("index", e.index())
                        .field("id", e.id())
                        .field("name", e.name())
                        .field("reason", s.reason())
                        .endObject();
            }
            j.endArray()
                    .field("total_bytes", r.totalBytes())
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            int nameW = 4;
            for (PacExtractResult.ExtractedFile f : r.files()) {
                nameW = Math.max(nameW, shown(f).toString().length());
            }
            for (PacExtractResult.ExtractedFile f : r.files()) {
                PacEntry e = f.entry();
                out.println("  " + PacSupport.left(shown(f).toString(), nameW) + "  "
                        + PacSupport.right(Units.bytes(f.bytes()), 10) + "  "
                        + (e.id().isEmpty() ? "" : "entry " + e.id())
                        + (f.expanded() ? " (expanded from sparse)" : ""));
            }
            for (PacExtractResult.SkippedEntry s : r.skipped()) {
                out.println("  skipped " + s.entry().label() + ": " + s.reason());
            }
            String rate = Units.rate(r.totalBytes(), nanos);
            out.println(dir + ": " + PacSupport.plural(r.files().size(), "file") + ", " + Units.bytes(r.totalBytes())
                    + " in " + Units.seconds(nanos) + (rate.isEmpty() ? "" : " (" + rate + ")"));
        }
        return Cli.EXIT_OK;
    }

    /** The file as under OUT_DIR as given (the library reports absolute paths). */
    private Path shown(PacExtractResult.ExtractedFile f) {
        return f.path().startsWith(dir.toAbsolutePath()) ? dir.resolve(dir.toAbsolutePath().relativize(f.path()))
                : f.path();
    }

    @Override
    String hint(Exception e) {
        String h = PacSupport.hint(e, file, !lenient);
        return h != null ? h : super.hint(e);
    }
}
