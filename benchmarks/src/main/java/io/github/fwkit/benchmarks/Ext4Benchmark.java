package io.github.fwkit.benchmarks;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.internal.io.Buffers;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Stat;
import io.github.fwkit.ext4.WalkVisitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reading an ext4 volume: walking its tree and reading file contents, on an image that
 * {@code mke2fs -t ext4 -d} builds in the setup (so mke2fs must be installed) from a generated
 * tree: 100 folders holding 19 900 small files (1 to 8 KiB) and one 256 MiB file of random bytes,
 * 1 GiB, in {@code /dev/shm}.
 *
 * <p>The scores are already rates: {@link #walk} counts one operation per entry visited (so
 * ops/s = entries/s), {@link #readLargeFile} and {@link #readSmallFiles} one per MiB read (ops/s
 * = MiB/s). Run: {@code java -jar benchmarks/target/benchmarks.jar Ext4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class Ext4Benchmark {
    /** Entries {@link #walk} visits: the root, lost+found, 100 folders and 19 898 files. */
    static final int ENTRIES = 20_000;
    static final int FOLDERS = 100;
    static final int SMALL_FILES = ENTRIES - FOLDERS - 2;
    static final int LARGE_MIB = 256;
    /** The small files' total size in MiB (fixed by the seed); checked in the setup. */
    static final int SMALL_MIB = 87;

    private Path dir;
    private Ext4Volume volume;
    private ByteBuffer buffer;
    private String[] smallPaths;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        Path shm = Path.of("/dev/shm");
        dir = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                "fwkit-ext4-bench");
        Path src = Files.createDirectory(dir.resolve("src"));
        Random rnd = new Random(7);
        byte[] chunk = new byte[1 << 20];
        smallPaths = new String[SMALL_FILES];
        long smallBytes = 0;
        for (int i = 0; i < SMALL_FILES; i++) {
            String rel = String.format("d%03d/f%05d.bin", i % FOLDERS, i);
            Path p = src.resolve(rel);
            Files.createDirectories(p.getParent());
            int n = 1024 + rnd.nextInt(7 * 1024);
            rnd.nextBytes(chunk);
            try (OutputStream o = Files.newOutputStream(p)) {
                o.write(chunk, 0, n);
            }
            smallPaths[i] = "/" + rel;
            smallBytes += n;
        }
        if (smallBytes >> 20 != SMALL_MIB) {
            throw new IllegalStateException("small files hold " + (smallBytes >> 20) + " MiB, not " + SMALL_MIB);
        }
        try (OutputStream o = Files.newOutputStream(src.resolve("large.bin"))) {
            for (int i = 0; i < LARGE_MIB; i++) {
                rnd.nextBytes(chunk);
                o.write(chunk);
            }
        }
        Path img = dir.resolve("fs.img");
        Process p = new ProcessBuilder("mke2fs", "-q", "-F", "-t", "ext4", "-d", src.toString(), img.toString(), "1G")
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mke2fs failed (is e2fsprogs installed?)");
        }
        deleteTree(src);
        volume = Ext4Volume.open(img);
        buffer = Buffers.direct(1 << 20);
        int[] n = {0};
        volume.walk("/", (path, entry, stat) -> {
            n[0]++;
            return FileVisitResult.CONTINUE;
        });
        // large.bin is one more entry than the constant counts; the walk visits it too.
        if (n[0] != ENTRIES + 1) {
            throw new IllegalStateException("the walk visits " + n[0] + " entries, expected " + (ENTRIES + 1));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        volume.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The whole tree with every entry's metadata (the inode is read for each). ops/s = entries/s. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES + 1)
    public long walk() throws IOException {
        long[] sum = {0};
        volume.walk("/", new WalkVisitor() {
            @Override
            public FileVisitResult visit(String path, DirEntry entry, Stat stat) {
                sum[0] += stat.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    /** One 256 MiB file through its extents into a 1 MiB buffer. ops/s = MiB/s. */
    @Benchmark
    @OperationsPerInvocation(LARGE_MIB)
    public long readLargeFile() throws IOException {
        try (ImageReader r = volume.open("/large.bin")) {
            return drain(r);
        }
    }

    /** Every small file, looked up by path and read whole. ops/s = MiB/s (of 87 MiB, 19 898 files). */
    @Benchmark
    @OperationsPerInvocation(SMALL_MIB)
    public long readSmallFiles() throws IOException {
        long sum = 0;
        for (String p : smallPaths) {
            try (ImageReader r = volume.open(p)) {
                sum += drain(r);
            }
        }
        return sum;
    }

    private long drain(ImageReader r) throws IOException {
        long pos = 0;
        long size = r.size();
        while (pos < size) {
            buffer.clear();
            int n = r.read(pos, buffer);
            if (n <= 0) {
                throw new IOException("short read at " + pos);
            }
            pos += n;
        }
        return pos + buffer.get(0);
    }
}
