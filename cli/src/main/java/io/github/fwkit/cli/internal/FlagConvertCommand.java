package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.sprd.FlagConverter;
import io.github.fwkit.sprd.FlagFile;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code fwkit flag convert}: a ResearchDownload read-back into a flashable image, verified. */
final class FlagConvertCommand extends BaseCommand {
    boolean raw;
    boolean trim;
    Path input;
    Path output;

    @Override
    CommandSpec spec() {
        return new CommandSpec("convert", "Turn a .flag read-back into a flashable image (Android sparse, or raw).")
                .description("The default output is an Android sparse image like img2simg's, with zero blocks as FILL"
                        + " (Spreadtrum's loader skips DONT_CARE, which would leave old data there). The output is"
                        + " expanded again and compared with the input before it appears. When OUT is a folder, the"
                        + " file gets a plain name (system.img_COM5.flag -> system.img); a name ending in .flag is"
                        + " refused, because the flash tool would treat it as 'load from PAC' again.")
                .flag("--raw", "Write the raw image (the bytes as they are) instead of Android sparse.")
                .flag("--trim", "Cut a raw ext4 image at the end of its file system (kept whole when an AVB footer"
                        + " needs the tail).")
                .positional("FILE", "The .flag read-back.")
                .positional("OUT", "The image to write, or a folder to write it into.")
                .examples(
                        "  fwkit flag convert system.img_COM5.flag out/",
                        "  fwkit flag convert --raw --trim vendor.img.flag vendor.raw   to mount or inspect");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--raw" -> raw = true;
            case "--trim" -> trim = true;
            case "FILE" -> input = Path.of(value);
            case "OUT" -> output = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = input;
        checkInput(input);
        long start = System.nanoTime();
        FlagConverter.Result r;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "converting")) {
            r = FlagConverter.convert(input, output, new FlagConverter.Options(raw, trim), bar);
        }
        long nanos = System.nanoTime() - start;
        FlagFile in = r.input();
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("input", input.toString())
                    .field("output", r.output().toString())
                    .field("kind", PacSupport.snake(in.kind()))
                    .field("content", PacSupport.snake(in.content()))
                    .field("partition", in.partition().isEmpty() ? null : in.partition())
                    .field("sparse", r.sparse())
                    .field("input_size", in.size())
                    .field("image_bytes", r.imageBytes())
                    .field("output_size", r.outputBytes())
                    .field("block_size", r.blockSize())
                    .field("chunks", r.chunks())
                    .field("trimmed", r.trimmed())
                    .field("verified", true);
            j.name("notes").beginArray();
            for (String n : r.notes()) {
                j.value(n);
            }
            j.endArray().field("elapsed_seconds", nanos / 1e9).endObject();
            ctx.out.println();
        } else {
            var out = ctx.out;
            out.println(r.output() + ": " + (r.sparse() ? "Android sparse image, " + Units.bytes(r.outputBytes())
                    + " holding " + Units.bytes(r.imageBytes()) + " (" + r.chunks() + " chunks of " + r.blockSize()
                    + "-byte blocks)" : "raw image, " + r.outputBytes() + " bytes (" + Units.bytes(r.outputBytes()) + ")")
                    + (r.trimmed() ? ", trimmed to the file system" : ""));
            out.println("  verified   " + (r.sparse() ? "expands back to" : "equals") + " the input"
                    + (r.trimmed() ? " up to the end of the file system" : ""));
            String rate = Units.rate(in.size(), nanos);
            out.println("  time       " + Units.seconds(nanos) + (rate.isEmpty() ? "" : " (" + rate + ")"));
            for (String n : r.notes()) {
                out.println("  note: " + n);
            }
            String id = in.partition().isEmpty() ? "ID" : Character.toUpperCase(in.partition().charAt(0))
                    + in.partition().substring(1);
            out.println("Next: load " + r.output().getFileName() + " in ResearchDownload's " + id + " row, or put it"
                    + " into the package: fwkit pac repack PAC NEW.pac --replace " + PacSupport.q(id + "=" + r.output()));
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        if (e instanceof FormatException && FlagConverter.FORMAT.equals(((FormatException) e).format())
                && input != null && isEmpty(input)) {
            return "find the .pac the folder was unpacked from; 'fwkit flag info --pac PAC " + PacSupport.q(input)
                    + "' names the entry, and 'fwkit pac extract' writes it out";
        }
        return super.hint(e);
    }

    private static boolean isEmpty(Path p) {
        try {
            return Files.size(p) == 0;
        } catch (java.io.IOException x) {
            return false;
        }
    }
}
