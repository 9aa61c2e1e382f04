package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ext4 probe against filesystems made by e2fsprogs' mke2fs, with dumpe2fs (when present) as
 * the oracle for the numbers. Skipped without e2fsprogs, except on CI, where it must run.
 */
class Ext4MkfsTest {
    private static final String LABEL = "fwkit-probe";
    private static final String UUID = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ext2", "ext3", "ext4"})
    void mke2fsImage(String type) throws Exception {
        Path img = dir.resolve(type + ".img");
        run(tool("mke2fs"), "-t", type, "-q", "-F", "-L", LABEL, "-U", UUID, img.toString(), "8M");

        List<Detection> found = Formats.detect(img);
        assertEquals(1, found.size(), found::toString);
        Detection d = found.get(0);
        assertEquals("ext4", d.format());
        assertEquals(100, d.strength(), d::summary);
        assertTrue(d.summary().startsWith(type + ","), d::summary);
        assertTrue(d.summary().contains("label \"" + LABEL + "\""), d::summary);
        assertTrue(d.summary().contains("UUID " + UUID), d::summary);
        assertTrue(d.summary().contains("(8.0 MiB)"), d::summary);

        Optional<Path> dumpe2fs = optionalTool("dumpe2fs");
        if (dumpe2fs.isPresent()) {
            Map<String, String> h = dumpe2fsHeader(dumpe2fs.get(), img);
            assertEquals(LABEL, h.get("Filesystem volume name"));
            assertEquals(UUID, h.get("Filesystem UUID"));
            assertTrue(d.summary().contains("block size " + h.get("Block size") + ","), d::summary);
            assertTrue(d.summary().contains(h.get("Block count") + " blocks"), d::summary);
            assertTrue(d.summary().contains(h.get("Inode count") + " inodes"), d::summary);
        }
    }

    @Test
    void ext4InsideAnAndroidSparseImage() throws Exception {
        Path img = dir.resolve("system.img");
        run(tool("mke2fs"), "-t", "ext4", "-q", "-F", "-b", "4096", "-L", LABEL, img.toString(), "8M");
        Optional<Path> img2simg = optionalTool("img2simg");
        assumeTrue(img2simg.isPresent(), "img2simg (android-sdk-libsparse-utils) not installed");
        Path sparse = dir.resolve("system.simg");
        run(img2simg.get(), img.toString(), sparse.toString());

        Detection outer = Formats.detect(sparse).get(0);
        assertEquals("android-sparse", outer.format());
        assertTrue(outer.summary().contains("block size 4096"), outer::summary);
        assertTrue(outer.summary().contains("2048 blocks"), outer::summary);
        assertEquals("ext4", outer.contents().get(0).format());
        assertTrue(outer.contents().get(0).summary().contains("label \"" + LABEL + "\""));
    }

    private static Path tool(String name) {
        Optional<Path> p = optionalTool(name);
        if (p.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(name + " (e2fsprogs) is required on CI");
            }
            assumeTrue(false, name + " (e2fsprogs) not installed");
        }
        return p.get();
    }

    private static Optional<Path> optionalTool(String name) {
        for (String d : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String run(Path tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // The summary's numbers come from the image; the locale only changes the tools' messages.
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " timed out");
        }
        assertEquals(0, p.exitValue(), () -> command + " failed:\n" + out);
        return out;
    }

    private static Map<String, String> dumpe2fsHeader(Path dumpe2fs, Path img) throws Exception {
        Map<String, String> fields = new HashMap<>();
        for (String line : run(dumpe2fs, "-h", img.toString()).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
