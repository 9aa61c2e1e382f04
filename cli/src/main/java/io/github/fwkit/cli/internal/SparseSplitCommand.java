package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;

/** {@code fwkit sparse split}: pieces of at most a given size, like simg2simg. */
final class SparseSplitCommand extends BaseCommand {
    long maxSize;
    final WriterOptions writer = new WriterOptions();
    Path input;
    Path prefix;

    @Override
    CommandSpec spec() {
        return writer.addTo(new CommandSpec("split",
                "Split a sparse image into pieces of at most a given size (like simg2simg, fastboot -S).")
                .description("Writes OUT_PREFIX.0, OUT_PREFIX.1, ... Each piece covers the whole image, with"
                        + " DONT_CARE where other pieces carry the data, so flashing all pieces in turn (or decoding"
                        + " them together) gives the whole image. A raw IN is encoded first with --profile and"
                        + " --block-size. All pieces appear only when all are complete.")
                .requiredOption("--max-size", "BYTES", "Largest piece, in bytes or with a binary suffix: 100000,"
                        + " 512M, 1G."))
                .positional("IN", "The sparse (or raw) image to split.")
                .positional("OUT_PREFIX", "Pieces are named OUT_PREFIX.0, .1, ...")
                .examples(
                        "  fwkit sparse split --max-size 512M system.img system.part",
                        "",
                        "  Then flash every piece, in order, to the same partition:",
                        "  fastboot flash system system.part.0 && fastboot flash system system.part.1");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--max-size" -> maxSize = Units.parseSize(value);
            case "IN" -> input = Path.of(value);
            case "OUT_PREFIX" -> prefix = Path.of(value);
            default -> writer.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        SparseWriter.Options options = writer.toOptions();
        currentFile = input;
        checkInput(input);
        long start = System.nanoTime();
        List<SparseWriter.Result> pieces;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "split")) {
            pieces = SparseWriter.of(options).split(input, maxSize, prefix, bar);
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("input", input.toString())
                    .field("max_size", maxSize)
                    .name("pieces").beginArray();
            for (SparseWriter.Result r : pieces) {
                j.beginObject()
                        .field("path", r.output().toString())
                        .field("size", r.bytes())
                        .field("chunks", r.chunks())
                        .field("raw_blocks", r.rawBlocks())
                        .field("fill_blocks", r.fillBlocks())
                        .field("dont_care_blocks", r.dontCareBlocks())
                        .endObject();
            }
            j.endArray().field("elapsed_seconds", nanos / 1e9).endObject();
            ctx.out.println();
        } else {
            ctx.out.println(input + ": " + pieces.size() + (pieces.size() == 1 ? " piece" : " pieces")
                    + " of at most " + maxSize + " bytes (" + Units.bytes(maxSize) + ") in " + Units.seconds(nanos));
            for (SparseWriter.Result r : pieces) {
                ctx.out.println("  " + r.output() + "  " + r.bytes() + " bytes (" + Units.bytes(r.bytes()) + "), "
                        + r.chunks() + " chunks, " + r.rawBlocks() + " raw + " + r.fillBlocks() + " fill blocks");
            }
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        // Every piece stays open until all are complete, one file descriptor each.
        if (e instanceof FileSystemException && String.valueOf(e.getMessage()).contains("Too many open")) {
            return "too many pieces at once: choose a larger --max-size, or raise the open-file limit (ulimit -n)";
        }
        String h = SparseHints.hint(e, input, false);
        return h != null ? h : super.hint(e);
    }
}
