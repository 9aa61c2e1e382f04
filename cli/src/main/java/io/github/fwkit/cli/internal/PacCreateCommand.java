package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.PacWriteResult;
import io.github.fwkit.sprd.PacWriter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code fwkit pac create}: a new package from a config XML and a folder of files. */
final class PacCreateCommand extends BaseCommand {
    boolean raw;
    boolean v2;
    boolean encrypt;
    Path xml;
    Path dir;
    Path output;
    String productVersion;
    final Map<String, Path> files = new LinkedHashMap<>();

    @Override
    CommandSpec spec() {
        return new CommandSpec("create", "Build a Spreadtrum .pac package from a config XML and a folder of files.")
                .description("Like ResearchDownload's packer: one entry per File row of the product's scheme, in XML"
                        + " order, then the XML itself. A row takes the file given with --file for its ID, else the"
                        + " file in --dir whose name before the first dot is the row's ID or partition (System or"
                        + " system -> system.img); rows without a file are written without data. Raw ext4 images are"
                        + " converted to Android sparse unless --raw.")
                .requiredOption("--xml", "CONFIG.xml", "The product configuration (BMAConfig XML).")
                .option("--dir", "FILES", "The folder holding the images.")
                .option("--file", "ID=FILE", "Use FILE for row ID; repeat for several rows.")
                .option("--product-version", "TEXT", "The firmware version recorded in the header.")
                .flag("--raw", "Store raw ext4 images as they are, without converting to sparse.")
                .flag("--v2", "Write BP_R2.0.1 (64-bit sizes) even when BP_R1.0.0 would do.")
                .flag("--encrypt", "Scramble the file table (\"safe PAC\"; implies BP_R2.0.1).")
                .positional("OUT", "The package to write (appears only when complete).")
                .examples(
                        "  fwkit pac create --xml Watch.xml --dir images Watch.pac",
                        "  fwkit pac create --xml Watch.xml --dir images --file FDL=fdl1-sign.bin Watch.pac");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--xml" -> xml = Path.of(value);
            case "--dir" -> dir = Path.of(value);
            case "--file" -> {
                String[] idFile = PacSupport.idAndFile("--file", value);
                files.put(idFile[0], Path.of(idFile[1]));
            }
            case "--product-version" -> productVersion = value;
            case "--raw" -> raw = true;
            case "--v2" -> v2 = true;
            case "--encrypt" -> encrypt = true;
            case "OUT" -> output = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        if (dir == null && files.isEmpty()) {
            throw new IllegalArgumentException("give the images with --dir FILES (and/or --file ID=FILE)");
        }
        currentFile = xml;
        checkInput(xml);
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new java.nio.file.FileSystemException(dir.toString(), null, "is not a folder (--dir)");
        }
        for (Map.Entry<String, Path> e : files.entrySet()) {
            currentFile = e.getValue();
            PacSupport.refusePlaceholder(e.getValue(), null);
        }
        currentFile = xml;
        long start = System.nanoTime();
        PacWriter w = PacWriter.fromConfig(xml, dir, files).options(PacSupport.writerOptions(raw, v2, encrypt));
        if (productVersion != null) {
            w.productVersion(productVersion);
        }
        currentFile = null;
        PacWriteResult r;
        try (ProgressBar bar = ctx.progressBar(ProgressBar.Unit.BYTES, "writing")) {
            r = w.write(output, bar);
        }
        long nanos = System.nanoTime() - start;
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject().field("config", xml.toString()).field("dir", dir == null ? null : dir.toString());
            PacSupport.writeWritten(j, r, nanos);
            j.endObject();
            ctx.out.println();
        } else {
            PacSupport.printWritten(ctx, r, nanos);
        }
        return Cli.EXIT_OK;
    }
}
