package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import java.nio.file.Path;

/** {@code fwkit sparse append}: raw data after the end of a sparse image, like append2simg. */
final class SparseAppendCommand extends BaseCommand {
    final WriterOptions writer = new WriterOptions();
    Path target;
    Path input;

    @Override
    CommandSpec spec() {
        return writer.addTo(new CommandSpec("append", "Append raw data to a sparse image (like append2simg).")
                .description("OUT is replaced (atomically) by itself followed by INPUT as RAW blocks. A raw OUT is"
                        + " first encoded with --profile and --block-size. INPUT's length, and a raw OUT's, must be a"
                        + " multiple of the block size."))
                .positional("OUT", "The sparse image to extend (or a raw image).")
                .positional("INPUT", "The raw data to append.")
                .examples(
                        "  fwkit sparse append system.img verity_metadata.raw",
                        "",
                        "  Pad the data to whole 4096-byte blocks first:",
                        "  truncate -s %4096 extra.raw && fwkit sparse append system.img extra.raw");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "OUT" -> target = Path.of(value);
            case "INPUT" -> input = Path.of(value);
            default -> writer.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        SparseWriter.Options options = writer.toOptions();
        checkInput(input);
        currentFile = target;
        checkInput(target);
        long start = System.nanoTime();
        SparseWriter.Result r;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "appending")) {
            r = SparseWriter.of(options).append(target, input, bar);
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("target", target.toString())
                    .field("input", input.toString())
                    .field("block_size", r.blockSize())
                    .field("total_blocks", r.totalBlocks())
                    .field("expanded_size", r.totalBlocks() * r.blockSize())
                    .field("chunks", r.chunks())
                    .field("raw_blocks", r.rawBlocks())
                    .field("fill_blocks", r.fillBlocks())
                    .field("dont_care_blocks", r.dontCareBlocks())
                    .field("output_size", r.bytes())
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            ctx.out.println(target + ": " + Units.bytes(r.bytes()) + " sparse image of "
                    + Units.bytes(r.totalBlocks() * r.blockSize()) + " after appending " + input);
            ctx.out.println("  blocks   " + r.totalBlocks() + " x " + r.blockSize() + " bytes: " + r.rawBlocks()
                    + " raw, " + r.fillBlocks() + " fill, " + r.dontCareBlocks() + " don't care");
            ctx.out.println("  chunks   " + r.chunks());
            ctx.out.println("  output   " + r.bytes() + " bytes");
            ctx.out.println("  time     " + Units.seconds(nanos));
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        String h = SparseHints.hint(e, target, false);
        return h != null ? h : super.hint(e);
    }
}
