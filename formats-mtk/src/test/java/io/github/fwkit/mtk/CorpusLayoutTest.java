package io.github.fwkit.mtk;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.HealthReport.Verdict;
import io.github.fwkit.mtk.Identification.Key;
import io.github.fwkit.mtk.MtkRomLayout.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.github.fwkit.mtk.Layouts.analyze;
import static io.github.fwkit.mtk.Layouts.codes;
import static io.github.fwkit.mtk.Layouts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analysis of the readback composed from the genuine MT2502 kit, and of the README's variants. */
class CorpusLayoutTest {

    @Test
    void composedReadbackIsHealthyAndIdentified() throws Exception {
        byte[] dump = Corpus.rephone16m();
        assertEquals("c3dd973dfc8cb3211cf182931304c6cc05e5dcdb72d2c42c278b79ea33fbc7b4", Corpus.sha256(dump),
                "README section 4 recipe");
        MtkRomLayout l = analyze(dump);
        assertEquals(Kind.READBACK, l.kind());
        assertEquals(Verdict.HEALTHY, l.health().verdict(), l::toText);
        assertEquals(100, l.health().score());
        // The one all-zero sector of the genuine EXT_BOOTLOADER is data, reported for information.
        assertEquals(List.of("zero-sectors"), codes(l));
        assertEquals(0x18000, only(l, "zero-sectors").offset());
        assertEquals(0, l.base());
        assertEquals("standard", l.lengthClass());

        HeaderBlock h = l.header().orElseThrow();
        assertEquals(0x200, h.devRwUnit());
        assertEquals(2, h.layout().orElseThrow().used().size());

        assertEquals(List.of(Corpus.BOOTLOADER, "EXT_BOOTLOADER", "ROM", "VIVA"),
                l.images().stream().map(GfhImage::name).toList());
        assertEquals(List.of(0x800L, 0x3000L, 0x20000L, 0x1D64D0L), l.images().stream().map(GfhImage::flashOffset).toList());
        assertEquals(List.of(0x1C68L, 0x19F20L, 0x1B60D0L, 0x3016ECL),
                l.images().stream().map(g -> g.info().fileLength()).toList());
        assertEquals(List.of(GfhImage.Signature.PHASH_OK, GfhImage.Signature.PHASH_OK, GfhImage.Signature.NONE,
                GfhImage.Signature.NONE), l.images().stream().map(GfhImage::signature).toList());
        assertEquals(List.of("FILE_INFO", "BROM_CFG", "BL_INFO", "ARM_BL_INFO", "EMI_LIST", "BROM_SEC_CFG"),
                l.images().get(0).records().stream().map(GfhRecord::typeName).toList());
        assertEquals(List.of("FILE_INFO", "MAUI_INFO", "FLASH_INFO", "CBR_INFO", "MBA_INFO", "CMEM_ID_INFO",
                "CMEM_NOR_INFO"), l.rom().orElseThrow().records().stream().map(GfhRecord::typeName).toList());

        Identification id = l.identification();
        assertEquals("MT2502", id.platform().orElseThrow());
        assertEquals("SEEED02A_DEMO_PCB01_gprs_MT2502_S00.MAUI_11CW1418SP5_W15_19.bin", id.value(Key.BUILD_NAME).orElseThrow());
        assertEquals(0x20040, id.item(Key.BUILD_NAME).orElseThrow().offset());
        assertEquals("MAUI.11CW1418SP5.W15.19", id.value(Key.VERNO).orElseThrow());
        assertEquals("SEEED02A_DEMO_HW", id.hwVersion().orElseThrow());
        assertEquals(0x20000 + 0x1ACEF6, id.item(Key.HW_VERSION).orElseThrow().offset());
        assertEquals("2015/05/07 02:48", id.value(Key.BUILD_DATE).orElseThrow());
        assertEquals("11CW1418SP5", id.value(Key.MAUI_BRANCH).orElseThrow());
        assertEquals("MT2502A_DEV_BOARD_PR", id.value(Key.BOARD).orElseThrow());
        assertEquals("SEEED02A_DEMO", id.value(Key.PROJECT).orElseThrow());
        assertEquals("V005", id.value(Key.BOOTLOADER_VERSION).orElseThrow());
        assertEquals(0x3000 + 0x13C96, id.item(Key.BOOTLOADER_VERSION).orElseThrow().offset());
        assertEquals("MTK_ROMINFO_v09", id.value(Key.ROMINFO).orElseThrow());
        assertEquals(0x20678, id.item(Key.ROMINFO).orElseThrow().offset());
        assertEquals("4.0", id.value(Key.MRE_VERSION).orElseThrow());

        assertEquals(List.of("C2 25 38", "EF 60 18"), l.flashIds().stream().map(FlashId::hex).toList());
        assertEquals(List.of("Macronix", "Winbond"), l.flashIds().stream().map(f -> f.manufacturer().orElseThrow()).toList());
        assertEquals(List.of(0x20234L, 0x2023EL), l.flashIds().stream().map(FlashId::offset).toList());
        assertTrue(l.flashIds().stream().allMatch(f -> f.capacity().getAsLong() == Corpus.CHIP));

        assertEquals(Corpus.CHIP, l.chipSize().bytes());
        UserData fat = l.userData().get(0);
        assertEquals(List.of("FAT", 0x500000L, 0xAFE000L), List.of(fat.name(), fat.flashOffset(), fat.length()));
        UserData sds = l.userData().get(1);
        assertEquals(List.of("SDS", 0xFFE000L, 0x2000L), List.of(sds.name(), sds.flashOffset(), sds.length()));
        assertTrue(fat.covered() && sds.covered());

        // Blankness per region: the dump is ~70 % 0xFF, the images almost none.
        long erased = l.regions().stream().mapToLong(Region::erasedBytes).sum();
        assertEquals(0.696, (double) erased / dump.length, 0.001);
        assertTrue(l.regions().stream().filter(r -> r.kind() == Region.Kind.IMAGE)
                .allMatch(r -> r.erasedFraction() < 0.05));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        Corpus.BOOTLOADER + ", ARM_BL, -1, PHASH_OK",
        "EXT_BOOTLOADER, ARM_EXT_BL, 0x3000, PHASH_OK",
        "ROM, PRIMARY_MAUI, 0x20000, NONE",
        "VIVA, VIVA, 0x1D64D0, NONE"})
    void kitFilesAreSingleImages(String file, String type, String flash, String signature) throws Exception {
        MtkRomLayout l = analyze(Corpus.file(file));
        assertEquals(Kind.IMAGE, l.kind());
        GfhImage g = l.images().get(0);
        assertEquals(type, g.info().typeName());
        assertEquals((long) Long.decode(flash), g.flashOffset());
        assertEquals(signature, g.signature().name());
        assertTrue(g.complete());
        assertFalse(l.health().has(Severity.WARNING) || l.health().has(Severity.ERROR), l::toText);
        if (type.equals("PRIMARY_MAUI")) {
            assertEquals("MT2502", l.identification().platform().orElseThrow());
            assertEquals(List.of("C2 25 38", "EF 60 18"), l.flashIds().stream().map(FlashId::hex).toList());
        }
        List<Detection> d = Formats.detect(Corpus.kit().resolve(file));
        assertEquals("mtk-gfh", d.get(0).format());
        assertTrue(d.get(0).summary().contains("(kit file " + (type.equals("ARM_BL") ? "BOOTLOADER" : file) + ")"),
                d.get(0)::summary);
    }

    @Test
    void truncatedReads() throws Exception {
        for (String v : List.of("trunc-4m", "trunc-3m")) {
            byte[] dump = Corpus.variant(v);
            MtkRomLayout l = analyze(dump);
            assertEquals(Kind.READBACK, l.kind(), v);
            assertEquals(Verdict.DAMAGED, l.health().verdict(), v);
            GfhImage viva = l.image(0x0108).orElseThrow();
            assertEquals(dump.length - 0x1D64D0, viva.bytesPresent(), v);
            assertTrue(l.images().stream().filter(g -> g != viva).allMatch(GfhImage::complete), v);
            assertEquals(GfhImage.Signature.PHASH_OK, l.images().get(1).signature());
            assertEquals(Corpus.CHIP, l.chipSize().bytes());
            Finding t = only(l, "truncated");
            assertEquals(Severity.ERROR, t.severity());
            assertTrue(t.message().contains("VIVA cut at 0x" + Integer.toHexString(dump.length).toUpperCase()), t::message);
            assertTrue(t.message().contains("FAT not covered, SDS not covered"), t::message);
            assertEquals(dump.length, only(l, "image-incomplete").offset());
            assertTrue(l.userData().stream().noneMatch(UserData::covered));
        }
    }

    @Test
    void blankSectorsInRom() throws Exception {
        MtkRomLayout l = analyze(Corpus.variant("blank-rom"));
        List<Finding> blank = l.health().withCode("blank-sectors");
        assertEquals(List.of(0x100000L, 0x180000L), blank.stream().map(Finding::offset).toList());
        assertTrue(blank.stream().allMatch(f -> f.severity() == Severity.ERROR && f.path().equals("/images[2]")));
        assertEquals(List.of("blank-sectors", "blank-sectors", "zero-sectors"), codes(l));
    }

    @Test
    void flippedByteInExtBootloader() throws Exception {
        MtkRomLayout l = analyze(Corpus.variant("extbl-flip"));
        assertEquals(4, l.images().size(), "the GFH stays valid");
        assertEquals(GfhImage.Signature.PHASH_MISMATCH, l.images().get(1).signature());
        Finding f = only(l, "phash-mismatch");
        assertTrue(f.message().contains("will not boot"), f::message);
        assertEquals(0x3000 + 0x19F00, f.offset());
        assertEquals(List.of("phash-mismatch", "zero-sectors"), codes(l));
    }

    @ParameterizedTest
    @CsvSource({"shift-200, 0x200", "shift-3, 3"})
    void shiftedDumps(String variant, String by) throws Exception {
        long delta = Long.decode(by);
        MtkRomLayout l = analyze(Corpus.variant(variant));
        assertEquals(delta, l.base());
        Finding f = only(l, "starts-early");
        assertTrue(f.message().contains("starts 0x" + Long.toHexString(delta).toUpperCase() + " bytes before flash 0"), f::message);
        assertEquals(List.of(0x800L, 0x3000L, 0x20000L, 0x1D64D0L), l.images().stream().map(GfhImage::flashOffset).toList());
        assertTrue(l.images().stream().allMatch(GfhImage::complete));
        assertTrue(l.images().stream().limit(2).allMatch(g -> g.signature() == GfhImage.Signature.PHASH_OK));
        assertFalse(codes(l).contains("brlyt-mismatch") || codes(l).contains("misplaced"));
        assertEquals("MT2502", l.identification().platform().orElseThrow());
        // The read lost the last bytes of the chip, inside SDS.
        assertEquals(Severity.WARNING, only(l, "truncated").severity());
    }

    @Test
    void mirroredRead() throws Exception {
        MtkRomLayout l = analyze(Corpus.variant("mirror-32m"));
        assertEquals(Corpus.CHIP, l.chipSize().bytes());
        assertEquals(Corpus.CHIP, only(l, "mirrored").offset());
        assertEquals(4, l.images().size());
        assertEquals(List.of("mirrored", "zero-sectors"), codes(l));
        Region last = l.regions().get(l.regions().size() - 1);
        assertEquals(Region.Kind.MIRROR, last.kind());
        assertEquals(Corpus.CHIP, last.offset());
    }

    @Test
    void allFfIsBlank() throws Exception {
        MtkRomLayout l = analyze(Corpus.variant("all-ff"));
        assertEquals(Kind.BLANK, l.kind());
        assertEquals(Verdict.NOT_RECOGNISED, l.health().verdict());
        assertTrue(only(l, "blank-dump").message().contains("blank / erased"));
        assertTrue(Formats.detect(ImageReader.of(Corpus.variant("all-ff"))).isEmpty());
    }

    @Test
    void randomIsNotMediatek() throws Exception {
        MtkRomLayout l = analyze(Corpus.variant("random"));
        assertEquals(Kind.UNKNOWN, l.kind());
        assertEquals(List.of("not-mediatek"), codes(l));
    }

    @Test
    void detectionNamesChipFirmwareAndHealth() throws Exception {
        List<Detection> d = Formats.detect(ImageReader.of(Corpus.rephone16m()));
        assertEquals(1, d.size(), d::toString);
        assertEquals("mtk-readback", d.get(0).format());
        assertEquals(100, d.get(0).strength());
        assertTrue(d.get(0).summary().contains("MT2502, MAUI.11CW1418SP5.W15.19, HW SEEED02A_DEMO_HW"), d.get(0)::summary);
        assertTrue(d.get(0).summary().contains("health HEALTHY 100"), d.get(0)::summary);
        // Core's probe looks at offset 0 only; this one finds the shifted header.
        Detection shifted = Formats.detect(ImageReader.of(Corpus.variant("shift-200"))).get(0);
        assertEquals("mtk-readback", shifted.format());
        assertEquals(0x200, shifted.offset());
    }
}
