package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacWriteResult;
import io.github.fwkit.sprd.PacWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code fwkit pac repack}: a copy of a package with some entries replaced, CRCs rebuilt. */
final class PacRepackCommand extends BaseCommand {
    boolean raw;
    boolean v2;
    boolean encrypt;
    Path source;
    Path output;
    final List<String[]> replacements = new ArrayList<>();

    @Override
    CommandSpec spec() {
        return new CommandSpec("repack", "Copy a Spreadtrum .pac package with entries replaced by files.")
                .description("Every other entry, name, flag, address and the config XML stay as they are; unchanged"
                        + " blobs are streamed from SRC. The blobs are laid out back to back in table order and every"
                        + " CRC is computed afresh. A replacement that is a raw ext4 image (a ResearchDownload"
                        + " read-back such as system.img_COM5.flag) is converted to Android sparse on the way and"
                        + " verified, unless --raw; a .flag name is never stored. BP_R1.0.0 unless the package"
                        + " reaches 4 GiB or SRC is BP_R2.0.1. Without --replace, writes a canonical copy.")
                .option("--replace", "ID=FILE", "Replace the data of entry ID (or the entry with that name) with FILE;"
                        + " repeat for several entries.")
                .flag("--raw", "Store raw ext4 replacement images as they are, without converting to sparse.")
                .flag("--v2", "Write BP_R2.0.1 (64-bit sizes) even when BP_R1.0.0 would do.")
                .flag("--encrypt", "Scramble the file table (\"safe PAC\"; implies BP_R2.0.1).")
                .positional("SRC", "The package to copy.")
                .positional("OUT", "The package to write (not SRC; appears only when complete).")
                .examples(
                        "  Put a 'Read flash' backup of the system partition back into the package:",
                        "  fwkit pac repack firmware.pac restored.pac --replace System=system.img_COM5.flag",
                        "",
                        "  fwkit pac repack old.pac new.pac --replace Boot=boot.img --replace Recovery=rec.img");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--replace" -> replacements.add(PacSupport.idAndFile("--replace", value));
            case "--raw" -> raw = true;
            case "--v2" -> v2 = true;
            case "--encrypt" -> encrypt = true;
            case "SRC" -> source = Path.of(value);
            case "OUT" -> output = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = source;
        long start = System.nanoTime();
        PacWriteResult r;
        try (Pac pac = PacSupport.open(source, false)) {
            PacWriter w = PacWriter.repack(pac).options(PacSupport.writerOptions(raw, v2, encrypt));
            for (String[] rep : replacements) {
                Path f = Path.of(rep[1]);
                currentFile = f;
                PacSupport.refusePlaceholder(f, pac);
                w.replace(rep[0], f);
            }
            currentFile = source;
            try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "writing")) {
                r = w.write(output, bar);
            }
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject().field("source", source.toString());
            j.name("replaced").beginArray();
            for (String[] rep : replacements) {
                j.beginObject().field("id", rep[0]).field("file", rep[1]).endObject();
            }
            j.endArray();
            PacSupport.writeWritten(j, r, nanos);
            j.endObject();
            ctx.out.println();
        } else {
            PacSupport.printWritten(ctx, r, nanos);
        }
        return Cli.EXIT_OK;
    }

    @Override
    String hint(Exception e) {
        String h = PacSupport.hint(e, source.equals(currentFile) ? source : null, false);
        return h != null ? h : super.hint(e);
    }
}
