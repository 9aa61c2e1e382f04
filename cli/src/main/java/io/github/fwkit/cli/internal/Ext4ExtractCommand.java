package io.github.fwkit.cli.internal;

import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.ExtractOptions;
import io.github.fwkit.ext4.ExtractResult;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code fwkit ext4 extract}: the files of an image (or of one folder or file in it) into a folder. */
final class Ext4ExtractCommand extends BaseCommand {
    /** How many notes the text summary shows; --json has them all. */
    static final int TEXT_NOTES = 20;

    boolean lenient;
    boolean noPermissions;
    boolean noTimes;
    boolean noHardLinks;
    int threads = ExtractOptions.DEFAULT_THREADS;
    Path file;
    Path dir;
    String path;

    @Override
    CommandSpec spec() {
        return new CommandSpec("extract", "Write the files of an ext2/3/4 image (or of one folder in it) into a folder.")
                .description("Regular files (holes stay holes), folders, symbolic links (created as links, never"
                        + " followed) and hard links are written with their permissions and modification times; each"
                        + " file appears whole or not at all (Ctrl-C removes the one being written). While it runs,"
                        + " OUT_DIR/.fwkit-incomplete exists; if it is left behind (kill -9, power cut), the folder is"
                        + " incomplete: run the extraction again. Devices, fifos and sockets are skipped with a note, and"
                        + " so are names that cannot be written safely (.., /, control characters, too long, not"
                        + " UTF-8): nothing is ever written outside OUT_DIR. Exit code 3 when parts of the image could"
                        + " not be read (the rest is written).")
                .flag("--no-permissions", "Do not set permission bits (files get the defaults of OUT_DIR).")
                .flag("--no-times", "Do not set modification times.")
                .flag("--no-hard-links", "Write each name of a hard-linked file as its own copy.")
                .option("--threads", "N", "How many threads write files at once (default: the processors, at most"
                        + " 4; here " + ExtractOptions.DEFAULT_THREADS + "). 1 writes one file at a time.")
                .flag("--lenient", Ext4Support.LENIENT_HELP)
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .positional("OUT_DIR", "The folder to write into (created if missing).")
                .optionalPositionals("PATH", "The folder or file inside the image to extract; default: / (everything)."
                        + " A folder's contents go directly into OUT_DIR.")
                .examples(
                        "  fwkit ext4 extract system.img.flag out",
                        "  fwkit ext4 extract system.img out/etc /system/etc",
                        "  fwkit ext4 extract --lenient damaged.img out");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "--no-permissions" -> noPermissions = true;
            case "--no-times" -> noTimes = true;
            case "--no-hard-links" -> noHardLinks = true;
            case "--threads" -> {
                long n = Units.parseCount(value);
                if (n < 1 || n > 64) {
                    throw new IllegalArgumentException("--threads takes 1 to 64, not " + value);
                }
                threads = (int) n;
            }
            case "IMAGE" -> file = Path.of(value);
            case "OUT_DIR" -> dir = Path.of(value);
            case "PATH" -> {
                if (path != null) {
                    throw new IllegalArgumentException("extract takes one PATH; run it once per folder");
                }
                path = value;
            }
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        String from = path == null ? "/" : path;
        long start = System.nanoTime();
        ExtractResult r;
        try (Ext4Volume vol = Ext4Support.open(file, lenient)) {
            Ext4Support.lookup(vol, file, from); // a missing PATH is an error before OUT_DIR is created
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "extracting")) {
                ExtractOptions o = ExtractOptions.DEFAULTS.withPermissions(!noPermissions).withTimes(!noTimes)
                        .withHardLinks(!noHardLinks).withThreads(threads);
                if (ctx.showProgress()) {
                    o = o.withProgress(bar); // costs a metadata pass to find the total, so only when drawn
                }
                r = vol.extract(from, dir, o);
            }
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("from", from)
                    .field("output_dir", dir.toString())
                    .field("directories", r.directories())
                    .field("files", r.files())
                    .field("symlinks", r.symlinks())
                    .field("hard_links", r.hardLinks())
                    .field("skipped", r.skipped())
                    .field("errors", r.errors())
                    .field("data_bytes", r.dataBytes());
            j.name("notes").beginArray();
            for (ExtractResult.Note n : r.notes()) {
                j.beginObject().field("path", n.path()).field("message", n.message()).endObject();
            }
            j.endArray()
                    .field("notes_truncated", r.notesTruncated())
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            PrintWriter out = ctx.out;
            String rate = Units.rate(r.dataBytes(), nanos);
            out.println(file + (from.equals("/") ? "" : " " + from) + " -> " + dir + ": "
                    + Ext4Support.plural(r.files(), "file") + ", " + Ext4Support.plural(r.directories(), "folder")
                    + ", " + Ext4Support.plural(r.symlinks(), "symbolic link") + ", "
                    + Ext4Support.plural(r.hardLinks(), "hard link") + ", " + r.skipped() + " skipped");
            out.println("  data     " + r.dataBytes() + " bytes (" + Units.bytes(r.dataBytes()) + ") in "
                    + Units.seconds(nanos) + (rate.isEmpty() ? "" : " (" + rate + ")"));
            int shown = 0;
            for (ExtractResult.Note n : r.notes()) {
                if (shown++ == TEXT_NOTES) {
                    break;
                }
                out.println("  note: " + Ext4Support.printable(n.path()) + ": " + Ext4Support.printable(n.message()));
            }
            if (r.notes().size() > TEXT_NOTES || r.notesTruncated()) {
                out.println("  ... " + (r.notes().size() > TEXT_NOTES ? (r.notes().size() - TEXT_NOTES) + " more notes"
                        : "more notes") + " ('--json' lists " + (r.notesTruncated() ? "the first " + r.notes().size()
                        : "them all") + ")");
            }
        }
        if (r.errors() > 0) {
            String f = Cli.quote(file.toString());
            ctx.err.println("fwkit: " + file + ": " + Ext4Support.plural(r.errors(), "entry", "entries")
                    + " could not be read; the rest was written");
            ctx.err.println("hint: 'fwkit ext4 check " + f + "' lists the damage" + (lenient ? ""
                    : "; '--lenient' reads past checksum errors"));
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, lenient);
        return h != null ? h : super.hint(e);
    }
}
