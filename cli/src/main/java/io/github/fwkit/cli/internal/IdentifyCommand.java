package io.github.fwkit.cli.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.Formats;
import io.github.fwkit.sprd.FlagFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code fwkit identify FILE...}: what each file is, including what a sparse image holds. */
final class IdentifyCommand extends BaseCommand {
    final List<Path> files = new ArrayList<>();

    @Override
    CommandSpec spec() {
        return new CommandSpec("identify", "Tell what firmware files are: format, offset and a one-line summary.")
                .description("Runs every format probe over each file. The contents of an Android sparse image are"
                        + " identified too (shown indented). Exits 0 when every file could be read, even if its"
                        + " format is unknown, and 1 when a file could not be read.")
                .positionals("FILE", "The files to look at.")
                .examples(
                        "  fwkit identify system.img vendor.img.flag backup.bin",
                        "  fwkit identify --json *.img | jq '.files[].detections[0].format'");
    }

    @Override
    void set(String name, String value) {
        files.add(Path.of(value));
    }

    /** What was learnt about one file: its detections, or the error that stopped reading it. */
    private record Result(Path path, long size, List<Detection> detections, IOException error) {
    }

    @Override
    int execute(Context ctx) {
        List<Result> results = new ArrayList<>();
        for (Path f : files) {
            try {
                checkInput(f);
                long size = Files.size(f);
                results.add(new Result(f, size, withFlag(f, Formats.detect(f)), null));
            } catch (IOException e) {
                results.add(new Result(f, -1, List.of(), e));
            }
        }
        boolean failed = false;
        for (Result r : results) {
            if (r.error() != null) {
                failed = true;
                currentFile = r.path();
                ctx.err.println("fwkit: " + Cli.describe(r.error(), r.path()));
                String hint = hint(r.error());
                if (hint != null) {
                    ctx.err.println("hint: " + hint);
                }
                if (ctx.debug()) {
                    r.error().printStackTrace(ctx.err);
                }
            }
        }
        if (ctx.json) {
            printJson(ctx, results);
        } else {
            for (Result r : results) {
                if (r.error() == null) {
                    printText(ctx, r);
                }
            }
        }
        return failed ? Cli.EXIT_INPUT : Cli.EXIT_OK;
    }

    /**
     * A ResearchDownload {@code .flag} name says more than the bytes can: a 0-byte placeholder
     * stands for a PAC entry, a non-empty one is a partition read-back. That goes first.
     */
    private static List<Detection> withFlag(Path f, List<Detection> detections) throws IOException {
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        if (!name.toLowerCase(java.util.Locale.ROOT).contains(".flag")) {
            return detections;
        }
        FlagFile flag = FlagFile.inspect(f);
        String summary;
        if (flag.kind() == FlagFile.Kind.PLACEHOLDER) {
            summary = "0-byte placeholder of ResearchDownload: the data is the PAC entry \"" + flag.imageName()
                    + "\" (fwkit pac extract PAC OUT_DIR " + flag.imageName() + ")";
        } else if (flag.kind() == FlagFile.Kind.READ_BACK) {
            summary = "ResearchDownload read-back of partition " + flag.partition()
                    + (flag.comPort() >= 0 ? " via COM" + flag.comPort() : "") + ", " + flag.size()
                    + " bytes; flash tools will not load a .flag: fwkit flag convert FILE OUT";
        } else {
            return detections;
        }
        List<Detection> out = new ArrayList<>();
        out.add(Detection.of("sprd-flag", summary, 0, 100));
        out.addAll(detections);
        return out;
    }

    private static void printText(Context ctx, Result r) {
        if (r.detections().isEmpty()) {
            for (String line : (r.path() + ": " + unknown(r)).split("\n")) {
                ctx.out.println(line);
            }
            return;
        }
        ctx.out.println(r.path() + ":");
        printDetections(ctx, r.detections(), "  ");
    }

    private static String unknown(Result r) {
        if (r.size() == 0) {
            return "empty file";
        }
        String q = Cli.quote(r.path().toString());
        return "unknown format (" + r.size() + " bytes)\n  look at its first bytes with 'xxd -l 256 " + q + "';"
                + " a raw partition dump can be made flashable with 'fwkit sparse encode " + q + " OUT'";
    }

    private static void printDetections(Context ctx, List<Detection> ds, String indent) {
        for (Detection d : ds) {
            StringBuilder sb = new StringBuilder(indent).append(d.format());
            if (d.offset() != 0) {
                sb.append(" at 0x").append(Long.toHexString(d.offset()));
            }
            if (!d.summary().isEmpty()) {
                sb.append(": ").append(d.summary());
            }
            ctx.out.println(sb);
            if (!d.contents().isEmpty()) {
                printDetections(ctx, d.contents(), indent + "    ");
            }
        }
    }

    private static void printJson(Context ctx, List<Result> results) {
        Json j = new Json(ctx.out);
        j.beginObject().name("files").beginArray();
        for (Result r : results) {
            j.beginObject().field("path", r.path().toString());
            if (r.error() == null) {
                j.field("size", r.size());
                j.name("detections");
                writeDetections(j, r.detections());
            } else {
                IOException e = r.error();
                FormatException fe = e instanceof FormatException ? (FormatException) e : null;
                j.name("detections").beginArray().endArray();
                j.name("error").beginObject()
                        .field("kind", Cli.kind(e))
                        .field("format", fe == null ? null : fe.format())
                        .fieldOrNull("offset", fe == null ? -1 : fe.offset())
                        .field("path", fe == null || fe.path().isEmpty() ? null : fe.path())
                        .field("file", r.path().toString())
                        .field("message", Cli.describe(e, r.path()))
                        .endObject();
            }
            j.endObject();
        }
        j.endArray().endObject();
        ctx.out.println();
    }

    private static void writeDetections(Json j, List<Detection> ds) {
        j.beginArray();
        for (Detection d : ds) {
            j.beginObject()
                    .field("format", d.format())
                    .field("summary", d.summary())
                    .field("offset", d.offset())
                    .field("strength", d.strength())
                    .name("contents");
            writeDetections(j, d.contents());
            j.endObject();
        }
        j.endArray();
    }
}
