package io.github.fwkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The genuine MT2502 RePhone kit in {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519} (third-party
 * firmware: never copied into the repository) and the 16 MiB readback its README composes from it,
 * written only into a test's temporary folder. A missing corpus skips the calling test, or fails it
 * when {@code CI=true}.
 */
final class MtkCorpus {
    static final String BOOTLOADER = "SEEED02A_DEMO_BOOTLOADER_V005_MT2502_MAUI_11CW1418SP5_W15_19.bin";
    static final String[] KIT_FILES = {BOOTLOADER, "EXT_BOOTLOADER", "ROM", "VIVA"};
    static final String CFG = "SEEED02A_DEMO_BB.cfg";
    static final int CHIP = 0x1000000;
    /** README section 4: the SHA-256 of {@code rephone-16m}. */
    static final String REPHONE_SHA256 = "c3dd973dfc8cb3211cf182931304c6cc05e5dcdb72d2c42c278b79ea33fbc7b4";
    private static byte[] rephone;

    private MtkCorpus() {
    }

    /** The kit folder; skips (or fails on CI) when it is missing. */
    static Path kit() {
        Path kit = Path.of(System.getProperty("fwkit.corpus", "../../shared/corpus"), "mtk", "mt2502-rephone-w1519");
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
            put(f, 0x800, file(BOOTLOADER));
            put(f, 0x3000, file("EXT_BOOTLOADER"));
            put(f, 0x20000, file("ROM"));
            put(f, 0x1D64D0, file("VIVA"));
            for (int x = 0x500000; x < 0x510000; x++) {
                f[x] = (byte) ((x & 0xFF) ^ 0x5A);
            }
            for (int x = 0xFF0000; x < 0xFF2000; x++) {
                f[x] = (byte) (((x >> 8) & 0xFF) ^ 0xA5);
            }
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

    private static void put(byte[] f, int at, byte[] b) {
        System.arraycopy(b, 0, f, at, b.length);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
