package io.github.fwkit.cli.internal;

import io.github.fwkit.sparse.SparseImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code fwkit sparse decode}: Android sparse to raw, like simg2img. */
final class SparseDecodeCommand extends BaseCommand {
    boolean noHoles;
    final List<Path> inputs = new ArrayList<>();
    Path output;

    @Override
    CommandSpec spec() {
        return new CommandSpec("decode", "Expand Android sparse images into one raw image (like simg2img).")
                .description("Several inputs are written over each other in turn, so the pieces of a split image"
                        + " (simg2simg, fastboot -S, Motorola *_sparsechunk.N) merge back into the whole image. Zero"
                        + " runs are left as holes in the output file unless --no-holes is given. The output appears"
                        + " only when complete.")
                .flag("--no-holes", "Write zeros instead of leaving holes (for file systems or tools that do not"
                        + " keep sparse files).")
                .positionals("SPARSE", "The sparse image(s) to read, in order.")
                .positional("OUT", "The raw image to write.")
                .examples(
                        "  fwkit sparse decode system.img system.raw",
                        "  fwkit sparse decode system_sparsechunk.0 system_sparsechunk.1 system.raw");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--no-holes" -> noHoles = true;
            case "SPARSE" -> inputs.add(Path.of(value));
            case "OUT" -> output = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    String missingMessage(List<String> labels, List<String> given) {
        if (given.isEmpty()) {
            return super.missingMessage(labels, given);
        }
        return "give the sparse image(s) to read and then the raw file to write, e.g. 'fwkit sparse decode "
                + Cli.quote(given.get(0)) + " OUT.raw'";
    }

    @Override
    int execute(Context ctx) throws Exception {
        // Read each header first: a FormatException does not say which input it came from.
        for (Path in : inputs) {
            currentFile = in;
            checkInput(in);
            SparseImage.open(in).close();
        }
        currentFile = null;
        long start = System.nanoTime();
        long size;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "decoding")) {
            size = SparseImage.decode(inputs, output, !noHoles, bar);
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject().name("inputs").beginArray();
            for (Path in : inputs) {
                j.value(in.toString());
            }
            j.endArray()
                    .field("output", output.toString())
                    .field("output_size", size)
                    .field("holes", !noHoles)
                    .field("elapsed_seconds", nanos / 1e9)
                    .endObject();
            ctx.out.println();
        } else {
            String rate = Units.rate(size, nanos);
            ctx.out.println(output + ": " + size + " bytes (" + Units.bytes(size) + ") from " + inputs.size()
                    + (inputs.size() == 1 ? " sparse image" : " sparse images") + " in " + Units.seconds(nanos)
                    + (rate.isEmpty() ? "" : " (" + rate + ")") + (noHoles ? "" : "; zero runs left as holes"));
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        String h = SparseHints.hint(e, currentFile, false);
        return h != null ? h : super.hint(e);
    }
}
