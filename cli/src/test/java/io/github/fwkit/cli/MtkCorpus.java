package io.github.fwkit.cli;

import io.github.fwkit.testing.MtkReadback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The genuine MT2502 RePhone kit in {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519} (third-party
 * firmware: never copied into the repository) and the 16 MiB readback its README composes from it,
 * written only into a test's temporary folder. A missing corpus skips the calling test, or fails it
 * when {@code CI=true}.
 */
final class MtkCorpus {
    static final String BOOTLOADER = MtkReadback.BOOTLOADER;
    static final String[] KIT_FILES = MtkReadback.KIT_FILES;
    static final String CFG = "SEEED02A_DEMO_BB.cfg";
    static final int CHIP = MtkReadback.CHIP;
    /** README section 4: the SHA-256 of {@code rephone-16m}. */
    static final String REPHONE_SHA256 = MtkReadback.SHA256;
    private static byte[] rephone;

    private MtkCorpus() {
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

    /** README section 4, {@code rephone-16m}, checked against its SHA-256. A fresh copy each call. */
    static synchronized byte[] rephone16m() throws IOException {
        if (rephone == null) {
            byte[] f = MtkReadback.compose(kit());
            assertEquals(REPHONE_SHA256, sha256(f), "composed readback differs from the corpus README");
            rephone = f;
        }
        return rephone.clone();
    }

    /** Writes {@code rephone-16m} (or its first {@code length} bytes) to {@code file}. */
    static Path writeReadback(Path file, int length) throws IOException {
        Files.write(file, Arrays.copyOf(rephone16m(), length));
        return file;
    }

    static String sha256(byte[] b) {
        return MtkReadback.sha256(b);
    }
}
