package io.github.fwkit.benchmarks;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sparse.SparseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the sparse hot paths: encoding (block classification plus writing) and decoding,
 * on a realistic mix, and pure classification of in-memory zeros (the worst case for the
 * classifier: every byte of every block is compared).
 *
 * <p>Each benchmark processes {@link #sizeMiB} MiB per operation, so MB/s = sizeMiB * 1.048576 /
 * (seconds per op). Files live in {@code /dev/shm} (the kernel's writeback to a disk would hide
 * the difference). Run: {@code java -jar benchmarks/target/benchmarks.jar Sparse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SparseBenchmark {

    @Param({"256"})
    public int sizeMiB;

    private Path dir;
    private Path raw;
    private Path sparse;
    private Path out;
    private byte[] zeros;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                "fwkit-bench");
        raw = dir.resolve("mix.raw");
        writeMix(raw, (long) sizeMiB << 20, 42);
        sparse = dir.resolve("mix.simg");
        SparseWriter.of(SparseWriter.Options.DEFAULT).encode(raw, sparse, ProgressListener.NONE);
        out = dir.resolve("out");
        zeros = new byte[sizeMiB << 20];
    }

    /**
     * A file-system-like mix in 1 MiB stretches: 35% random (compressed files), 40% zeros (free
     * space), 10% a repeating word (FILL), 15% text-like bytes with few repeats.
     */
    static void writeMix(Path path, long size, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(0);
            for (long pos = 0; pos < size; pos += chunk.length) {
                int kind = rnd.nextInt(100);
                if (kind < 35) {
                    rnd.nextBytes(chunk);
                } else if (kind < 75) {
                    java.util.Arrays.fill(chunk, (byte) 0);
                } else if (kind < 85) {
                    int w = rnd.nextInt();
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) (w >>> (8 * (i & 3)));
                    }
                } else {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) (' ' + rnd.nextInt(64));
                    }
                }
                f.write(chunk, 0, (int) Math.min(chunk.length, size - pos));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public long encodeMix() throws IOException {
        return SparseWriter.of(SparseWriter.Options.DEFAULT).encode(raw, out, ProgressListener.NONE).bytes();
    }

    @Benchmark
    public long decodeMix() throws IOException {
        return SparseImage.decode(List.of(sparse), out, true, ProgressListener.NONE);
    }

    @Benchmark
    public long decodeMixNoHoles() throws IOException {
        return SparseImage.decode(List.of(sparse), out, false, ProgressListener.NONE);
    }

    @Benchmark
    public long classifyZerosInMemory() throws IOException {
        return SparseWriter.of(SparseWriter.Options.DEFAULT)
                .encode(ImageReader.of(zeros), out, List.of(), ProgressListener.NONE).bytes();
    }

    @Benchmark
    public long randomAccessReads() throws IOException {
        try (ImageReader r = ImageReader.open(sparse)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
            Random rnd = new Random(1);
            long sum = 0;
            for (int i = 0; i < 10000; i++) {
                buf.clear();
                long pos = (rnd.nextLong() >>> 1) % (r.size() - 4096);
                r.readFully(pos, buf);
                sum += buf.get(0);
            }
            return sum;
        }
    }
}
