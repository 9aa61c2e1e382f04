package io.github.fwkit.benchmarks;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FlashIdScanner;
import io.github.fwkit.mtk.MtkRomLayout;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    static final int CHIP = 0x1000000;
    /** Corpus README section 4: the kit files of the RePhone W15.19 firmware. */
    static final String BOOTLOADER = "SEEED02A_DEMO_BOOTLOADER_V005_MT2502_MAUI_11CW1418SP5_W15_19.bin";

    @Param({"rephone", "random"})
    public String input;

    private byte[] dump;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (input.equals("random")) {
            dump = new byte[CHIP];
            new Random(0x5EEDL).nextBytes(dump);
        } else {
            dump = compose(kit());
        }
    }

    /** {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519}, or an exception that says where it looked. */
    static Path kit() {
        Path kit = Path.of(System.getProperty("fwkit.corpus", "../shared/corpus"), "mtk", "mt2502-rephone-w1519");
        if (!Files.isDirectory(kit)) {
            throw new IllegalStateException("MediaTek corpus not found at " + kit.toAbsolutePath() + ": run from the"
                    + " repository root, or give -Dfwkit.corpus=/path/to/shared/corpus (or -p input=random)");
        }
        return kit;
    }

    /**
     * The realistic 16 MiB readback {@code rephone-16m} of the corpus README, section 4: header
     * block (SF_BOOT, BRLYT with two bootloader descriptors), the four kit images at their flash
     * offsets, simulated user data in the FAT range, 0xFF elsewhere.
     */
    static byte[] compose(Path kit) throws IOException {
        byte[] f = new byte[CHIP];
        Arrays.fill(f, (byte) 0xFF);
        Arrays.fill(f, 0, 0x400, (byte) 0);
        ByteBuffer h = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, "SF_BOOT".getBytes(StandardCharsets.US_ASCII)).putInt(0x0C, 1).putInt(0x10, 0x200);
        h.put(0x200, "BRLYT".getBytes(StandardCharsets.US_ASCII)).putInt(0x208, 1).putInt(0x20C, 0x800)
                .putInt(0x210, 0x1CF20);
        h.putInt(0x214, 0x42424242).put(0x218, (byte) 7).putShort(0x21A, (short) 1).putInt(0x21C, 0x800)
                .putInt(0x220, 0x2468).putInt(0x224, 1);
        h.putInt(0x228, 0x42424242).put(0x22C, (byte) 7).putShort(0x22E, (short) 2).putInt(0x230, 0x3000)
                .putInt(0x234, 0x1CF20).putInt(0x238, 0);
        put(f, 0x800, Files.readAllBytes(kit.resolve(BOOTLOADER)));
        put(f, 0x3000, Files.readAllBytes(kit.resolve("EXT_BOOTLOADER")));
        put(f, 0x20000, Files.readAllBytes(kit.resolve("ROM")));
        put(f, 0x1D64D0, Files.readAllBytes(kit.resolve("VIVA")));
        for (int x = 0x500000; x < 0x510000; x++) {
            f[x] = (byte) ((x & 0xFF) ^ 0x5A);
        }
        for (int x = 0xFF0000; x < 0xFF2000; x++) {
            f[x] = (byte) (((x >> 8) & 0xFF) ^ 0xA5);
        }
        return f;
    }

    private static void put(byte[] f, int at, byte[] b) {
        System.arraycopy(b, 0, f, at, b.length);
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
        Files.write(Path.of(args[0]), compose(kit()));
    }
}
