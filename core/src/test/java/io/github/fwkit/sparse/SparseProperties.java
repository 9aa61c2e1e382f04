package io.github.fwkit.sparse;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.testing.MalformedSparse;
import io.github.fwkit.testing.SparseBuilder;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips and hostile input for the sparse reader and writer. */
class SparseProperties {
    private static Path dir;

    @BeforeContainer
    static void mkdir() throws IOException {
        dir = Files.createTempDirectory("fwkit-sparse-props");
    }

    @AfterContainer
    static void rmdir() throws IOException {
        org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
    }

    /** Block kinds an image is made of: zero, repeating word, random, nearly-repeating (one byte off). */
    @Provide
    Arbitrary<byte[]> images() {
        return anyImages().filter(b -> b.length > 0);
    }

    @Property(tries = 5)
    void emptyInputsAreRefused(@ForAll("options") SparseWriter.Options o) throws IOException {
        Path in = Files.write(dir.resolve("empty.raw"), new byte[0]);
        Path out = dir.resolve("empty.simg");
        FormatException e = org.junit.jupiter.api.Assertions.assertThrows(FormatException.class,
                () -> SparseWriter.of(o).encode(in, out, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("empty"));
        assertTrue(!Files.exists(out));
    }

    private Arbitrary<byte[]> anyImages() {
        Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 3);
        return Combinators.combine(kinds.list().ofMinSize(0).ofMaxSize(40), Arbitraries.integers().between(0, 1023),
                Arbitraries.longs(), Arbitraries.of(1024, 2048, 4096)).as((list, tail, seed, bs) -> {
                    Random rnd = new Random(seed);
                    byte[] img = new byte[list.size() * 4096 + tail];
                    int pos = 0;
                    for (int kind : list) {
                        int word = rnd.nextInt();
                        for (int i = 0; i < 4096; i++) {
                            switch (kind) {
                                case 1: img[pos + i] = (byte) (word >>> (8 * (i & 3))); break;
                                case 2: img[pos + i] = (byte) rnd.nextInt(); break;
                                case 3: img[pos + i] = (byte) (i == 4095 ? 1 : 0); break;
                                default: break;
                            }
                        }
                        pos += 4096;
                    }
                    for (int i = pos; i < img.length; i++) {
                        img[i] = (byte) rnd.nextInt(3);
                    }
                    return img;
                });
    }

    @Provide
    Arbitrary<SparseWriter.Options> options() {
        return Combinators.combine(Arbitraries.of(SparseWriter.Profile.values()), Arbitraries.of(1024, 4096),
                Arbitraries.of(false, true), Arbitraries.of(false, true)).as(SparseWriter.Options::new);
    }

    @Property(tries = 150)
    void encodeThenReadGivesTheInputPaddedToABlock(@ForAll("images") byte[] raw, @ForAll("options") SparseWriter.Options o)
            throws IOException {
        Path in = Files.write(dir.resolve("in.raw"), raw);
        Path out = dir.resolve("out.simg");
        SparseWriter.Result r = SparseWriter.of(o).encode(in, out, ProgressListener.NONE);
        int bs = o.blockSize();
        long blocks = (raw.length + bs - 1) / bs;
        assertEquals(blocks, r.totalBlocks());
        assertEquals(blocks, r.rawBlocks() + r.fillBlocks() + r.dontCareBlocks());
        assertEquals(Files.size(out), r.bytes());
        byte[] padded = Arrays.copyOf(raw, (int) (blocks * bs));
        try (SparseImage img = SparseImage.open(out)) {
            assertEquals(padded.length, img.expandedSize());
            assertArrayEquals(padded, img.expanded().readBytes(0, padded.length));
            for (SparseChunk c : img.chunks()) {
                assertTrue(c.type() != SparseChunk.Type.CRC32 && c.blockCount() > 0);
                if (o.noFill()) {
                    assertTrue(c.type() != SparseChunk.Type.FILL, "no FILL with noFill");
                }
                if (o.zeroAsDontCare() || o.noFill()) {
                    assertTrue(!(c.type() == SparseChunk.Type.FILL && c.value() == 0), "no zero FILL");
                } else {
                    assertTrue(c.type() != SparseChunk.Type.DONT_CARE, "DONT_CARE only when asked");
                }
            }
            // merged: no two neighbours that could have been one chunk (below the chunk cap)
            List<SparseChunk> cs = img.chunks();
            for (int i = 1; i < cs.size(); i++) {
                SparseChunk a = cs.get(i - 1);
                SparseChunk b = cs.get(i);
                boolean same = a.type() == b.type() && (a.type() != SparseChunk.Type.FILL || a.value() == b.value());
                assertTrue(!same, "unmerged neighbours " + a + " " + b);
            }
        }
        Path back = dir.resolve("back.raw");
        long len = SparseImage.decode(List.of(out), back, true, ProgressListener.NONE);
        assertEquals(padded.length, len);
        assertArrayEquals(padded, Files.readAllBytes(back));
    }

    @Property(tries = 60)
    void splitPiecesDecodeBackToTheWhole(@ForAll("images") byte[] raw, @ForAll @IntRange(min = 3, max = 40) int kib)
            throws IOException {
        Path in = Files.write(dir.resolve("s.raw"), raw);
        Path simg = dir.resolve("s.simg");
        SparseWriter w = SparseWriter.of(SparseWriter.Options.DEFAULT.withProfile(SparseWriter.Profile.LEGACY));
        w.encode(in, simg, ProgressListener.NONE);
        long max = 56 + 8192 + kib * 1024L;
        List<SparseWriter.Result> pieces = w.split(simg, max, dir.resolve("piece"), ProgressListener.NONE);
        long blocks = (raw.length + 4095) / 4096;
        for (SparseWriter.Result p : pieces) {
            assertTrue(Files.size(p.output()) <= max + 12, p.output() + " is " + Files.size(p.output()) + " > " + max);
            assertEquals(blocks, p.totalBlocks());
        }
        Path back = dir.resolve("s.back");
        SparseImage.decode(pieces.stream().map(SparseWriter.Result::output).toList(), back, true,
                ProgressListener.NONE);
        assertArrayEquals(Arrays.copyOf(raw, (int) (blocks * 4096)), Files.readAllBytes(back));
        for (SparseWriter.Result p : pieces) {
            Files.delete(p.output());
        }
    }

    @Property(tries = 40)
    void appendAddsTheInputAsRawBlocks(@ForAll("images") byte[] raw, @ForAll @IntRange(min = 0, max = 5) int blocks,
                                       @ForAll long seed) throws IOException {
        Path base = Files.write(dir.resolve("a.raw"), raw);
        Path simg = dir.resolve("a.simg");
        SparseWriter w = SparseWriter.of(SparseWriter.Options.DEFAULT);
        w.encode(base, simg, ProgressListener.NONE);
        byte[] extra = new byte[blocks * 4096];
        new Random(seed).nextBytes(extra);
        Path add = Files.write(dir.resolve("a.add"), extra);
        w.append(simg, add, ProgressListener.NONE);
        int padded = (raw.length + 4095) / 4096 * 4096;
        byte[] want = Arrays.copyOf(raw, padded + extra.length);
        System.arraycopy(extra, 0, want, padded, extra.length);
        try (SparseImage img = SparseImage.open(simg)) {
            assertArrayEquals(want, img.expanded().readBytes(0, (int) img.expandedSize()));
        }
    }

    /** Random chunk lists from the independent builder read back as the builder's expansion. */
    @Property(tries = 300)
    void randomChunkListsRoundTrip(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 4) Integer> kinds,
                                   @ForAll long seed, @ForAll boolean samsung) throws IOException {
        Random rnd = new Random(seed);
        SparseBuilder b = new SparseBuilder(1024);
        if (samsung) {
            b.fileHdrSz = 32;
            b.chunkHdrSz = 16;
        }
        for (int k : kinds) {
            int n = rnd.nextInt(4);
            switch (k) {
                case 0: {
                    byte[] d = new byte[n * 1024];
                    rnd.nextBytes(d);
                    b.raw(d);
                    break;
                }
                case 1: b.fill(n, new byte[] {(byte) rnd.nextInt(), (byte) rnd.nextInt(), (byte) rnd.nextInt(), 7}); break;
                case 2: b.dontCare(n); break;
                case 3: b.crc(rnd.nextInt()); break;
                default: b.fill(n, new byte[4]); break;
            }
        }
        b.dontCare(1); // total_blks must not be 0
        SparseImage img = SparseImage.read(ImageReader.of(b.build()));
        byte[] exp = b.expanded();
        assertArrayEquals(exp, img.expanded().readBytes(0, exp.length));
        // random reads of random lengths agree too
        for (int i = 0; i < 20; i++) {
            int p = rnd.nextInt(exp.length);
            int l = rnd.nextInt(exp.length - p + 1);
            assertArrayEquals(Arrays.copyOfRange(exp, p, p + l), img.expanded().readBytes(p, l));
        }
    }

    /** Anything at all: only FormatException, and reading what was accepted works. */
    @Property(tries = 2000)
    void randomBytesGiveOnlyFormatException(@ForAll @Size(max = 300) byte[] tail, @ForAll boolean withMagic,
                                            @ForAll boolean lenient) throws IOException {
        byte[] bytes = tail;
        if (withMagic) {
            bytes = new byte[4 + tail.length];
            bytes[0] = 0x3a; bytes[1] = (byte) 0xff; bytes[2] = 0x26; bytes[3] = (byte) 0xed;
            System.arraycopy(tail, 0, bytes, 4, tail.length);
        }
        readHostile(bytes, lenient);
    }

    @Provide
    Arbitrary<byte[]> mutatedImages() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 8)).as((seed, flips) -> {
            Random rnd = new Random(seed);
            SparseBuilder b = new SparseBuilder(rnd.nextBoolean() ? 1024 : 4096);
            byte[] d = new byte[b.blkSz * 2];
            rnd.nextBytes(d);
            b.raw(d).fill(3, new byte[] {1, 2, 3, 4}).dontCare(2).crc(5).fill(1, new byte[4]);
            byte[] img = b.build();
            // mutate header and chunk-header bytes mostly, sometimes anywhere
            int[] hot = {0, 4, 6, 8, 10, 12, 16, 20, 28, 30, 32, 36};
            for (int i = 0; i < flips; i++) {
                int pos = rnd.nextInt(3) == 0 ? rnd.nextInt(img.length) : hot[rnd.nextInt(hot.length)] + rnd.nextInt(4);
                img[pos] = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt());
            }
            if (rnd.nextInt(4) == 0) {
                img = Arrays.copyOf(img, rnd.nextInt(img.length + 1));
            }
            return img;
        });
    }

    @Property(tries = 3000)
    void mutatedImagesGiveOnlyFormatException(@ForAll("mutatedImages") byte[] bytes, @ForAll boolean lenient)
            throws IOException {
        readHostile(bytes, lenient);
    }

    private static void readHostile(byte[] bytes, boolean lenient) throws IOException {
        SparseImage img;
        try {
            img = SparseImage.read(ImageReader.of(bytes),
                    (lenient ? SparseReadOptions.LENIENT : SparseReadOptions.STRICT).withVerifyCrc(false));
        } catch (FormatException expected) {
            assertTrue(expected.getMessage().startsWith("android-sparse:"));
            return;
        }
        // accepted: reading a bounded prefix and the extents must work without surprises
        long n = Math.min(img.expandedSize(), 1 << 16);
        img.expanded().readBytes(0, (int) n);
        if (img.expandedSize() > 0) {
            img.expanded().readBytes(img.expandedSize() - 1, 1);
            img.expanded().extentAt(img.expandedSize() - 1);
        }
    }
}
