package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sprd.PacWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code fwkit flag ...} and the support-thread story: a "Read flash" backup {@code system.img.flag}
 * (a raw ext4 made by mke2fs) is explained, converted, and put back into a package.
 */
class FlagCommandsTest {
    @TempDir
    Path dir;

    /** mke2fs, or a skipped test (a failure when CI=true: a silently skipped oracle is no oracle). */
    static String mke2fs() {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path p = Path.of(d, "mke2fs");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("mke2fs is not installed; CI must install e2fsprogs");
        }
        Assumptions.assumeTrue(false, "mke2fs is not installed");
        return null;
    }

    /** An 8 MiB ext4 image holding a few files, written to {@code image}. */
    Path ext4(Path image) throws IOException, InterruptedException {
        Path src = Files.createDirectories(dir.resolve("src-" + image.getFileName()));
        Files.createDirectories(src.resolve("app"));
        Files.write(src.resolve("app/Camera.apk"), PacCommandsTest.random(11, 300_000));
        Files.writeString(src.resolve("build.prop"), "ro.build.version=2\n");
        List<String> cmd = new ArrayList<>(List.of(mke2fs(), "-q", "-F", "-t", "ext4", "-L", "system", "-d",
                src.toString(), image.toString(), "8M"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("E2FSPROGS_FAKE_TIME", "1577836800");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "mke2fs timed out");
        assertEquals(0, p.exitValue(), out);
        return image;
    }

    @Test
    void infoExplainsARawExt4ReadBack() throws Exception {
        Path flag = ext4(dir.resolve("system.img.flag"));
        Run r = run("flag", "info", flag);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("read-back (backup) of partition system"), r::toString);
        assertTrue(r.out().contains("ext4 file system") && r.out().contains("label \"system\""), r::toString);
        assertTrue(r.out().contains("Init BMFiles"), r::toString);
        assertTrue(r.out().contains("next: fwkit flag convert"), r::toString);

        Run j = run("flag", "info", "--json", flag);
        assertEquals(0, j.code(), j::toString);
        Object o = j.json();
        assertEquals("read_back", get(o, "files", 0, "kind"));
        assertEquals("ext4", get(o, "files", 0, "content"));
        assertEquals("system", get(o, "files", 0, "partition"));
        assertEquals("system.img", get(o, "files", 0, "suggested_name"));
        assertEquals("system", get(o, "files", 0, "ext4", "label"));
        assertEquals(8L << 20, get(o, "files", 0, "ext4", "fs_bytes"));
        assertEquals(null, get(o, "files", 0, "com_port"));
        assertEquals(null, get(o, "files", 0, "pac_entry"));
    }

    @Test
    void convertMakesASparseImageThatExpandsToTheInput() throws Exception {
        Path flag = ext4(dir.resolve("system.img_COM5.flag"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Run r = run("flag", "convert", "--json", flag, out);
        assertEquals(0, r.code(), r::toString);
        Path img = out.resolve("system.img");
        assertEquals(img.toString(), get(r.json(), "output"));
        assertEquals(true, get(r.json(), "sparse"));
        assertEquals(true, get(r.json(), "verified"));
        assertEquals(Files.size(flag), get(r.json(), "image_bytes"));
        assertEquals(Files.size(img), get(r.json(), "output_size"));
        assertTrue(Files.size(img) < Files.size(flag) / 4);
        assertArrayEquals(Files.readAllBytes(flag), PacCommandsTest.expand(img));

        Run raw = run("flag", "convert", "--raw", flag, dir.resolve("system.raw"));
        assertEquals(0, raw.code(), raw::toString);
        assertEquals(-1, Files.mismatch(flag, dir.resolve("system.raw")));
        assertTrue(raw.out().contains("raw image") && raw.out().contains("equals the input"), raw::toString);

        Run badName = run("flag", "convert", flag, dir.resolve("again.img.flag"));
        assertEquals(2, badName.code(), badName::toString);
        assertTrue(badName.err().contains("load from PAC"), badName::toString);
        assertFalse(Files.exists(dir.resolve("again.img.flag")));
    }

    @Test
    void identifyNamesFlagFilesBeforeTheirContent() throws Exception {
        Path readBack = ext4(dir.resolve("system.img_COM5.flag"));
        Run r = run("identify", readBack);
        assertEquals(0, r.code(), r::toString);
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].contains("sprd-flag") && lines[1].contains("read-back of partition system via COM5"),
                r::toString);
        assertTrue(r.out().contains("ext4"), r::toString);

        Path placeholder = Files.createFile(dir.resolve("vendor.img.flag"));
        Run p = run("identify", "--json", placeholder);
        assertEquals(0, p.code(), p::toString);
        assertEquals("sprd-flag", get(p.json(), "files", 0, "detections", 0, "format"));
        assertTrue(String.valueOf(get(p.json(), "files", 0, "detections", 0, "summary"))
                .contains("PAC entry \"vendor.img\""), p::toString);
    }

    @Test
    void aPlaceholderIsExplainedWithTheEntryAndTheCommand() throws Exception {
        Path pac = pacWithSystem();
        Path flag = Files.createFile(Files.createDirectories(dir.resolve("unpacked")).resolve("system.img.flag"));
        Run c = run("flag", "convert", flag, dir.resolve("system.img"));
        assertEquals(1, c.code(), c::toString);
        assertTrue(c.err().contains("0-byte placeholder") && c.err().contains("\"system.img\"")
                && c.err().contains("fwkit pac extract"), c::toString);
        assertTrue(c.err().contains("hint: ") && c.err().contains("flag info --pac"), c::toString);
        assertFalse(Files.exists(dir.resolve("system.img")));

        Run i = run("flag", "info", "--pac", pac, flag);
        assertEquals(0, i.code(), i::toString);
        assertTrue(i.out().contains("0-byte placeholder") && i.out().contains("PAC entry  System"), i::toString);
        assertTrue(i.out().contains("next: fwkit pac extract " + pac + " OUT_DIR System"), i::toString);
        Run j = run("flag", "info", "--json", "--pac", pac, flag);
        assertEquals("placeholder", get(j.json(), "files", 0, "kind"));
        assertEquals("empty", get(j.json(), "files", 0, "content"));
        assertEquals("System", get(j.json(), "files", 0, "pac_entry", "id"));
        assertEquals("fwkit pac extract " + pac + " OUT_DIR System", get(j.json(), "files", 0, "next"));
    }

    @Test
    void theSupportThreadStory() throws Exception {
        Path pac = pacWithSystem();
        Path flag = ext4(dir.resolve("system.img.flag"));
        Path restored = dir.resolve("restored.pac");
        Run rep = run("pac", "repack", "--json", pac, restored, "--replace", "System=" + flag);
        assertEquals(0, rep.code(), rep::toString);
        assertEquals(true, get(rep.json(), "entries", 1, "converted_to_sparse"));
        assertEquals("system.img", get(rep.json(), "entries", 1, "name"));
        assertEquals(0, run("pac", "check", restored).code());
        Run x = run("pac", "extract", restored, dir.resolve("x"), "System");
        assertEquals(0, x.code(), x::toString);
        assertArrayEquals(Files.readAllBytes(flag), PacCommandsTest.expand(dir.resolve("x/system.img")));
        // the files inside are reachable as usual, from the .flag and from the extracted sparse image
        for (Path image : List.of(flag, dir.resolve("x/system.img"))) {
            Run ls = run("ext4", "ls", image, "/app");
            assertEquals(0, ls.code(), ls::toString);
            assertTrue(ls.out().contains("Camera.apk"), ls::toString);
        }

        Run info = run("flag", "info", "--pac", pac, flag);
        assertTrue(info.out().contains("the flash tool would flash this instead of the backup"), info::toString);
        assertTrue(info.out().contains("--replace System=" + flag), info::toString);

        Run raw = run("pac", "repack", "--raw", "--json", pac, dir.resolve("raw.pac"), "--replace", "System=" + flag);
        assertEquals(0, raw.code(), raw::toString);
        assertEquals(false, get(raw.json(), "entries", 1, "converted_to_sparse"));
        assertEquals(Files.size(flag), get(raw.json(), "entries", 1, "size"));
    }

    /** A package whose System entry holds an old (random) image. */
    Path pacWithSystem() throws IOException {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.write(kit.resolve("fdl1.bin"), PacCommandsTest.random(1, 100));
        Files.write(kit.resolve("system.img"), PacCommandsTest.random(2, 40_000));
        String xml = "<?xml version=\"1.0\"?><BMAConfig><ProductList><Product name=\"Watch\"><SchemeName>Watch"
                + "</SchemeName></Product></ProductList><SchemeList><Scheme name=\"Watch\">"
                + PacCommandsTest.row("FDL", "FDL", "fdl", "0x5000", 1)
                + PacCommandsTest.row("System", "CODE2", "system", "0x0", 1)
                + "</Scheme></SchemeList></BMAConfig>";
        Path x = Files.writeString(dir.resolve("Watch.xml"), xml);
        Path pac = dir.resolve("Watch.pac");
        PacWriter.fromConfig(x, kit, Map.of("FDL", kit.resolve("fdl1.bin"))).write(pac, ProgressListener.NONE);
        return pac;
    }
}
