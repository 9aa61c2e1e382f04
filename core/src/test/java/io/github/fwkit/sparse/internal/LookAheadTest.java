package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoder's look-ahead must never change the output: whatever it scouted and whenever it ran,
 * the sparse image is byte for byte the one made without it. And its segments must tile the
 * scouted range and say the truth about each window.
 */
class LookAheadTest {
    private static final int WINDOW = 256 << 10;

    /** A run of blocks: kind 0 random data, 1 zeros, 2 a repeated word, 3 data that repeats only at the start. */
    record Run(int kind, int blocks, int word) {
    }

    @Provide
    Arbitrary<Run> runs() {
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().between(1, 400)
                .flatMap(blocks -> Arbitraries.of(0x5a5a5a5a, 0x01020304, 0xffffffff)
                        .map(word -> new Run(kind, blocks, word))));
    }

    private static byte[] image(List<Run> runs, int bs, int tail, long seed) {
        Random rnd = new Random(seed);
        int blocks = runs.stream().mapToInt(Run::blocks).sum();
        ByteBuffer b = ByteBuffer.allocate(blocks * bs + tail).order(ByteOrder.LITTLE_ENDIAN);
        for (Run r : runs) {
            for (int i = 0; i < r.blocks(); i++) {
                int at = b.position();
                switch (r.kind()) {
                    case 0 -> {
                        byte[] d = new byte[bs];
                        rnd.nextBytes(d);
                        b.put(d);
                    }
                    case 1 -> b.position(at + bs);
                    case 2 -> {
                        for (int k = 0; k < bs; k += 4) {
                            b.putInt(r.word());
                        }
                    }
                    default -> {
                        // the word repeats for most of the block, then one byte differs: a probe of
                        // the first 64 bytes must not be taken for the whole window
                        for (int k = 0; k < bs; k += 4) {
                            b.putInt(r.word());
                        }
                        b.put(at + bs - 1 - rnd.nextInt(bs / 2), (byte) 0x42);
                    }
                }
            }
        }
        byte[] t = new byte[tail];
        rnd.nextBytes(t);
        b.put(t);
        return b.array();
    }

    /**
     * The bytes of {@code raw}, reporting runs of all-zero 512-byte granules as ZERO extents: edges
     * that fall inside blocks of any size, as a sparse image's expanded view or a file with holes
     * gives them.
     */
    private static ImageReader withZeroExtents(byte[] raw) {
        ImageReader plain = ImageReader.of(raw);
        int g = 512;
        return new ImageReader() {
            @Override
            public long size() {
                return raw.length;
            }

            @Override
            public int read(long position, ByteBuffer dst) throws IOException {
                return plain.read(position, dst);
            }

            @Override
            public String description() {
                return "zero-extent test image";
            }

            @Override
            public Extent extentAt(long position) {
                boolean zero = zeroGranule(position / g);
                long start = position / g;
                while (start > 0 && zeroGranule(start - 1) == zero) {
                    start--;
                }
                long end = position / g + 1;
                while (end * g < raw.length && zeroGranule(end) == zero) {
                    end++;
                }
                long to = Math.min(end * g, raw.length);
                return new Extent(start * g, to - start * g, zero ? Extent.Kind.ZERO : Extent.Kind.DATA);
            }

            private boolean zeroGranule(long i) {
                for (long k = i * g; k < Math.min((i + 1) * g, raw.length); k++) {
                    if (raw[(int) k] != 0) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] encode(byte[] raw, int bs, boolean zeroDc, boolean noFill, long cap, boolean lookAhead,
                                 int eagerSteps, boolean writeBehind, Path file) throws IOException {
        return encode(ImageReader.of(raw), bs, zeroDc, noFill, cap, lookAhead, eagerSteps, writeBehind, file);
    }

    private static byte[] encode(ImageReader in, int bs, boolean zeroDc, boolean noFill, long cap, boolean lookAhead,
                                 int eagerSteps, boolean writeBehind, Path file) throws IOException {
        long total = (in.size() + bs - 1) / bs;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
             ChunkWriter w = new ChunkWriter(ch, bs, total, cap, writeBehind)) {
            Encoder.encode(in, w, bs, zeroDc, noFill, ProgressListener.NONE, lookAhead, eagerSteps);
            w.finish();
        }
        return Files.readAllBytes(file);
    }

    /** Block sizes that divide the 256 KiB window and ones that do not (img2simg takes any multiple of 4). */
    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.of(1024, 1028, 3000, 4096);
    }

    @Property(tries = 40)
    void theOutputDoesNotDependOnTheLookAhead(@ForAll @Size(min = 1, max = 10) List<@From("runs") Run> runs,
                                              @ForAll("blockSizes") int bs,
                                              @ForAll @IntRange(min = 0, max = 3) int options,
                                              @ForAll @IntRange(min = 0, max = 1023) int tail,
                                              @ForAll @IntRange(min = 1, max = 64) int eagerSteps,
                                              @ForAll boolean capped,
                                              @ForAll long seed) throws IOException {
        byte[] raw = image(runs, bs, Math.min(tail, bs - 1), seed);
        boolean zeroDc = (options & 1) != 0;
        boolean noFill = (options & 2) != 0;
        long cap = capped ? 97 : ChunkWriter.maxRawBlocksForU32(bs);
        Path dir = Files.createTempDirectory("lookahead");
        try {
            byte[] plain = encode(raw, bs, zeroDc, noFill, cap, false, 0, false, dir.resolve("a"));
            assertArrayEquals(plain, encode(raw, bs, zeroDc, noFill, cap, true, eagerSteps, false, dir.resolve("b")));
            assertArrayEquals(plain, encode(raw, bs, zeroDc, noFill, cap, true, eagerSteps, true, dir.resolve("c")));
            assertArrayEquals(plain, encode(raw, bs, zeroDc, noFill, cap, true, 0, true, dir.resolve("d")));
            // zero runs known without reading (the encoder skips them; the look-ahead reads them)
            assertArrayEquals(plain, encode(withZeroExtents(raw), bs, zeroDc, noFill, cap, true, eagerSteps, false,
                    dir.resolve("e")));
        } finally {
            for (String f : new String[] {"a", "b", "c", "d", "e"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.delete(dir);
        }
    }

    @Test
    void segmentsTileTheScoutedRangeAndTellTheTruth() throws IOException {
        int bs = 4096;
        // windows: data, zeros x3, a word x2, zeros with one stray byte, zeros x2, then a partial window
        byte[] raw = new byte[9 * WINDOW + 5 * bs];
        Random rnd = new Random(7);
        for (int i = 0; i < WINDOW; i++) {
            raw[i] = (byte) rnd.nextInt();
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 4 * WINDOW; at < 6 * WINDOW; at += 4) {
            b.putInt(at, 0x11223344);
        }
        raw[6 * WINDOW + 12345] = 1;
        long top = raw.length;
        LookAhead ahead = new LookAhead(ImageReader.of(raw), top, WINDOW, false);
        ahead.floor(WINDOW / 2);
        int steps = 0;
        while (ahead.step()) {
            steps++;
        }
        assertEquals(9, steps, "one step per window above the floor, the partial one included");
        assertEquals(WINDOW, ahead.low(), "never below the floor (rounded up to a window)");
        List<String> seen = new ArrayList<>();
        long at = ahead.low();
        for (LookAhead.Segment s; (s = ahead.poll()) != null; ) {
            assertEquals(at, s.start, "segments are contiguous");
            at = s.end;
            seen.add((s.start / WINDOW) + "-" + (s.end == top ? "top" : String.valueOf(s.end / WINDOW)) + ":"
                    + (s.uniform ? Integer.toHexString(s.word) : "mixed"));
        }
        assertEquals(top, at, "segments reach the top");
        assertEquals(List.of("1-4:0", "4-6:11223344", "6-7:mixed", "7-top:0"), seen);
        assertFalse(ahead.step(), "no scouting once the encoder consumes segments");
        assertNull(ahead.poll());
    }

    @Test
    void noFillLeavesNonZeroWordsToTheEncoder() throws IOException {
        byte[] raw = new byte[2 * WINDOW];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = WINDOW; at < 2 * WINDOW; at += 4) {
            b.putInt(at, 0x01010101);
        }
        LookAhead ahead = new LookAhead(ImageReader.of(raw), raw.length, WINDOW, true);
        assertTrue(ahead.step());
        assertTrue(ahead.step());
        LookAhead.Segment first = ahead.poll();
        assertTrue(first.uniform);
        assertEquals(0, first.word);
        assertFalse(ahead.poll().uniform);
    }
}
