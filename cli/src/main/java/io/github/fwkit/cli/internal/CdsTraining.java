package io.github.fwkit.cli.internal;

import io.github.fwkit.cli.Main;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The training run behind the launcher's class-data-sharing archive ({@code ./fwkit} runs it once
 * per build with {@code -XX:ArchiveClassesAtExit}). The archive holds the classes (and lambda
 * forms) that this run loaded, already parsed and verified, so every later command that uses them
 * starts faster. One JVM runs a few commands of each kind: sparse encode, decode, info and split,
 * identify, and the ext4 commands on a small bundled image ({@code cds-sample-ext4.img.gz}, made
 * by {@code cli/src/cds/make-ext4-sample.sh}), raw and sparse. An ext4 extraction trained this way
 * started about 25 ms sooner than with an archive trained on sparse commands alone.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=fwkit.jsa -cp fwkit.jar
 * io.github.fwkit.cli.internal.CdsTraining WORK_DIR}; the folder must exist and be empty.
 * Exits 0 when every command did what it should.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CdsTraining WORK_DIR");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    static int run(Path dir) throws IOException {
        Path raw = dir.resolve("train.raw");
        byte[] data = new byte[256 * 1024];
        new Random(1).nextBytes(data);
        java.util.Arrays.fill(data, 64 * 1024, 192 * 1024, (byte) 0);
        java.util.Arrays.fill(data, 192 * 1024, 200 * 1024, (byte) 0x5a);
        Files.write(raw, data);
        Path img = dir.resolve("sample.img");
        try (InputStream in = new GZIPInputStream(CdsTraining.class.getResourceAsStream("cds-sample-ext4.img.gz"))) {
            Files.copy(in, img);
        }
        String r = raw.toString();
        String s = dir.resolve("train.simg").toString();
        String i = img.toString();
        String si = dir.resolve("sample.simg").toString();
        String[][] commands = {
            {"sparse", "encode", r, s},
            {"sparse", "info", s},
            {"sparse", "info", "--json", s},
            {"sparse", "decode", s, dir.resolve("train.out").toString()},
            {"sparse", "split", "--max-size", "131072", s, dir.resolve("piece").toString()},
            {"identify", r, s, i},
            {"ext4", "info", i},
            {"ext4", "info", "--json", i},
            {"ext4", "ls", "-lR", i},
            {"ext4", "stat", i, "/etc/build.prop"},
            {"ext4", "cat", i, "/etc/build.prop"},
            {"ext4", "check", i},
            {"ext4", "extract", i, dir.resolve("out").toString()},
            {"sparse", "encode", i, si},
            {"ext4", "extract", "--json", si, dir.resolve("out-sparse").toString()},
        };
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int failed = 0;
        for (String[] c : commands) {
            int code = Main.run(c, quiet, quiet);
            if (code != 0) {
                System.err.println("CdsTraining: fwkit " + String.join(" ", c) + " exited " + code);
                failed++;
            }
        }
        loadAllFwkitClasses();
        return failed == 0 ? 0 : 1;
    }

    /**
     * Loads (without initialising) every fwkit class of the jar, so that the archive also holds
     * those the commands above did not reach: paths taken only on large inputs (such as the
     * encoder's look-ahead, which starts when the writer falls behind) or on damaged ones. A class
     * outside the archive costs its first use about 2 ms (opening the jar, parsing, verifying).
     */
    private static void loadAllFwkitClasses() throws IOException {
        java.security.CodeSource src = CdsTraining.class.getProtectionDomain().getCodeSource();
        if (src == null || !src.getLocation().getPath().endsWith(".jar")) {
            return;  // run from a classes folder (tests): nothing to archive
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Path.of(java.net.URI.create(
                src.getLocation().toString())).toFile())) {
            for (java.util.Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("io/github/fwkit/") && name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError ex) {
                        // not loadable here (e.g. an optional dependency is missing): leave it out
                    }
                }
            }
        }
    }
}
