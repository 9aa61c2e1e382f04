package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.HealthReport.Verdict;
import io.github.fwkit.mtk.Identification.Key;
import io.github.fwkit.mtk.MtkRomLayout.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.github.fwkit.mtk.Layouts.analyze;
import static io.github.fwkit.mtk.Layouts.codes;
import static io.github.fwkit.mtk.Layouts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analysis rules on dumps built in code ({@link Synth}). */
class SyntheticLayoutTest {
    private static final String BL_NAME = "TESTBOARD_BOOTLOADER_V007_MT6261_MAUI_11CW1234SP5_W20_01.bin";

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void healthyDump() throws Exception {
        Synth s = new Synth();
        MtkRomLayout l = analyze(s.dump());
        assertEquals(Kind.READBACK, l.kind());
        assertEquals(List.of(), l.findings());
        assertEquals(Verdict.HEALTHY, l.health().verdict());
        assertEquals(100, l.health().score());
        assertEquals(0, l.base());
        assertEquals(List.of(BL_NAME, "EXT_BOOTLOADER", "ROM", "VIVA"), l.images().stream().map(GfhImage::name).toList());
        assertEquals(List.of(0x800L, 0x2000L, 0x4000L, s.vivaAt()), l.images().stream().map(GfhImage::offset).toList());
        assertEquals(GfhImage.Signature.PHASH_OK, l.images().get(0).signature());
        assertEquals(GfhImage.Signature.PHASH_OK, l.images().get(1).signature());
        assertEquals(GfhImage.Signature.NONE, l.images().get(2).signature());
        assertTrue(l.images().stream().allMatch(GfhImage::complete));
        assertEquals(List.of("FILE_INFO", "MAUI_INFO", "FLASH_INFO", "CMEM_ID_INFO", "CMEM_NOR_INFO"),
                l.rom().orElseThrow().records().stream().map(GfhRecord::typeName).toList());

        Identification id = l.identification();
        assertEquals("MT6261", id.platform().orElseThrow());
        assertEquals("TESTBOARD_HW", id.hwVersion().orElseThrow());
        assertEquals(Synth.PLATFORM_ID, id.value(Key.BUILD_NAME).orElseThrow());
        assertEquals(Synth.VERNO, id.value(Key.VERNO).orElseThrow());
        assertEquals("TESTBOARD", id.value(Key.PROJECT).orElseThrow());
        assertEquals("2020/01/02 03:04", id.value(Key.BUILD_DATE).orElseThrow());
        assertEquals("11CW1234SP5", id.value(Key.MAUI_BRANCH).orElseThrow());
        assertEquals("TESTBOARD_DEV_BOARD", id.value(Key.BOARD).orElseThrow());
        assertEquals("V007", id.value(Key.BOOTLOADER_VERSION).orElseThrow());
        assertEquals(0x4000 + 0x38 + 8, id.item(Key.BUILD_NAME).orElseThrow().offset());

        assertEquals(List.of("EF 40 12", "C8 40 12"), l.flashIds().stream().map(FlashId::hex).toList());
        assertEquals("Winbond", l.flashIds().get(0).manufacturer().orElseThrow());
        assertEquals(0x40000, l.flashIds().get(0).capacity().getAsLong());
        assertEquals(Synth.CHIP, l.chipSize().bytes());
        assertEquals(List.of("FAT", "SDS"), l.userData().stream().map(UserData::name).toList());
        assertTrue(l.userData().stream().allMatch(UserData::covered));
        assertEquals(List.of(Region.Kind.HEADER_BLOCK, Region.Kind.IMAGE, Region.Kind.FREE, Region.Kind.IMAGE,
                        Region.Kind.FREE, Region.Kind.IMAGE, Region.Kind.FREE, Region.Kind.IMAGE, Region.Kind.FREE,
                        Region.Kind.USER_DATA, Region.Kind.USER_DATA),
                l.regions().stream().map(Region::kind).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "content_offset zero, 0x28, 0, rule 2",
        "content_offset above 1 MiB, 0x28, 0x100001, rule 2",
        "file_len zero, 0x20, 0, rule 3",
        "file_len unset, 0x20, 0xFFFFFFFF, build intermediate",
        "content beyond file_len, 0x20, 0x100, rule 3",
        "max_size below file_len, 0x24, 0x100, rule 4",
        "sig_len without sig_type, 0x2C, 4, rule 5",
        "jump before content, 0x30, 0x10, rule 6"})
    void fileInfoRules(String what, String field, String value, String rule) throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        le(d).putInt((int) s.romAt + Integer.decode(field), (int) (long) Long.decode(value));
        MtkRomLayout l = analyze(d);
        assertFalse(l.rom().isPresent(), "the ROM must be rejected");
        Finding f = l.health().withCode("gfh-invalid").get(0);
        assertEquals(s.romAt, f.offset());
        assertTrue(f.message().contains(rule), f::message);
        // At the ROM's own flash address, this is a damaged ROM, not stray bytes.
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(codes(l).contains("no-rom"));
        assertEquals(Verdict.DAMAGED, l.health().verdict());
    }

    @Test
    void chainOverrunningContentOffset() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        // MAUI_INFO (the second record) claims 0xFFF0 bytes.
        le(d).putShort((int) s.romAt + 0x38 + 4, (short) 0xFFF0);
        MtkRomLayout l = analyze(d);
        Finding f = only(l, "gfh-chain");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("overruns content_offset"), f::message);
        assertEquals(List.of("FILE_INFO"), l.rom().orElseThrow().records().stream().map(GfhRecord::typeName).toList());
    }

    @ParameterizedTest
    @CsvSource({"0", "4", "7"})
    void chainRecordTooSmallStops(int size) throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        le(d).putShort((int) s.romAt + 0x38 + 4, (short) size);
        MtkRomLayout l = analyze(d);
        assertTrue(only(l, "gfh-chain").message().contains("size " + size + " (< 8)"));
    }

    @Test
    void chainWithBadMagic() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        d[(int) s.romAt + 0x38] = 'X';
        MtkRomLayout l = analyze(d);
        assertTrue(only(l, "gfh-chain").message().contains("no GFH magic"));
        assertFalse(l.identification().value(Key.BUILD_NAME).isPresent(), "no MAUI_INFO, no build name");
        assertTrue(codes(l).contains("no-maui-info"));
    }

    @Test
    void cmemCountBeyondRecord() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        int cmem = cmemOffset(s);
        le(d).putInt(cmem + 12, 1000);
        MtkRomLayout l = analyze(d);
        Finding f = only(l, "cmem-size");
        assertEquals(cmem + 12, f.offset());
        assertEquals(2, l.flashIds().size(), "the entries that fit are still read");
    }

    @Test
    void cmemIdLengthNine() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        d[cmemOffset(s) + 16 + 1] = 9;
        MtkRomLayout l = analyze(d);
        assertEquals(cmemOffset(s) + 17, only(l, "cmem-id-length").offset());
        assertEquals(List.of("C8 40 12"), l.flashIds().stream().map(FlashId::hex).toList());
    }

    private static int cmemOffset(Synth s) {
        // FILE_INFO 0x38, MAUI_INFO 0x130, FLASH_INFO 0x7C.
        return (int) s.romAt + 0x38 + 0x130 + 0x7C;
    }

    @Test
    void brlytDescriptorMismatches() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        le(d).putInt(0x220, 0x900);
        MtkRomLayout l = analyze(d);
        assertTrue(only(l, "brlyt-mismatch").message().contains("boundary 0x900"));

        d = s.dump();
        le(d).putInt(0x230, 0x2100);
        l = analyze(d);
        assertTrue(l.health().withCode("brlyt-mismatch").stream().anyMatch(f -> f.message().contains("places ARM_EXT_BL")));
        assertTrue(l.health().withCode("brlyt-mismatch").stream().anyMatch(f -> f.message().contains("not listed")));

        d = s.dump();
        le(d).putInt(0x234, 0x10);
        l = analyze(d);
        assertTrue(only(l, "brlyt-mismatch").message().contains("before its begin"));
    }

    @Test
    void badDeviceHeaderAndMissingBrlyt() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        le(d).putInt(0x10, 0x10000);
        assertEquals(Severity.ERROR, only(analyze(d), "bad-device-header").severity());
        d = s.dump();
        d[0x200] = 'X';
        assertEquals(0x200, only(analyze(d), "no-brlyt").offset());
    }

    @Test
    void pairedVersionAndFeatures() throws Exception {
        Synth s = new Synth();
        s.romPaired = 2;
        s.romFeatures = 0x1000;
        MtkRomLayout l = analyze(s.dump());
        assertEquals(Severity.ERROR, only(l, "paired-version").severity());
        assertEquals(Severity.ERROR, only(l, "features").severity());
    }

    @Test
    void romEndMarkerMissingIsAWarning() throws Exception {
        Synth s = new Synth();
        s.romEndMarker = false;
        MtkRomLayout l = analyze(s.dump());
        assertEquals(Severity.WARNING, only(l, "rom-end-marker").severity());
        assertEquals(Verdict.USABLE, l.health().verdict());
        assertEquals(100 - HealthReport.WARNING_PENALTY, l.health().score());
    }

    @Test
    void phashMarkerAndDigest() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        int ext = (int) s.extAt;
        int len = s.extBootloader().length;
        d[ext + len - 0x20 - 2] ^= 0x40;
        MtkRomLayout l = analyze(d);
        assertEquals(ext + len - 0x24, only(l, "phash-marker").offset());
        assertEquals(ext + len - 0x20, only(l, "phash-mismatch").offset());
        assertEquals(GfhImage.Signature.PHASH_MISMATCH, l.images().get(1).signature());

        d = s.dump();
        d[ext + len - 1] = 1;
        l = analyze(d);
        assertEquals(Severity.WARNING, only(l, "phash-padding").severity());
        assertEquals(GfhImage.Signature.PHASH_OK, l.images().get(1).signature());
    }

    @Test
    void blankAndZeroSectorsInsideImages() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        Arrays.fill(d, 0x6000, 0x8000, (byte) 0xFF);
        Arrays.fill(d, 0x9000, 0xA000, (byte) 0xFF);
        MtkRomLayout l = analyze(d);
        List<Finding> blank = l.health().withCode("blank-sectors");
        assertEquals(List.of(0x6000L, 0x9000L), blank.stream().map(Finding::offset).toList());
        assertTrue(blank.get(0).message().contains("2 blank"), blank.get(0)::message);

        d = s.dump();
        Arrays.fill(d, 0x5000, 0x9000, (byte) 0);
        assertEquals(Severity.WARNING, only(analyze(d), "zero-sectors").severity());
        d = s.dump();
        Arrays.fill(d, 0x5000, 0x6000, (byte) 0);
        assertEquals(Severity.INFO, only(analyze(d), "zero-sectors").severity());
    }

    @Test
    void overlappingImageAtItsOwnAddress() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        // The ROM claims to run 0x1000 bytes into VIVA, which still sits at its load address.
        le(d).putInt((int) s.romAt + 0x20, s.rom().length + 0x1400);
        le(d).putInt((int) s.romAt + 0x30, 0);
        MtkRomLayout l = analyze(d);
        assertEquals(4, l.images().size());
        assertEquals(s.vivaAt(), only(l, "overlap").offset());
    }

    @Test
    void embeddedCopyIsNotAnImage() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        byte[] viva = s.viva();
        System.arraycopy(viva, 0, d, (int) s.romAt + 0x1000, 0x38);
        MtkRomLayout l = analyze(d);
        assertEquals(4, l.images().size());
        assertEquals(s.romAt + 0x1000, only(l, "gfh-nested").offset());
        assertEquals(Severity.INFO, only(l, "gfh-nested").severity());
    }

    @Test
    void userDataOverCode() throws Exception {
        Synth s = new Synth();
        s.fatBegin = s.vivaAt() + 0x100;
        MtkRomLayout l = analyze(s.dump());
        assertEquals(Severity.ERROR, only(l, "user-data-overlap").severity());
    }

    @Test
    void noHeaderBlock() throws Exception {
        Synth s = new Synth();
        s.header = false;
        MtkRomLayout l = analyze(s.dump());
        assertEquals(Kind.READBACK, l.kind());
        assertEquals(0, l.base());
        assertEquals(Severity.ERROR, only(l, "no-header").severity());
        assertEquals(4, l.images().size());
        assertTrue(l.header().isEmpty());
    }

    @Test
    void shiftedWithoutHeader() throws Exception {
        Synth s = new Synth();
        s.header = false;
        byte[] d = s.dump();
        byte[] shifted = new byte[d.length];
        Arrays.fill(shifted, 0, 0x10, (byte) 0x55);
        System.arraycopy(d, 0, shifted, 0x10, d.length - 0x10);
        MtkRomLayout l = analyze(shifted);
        assertEquals(0x10, l.base());
        assertEquals(0x10, only(l, "shifted").offset());
        assertEquals(0x4000, l.rom().orElseThrow().flashOffset());
        assertEquals(Region.Kind.PREFIX, l.regions().get(0).kind());
    }

    @Test
    void startOfFlashMissing() throws Exception {
        byte[] d = new Synth().dump();
        MtkRomLayout l = analyze(Arrays.copyOfRange(d, 0x4000, d.length));
        assertEquals(Kind.READBACK, l.kind());
        assertEquals(-0x4000, l.base());
        assertTrue(codes(l).contains("start-missing"));
        assertEquals(0, l.rom().orElseThrow().offset());
        assertEquals(0x4000, l.rom().orElseThrow().flashOffset());
    }

    @Test
    void truncatedUserDataOnlyIsAWarning() throws Exception {
        Synth s = new Synth();
        MtkRomLayout l = analyze(Arrays.copyOf(s.dump(), 0x20000));
        Finding f = only(l, "truncated");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("FAT not covered, SDS not covered"), f::message);
        assertEquals(Verdict.USABLE, l.health().verdict());
    }

    @Test
    void truncatedInsideAnImageIsAnError() throws Exception {
        Synth s = new Synth();
        long cut = s.vivaAt() + 0x100;
        MtkRomLayout l = analyze(Arrays.copyOf(s.dump(), (int) cut));
        assertEquals(Severity.ERROR, only(l, "truncated").severity());
        Finding f = only(l, "image-incomplete");
        assertEquals(cut, f.offset());
        assertEquals(0x100, l.image(0x0108).orElseThrow().bytesPresent());
        assertEquals(Verdict.DAMAGED, l.health().verdict());
    }

    @Test
    void cutInsideTheGfhChain() throws Exception {
        Synth s = new Synth();
        MtkRomLayout l = analyze(Arrays.copyOf(s.dump(), (int) s.romAt + 0x100));
        assertTrue(only(l, "gfh-chain").message().contains("ends inside"));
        assertTrue(codes(l).contains("image-incomplete"));
    }

    @Test
    void mirroredRead() throws Exception {
        byte[] d = new Synth().dump();
        byte[] twice = Arrays.copyOf(d, 2 * d.length);
        System.arraycopy(d, 0, twice, d.length, d.length);
        MtkRomLayout l = analyze(twice);
        assertEquals(d.length, only(l, "mirrored").offset());
        assertEquals(4, l.images().size());
        assertEquals(Region.Kind.MIRROR, l.regions().get(l.regions().size() - 1).kind());
        assertEquals(Verdict.USABLE, l.health().verdict());
    }

    @Test
    void longerThanTheChipWithoutRepeat() throws Exception {
        byte[] d = new Synth().dump();
        byte[] longer = Arrays.copyOf(d, 2 * d.length);
        new Random(1).nextBytes(Arrays.copyOfRange(longer, d.length, longer.length));
        Arrays.fill(longer, d.length, longer.length, (byte) 0x11);
        MtkRomLayout l = analyze(longer);
        assertEquals(Severity.WARNING, only(l, "extra-data").severity());
        assertTrue(codes(l).contains("stale-data"));
    }

    @Test
    void staleDataInAGap() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        Arrays.fill(d, 0x1000, 0x1100, (byte) 0x42);
        MtkRomLayout l = analyze(d);
        Finding f = only(l, "stale-data");
        assertEquals(Severity.INFO, f.severity());
        assertEquals(0x1000, f.offset());
        assertTrue(l.regions().stream().anyMatch(r -> r.kind() == Region.Kind.UNEXPLAINED && r.offset() == 0x1000
                && r.length() == 0x1000 && r.erasedBytes() == 0xF00));
    }

    @Test
    void singleImages() throws Exception {
        Synth s = new Synth();
        MtkRomLayout rom = analyze(s.rom());
        assertEquals(Kind.IMAGE, rom.kind());
        assertEquals(List.of(), rom.findings());
        assertEquals("ROM", rom.images().get(0).name());
        assertEquals(s.romAt, rom.images().get(0).flashOffset());
        assertEquals("MT6261", rom.identification().platform().orElseThrow());
        assertEquals(2, rom.flashIds().size());
        assertTrue(rom.userData().isEmpty());

        MtkRomLayout bl = analyze(s.bootloader());
        assertEquals(Kind.IMAGE, bl.kind());
        assertEquals(-1, bl.images().get(0).flashOffset());
        assertEquals(GfhImage.Signature.PHASH_OK, bl.images().get(0).signature());

        MtkRomLayout cut = analyze(Arrays.copyOf(s.viva(), 0x1000));
        assertEquals(Kind.IMAGE, cut.kind());
        assertTrue(codes(cut).contains("image-incomplete"));
    }

    @Test
    void notReadbacks() throws Exception {
        byte[] ff = new byte[0x10000];
        Arrays.fill(ff, (byte) 0xFF);
        assertEquals(Kind.BLANK, analyze(ff).kind());
        assertEquals(Kind.BLANK, analyze(new byte[0x10000]).kind());
        byte[] pattern = new byte[0x10000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 4096 * 31);
        }
        MtkRomLayout rep = analyze(pattern);
        assertEquals(Kind.BLANK, rep.kind());
        assertTrue(only(rep, "blank-dump").message().contains("repeats"));
        MtkRomLayout empty = analyze(new byte[0]);
        assertEquals(Kind.UNKNOWN, empty.kind());
        assertEquals(Verdict.NOT_RECOGNISED, empty.health().verdict());
        byte[] random = new byte[0x10000];
        new Random(0x5EED).nextBytes(random);
        MtkRomLayout r = analyze(random);
        assertEquals(Kind.UNKNOWN, r.kind());
        assertEquals(0, r.health().score());
        assertEquals(List.of("not-mediatek"), codes(r));
        assertEquals(List.of(Region.Kind.UNEXPLAINED), r.regions().stream().map(Region::kind).toList());
    }

    @Test
    void preSv5Dump() throws Exception {
        byte[] d = new byte[0x40000];
        Arrays.fill(d, (byte) 0xFF);
        ByteBuffer b = le(d);
        for (int i = 0; i < 8; i++) {
            b.putInt(4 * i, 0xEA000006);
        }
        Arrays.fill(d, 0x20, 0x1000, (byte) 0x3C);
        int at = 0x1000;
        b.put(at, GfhBuilder.field("MTK_ROMINFO_v05", 16))
                .put(at + 16, GfhBuilder.field("OLDPHONE_PCB01_gsm_MT6253_S00.MAUI_09B_W10_20.bin", 128))
                .put(at + 144, GfhBuilder.field("MAUI.09B.W10.20", 64))
                .putShort(at + 208, (short) 0).putShort(at + 210, (short) 1)
                .putShort(at + 212, (short) 0xC2).putShort(at + 214, (short) 0x20).putShort(at + 216, (short) 0x16)
                .putShort(at + 218, (short) 0).putInt(at + 220, 0x30000).putInt(at + 224, 0x10000);
        Arrays.fill(d, at + 228, at + 320, (byte) 0);
        byte[] release = ("\u0001MT6253\0PLUTO_MMI\0MAUI.09B.W10.20\0OLDPHONE_HW\0" + "2010/03/04 05:06\0\u0001")
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(release, 0, d, 0x8000, release.length);
        MtkRomLayout l = analyze(d);
        assertEquals("OLDPHONE_HW", l.identification().hwVersion().orElseThrow());
        assertEquals("2010/03/04 05:06", l.identification().value(Key.BUILD_DATE).orElseThrow());
        assertEquals(Kind.PRE_SV5, l.kind());
        assertEquals("MT6253", l.identification().platform().orElseThrow());
        assertEquals("MTK_ROMINFO_v05", l.identification().value(Key.ROMINFO).orElseThrow());
        assertEquals(List.of("C2 20 16"), l.flashIds().stream().map(FlashId::hex).toList());
        assertEquals(0x30000, l.userData().get(0).flashOffset());
        assertEquals(Severity.WARNING, only(l, "pre-sv5").severity());
    }

    @Test
    void limits() throws Exception {
        byte[] d = new Synth().dump();
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> MtkRomLayout.analyze(ImageReader.of(d), MtkAnalysisOptions.DEFAULTS.withMaxLength(0x1000)));
        assertEquals("maxLength", e.limit());
        MtkRomLayout l = MtkRomLayout.analyze(ImageReader.of(d), new MtkAnalysisOptions(1L << 30, 2, 256));
        assertEquals(2, l.images().size());
        assertTrue(codes(l).contains("too-many-images"));
        l = MtkRomLayout.analyze(ImageReader.of(d), new MtkAnalysisOptions(1L << 30, 256, 2));
        assertTrue(l.health().withCode("gfh-chain").stream().anyMatch(f -> f.message().contains("more than 2 records")));
    }

    @Test
    void secureBuildAndUnknownType() throws Exception {
        byte[] rom = new GfhBuilder(0x0100, 0x10004000L).record(1, 0x0201, new byte[8])
                .code(Synth.code(0x2000, 3)).build();
        MtkRomLayout l = analyze(rom);
        assertEquals(Severity.INFO, only(l, "secure-build").severity());
        MtkRomLayout odd = analyze(new GfhBuilder(0x0777, 0x10004000L).code(Synth.code(0x2000, 3)).build());
        assertEquals("FILE_0777", odd.images().get(0).name());
        assertTrue(codes(odd).contains("unknown-type"));
        assertEquals(KitRegion.MAIN, odd.images().get(0).info().region());
    }

    @Test
    void buildIntermediateIsNotAnImage() throws Exception {
        // The upstream VIVA.bin: VIVA's GFH before post-build, file_len unset, attr 2.
        byte[] viva = new GfhBuilder(0x0108, 0x101D64D0L).code(new byte[0x14]).patch(0x20, 0xFFFFFFFFL)
                .patch(0x34, 2).patch(0x30, 0).build();
        MtkRomLayout l = analyze(viva);
        assertEquals(Kind.UNKNOWN, l.kind());
        assertTrue(l.health().withCode("gfh-invalid").get(0).message().contains("build intermediate"));
    }

    @Test
    void strayInvalidHeaderIsOnlyInformation() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        byte[] viva = s.viva();
        // A VIVA header with file_len 0 in free space, far from its load address.
        System.arraycopy(viva, 0, d, 0x1000, 0x38);
        le(d).putInt(0x1000 + 0x20, 0);
        MtkRomLayout l = analyze(d);
        assertEquals(Severity.INFO, only(l, "gfh-invalid").severity());
        assertEquals(4, l.images().size());
    }

    @Test
    void fileInfoStringAloneIsNotAHeader() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        byte[] text = "FILE_INFO\0\0\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, d, 0x1000, text.length);
        System.arraycopy(text, 0, d, (int) s.extAt + 0x200, text.length);
        MtkRomLayout l = analyze(d);
        assertEquals(4, l.images().size());
        assertFalse(codes(l).contains("gfh-invalid"));
    }

    @Test
    void badJumpWordIsAWarning() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        le(d).putInt((int) s.romAt + 0x38 + 0x130 + 0x7C + 0x24 + 0x98, 0x12345678);
        MtkRomLayout l = analyze(d);
        assertEquals(Severity.WARNING, only(l, "jump-not-code").severity());
    }
}
