package io.github.fwkit.sparse;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.testing.MalformedSparse;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * fwkit against the reference tools of Debian's android-sdk-libsparse-utils 29.0.6 (img2simg,
 * simg2img, simg2simg, append2simg) on images built by e2fsprogs' mke2fs. The tools' output is
 * the truth.
 */
class SparseOracleTest {
    private static Path dir;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("fwkit-oracle");
    }

    @AfterAll
    static void tearDown() throws IOException {
        org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
    }

    /** A source tree with the content kinds an Android partition has. */
    static Path sourceTree(Path root) throws IOException {
        Random rnd = new Random(42);
        Files.createDirectories(root.resolve("app/lib/arm64"));
        Files.createDirectories(root.resolve("etc/init"));
        byte[] bin = new byte[3_000_000];
        rnd.nextBytes(bin);
        Files.write(root.resolve("app/lib/arm64/libfoo.so"), bin);
        Files.writeString(root.resolve("etc/init/hello.rc"), "service hello /system/bin/hello\n".repeat(200));
        byte[] pat = new byte[64 * 1024];
        for (int i = 0; i < pat.length; i++) {
            pat[i] = (byte) "\u00de\u00ad\u00be\u00ef".charAt(i & 3);
        }
        Files.write(root.resolve("etc/pattern.bin"), pat);
        Files.write(root.resolve("etc/abab.txt"), "AB".repeat(20000).getBytes(StandardCharsets.US_ASCII));
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("hole.bin").toFile(), "rw")) {
            f.setLength(6 << 20);
            f.seek(3 << 20);
            f.write(new byte[] {1, 2, 3});
        }
        Files.createFile(root.resolve("empty"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(root.resolve("etc/f" + i + ".prop"), "ro.value." + i + "=" + rnd.nextLong() + "\n");
        }
        return root;
    }

    static Path ext4(String name, int fsBlockSize, String size, String... extra) throws IOException {
        Path src = dir.resolve("src");
        if (!Files.exists(src)) {
            sourceTree(src);
        }
        Path img = dir.resolve(name);
        List<Object> args = new ArrayList<>(List.of("-q", "-F", "-t", "ext4", "-b", fsBlockSize, "-d", src));
        args.addAll(List.of(extra));
        args.add(img);
        args.add(size);
        Tools.check("mke2fs", args.toArray());
        return img;
    }

    static List<Path> inputs() throws IOException {
        if (dir == null) {
            setUp();
        }
        List<Path> list = new ArrayList<>();
        list.add(ext4("ext4-4k.img", 4096, "48M"));
        list.add(ext4("ext4-1k.img", 1024, "24M"));
        list.add(ext4("ext4-android.img", 4096, "40M", "-I", "128", "-O", "^has_journal"));
        Random rnd = new Random(1);
        byte[] r = new byte[2_000_003]; // not block aligned
        rnd.nextBytes(r);
        list.add(Files.write(dir.resolve("rand.raw"), r));
        Path zeros = dir.resolve("zeros.raw");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(10 << 20);
        }
        list.add(zeros);
        byte[] p = new byte[16384];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) new int[] {0xde, 0xad, 0xbe, 0xef}[i & 3];
        }
        list.add(Files.write(dir.resolve("pattern.raw"), p));
        byte[] ab = "AB".repeat(4096 * 3).getBytes(StandardCharsets.US_ASCII);
        list.add(Files.write(dir.resolve("abab.raw"), ab));
        // a mix where one-byte differences defeat FILL, and a short tail after full blocks
        byte[] mix = new byte[4096 * 6 + 100];
        mix[4096 * 2 + 4095] = 1;
        rnd.nextBytes(Arrays.copyOfRange(mix, 0, 0));
        for (int i = 4096 * 4; i < mix.length; i++) {
            mix[i] = (byte) (i % 7);
        }
        list.add(Files.write(dir.resolve("mix.raw"), mix));
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void legacyEncodeIsByteIdenticalToImg2simg(Path raw) throws IOException {
        for (int bs : new int[] {4096, 1024}) {
            Path ref = dir.resolve(raw.getFileName() + "." + bs + ".ref.simg");
            Path ours = dir.resolve(raw.getFileName() + "." + bs + ".ours.simg");
            Tools.check("img2simg", raw, ref, bs);
            SparseWriter.of(new SparseWriter.Options(SparseWriter.Profile.LEGACY, bs, false, false))
                    .encode(raw, ours, ProgressListener.NONE);
            assertEquals(-1L, Files.mismatch(ref, ours), "legacy output differs from img2simg at byte "
                    + Files.mismatch(ref, ours) + " (block size " + bs + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void decodeEqualsSimg2imgOnImg2simgOutput(Path raw) throws IOException {
        Path simg = dir.resolve(raw.getFileName() + ".d.simg");
        Tools.check("img2simg", raw, simg);
        Path ref = dir.resolve(raw.getFileName() + ".d.ref.raw");
        Tools.check("simg2img", simg, ref);
        Path ours = dir.resolve(raw.getFileName() + ".d.ours.raw");
        SparseImage.decode(List.of(simg), ours, true, ProgressListener.NONE);
        assertEquals(-1L, Files.mismatch(ref, ours));
        Path noHoles = dir.resolve(raw.getFileName() + ".d.nh.raw");
        SparseImage.decode(List.of(simg), noHoles, false, ProgressListener.NONE);
        assertEquals(-1L, Files.mismatch(ref, noHoles));
        // and the random-access view agrees with both
        try (ImageReader view = ImageReader.open(simg)) {
            assertEquals(Files.size(ref), view.size());
            byte[] head = view.readBytes(0, (int) Math.min(view.size(), 1 << 20));
            byte[] refHead = new byte[head.length];
            try (var in = Files.newInputStream(ref)) {
                in.readNBytes(refHead, 0, head.length);
            }
            assertArrayEquals(refHead, head);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void simg2imgAcceptsEverythingWeWrite(Path raw) throws IOException {
        byte[] in = Files.readAllBytes(raw);
        for (SparseWriter.Profile profile : SparseWriter.Profile.values()) {
            for (int flags = 0; flags < 4; flags++) {
                SparseWriter.Options o = new SparseWriter.Options(profile, 4096, (flags & 1) != 0, (flags & 2) != 0);
                Path ours = dir.resolve(raw.getFileName() + ".a.simg");
                SparseWriter.of(o).encode(raw, ours, ProgressListener.NONE);
                Path back = dir.resolve(raw.getFileName() + ".a.raw");
                Files.deleteIfExists(back);
                Tools.check("simg2img", ours, back);
                byte[] got = Files.readAllBytes(back);
                assertArrayEquals(Arrays.copyOf(in, (in.length + 4095) / 4096 * 4096), got, o.toString());
            }
        }
    }

    @Test
    void aospProfileCutsChunksAt64MiB() throws IOException {
        Path big = dir.resolve("big.raw");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(150L << 20); // 150 MiB of zeros: FILL 0 of 38400 blocks in 29.0.6
            byte[] r = new byte[(int) (70L << 20)];
            new Random(3).nextBytes(r);
            f.seek(80L << 20);
            f.write(r);
        }
        Path ours = dir.resolve("big.aosp.simg");
        SparseWriter.of(SparseWriter.Options.DEFAULT).encode(big, ours, ProgressListener.NONE);
        try (SparseImage img = SparseImage.open(ours)) {
            for (SparseChunk c : img.chunks()) {
                assertTrue(c.blockCount() <= 16384, c.toString());
            }
            // zeros 0..80 MiB: 16384 + 4096 blocks; random 80..150 MiB: 16384 + 1536
            List<Long> sizes = img.chunks().stream().map(SparseChunk::blockCount).toList();
            assertEquals(List.of(16384L, 4096L, 16384L, 1536L), sizes);
        }
        Path back = dir.resolve("big.back");
        Tools.check("simg2img", ours, back);
        assertEquals(-1L, Files.mismatch(big, back));
        Files.delete(back);
        Path legacy = dir.resolve("big.legacy.simg");
        Path ref = dir.resolve("big.ref.simg");
        SparseWriter.of(SparseWriter.Options.DEFAULT.withProfile(SparseWriter.Profile.LEGACY))
                .encode(big, legacy, ProgressListener.NONE);
        Tools.check("img2simg", big, ref);
        assertEquals(-1L, Files.mismatch(ref, legacy));
        for (Path p : List.of(big, ours, legacy, ref)) {
            Files.delete(p);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1_100_000, 2_000_000, 2_900_000})
    void splitMatchesSimg2simgAndDecodesLikeSimg2img(long max) throws IOException {
        Path raw = ext4("split.img", 4096, "40M");
        Path simg = dir.resolve("split.simg");
        Tools.check("img2simg", raw, simg);
        Path refPrefix = dir.resolve("ref-piece-" + max);
        Tools.check("simg2simg", simg, refPrefix, max);
        List<Path> refPieces = new ArrayList<>();
        for (int i = 0; Files.exists(Path.of(refPrefix + "." + i)); i++) {
            refPieces.add(Path.of(refPrefix + "." + i));
        }
        assertTrue(refPieces.size() > 1, "the test needs several pieces");
        List<SparseWriter.Result> ours = SparseWriter.of(SparseWriter.Options.DEFAULT.withProfile(
                SparseWriter.Profile.LEGACY)).split(simg, max, dir.resolve("our-piece-" + max), ProgressListener.NONE);
        assertEquals(refPieces.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(-1L, Files.mismatch(refPieces.get(i), ours.get(i).output()), "piece " + i);
        }
        // decoding their pieces: ours equals simg2img's overlay, which equals the original
        Path refAll = dir.resolve("split.ref.raw");
        List<Object> args = new ArrayList<>(refPieces);
        args.add(refAll);
        Tools.check("simg2img", args.toArray());
        Path oursAll = dir.resolve("split.ours.raw");
        SparseImage.decode(refPieces, oursAll, true, ProgressListener.NONE);
        assertEquals(-1L, Files.mismatch(refAll, oursAll));
        assertEquals(-1L, Files.mismatch(raw, oursAll));
    }

    @Test
    void readsWhatAppend2simgWrites() throws IOException {
        Path raw = ext4("append.img", 4096, "16M");
        Path simg = dir.resolve("append.simg");
        Tools.check("img2simg", raw, simg);
        byte[] extra = new byte[3 * 4096];
        new Random(9).nextBytes(Arrays.copyOfRange(extra, 0, 0));
        for (int i = 4096; i < 8192; i++) {
            extra[i] = (byte) i;
        }
        Arrays.fill(extra, 8192, 12288, (byte) 7);
        Path add = Files.write(dir.resolve("append.add"), extra);
        Path theirs = Files.copy(simg, dir.resolve("append.theirs.simg"));
        Tools.check("append2simg", theirs, add);
        Path ours = Files.copy(simg, dir.resolve("append.ours.simg"));
        SparseWriter.of(SparseWriter.Options.DEFAULT.withProfile(SparseWriter.Profile.LEGACY))
                .append(ours, add, ProgressListener.NONE);
        assertEquals(-1L, Files.mismatch(theirs, ours), "append differs from append2simg");
        byte[] want = Files.readAllBytes(raw);
        want = Arrays.copyOf(want, want.length + extra.length);
        System.arraycopy(extra, 0, want, want.length - extra.length, extra.length);
        try (SparseImage img = SparseImage.open(theirs)) {
            assertArrayEquals(want, img.expanded().readBytes(0, (int) img.expandedSize()));
        }
    }

    /**
     * Rows of the spec table where Debian's 29.0.6 accepts but AOSP HEAD rejects (block size rules,
     * empty images), or where fwkit's strict mode is deliberately stricter than both: libsparse
     * does not skip an unknown chunk's data, so it only survives one at the very end of the table.
     */
    private static final Set<String> STRICTER = Set.of("blk_sz 6", "blk_sz 0", "total_blks 0, no chunks",
            "unknown chunk 0xCAC5 without data", "unknown chunk 0xCAC5 with 4 data bytes");

    @Test
    void strictReaderRejectsWhatLibsparseRejects() throws IOException {
        for (MalformedSparse.Row row : MalformedSparse.rows()) {
            Path in = Files.write(dir.resolve("malformed.simg"), row.bytes());
            Path out = dir.resolve("malformed.raw");
            Files.deleteIfExists(out);
            Tools.Run r = Tools.run("simg2img", in, out);
            boolean theyAccept = r.exit() == 0;
            if (STRICTER.contains(row.name())) {
                assertTrue(!row.strictAccepts(), row.name());
                continue;
            }
            assertEquals(theyAccept, row.strictAccepts(), row.name() + ": simg2img said " + r.exit() + " " + r.output());
            if (theyAccept) {
                Path ours = dir.resolve("malformed.ours");
                SparseImage.decode(List.of(in), ours, true, ProgressListener.NONE);
                assertEquals(-1L, Files.mismatch(out, ours), row.name());
            }
        }
    }

    @Test
    void oneByteMutationsOfARealImageAreAcceptedOnlyWhenSimg2imgAccepts() throws IOException {
        Path simg = dir.resolve("m.simg");
        Tools.check("img2simg", ext4("m.img", 4096, "24M"), simg);
        byte[] good = Files.readAllBytes(simg);
        Random rnd = new Random(5);
        int disagreements = 0;
        for (int i = 0; i < 40; i++) {
            byte[] bad = good.clone();
            int pos = rnd.nextInt(28 + 12 * 3);
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            Path in = Files.write(dir.resolve("m.bad"), bad);
            Path out = dir.resolve("m.bad.raw");
            Files.deleteIfExists(out);
            boolean theyAccept = Tools.run("simg2img", in, out).exit() == 0;
            boolean weAccept;
            try {
                SparseImage.read(ImageReader.of(bad));
                weAccept = true;
            } catch (io.github.fwkit.core.FormatException e) {
                weAccept = false;
            }
            if (weAccept && !theyAccept) {
                fail("we accept what simg2img rejects: flip at " + pos);
            }
            if (theyAccept && !weAccept) {
                disagreements++; // e.g. an unknown chunk type, a block size not a multiple of 4
            }
        }
        assertNotEquals(40, disagreements);
    }
}
