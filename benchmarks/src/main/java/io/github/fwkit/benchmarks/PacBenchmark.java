package io.github.fwkit.benchmarks;

import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacExtractOptions;
import io.github.fwkit.sprd.PacReport;
import io.github.fwkit.sprd.PacWriter;
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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of the PAC hot paths on a generated {@link #sizeMiB} MiB package (four entries):
 * {@link Pac#verify}, whose cost is the CRC-16/ARC over every byte after the header (fwkit-sprd
 * has no public CRC-16 entry point, so this is the CRC's throughput as users get it, including
 * the file reads and the library's own parallelism), and {@link Pac#extract} of every entry.
 *
 * <p>{@code content=random} is the honest case; {@code zeros} shows the all-zero shortcut.
 * MB/s = sizeMiB * 1.048576 / (seconds per op). Files live in {@code /dev/shm}. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar PacBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PacBenchmark {

    @Param({"64"})
    public int sizeMiB;

    @Param({"random", "zeros"})
    public String content;

    private Path dir;
    private Path out;
    private Pac pac;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                "fwkit-pacbench");
        long total = (long) sizeMiB << 20;
        long[] sizes = {4096, 200_000, total / 8, total - total / 8 - 204_096};
        String[] ids = {"FDL", "FDL2", "Boot", "System"};
        Random rnd = new Random(7);
        PacWriter w = PacWriter.create("Bench", "1.0");
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><BMAConfig><ProductList><Product name=\"Bench\">"
                + "<SchemeName>Bench</SchemeName></Product></ProductList><SchemeList><Scheme name=\"Bench\">");
        for (int i = 0; i < ids.length; i++) {
            Path f = dir.resolve(ids[i].toLowerCase() + ".img");
            write(f, sizes[i], rnd);
            w.add(new PacWriter.EntrySpec(ids[i], f.getFileName().toString(), 1, 1, 0, List.of(0L), Optional.of(f)));
            xml.append("<File><ID>").append(ids[i]).append("</ID><Type>CODE2</Type><Flag>1</Flag><CheckFlag>1"
                    + "</CheckFlag></File>");
        }
        xml.append("</Scheme></SchemeList></BMAConfig>");
        w.config(xml.toString().getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bench.pac");
        w.write(file, ProgressListener.NONE);
        for (String id : ids) {
            Files.delete(dir.resolve(id.toLowerCase() + ".img"));
        }
        pac = Pac.open(file);
        out = dir.resolve("out");
    }

    private void write(Path f, long size, Random rnd) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (OutputStream os = Files.newOutputStream(f)) {
            for (long pos = 0; pos < size; pos += buf.length) {
                if (content.equals("random")) {
                    rnd.nextBytes(buf);
                }
                os.write(buf, 0, (int) Math.min(buf.length, size - pos));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pac.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code fwkit pac check}'s work: both CRCs over the whole package. */
    @Benchmark
    public int verify() throws IOException {
        PacReport r = pac.verify(ProgressListener.NONE);
        if (!r.crcsMatch()) {
            throw new IllegalStateException("CRC mismatch: " + r.findings());
        }
        return r.bodyCrcComputed();
    }

    /** {@code fwkit pac extract}'s work: every entry written to a folder (replaced each time). */
    @Benchmark
    public long extract() throws IOException {
        return pac.extract(out, PacExtractOptions.DEFAULT, ProgressListener.NONE).totalBytes();
    }
}
