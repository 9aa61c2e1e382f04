package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.list;
import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** {@code fwkit pac ...} end to end, on packages built in the test by the library's writer. */
class PacCommandsTest {
    @TempDir
    Path dir;

    static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BMAConfig><ProductList>"
            + "<Product name=\"Watch\"><SchemeName>Watch</SchemeName><FlashTypeID>1</FlashTypeID><Mode>0</Mode>"
            + "</Product></ProductList><SchemeList><Scheme name=\"Watch\">"
            + row("FDL", "FDL", "fdl", "0x5000", 1)
            + row("FDL2", "FDL", "fdl2", "0x9efffe00", 1)
            + row("EraseUBOOT", "EraseFlash2", "uboot", "0x0", 0)
            + row("Boot", "CODE2", "boot", "0x0", 1)
            + row("System", "CODE2", "system", "0x0", 1)
            + "</Scheme></SchemeList></BMAConfig>";

    static String row(String id, String type, String block, String base, int flag) {
        return "<File><ID>" + id + "</ID><IDAlias>" + id + "</IDAlias><Type>" + type + "</Type><Block id=\"" + block
                + "\"><Base>" + base + "</Base><Size>0x0</Size></Block><Flag>" + flag + "</Flag><CheckFlag>1"
                + "</CheckFlag><Description>" + id + "</Description></File>";
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A kit folder: FDLs, boot.img, system.img (random bytes, so stored as they are) and Watch.xml. */
    Path kit() throws IOException {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.write(kit.resolve("fdl1.bin"), random(1, 1000));
        Files.write(kit.resolve("fdl2.bin"), random(2, 3000));
        Files.write(kit.resolve("boot.img"), random(3, 50_000));
        Files.write(kit.resolve("system.img"), random(4, 200_000));
        Files.writeString(dir.resolve("Watch.xml"), XML);
        return kit;
    }

    /** A package made by the library (not by the command under test). */
    Path pac() throws IOException {
        Path kit = kit();
        Path pac = dir.resolve("Watch.pac");
        PacWriter.fromConfig(dir.resolve("Watch.xml"), kit, Map.of("FDL", kit.resolve("fdl1.bin"), "FDL2",
                kit.resolve("fdl2.bin"))).productVersion("W1.0").write(pac, ProgressListener.NONE);
        return pac;
    }

    @Test
    void listShowsTheTableJoinedToTheConfig() throws IOException {
        Path pac = pac();
        Run r = run("pac", "list", pac);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("product \"Watch\" version \"W1.0\", 6 entries"), r::toString);
        assertTrue(r.out().contains("EraseUBOOT") && r.out().contains("operation"), r::toString);
        assertTrue(r.out().contains("fwkit pac check"), r::toString);

        Run j = run("pac", "list", "--json", pac);
        assertEquals(0, j.code(), j::toString);
        Object o = j.json();
        assertEquals("BP_R1.0.0", get(o, "header", "version"));
        assertEquals("Watch", get(o, "header", "product_name"));
        assertEquals(6L, get(o, "header", "file_count"));
        List<?> entries = (List<?>) get(o, "entries");
        assertEquals(6, entries.size());
        assertEquals("System", get(o, "entries", 4, "id"));
        assertEquals("system.img", get(o, "entries", 4, "name"));
        assertEquals(200_000L, get(o, "entries", 4, "size"));
        assertEquals("file", get(o, "entries", 4, "kind"));
        assertEquals("CODE2", get(o, "entries", 4, "type"));
        assertEquals("system", get(o, "entries", 4, "partition"));
        assertEquals("operation", get(o, "entries", 2, "kind"));
        assertEquals(0L, get(o, "entries", 2, "size"));
        assertEquals("config", get(o, "entries", 5, "kind"));
        assertEquals(List.of(0x5000L), get(o, "entries", 0, "addresses"));
        assertEquals("Watch", get(o, "config", "scheme"));
    }

    @Test
    void checkIsCleanAndExitsThreeOnACorruptedByte() throws IOException {
        Path pac = pac();
        Run ok = run("pac", "check", "--json", pac);
        assertEquals(0, ok.code(), ok::toString);
        assertEquals(true, get(ok.json(), "ok"));
        assertEquals(true, get(ok.json(), "header_crc", "ok"));
        assertEquals(true, get(ok.json(), "body_crc", "ok"));
        assertEquals(Files.size(pac) - 4, get(ok.json(), "bytes_checked"));
        Run text = run("pac", "check", pac);
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().contains("OK"), text::toString);

        long at;
        try (Pac p = Pac.open(pac)) {
            at = p.entry("System").orElseThrow().offset() + 1234;
        }
        try (FileChannel ch = FileChannel.open(pac, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            ch.write(b, at);
        }
        Run bad = run("pac", "check", "--json", pac);
        assertEquals(3, bad.code(), bad::toString);
        assertEquals(false, get(bad.json(), "ok"));
        assertEquals(false, get(bad.json(), "body_crc", "ok"));
        assertEquals(true, get(bad.json(), "header_crc", "ok"));
        assertEquals("body-crc", get(bad.json(), "findings", 0, "code"));
        assertEquals("error", get(bad.json(), "findings", 0, "severity"));
        Run badText = run("pac", "check", pac);
        assertEquals(3, badText.code(), badText::toString);
        assertTrue(badText.out().contains("MISMATCH") && badText.out().contains("PROBLEMS: 1 error"), badText::toString);
        assertTrue(badText.err().contains("hint: ") && badText.err().contains("get the package again"),
                badText::toString);
    }

    @Test
    void extractWritesEverythingOnlyInsideOutDir() throws IOException {
        Path pac = pac();
        Path out = dir.resolve("out");
        String[] before = list(dir);
        Run r = run("pac", "extract", "--json", pac, out);
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(new String[] {"Watch.xml", "boot.img", "fdl1.bin", "fdl2.bin", "system.img"}, list(out));
        List<String> after = new java.util.ArrayList<>(List.of(list(dir)));
        after.remove("out");
        assertEquals(List.of(before), after);
        for (String f : List.of("boot.img", "fdl1.bin", "fdl2.bin", "system.img")) {
            assertEquals(-1, Files.mismatch(dir.resolve("kit").resolve(f), out.resolve(f)), f);
        }
        assertEquals(-1, Files.mismatch(dir.resolve("Watch.xml"), out.resolve("Watch.xml")));
        Object o = r.json();
        assertEquals(5, ((List<?>) get(o, "files")).size());
        assertEquals("EraseUBOOT", get(o, "skipped", 0, "id"));
        assertEquals(out.resolve("fdl1.bin").toString(), get(o, "files", 0, "path"));
        assertEquals(1000L, get(o, "files", 0, "size"));
        assertEquals(false, get(o, "files", 0, "expanded"));
    }

    @Test
    void extractSelectsByIdAndGlob() throws IOException {
        Path pac = pac();
        Run r = run("pac", "extract", pac, dir.resolve("a"), "system", "fdl?.bin");
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(new String[] {"fdl1.bin", "fdl2.bin", "system.img"}, list(dir.resolve("a")));
        assertTrue(r.out().contains("entry System"), r::toString);

        Run none = run("pac", "extract", pac, dir.resolve("b"), "Vendor");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().contains("no entry matches \"Vendor\"") && none.err().contains("System"), none::toString);
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void extractCanExpandSparseEntries() throws IOException {
        Path pac = pac();
        byte[] raw = CliTestSupport.padded(CliTestSupport.mixedRaw(5, 0), 4096);
        Path rawFile = CliTestSupport.write(dir.resolve("sys.raw"), raw);
        Path sparse = dir.resolve("sys.simg");
        assertEquals(0, run("sparse", "encode", rawFile, sparse).code());
        Path pac2 = dir.resolve("sparse.pac");
        Run rep = run("pac", "repack", pac, pac2, "--replace", "System=" + sparse);
        assertEquals(0, rep.code(), rep::toString);
        Run x = run("pac", "extract", "--json", "--expand-sparse", pac2, dir.resolve("x"), "System");
        assertEquals(0, x.code(), x::toString);
        assertEquals(true, get(x.json(), "files", 0, "expanded"));
        assertArrayEquals(raw, Files.readAllBytes(dir.resolve("x/system.img")));
        Run y = run("pac", "extract", pac2, dir.resolve("y"), "System");
        assertEquals(0, y.code(), y::toString);
        assertEquals(-1, Files.mismatch(sparse, dir.resolve("y/system.img")));
    }

    @Test
    void repackReplacesAnEntryAndKeepsTheRest() throws IOException {
        Path pac = pac();
        Path boot = CliTestSupport.write(dir.resolve("new-boot.img"), random(9, 77_777));
        Path out = dir.resolve("new.pac");
        Run r = run("pac", "repack", "--json", pac, out, "--replace", "boot=" + boot);
        assertEquals(0, r.code(), r::toString);
        Object o = r.json();
        assertEquals("BP_R1.0.0", get(o, "version"));
        assertEquals(Files.size(out), get(o, "size"));
        assertEquals(77_777L, get(o, "entries", 3, "size"));
        assertEquals(boot.toString(), get(o, "entries", 3, "source"));
        assertEquals("boot.img", get(o, "entries", 3, "name"));
        assertEquals("boot", get(o, "replaced", 0, "id"));

        Run check = run("pac", "check", out);
        assertEquals(0, check.code(), check::toString);
        Run x = run("pac", "extract", out, dir.resolve("x"));
        assertEquals(0, x.code(), x::toString);
        assertEquals(-1, Files.mismatch(boot, dir.resolve("x/boot.img")));
        assertEquals(-1, Files.mismatch(dir.resolve("kit/system.img"), dir.resolve("x/system.img")));

        Run text = run("pac", "repack", pac, dir.resolve("v2.pac"), "--v2");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().contains("BP_R2.0.1") && text.out().contains("Next: 'fwkit pac check"), text::toString);
        assertEquals(0, run("pac", "check", dir.resolve("v2.pac")).code());
    }

    @Test
    void repackRefusesAPlaceholderAndNamesTheEntry() throws IOException {
        Path pac = pac();
        Path flag = Files.createFile(dir.resolve("system.img.flag"));
        Run r = run("pac", "repack", pac, dir.resolve("new.pac"), "--replace", "System=" + flag);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("0-byte placeholder") && r.err().contains("entry System")
                && r.err().contains("fwkit pac extract " + pac + " OUT_DIR System"), r::toString);
        assertFalse(Files.exists(dir.resolve("new.pac")));

        Run unknown = run("pac", "repack", pac, dir.resolve("new.pac"), "--replace", "Vendor=" + pac);
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("IDs are"), unknown::toString);
        Run malformed = run("pac", "repack", pac, dir.resolve("new.pac"), "--replace", "System");
        assertEquals(2, malformed.code(), malformed::toString);
        assertTrue(malformed.err().contains("ID=FILE"), malformed::toString);
    }

    @Test
    void createBuildsWhatTheLibraryReads() throws IOException {
        Path kit = kit();
        Path out = dir.resolve("made.pac");
        Run r = run("pac", "create", "--json", "--xml", dir.resolve("Watch.xml"), "--dir", kit,
                "--file", "FDL=" + kit.resolve("fdl1.bin"), "--file", "FDL2=" + kit.resolve("fdl2.bin"),
                "--product-version", "W2", out);
        assertEquals(0, r.code(), r::toString);
        assertEquals(6, ((List<?>) get(r.json(), "entries")).size());
        assertEquals(null, get(r.json(), "entries", 2, "source"));
        try (Pac p = Pac.open(out)) {
            assertEquals("W2", p.header().productVersion());
            assertEquals(200_000L, p.entry("System").orElseThrow().size());
            assertFalse(p.verify(ProgressListener.NONE).hasProblems());
        }
        // the same bytes as the library's own writer
        PacWriter.fromConfig(dir.resolve("Watch.xml"), kit, Map.of("FDL", kit.resolve("fdl1.bin"), "FDL2",
                kit.resolve("fdl2.bin"))).productVersion("W2").write(dir.resolve("lib.pac"), ProgressListener.NONE);
        assertEquals(-1, Files.mismatch(out, dir.resolve("lib.pac")));

        Run noXml = run("pac", "create", "--dir", kit, out);
        assertEquals(2, noXml.code(), noXml::toString);
        Run noDir = run("pac", "create", "--xml", dir.resolve("Watch.xml"), dir.resolve("x.pac"));
        assertEquals(2, noDir.code(), noDir::toString);
    }

    @Test
    void unreadableInputsExitOneWithAHint() throws IOException {
        Path garbage = CliTestSupport.write(dir.resolve("garbage.pac"), random(7, 5000));
        for (String cmd : List.of("list", "check")) {
            Run r = run("pac", cmd, "--json", garbage);
            assertEquals(1, r.code(), r::toString);
            assertEquals("format", get(r.json(), "error", "kind"));
            assertTrue(r.err().contains("not a Spreadtrum PAC") && r.err().contains("fwkit identify"), r::toString);
            assertEquals("sprd-pac", get(r.json(), "error", "format"));
        }
        Run x = run("pac", "extract", garbage, dir.resolve("out"));
        assertEquals(1, x.code(), x::toString);
        assertFalse(Files.exists(dir.resolve("out")));
        Run missing = run("pac", "list", dir.resolve("nope.pac"));
        assertEquals(1, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file"), missing::toString);

        Path zip = dir.resolve("vendor.pac");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("inner/Watch.pac"));
            z.write(random(8, 100));
            z.closeEntry();
        }
        Run zr = run("pac", "list", zip);
        assertEquals(1, zr.code(), zr::toString);
        assertTrue(zr.err().contains("ZIP") && zr.err().contains("unzip"), zr::toString);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("pac").code());
        assertEquals(2, run("pac", "list").code());
        assertEquals(2, run("pac", "lst", "x.pac").code());
        assertTrue(run("pac", "lst", "x.pac").err().contains("Did you mean: fwkit pac list?"));
        assertEquals(2, run("pac", "extract", "x.pac").code());
        assertEquals(2, run("pac", "repack", "a.pac").code());
        assertEquals(0, run("pac", "extract", "--help").code());
        assertTrue(run("--help").out().contains("pac "));
        assertTrue(run("pac", "--help").out().contains("repack"));
    }

    @Test
    void identifyReportsAPac() throws IOException {
        Path pac = pac();
        Run r = run("identify", pac);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("sprd-pac"), r::toString);
    }

    /** Decodes a sparse image into bytes. */
    static byte[] expand(Path sparse) throws IOException {
        try (SparseImage img = SparseImage.open(sparse)) {
            return img.expanded().readBytes(0, (int) img.expandedSize());
        }
    }
}
