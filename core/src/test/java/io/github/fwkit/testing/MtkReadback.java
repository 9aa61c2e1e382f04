package io.github.fwkit.testing;

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
 * The 16 MiB readback {@code rephone-16m} that the corpus README (section 4) composes from the
 * genuine RePhone kit in {@code ${fwkit.corpus}/mtk/mt2502-rephone-w1519}: header block (SF_BOOT,
 * BRLYT with two bootloader descriptors), the four kit images at their flash offsets, simulated
 * user data in the FAT range, 0xFF elsewhere. Built in memory from the corpus files (third-party
 * firmware, never copied into the repository); shared by the MediaTek, CLI and benchmark code.
 */
public final class MtkReadback {
    public static final String BOOTLOADER = "SEEED02A_DEMO_BOOTLOADER_V005_MT2502_MAUI_11CW1418SP5_W15_19.bin";
    public static final String[] KIT_FILES = {BOOTLOADER, "EXT_BOOTLOADER", "ROM", "VIVA"};
    /** The chip size of the composed readback. */
    public static final int CHIP = 0x1000000;
    /** README section 4: the SHA-256 of {@code rephone-16m}. */
    public static final String SHA256 = "c3dd973dfc8cb3211cf182931304c6cc05e5dcdb72d2c42c278b79ea33fbc7b4";

    private MtkReadback() {
    }

    /** The kit folder under a corpus root (it may not exist). */
    public static Path kit(Path corpus) {
        return corpus.resolve("mtk").resolve("mt2502-rephone-w1519");
    }

    /** {@code rephone-16m}, composed from the kit files in {@code kit}. */
    public static byte[] compose(Path kit) throws IOException {
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

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
