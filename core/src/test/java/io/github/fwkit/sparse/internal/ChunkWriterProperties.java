package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.sparse.SparseImage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The write-behind mode of {@link ChunkWriter} (used by encode) must give the same file as the
 * synchronous mode (used by append and split), whatever the run lengths, buffer boundaries and
 * chunk caps, and that file must expand to what was put in.
 */
class ChunkWriterProperties {
    private static final int BS = 512;

    /** One run: kind 0 RAW, 1 FILL, 2 DONT_CARE; blocks; RAW data fed in pieces of {@code piece} blocks. */
    record Run(int kind, int blocks, int piece, int pattern) {
    }

    @Provide
    Arbitrary<Run> runs() {
        return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(1, 1500)
                .flatMap(blocks -> Arbitraries.integers().between(1, 600)
                        .flatMap(piece -> Arbitraries.integers().between(0, 3)
                                .map(p -> new Run(kind, blocks, piece, p * 0x01010101)))));
    }

    @Property(tries = 60)
    void writeBehindEqualsSynchronousAndExpandsToTheInput(@ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("runs") Run> runs,
                                                         @ForAll @IntRange(min = 1, max = 5000) int cap,
                                                         @ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("chunkwriter");
        try {
            long total = runs.stream().mapToLong(Run::blocks).sum();
            byte[] expected = new byte[(int) (total * BS)];
            Path sync = dir.resolve("sync.simg");
            Path async = dir.resolve("async.simg");
            write(sync, runs, cap, total, seed, false, expected);
            write(async, runs, cap, total, seed, true, null);
            assertArrayEquals(Files.readAllBytes(sync), Files.readAllBytes(async));
            try (SparseImage img = SparseImage.open(async); ImageReader r = img.expanded()) {
                assertEquals(expected.length, r.size());
                ByteBuffer all = ByteBuffer.allocate(expected.length);
                r.readFully(0, all);
                assertArrayEquals(expected, all.array());
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static void write(Path file, List<Run> runs, int cap, long total, long seed, boolean behind,
                              byte[] expected) throws IOException {
        Random rnd = new Random(seed);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
             ChunkWriter w = new ChunkWriter(ch, BS, total, cap, behind)) {
            int at = 0;
            for (Run run : runs) {
                switch (run.kind()) {
                    case 0 -> {
                        for (int done = 0; done < run.blocks(); ) {
                            int n = Math.min(run.piece(), run.blocks() - done);
                            byte[] data = new byte[n * BS];
                            rnd.nextBytes(data);
                            if (expected != null) {
                                System.arraycopy(data, 0, expected, at, data.length);
                            }
                            // a direct buffer whose contents the caller overwrites right after the call
                            ByteBuffer b = ByteBuffer.allocateDirect(data.length).put(data).flip();
                            w.raw(b);
                            b.clear().put(new byte[data.length]);
                            at += data.length;
                            done += n;
                        }
                    }
                    case 1 -> {
                        w.fill(run.blocks(), run.pattern());
                        if (expected != null) {
                            for (int i = 0; i < run.blocks() * BS; i++) {
                                expected[at + i] = (byte) (run.pattern() >>> (8 * (i & 3)));
                            }
                        }
                        at += run.blocks() * BS;
                    }
                    default -> {
                        w.dontCare(run.blocks());
                        at += run.blocks() * BS;
                    }
                }
            }
            w.finish();
        }
    }
}
