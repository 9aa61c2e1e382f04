package io.github.fwkit.benchmarks;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FlashIdScanner;
import io.github.fwkit.mtk.MtkRomLayout;
import io.github.fwkit.testing.MtkReadback;
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
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * MediaTek readback hot paths on a 16 MiB dump held in memory: {@link FlashIdScanner#scan} (the
 * GFH search over every byte plus a few record reads; target 2 GB/s or more, i.e. at most 8.4 ms
 * per op) and the full {@link MtkRomLayout#analyze} (pattern search, per-sector pass, PHASH of the
 * bootloaders, identification; target under 20 ms warm).
 *
 * <p>{@code input=rephone} is the realistic readback the corpus README composes from the genuine
 * MT2502 kit (69.6 % 0xFF, four images, user data); {@code input=random} is 16 MiB of random
 * bytes, the worst case for the search (its first pattern byte occurs every 256 bytes and no
 * 0xFF run can be skipped). The corpus is third-party firmware and is never copied into the
 * repository: it is read from {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519} (default
 * {@code ../shared/corpus}, seen from the working directory, i.e. run from the repository root),
 * and the benchmark fails at setup with the path it tried when it is missing.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Mtk}. MB/s = 16.777 / (ms per op) *
 * 1000. {@code main} also writes the composed readback for {@code mtk-extract.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MtkBenchmark {
    /** The chip size of the composed readback. */
    static final int CHIP = MtkReadback.CHIP;

    @Param({"rephone", "random"})
    public String input;

    private byte[] dump;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (input.equals("random")) {
            dump = new byte[CHIP];
            new Random(0x5EEDL).nextBytes(dump);
        } else {
            dump = MtkReadback.compose(kit());
        }
    }

    /** {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519}, or an exception that says where it looked. */
    static Path kit() {
        Path kit = MtkReadback.kit(Path.of(System.getProperty("fwkit.corpus", "../shared/corpus")));
        if (!Files.isDirectory(kit)) {
            throw new IllegalStateException("MediaTek corpus not found at " + kit.toAbsolutePath() + ": run from the"
                    + " repository root, or give -Dfwkit.corpus=/path/to/shared/corpus (or -p input=random)");
        }
        return kit;
    }

    @Benchmark
    public int flashIdScan() throws IOException {
        return FlashIdScanner.scan(ImageReader.of(dump)).ids().size();
    }

    @Benchmark
    public int analyze() throws IOException {
        return MtkRomLayout.analyze(ImageReader.of(dump)).regions().size();
    }

    /**
     * Writes the composed readback: {@code java -cp benchmarks/target/benchmarks.jar
     * io.github.fwkit.benchmarks.MtkBenchmark OUT} (used by {@code mtk-extract.sh}; the file is
     * third-party firmware, keep it out of the repository).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MtkBenchmark OUT   (writes the 16 MiB readback composed from the corpus)");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), MtkReadback.compose(kit()));
    }
}
