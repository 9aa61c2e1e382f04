package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseWriter;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code fwkit sparse encode}: raw image to Android sparse, like img2simg. */
final class SparseEncodeCommand extends BaseCommand {
    final WriterOptions writer = new WriterOptions();
    boolean noFill;
    boolean zeroAsDontCare;
    Path input;
    Path output;

    @Override
    CommandSpec spec() {
        return writer.addTo(new CommandSpec("encode", "Make an Android sparse image from a raw image (like img2simg).")
                .description("Blocks whose 4-byte words repeat become FILL chunks, everything else RAW; a short last"
                        + " block is padded with zeros. The output appears only when complete."))
                .flag("--no-fill", "Write no FILL chunks (old bootloaders such as Qualcomm LK before 2014 answer"
                        + " 'Unknown chunk type'): repeating blocks become RAW, zero blocks DONT_CARE.")
                .flag("--zero-as-dont-care", "Zero blocks become DONT_CARE instead of FILL 0: smaller, but the flash"
                        + " keeps its old content there (fine for erased targets and unused file-system space).")
                .positional("RAW", "The raw image to read.")
                .positional("OUT", "The sparse image to write (replaced if it exists).")
                .examples(
                        "  fwkit sparse encode system.raw system.img",
                        "",
                        "  Same bytes as Debian's img2simg 29.0.6:",
                        "  fwkit sparse encode --profile legacy system.raw system.img",
                        "",
                        "  For an old bootloader that rejects FILL chunks:",
                        "  fwkit sparse encode --no-fill boot.raw boot.img");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--no-fill" -> noFill = true;
            case "--zero-as-dont-care" -> zeroAsDontCare = true;
            case "RAW" -> input = Path.of(value);
            case "OUT" -> output = Path.of(value);
            default -> writer.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        SparseWriter.Options options = writer.toOptions().withNoFill(noFill).withZeroAsDontCare(zeroAsDontCare);
        currentFile = input;
        checkInput(input);
        long inputSize = Files.size(input);
        long start = System.nanoTime();
        SparseWriter.Result r;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "encoding")) {
            r = SparseWriter.of(options).encode(input, output, bar);
        }
        long nanos = System.nanoTime() - start;
        long expanded = r.totalBlocks() * r.blockSize();
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("input", input.toString())
                    .field("output", output.toString())
                    .field("profile", writer.profileName())
                    .field("no_fill", noFill)
                    .field("zero_as_dont_care", zeroAsDontCare)
                    .field("input_size", inputSize)
                    .field("block_size", r.blockSize())
                    .field("total_blocks", r.totalBlocks())
                    .field("expanded_size", expanded)
                    .field("chunks", r.chunks())
                    .field("raw_blocks", r.rawBlocks())
                    .field("fill_blocks", r.fillBlocks())
                    .field("dont_care_blocks", r.dontCareBlocks())
                    .field("output_size", r.bytes())
                    .field("ratio", inputSize == 0 ? Double.NaN : (double) r.bytes() / inputSize)
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            ctx.out.println(output + ": " + Units.bytes(r.bytes()) + " sparse image of " + Units.bytes(inputSize)
                    + " raw (" + Units.percent(r.bytes(), inputSize) + ")");
            ctx.out.println("  blocks   " + r.totalBlocks() + " x " + r.blockSize() + " bytes: " + r.rawBlocks()
                    + " raw, " + r.fillBlocks() + " fill, " + r.dontCareBlocks() + " don't care");
            ctx.out.println("  chunks   " + r.chunks() + " (profile " + writer.profileName() + ")");
            ctx.out.println("  output   " + r.bytes() + " bytes");
            String rate = Units.rate(inputSize, nanos);
            ctx.out.println("  time     " + Units.seconds(nanos) + (rate.isEmpty() ? "" : " (" + rate + ")"));
        }
        return Cli.EXIT_OK;
    }
}
