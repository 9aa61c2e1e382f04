package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MediaTek probes on the genuine RePhone kit in {@code ${fwkit.corpus}/mtk} (never copied into
 * the repository) and on the 16 MiB readback its README composes from it, in memory.
 */
class MtkCorpusTest {
    private static final String BOOTLOADER = "SEEED02A_DEMO_BOOTLOADER_V005_MT2502_MAUI_11CW1418SP5_W15_19.bin";
    private static Path kit;

    @BeforeAll
    static void findCorpus() {
        kit = Path.of(System.getProperty("fwkit.corpus", "../../shared/corpus"), "mtk", "mt2502-rephone-w1519");
        if (!Files.isDirectory(kit)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("corpus missing at " + kit.toAbsolutePath());
            }
            assumeTrue(false, "corpus not found at " + kit.toAbsolutePath());
        }
    }

    /** Expected values: corpus README section 3.1. */
    @ParameterizedTest
    @CsvSource({
        BOOTLOADER + ", ARM_BL (BOOTLOADER), flash offset from BRLYT, 0x70006000, 0x1C68, PHASH",
        "EXT_BOOTLOADER, ARM_EXT_BL (EXT_BOOTLOADER), flash offset 0x3000, 0x10003000, 0x19F20, PHASH",
        "ROM, PRIMARY_MAUI (ROM), flash offset 0x20000, 0x10020000, 0x1B60D0, no signature",
        "VIVA, VIVA, flash offset 0x1D64D0, 0x101D64D0, 0x3016EC, no signature"})
    void kitFiles(String file, String type, String flash, String load, String length, String signature)
            throws IOException {
        List<Detection> found = Formats.detect(kit.resolve(file));
        assertEquals(1, found.size(), found::toString);
        Detection d = found.get(0);
        assertEquals("mtk-gfh", d.format());
        assertEquals(100, d.strength(), d::summary);
        for (String part : List.of("image " + type + ",", flash, "load address " + load, "file_len " + length,
                signature, "device SF")) {
            assertTrue(d.summary().contains(part), () -> part + " not in " + d.summary());
        }
        assertTrue(!d.summary().contains("truncated") && !d.summary().contains("after the image"), d::summary);
    }

    @Test
    void composedReadback() throws Exception {
        byte[] flash = rephone16m();
        assertEquals("c3dd973dfc8cb3211cf182931304c6cc05e5dcdb72d2c42c278b79ea33fbc7b4",
                HexFormat.of().formatHex(Fixtures.sha256(flash)), "README section 4 recipe");
        List<Detection> found = Formats.detect(ImageReader.of(flash));
        assertEquals(1, found.size(), found::toString);
        Detection d = found.get(0);
        assertEquals("mtk-readback", d.format());
        assertEquals(100, d.strength(), d::summary);
        assertTrue(d.summary().contains("ARM_BL 0x800..0x2468, EXT_BL 0x3000..0x1CF20"), d::summary);
        assertTrue(d.summary().contains("16.0 MiB (standard length)"), d::summary);

        Detection cut = Formats.detect(ImageReader.of(flash).slice(0, 0x300000)).get(0);
        assertEquals("mtk-readback", cut.format());
        assertTrue(cut.summary().contains("3.0 MiB (non-standard length)"), cut::summary);
    }

    @Test
    void shiftedAndBlankReadbacksAreNotClaimedAtZero() throws Exception {
        byte[] flash = rephone16m();
        byte[] shifted = new byte[flash.length];
        Arrays.fill(shifted, 0, 0x200, (byte) 0xFF);
        System.arraycopy(flash, 0, shifted, 0x200, flash.length - 0x200);
        // Finding SF_BOOT at 0x200 is a search, left to the mtk module.
        assertTrue(Formats.detect(ImageReader.of(shifted)).isEmpty());
        byte[] blank = new byte[flash.length];
        Arrays.fill(blank, (byte) 0xFF);
        assertTrue(Formats.detect(ImageReader.of(blank)).isEmpty());
    }

    /** The corpus README's {@code rephone-16m}, section 4. */
    private static byte[] rephone16m() throws IOException {
        Img img = Fixtures.mtkHeaderBlock(new Img(0x1000000).fill(0, 0x1000000, 0xFF));
        img.bytes(0x800, Files.readAllBytes(kit.resolve(BOOTLOADER)))
                .bytes(0x3000, Files.readAllBytes(kit.resolve("EXT_BOOTLOADER")))
                .bytes(0x20000, Files.readAllBytes(kit.resolve("ROM")))
                .bytes(0x1D64D0, Files.readAllBytes(kit.resolve("VIVA")));
        for (int x = 0x500000; x < 0x510000; x++) {
            img.u8(x, (x & 0xFF) ^ 0x5A);
        }
        for (int x = 0xFF0000; x < 0xFF2000; x++) {
            img.u8(x, ((x >> 8) & 0xFF) ^ 0xA5);
        }
        return img.bytes();
    }
}
