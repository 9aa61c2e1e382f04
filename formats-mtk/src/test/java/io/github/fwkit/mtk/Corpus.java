package io.github.fwkit.mtk;

import io.github.fwkit.testing.MtkReadback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The genuine RePhone kit in {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519} (third-party
 * firmware, never copied into the repository) and the readbacks its README composes from it, built
 * in memory. A missing corpus skips the calling test, or fails it when {@code CI=true}.
 */
final class Corpus {
    static final String BOOTLOADER = MtkReadback.BOOTLOADER;
    static final String[] KIT_FILES = MtkReadback.KIT_FILES;
    static final int CHIP = MtkReadback.CHIP;
    private static byte[] rephone;

    private Corpus() {
    }

    /** The kit folder; skips (or fails on CI) when it is missing. */
    static Path kit() {
        Path kit = MtkReadback.kit(Path.of(System.getProperty("fwkit.corpus", "../../shared/corpus")));
        if (!Files.isDirectory(kit)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("corpus missing at " + kit.toAbsolutePath());
            }
            assumeTrue(false, "corpus not found at " + kit.toAbsolutePath());
        }
        return kit;
    }

    static byte[] file(String name) throws IOException {
        return Files.readAllBytes(kit().resolve(name));
    }

    /** README section 4: {@code rephone-16m}. A fresh copy each call, so tests may damage it. */
    static synchronized byte[] rephone16m() throws IOException {
        if (rephone == null) {
            byte[] f = MtkReadback.compose(kit());
            rephone = f;
        }
        return rephone.clone();
    }

    /** README section 5, by name. */
    static byte[] variant(String name) throws IOException {
        byte[] f = rephone16m();
        switch (name) {
            case "rephone-16m":
                return f;
            case "trunc-4m":
                return Arrays.copyOf(f, 0x400000);
            case "trunc-3m":
                return Arrays.copyOf(f, 0x300000);
            case "blank-rom":
                Arrays.fill(f, 0x100000, 0x101000, (byte) 0xFF);
                Arrays.fill(f, 0x180000, 0x181000, (byte) 0xFF);
                return f;
            case "extbl-flip":
                f[0x4000] ^= 0x01;
                return f;
            case "shift-200":
                return shifted(f, 0x200, (byte) 0xFF);
            case "shift-3":
                return shifted(f, 3, (byte) 0);
            case "mirror-32m": {
                byte[] m = Arrays.copyOf(f, 2 * CHIP);
                System.arraycopy(f, 0, m, CHIP, CHIP);
                return m;
            }
            case "all-ff": {
                Arrays.fill(f, (byte) 0xFF);
                return f;
            }
            case "random": {
                new Random(0x5EEDL).nextBytes(f);
                return f;
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static byte[] shifted(byte[] f, int by, byte fill) {
        byte[] s = new byte[CHIP];
        Arrays.fill(s, 0, by, fill);
        System.arraycopy(f, 0, s, by, CHIP - by);
        return s;
    }

    static void put(byte[] f, int at, byte[] b) {
        System.arraycopy(b, 0, f, at, b.length);
    }

    static String sha256(byte[] b) {
        return MtkReadback.sha256(b);
    }
}
