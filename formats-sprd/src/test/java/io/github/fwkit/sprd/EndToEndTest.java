package io.github.fwkit.sprd;

import io.github.fwkit.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support-thread story of issue 4, with the real tools as oracles: a watch's PAC holds an
 * old system image; a "Read flash" backup {@code system.img.flag} holds the newer system. The
 * backup is explained, converted (simg2img expands it back), repacked into the PAC (check clean,
 * extract gives the sparse image), and its files are listed (debugfs stands in for fwkit's ext4
 * reader, which lives in another module).
 */
class EndToEndTest {
    @TempDir
    Path tmp;

    private Path tree(String name, long seed, String... files) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Random rnd = new Random(seed);
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            byte[] b = new byte[10_000 + rnd.nextInt(200_000)];
            rnd.nextBytes(b);
            Files.write(p, b);
        }
        return root;
    }

    @Test
    void backupToFlashablePackage() throws IOException {
        Path oldTree = tree("old", 1, "app/Old.apk", "build.prop");
        Path newTree = tree("new", 2, "app/Camera.apk", "app/Dialer.apk", "lib/libwatch.so", "build.prop");

        // the vendor package: FDLs and an older, sparse system image
        Path kit = Files.createDirectories(tmp.resolve("kit"));
        Files.write(kit.resolve("fdl1-sign.bin"), new byte[] {1, 2, 3, 4});
        Files.write(kit.resolve("fdl2-sign.bin"), new byte[] {5, 6, 7, 8});
        Path oldRaw = Tools.mkfs(oldTree, tmp.resolve("old-system.raw"), 2048, "system");
        Tools.check("img2simg", oldRaw, kit.resolve("system.img"));
        Path xml = Files.writeString(tmp.resolve("Watch.xml"), MiniPac.xmlFor("Watch", "FDL", "FDL2", "System"));
        Path pacFile = tmp.resolve("Watch.pac");
        PacWriter.fromConfig(xml, kit, Map.of("FDL", kit.resolve("fdl1-sign.bin"), "FDL2", kit.resolve("fdl2-sign.bin")))
                .write(pacFile, ProgressListener.NONE);

        // the backup: a raw ext4 read-back of the whole partition (file system + unused space)
        Path flag = Tools.mkfs(newTree, tmp.resolve("system.img.flag"), 2048, "system");
        Files.write(flag, new byte[512 << 10], StandardOpenOption.APPEND);

        FlagFile info = FlagFile.inspect(flag);
        assertEquals(FlagFile.Kind.READ_BACK, info.kind());
        assertEquals(ImageContent.EXT4, info.content());
        assertEquals("system", info.partition());
        try (Pac pac = Pac.open(pacFile)) {
            // the entry the flash tool would silently flash instead of the backup
            assertEquals("System", info.placeholderEntry(pac).orElseThrow().id());
        }

        // flag convert: sparse, and simg2img gives the read-back back
        Path converted = FlagConverter.convert(flag, Files.createDirectories(tmp.resolve("conv")),
                FlagConverter.Options.DEFAULT, ProgressListener.NONE).output();
        assertEquals("system.img", converted.getFileName().toString());
        Path expanded = tmp.resolve("expanded.raw");
        Tools.check("simg2img", converted, expanded);
        assertEquals(-1, Files.mismatch(flag, expanded));

        // pac repack --replace System=system.img.flag
        Path newPac = tmp.resolve("Watch-restored.pac");
        try (Pac pac = Pac.open(pacFile)) {
            PacWriteResult r = PacWriter.repack(pac).replace("System", flag).write(newPac, ProgressListener.NONE);
            assertTrue(r.entries().get(2).convertedToSparse());
            assertEquals("system.img", r.entries().get(2).name());
        }

        // pac check is clean; pac extract gives the sparse image
        try (Pac pac = Pac.open(newPac)) {
            PacReport report = pac.verify(ProgressListener.NONE);
            assertFalse(report.hasProblems(), report.findings().toString());
            Path out = tmp.resolve("extracted");
            PacExtractResult x = pac.extract(out, PacExtractOptions.DEFAULT, ProgressListener.NONE);
            assertEquals(List.of("Watch.xml", "fdl1-sign.bin", "fdl2-sign.bin", "system.img"), TempDirs.list(out));
            assertEquals(4, x.files().size());
            assertEquals(-1, Files.mismatch(converted, out.resolve("system.img")));
            Path again = tmp.resolve("again.raw");
            Tools.check("simg2img", out.resolve("system.img"), again);
            assertEquals(-1, Files.mismatch(flag, again));
        }

        // the files are in the backup
        String ls = Tools.check("debugfs", "-R", "ls -p /app", flag);
        assertTrue(ls.contains("Camera.apk") && ls.contains("Dialer.apk"), ls);
        assertFalse(ls.contains("Old.apk"), ls);
    }
}
