package io.github.fwkit.sprd;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacWriterTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] b) throws IOException {
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void canonicalPackagesAreRewrittenByteForByte() throws IOException {
        for (String version : List.of("BP_R1.0.0", "BP_R2.0.1")) {
            for (boolean encrypt : List.of(false, true)) {
                if (encrypt && version.startsWith("BP_R1")) {
                    continue;
                }
                MiniPac m = PacReadTest.sample();
                m.version = version;
                m.encrypt = encrypt;
                byte[] original = m.build();
                Path in = write("in.pac", original);
                Path out = tmp.resolve("out.pac");
                try (Pac pac = Pac.open(in)) {
                    PacWriteResult r = PacWriter.repack(pac).options(PacWriter.Options.DEFAULT.withEncrypt(encrypt))
                            .write(out, ProgressListener.NONE);
                    assertEquals(version, r.version());
                }
                assertArrayEquals(original, Files.readAllBytes(out), version + (encrypt ? " encrypted" : ""));
            }
        }
    }

    @Test
    void ourWriterAndTheIndependentBuilderAgree() throws IOException {
        MiniPac m = PacReadTest.sample();
        byte[] expected = m.build();
        PacWriter w = PacWriter.create("TestProduct", "W1.0");
        for (MiniPac.Row row : m.rows.subList(0, m.rows.size() - 1)) {
            List<Long> addrs = new ArrayList<>();
            for (long a : row.addrs) {
                addrs.add(a);
            }
            Optional<Path> file = row.data == null ? Optional.empty() : Optional.of(write(row.name.isEmpty()
                    ? row.id : row.name, row.data));
            w.add(new PacWriter.EntrySpec(row.id, row.name, row.flag, row.check, row.omit, addrs, file));
        }
        w.config(m.rows.get(m.rows.size() - 1).data);
        Path out = tmp.resolve("ours.pac");
        PacWriteResult r = w.write(out, ProgressListener.NONE);
        assertEquals("BP_R1.0.0", r.version());
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    /** Unisoc's flash tool reads sizes back to back from the end of the table, ignoring offsets. */
    static List<byte[]> sequentialRead(byte[] pac) {
        ByteBuffer b = ByteBuffer.wrap(pac).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt(1076);
        long pos = 2124 + (long) n * 2580;
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int e = 2124 + i * 2580;
            long size = (b.getInt(e + 1532) & 0xffffffffL) << 32 | (b.getInt(e + 1540) & 0xffffffffL);
            if (size > 0) {
                byte[] blob = new byte[(int) size];
                b.get((int) pos, blob);
                out.add(blob);
                pos += size;
            }
        }
        return out;
    }

    @Test
    void repackReplacesAndSequentialAndOffsetReadersAgree() throws IOException {
        Path in = write("in.pac", PacReadTest.sample().build());
        Path boot = write("new-system.img", "a much longer system image than before".getBytes(StandardCharsets.US_ASCII));
        Path out = tmp.resolve("out.pac");
        try (Pac pac = Pac.open(in)) {
            PacWriteResult r = PacWriter.repack(pac).replace("system", boot).write(out, ProgressListener.NONE);
            assertEquals("system.img", r.entries().get(3).name());
            assertEquals(boot.toString(), r.entries().get(3).source());
            assertEquals("source PAC", r.entries().get(0).source());
        }
        byte[] b = Files.readAllBytes(out);
        try (Pac pac = Pac.read(ImageReader.of(b))) {
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems(), pac.findings().toString());
            List<byte[]> seq = sequentialRead(b);
            int k = 0;
            for (PacEntry e : pac.entries()) {
                if (e.hasData()) {
                    assertArrayEquals(seq.get(k++), pac.blob(e).readBytes(0, (int) e.size()));
                }
            }
            assertEquals("a much longer system image than before",
                    new String(pac.blob(pac.entry("System").orElseThrow()).readBytes(0, 38), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void flagNamesAndArtefactsNeverGetIn() throws IOException {
        Path in = write("in.pac", PacReadTest.sample().build());
        Path f = write("userdata.img(1).flag", new byte[] {1, 2, 3});
        Path out = tmp.resolve("out.pac");
        try (Pac pac = Pac.open(in)) {
            PacWriteResult r = PacWriter.repack(pac).replace("UserData", f).write(out, ProgressListener.NONE);
            assertEquals("userdata.img", r.entries().get(4).name());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("userdata.img(1).flag")), r.notes().toString());
        }
        try (Pac pac = Pac.open(out)) {
            assertEquals("userdata.img", pac.entries().get(4).name());
            assertEquals(3, pac.entries().get(4).size());
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (Pac pac = Pac.open(in)) {
                PacWriter.repack(pac).replace("NoSuchId", f);
            }
        });
    }

    @Test
    void refusesToOverwriteItsInput() throws IOException {
        Path in = write("in.pac", PacReadTest.sample().build());
        try (Pac pac = Pac.open(in)) {
            assertThrows(IOException.class, () -> PacWriter.repack(pac).write(in, ProgressListener.NONE));
        }
        assertArrayEquals(PacReadTest.sample().build(), Files.readAllBytes(in));
    }

    @Test
    void versionChoices() throws IOException {
        Path in = write("in.pac", PacReadTest.sample().build());
        try (Pac pac = Pac.open(in)) {
            PacWriteResult v2 = PacWriter.repack(pac).options(PacWriter.Options.DEFAULT.withVersion(PacWriter.Version.V2))
                    .write(tmp.resolve("v2.pac"), ProgressListener.NONE);
            assertEquals("BP_R2.0.1", v2.version());
            PacWriteResult enc = PacWriter.repack(pac).options(PacWriter.Options.DEFAULT.withEncrypt(true))
                    .write(tmp.resolve("enc.pac"), ProgressListener.NONE);
            assertEquals("BP_R2.0.1", enc.version());
            assertThrows(IOException.class, () -> PacWriter.repack(pac).options(PacWriter.Options.DEFAULT
                    .withEncrypt(true).withVersion(PacWriter.Version.V1)).write(tmp.resolve("x.pac"), ProgressListener.NONE));
            assertFalse(Files.exists(tmp.resolve("x.pac")));
        }
        try (Pac v2 = Pac.open(tmp.resolve("v2.pac"))) {
            assertTrue(v2.header().isV2());
            assertFalse(v2.verify(ProgressListener.NONE).hasProblems());
            // a V2 source stays V2 on repack
            assertEquals("BP_R2.0.1", PacWriter.repack(v2).write(tmp.resolve("v2b.pac"), ProgressListener.NONE).version());
        }
        try (Pac enc = Pac.open(tmp.resolve("enc.pac"))) {
            assertTrue(enc.header().isEncrypted());
            assertFalse(enc.verify(ProgressListener.NONE).hasProblems());
        }
    }

    @Test
    void createsFromConfigAndFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("files"));
        Files.write(dir.resolve("fdl.bin"), "fdl1".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("FDL2.bin"), "fdl2".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("system.img_COM5.flag"), "sys".getBytes(StandardCharsets.US_ASCII));
        Path other = Files.write(tmp.resolve("b.img"), "boot".getBytes(StandardCharsets.US_ASCII));
        Path xml = Files.writeString(tmp.resolve("config.xml"),
                MiniPac.xmlFor("Watch", "FDL", "FDL2", "EraseUBOOT", "System", "Boot", "UserData"));
        PacWriter w = PacWriter.fromConfig(xml, dir, Map.of("boot", other)).productVersion("V9");
        PacWriteResult r = w.write(tmp.resolve("new.pac"), ProgressListener.NONE);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("UserData")), r.notes().toString());
        try (Pac pac = Pac.open(tmp.resolve("new.pac"))) {
            assertEquals("Watch", pac.header().productName());
            assertEquals("V9", pac.header().productVersion());
            assertEquals(List.of("FDL", "FDL2", "EraseUBOOT", "System", "Boot", "UserData", ""),
                    pac.entries().stream().map(PacEntry::id).toList());
            assertEquals(List.of("fdl.bin", "FDL2.bin", "", "system.img", "b.img", "", "Watch.xml"),
                    pac.entries().stream().map(PacEntry::name).toList());
            assertEquals(PacEntry.Kind.OPERATION, pac.kind(pac.entries().get(2)));
            assertEquals(PacEntry.Kind.OPERATION, pac.kind(pac.entries().get(5)));
            assertEquals(2, pac.configEntry().fileFlag());
            assertEquals(List.of(0L), pac.entries().get(3).addresses());
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems(), pac.verify(ProgressListener.NONE).toString());
            assertEquals("CODE2", pac.configRow(pac.entries().get(3)).orElseThrow().type());
        }
    }

    @Test
    void rawExt4ReplacementsBecomeSparse() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] data = new byte[200_000];
        new Random(9).nextBytes(data);
        Files.write(src.resolve("app.apk"), data);
        Path flag = Tools.mkfs(src, tmp.resolve("system.img_COM5.flag"), 2048, "system");
        Path in = write("in.pac", PacReadTest.sample().build());
        try (Pac pac = Pac.open(in)) {
            PacWriteResult r = PacWriter.repack(pac).replace("System", flag).write(tmp.resolve("sparse.pac"),
                    ProgressListener.NONE);
            assertTrue(r.entries().get(3).convertedToSparse());
            assertTrue(r.entries().get(3).size() < Files.size(flag));
            PacWriteResult raw = PacWriter.repack(pac).replace("System", flag)
                    .options(PacWriter.Options.DEFAULT.withRawReplacements(true))
                    .write(tmp.resolve("raw.pac"), ProgressListener.NONE);
            assertFalse(raw.entries().get(3).convertedToSparse());
            assertEquals(Files.size(flag), raw.entries().get(3).size());
        }
        try (Pac pac = Pac.open(tmp.resolve("sparse.pac"))) {
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems());
            PacEntry sys = pac.entry("System").orElseThrow();
            assertEquals("system.img", sys.name());
            assertTrue(pac.isSparse(sys));
            Path x = tmp.resolve("x");
            pac.extract(x, PacExtractOptions.DEFAULT.withSelect(List.of("System")), ProgressListener.NONE);
            Path back = tmp.resolve("back.raw");
            Tools.check("simg2img", x.resolve("system.img"), back);
            assertEquals(-1, Files.mismatch(flag, back));
            try (SparseImage img = SparseImage.open(x.resolve("system.img"))) {
                assertEquals(Files.size(flag), img.expandedSize());
            }
        }
    }
}
