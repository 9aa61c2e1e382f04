package io.github.fwkit.core;

import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sparse.SparseWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract for every {@link ImageReader}: each backend must read back the same expected bytes
 * through every access path, including hostile wrappers that return one byte or short reads.
 */
class ImageReaderContractTest {
    private static Path dir;
    private static byte[] expected;
    private static final List<ImageReader> opened = new ArrayList<>();
    private static final List<java.nio.channels.FileChannel> channels = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("fwkit-contract");
        // a mix that gives a sparse image RAW, FILL and zero chunks: 64 KiB random, 32 KiB zeros,
        // 16 KiB of a pattern, 8 KiB random
        Random rnd = new Random(7);
        byte[] b = new byte[(64 + 32 + 16 + 8) * 1024];
        byte[] r1 = new byte[64 * 1024];
        rnd.nextBytes(r1);
        System.arraycopy(r1, 0, b, 0, r1.length);
        for (int i = 96 * 1024; i < 112 * 1024; i += 4) {
            b[i] = 1; b[i + 1] = 2; b[i + 2] = 3; b[i + 3] = 4;
        }
        byte[] r2 = new byte[8 * 1024];
        rnd.nextBytes(r2);
        System.arraycopy(r2, 0, b, 112 * 1024, r2.length);
        expected = b;
        Files.write(dir.resolve("raw.bin"), b);
        SparseWriter.of(SparseWriter.Options.DEFAULT).encode(dir.resolve("raw.bin"), dir.resolve("sparse.img"),
                ProgressListener.NONE);
        byte[] padded = new byte[b.length + 1000];
        System.arraycopy(b, 0, padded, 500, b.length);
        Files.write(dir.resolve("padded.bin"), padded);
    }

    @AfterAll
    static void tearDown() throws IOException {
        for (ImageReader r : opened) {
            r.close();
        }
        for (java.nio.channels.FileChannel ch : channels) {
            ch.close();
        }
        org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
    }

    private static ImageReader track(ImageReader r) {
        opened.add(r);
        return r;
    }

    static Stream<Supplier<ImageReader>> backends() {
        List<Supplier<ImageReader>> list = new ArrayList<>();
        list.add(named("bytes", () -> ImageReader.of(expected)));
        list.add(named("file", () -> track(io(() -> ImageReader.openRaw(dir.resolve("raw.bin"))))));
        list.add(named("open(raw)", () -> track(io(() -> ImageReader.open(dir.resolve("raw.bin"))))));
        list.add(named("open(sparse)", () -> track(io(() -> ImageReader.open(dir.resolve("sparse.img"))))));
        list.add(named("slice", () -> track(io(() -> ImageReader.openRaw(dir.resolve("padded.bin"))))
                .slice(500, expected.length)));
        list.add(named("borrowed channel", () -> io(() -> {
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("raw.bin"));
            channels.add(ch);
            return ImageReader.of(ch, expected.length, "borrowed");
        })));
        list.add(named("slice of slice", () -> ImageReader.of(expected).slice(0, expected.length).slice(0, expected.length)));
        list.add(named("one-byte reads", () -> new Hostile(ImageReader.of(expected), 1)));
        list.add(named("short reads", () -> new Hostile(ImageReader.of(expected), 4093)));
        list.add(named("sparse over short reads", () -> io(() -> SparseImage.read(
                new Hostile(track(ImageReader.openRaw(dir.resolve("sparse.img"))), 7)).expanded())));
        return list.stream();
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    static <T> T io(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Supplier<ImageReader> named(String name, Supplier<ImageReader> s) {
        return new Supplier<>() {
            @Override
            public ImageReader get() {
                return s.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Returns at most {@code max} bytes per read, as a slow or odd source would. */
    static final class Hostile implements ImageReader {
        private final ImageReader in;
        private final int max;

        Hostile(ImageReader in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public long size() {
            return in.size();
        }

        @Override
        public int read(long position, ByteBuffer dst) throws IOException {
            int lim = dst.limit();
            dst.limit(dst.position() + Math.min(dst.remaining(), max));
            try {
                return in.read(position, dst);
            } finally {
                dst.limit(lim);
            }
        }

        @Override
        public String description() {
            return "hostile(" + in.description() + ")";
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sizeAndFullRead(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        assertEquals(expected.length, r.size());
        byte[] all = new byte[expected.length];
        r.readFully(0, all, 0, all.length);
        assertArrayEquals(expected, all);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void randomPositionalReads(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        Random rnd = new Random(1);
        for (int i = 0; i < 200; i++) {
            int pos = rnd.nextInt(expected.length);
            int len = rnd.nextInt(Math.min(20000, expected.length - pos) + 1);
            byte[] got = r.readBytes(pos, len);
            for (int j = 0; j < len; j++) {
                if (got[j] != expected[pos + j]) {
                    throw new AssertionError("byte " + (pos + j) + " differs");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void endOfImage(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        assertEquals(-1, r.read(r.size(), ByteBuffer.allocate(10)));
        assertEquals(-1, r.read(r.size() + 100, ByteBuffer.allocate(10)));
        assertEquals(0, r.read(0, ByteBuffer.allocate(0)));
        ByteBuffer tail = ByteBuffer.allocate(10);
        int n = r.read(r.size() - 3, tail);
        assertTrue(n >= 1 && n <= 3);
        assertThrows(EOFException.class, () -> r.readFully(r.size() - 3, ByteBuffer.allocate(10)));
        assertThrows(EOFException.class, () -> r.readBytes(r.size() - 1, 2));
        assertThrows(IllegalArgumentException.class, () -> r.read(-1, ByteBuffer.allocate(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void littleEndianAccessors(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        int p = 96 * 1024; // the 01 02 03 04 pattern
        assertEquals(1, r.u8(p));
        assertEquals(0x0201, r.u16le(p));
        assertEquals(0x04030201L, r.u32le(p));
        assertEquals(0x01020304L, r.u32be(p));
        assertEquals(0x0403020104030201L, r.u64le(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void slices(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        ImageReader s = r.slice(1000, 70000);
        assertEquals(70000, s.size());
        byte[] got = s.readBytes(0, 70000);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[1000 + i], got[i]);
        }
        assertEquals(-1, s.read(70000, ByteBuffer.allocate(4)));
        assertThrows(IllegalArgumentException.class, () -> r.slice(r.size() - 10, 11));
        assertThrows(IllegalArgumentException.class, () -> r.slice(-1, 1));
        assertEquals(0, r.slice(r.size(), 0).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void streamAndChannel(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (InputStream in = r.openStream()) {
            in.transferTo(bos);
        }
        assertArrayEquals(expected, bos.toByteArray());
        try (SeekableByteChannel ch = r.asChannel()) {
            ch.position(expected.length - 100);
            ByteBuffer b = ByteBuffer.allocate(200);
            int total = 0;
            int n;
            while ((n = ch.read(b)) > 0) {
                total += n;
            }
            assertEquals(100, total);
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
            assertEquals(expected.length, ch.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void transferToCopiesRangesIntoAChannel(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        Path out = dir.resolve("transfer.out");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(out,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            long from = 1000;
            long done = 0;
            long want = r.size() - from;
            while (done < want) {
                long n = r.transferTo(from + done, want - done, ch);
                assertTrue(n > 0);
                done += n;
            }
            assertEquals(0, r.transferTo(r.size(), 10, ch));
        }
        byte[] got = Files.readAllBytes(out);
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1000, expected.length), got);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void extentsCoverTheImageAndZeroExtentsReadAsZeros(Supplier<ImageReader> backend) throws IOException {
        ImageReader r = backend.get();
        long pos = 0;
        for (Extent e : r.extents()) {
            assertEquals(pos, e.offset());
            if (e.kind() == Extent.Kind.ZERO) {
                for (int i = 0; i < e.length(); i++) {
                    assertEquals(0, expected[(int) (e.offset() + i)]);
                }
            }
            pos = e.end();
        }
        assertEquals(r.size(), pos);
    }
}
