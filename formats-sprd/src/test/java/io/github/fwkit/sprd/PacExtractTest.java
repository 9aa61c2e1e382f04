package io.github.fwkit.sprd;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacExtractTest {
    @TempDir
    Path tmp;

    @Test
    void extractsEverythingWithDataAndSkipsTheRest() throws IOException {
        MiniPac m = PacReadTest.sample();
        String xml = MiniPac.xmlFor("TestProduct", "FDL", "FDL2", "EraseUBOOT", "System", "UserData");
        m.rows.get(m.rows.size() - 1).data = (xml + "\0").getBytes(StandardCharsets.UTF_8);
        Path pacFile = Files.write(tmp.resolve("fw.pac"), m.build());
        Path out = tmp.resolve("out");
        try (Pac pac = Pac.open(pacFile)) {
            long[] last = {0, 0};
            PacExtractResult r = pac.extract(out, PacExtractOptions.DEFAULT, (d, t) -> {
                last[0] = d;
                last[1] = t;
            });
            assertEquals(List.of("TestProduct.xml", "fdl1-sign.bin", "fdl2-sign.bin", "system.img"), TempDirs.list(out));
            assertEquals(last[0], last[1]);
            assertEquals(2, r.skipped().size());
            assertEquals("system contents", Files.readString(out.resolve("system.img")));
            // the trailing NUL is dropped as Unisoc's tools do ...
            assertEquals(xml, Files.readString(out.resolve("TestProduct.xml")));
            // ... unless asked to keep the blob verbatim
            Path verbatim = tmp.resolve("verbatim");
            pac.extract(verbatim, PacExtractOptions.DEFAULT.withTrimConfigNul(false).withSelect(List.of("*.xml")),
                    ProgressListener.NONE);
            assertEquals(List.of("TestProduct.xml"), TempDirs.list(verbatim));
            assertEquals(xml + "\0", Files.readString(verbatim.resolve("TestProduct.xml")));
        }
    }

    @Test
    void hostileNamesStayInside() throws IOException {
        MiniPac m = new MiniPac();
        String[] names = {"../../evil.bin", "/etc/passwd", "C:\\Windows\\x.dll", "a\\..\\..\\b", "con.txt", "x\u0001y",
            "..", ".", "", "trailing. . ", "system.img.flag", "ok.bin"};
        for (int i = 0; i < names.length; i++) {
            m.file("ID" + i, names[i], ("blob" + i).getBytes(StandardCharsets.US_ASCII));
        }
        m.xml(MiniPac.xmlFor("TestProduct"));
        Path out = tmp.resolve("x/out");
        try (Pac pac = Pac.read(ImageReader.of(m.build()))) {
            PacExtractResult r = pac.extract(out, PacExtractOptions.DEFAULT, ProgressListener.NONE);
            assertEquals(names.length + 1, r.files().size());
            for (PacExtractResult.ExtractedFile f : r.files()) {
                assertTrue(f.path().startsWith(out.toRealPath()), f.path().toString());
                assertEquals(out.toRealPath(), f.path().getParent());
            }
            assertEquals(List.of("out"), TempDirs.list(tmp.resolve("x")).stream().filter(s -> !s.contains("/")).toList());
            List<String> got = r.files().stream().map(f -> f.path().getFileName().toString()).toList();
            assertEquals(List.of(".._.._evil.bin", "_etc_passwd", "C__Windows_x.dll", "a_.._.._b", "_con.txt", "x_y",
                    "ID6.bin", "ID7.bin", "ID8.bin", "trailing", "system.img", "ok.bin", "TestProduct.xml"), got);
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("flag-name")));
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("unsafe-name")));
        }
    }

    /** Shrunk from PacHostileProperties: a 255-character name overflowed NAME_MAX in the temporary file. */
    @Test
    void crashLongNameFitsTheTemporaryFile() throws IOException {
        MiniPac m = new MiniPac();
        m.file("A", "x".repeat(255), new byte[] {1});
        m.file("B", "x".repeat(255), new byte[] {2});
        m.file("C", "\u00e9".repeat(200) + ".img", new byte[] {3});
        m.xml(MiniPac.xmlFor("TestProduct", "A", "B", "C"));
        try (Pac pac = Pac.read(ImageReader.of(m.build()))) {
            PacExtractResult r = pac.extract(tmp.resolve("long"), PacExtractOptions.DEFAULT, ProgressListener.NONE);
            assertEquals(4, r.files().size());
            for (PacExtractResult.ExtractedFile f : r.files()) {
                assertTrue(f.path().getFileName().toString().getBytes(StandardCharsets.UTF_8).length <= 230);
            }
            assertTrue(r.files().get(2).path().getFileName().toString().endsWith(".img"));
        }
    }

    @Test
    void sparseBlobsExpandOnRequest() throws IOException {
        byte[] raw = new byte[64 * 4096 + 512 * 0];
        Random rnd = new Random(7);
        for (int blk = 0; blk < 64; blk += 3) {
            for (int i = 0; i < 4096; i++) {
                raw[blk * 4096 + i] = (byte) rnd.nextInt();
            }
        }
        Path rawFile = Files.write(tmp.resolve("raw.img"), raw);
        Path simg = tmp.resolve("sparse.img");
        SparseWriter.of(SparseWriter.Options.DEFAULT).encode(rawFile, simg, ProgressListener.NONE);
        byte[] sparse = Files.readAllBytes(simg);
        assertTrue(sparse.length < raw.length);
        MiniPac m = new MiniPac();
        m.file("UserData", "userdata.img", sparse);
        m.xml(MiniPac.xmlFor("TestProduct", "UserData"));
        Path pacFile = Files.write(tmp.resolve("fw.pac"), m.build());
        try (Pac pac = Pac.open(pacFile)) {
            assertTrue(pac.isSparse(pac.entries().get(0)));
            assertFalse(pac.isSparse(pac.configEntry()));
            Path a = tmp.resolve("a");
            pac.extract(a, PacExtractOptions.DEFAULT, ProgressListener.NONE);
            assertArrayEquals(sparse, Files.readAllBytes(a.resolve("userdata.img")));
            Path b = tmp.resolve("b");
            PacExtractResult r = pac.extract(b, PacExtractOptions.DEFAULT.withExpandSparse(true), ProgressListener.NONE);
            assertTrue(r.files().get(0).expanded());
            assertEquals(raw.length, r.files().get(0).bytes());
            assertTrue(Arrays.equals(raw, Files.readAllBytes(b.resolve("userdata.img"))));
        }
    }
}
