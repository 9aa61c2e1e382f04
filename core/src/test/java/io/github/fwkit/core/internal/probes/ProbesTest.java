package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each probe against headers built from the specs: what it finds, and how sure it is. */
class ProbesTest {

    static Detection detect(byte[] image, String format) throws IOException {
        List<Detection> all = Formats.detect(ImageReader.of(image));
        return all.stream().filter(d -> d.format().equals(format)).findFirst()
                .orElseThrow(() -> new AssertionError(format + " not detected; got " + all));
    }

    static void assertContains(Detection d, String... parts) {
        for (String part : parts) {
            assertTrue(d.summary().contains(part), () -> "expected \"" + part + "\" in: " + d.summary());
        }
    }

    static Collection<Fixtures.Fixture> fixtures() {
        return Fixtures.ALL.values();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureIsRankedFirstAsItsFormat(Fixtures.Fixture f) throws IOException {
        List<Detection> all = Formats.detect(ImageReader.of(f.build().get()));
        assertFalse(all.isEmpty(), f.name());
        assertEquals(f.format(), all.get(0).format(), () -> f.name() + ": " + all);
        assertTrue(all.get(0).strength() >= 90, () -> f.name() + ": " + all);
    }

    @Nested
    class AndroidSparse {
        @Test
        void saneHeader() throws IOException {
            Detection d = detect(Fixtures.sparse(), "android-sparse");
            assertEquals(100, d.strength());
            assertContains(d, "sparse v1.0", "block size 4096", "2048 blocks", "expands to 8.0 MiB", "6 chunks");
            assertFalse(d.summary().contains("header sizes"), d.summary());
        }

        @Test
        void samsungHeaderSizesAreReported() throws IOException {
            byte[] b = Arrays.copyOf(Fixtures.sparse(), 32);
            new Img(b).u16le(8, 32).u16le(10, 16);
            Detection d = detect(b, "android-sparse");
            assertEquals(100, d.strength());
            assertContains(d, "header sizes 32/16");
        }

        @Test
        void insaneHeaderIsWeaker() throws IOException {
            Detection major = detect(new Img(Fixtures.sparse()).u16le(4, 2).bytes(), "android-sparse");
            assertTrue(major.strength() < 100);
            assertContains(major, "major version 2");
            Detection block = detect(new Img(Fixtures.sparse()).u32le(12, 4097).bytes(), "android-sparse");
            assertTrue(block.strength() < 100);
            assertContains(block, "4097 is not a positive multiple of 4");
            Detection small = detect(new Img(Fixtures.sparse()).u16le(10, 8).bytes(), "android-sparse");
            assertContains(small, "chunk header size 8 below 12");
        }

        @Test
        void truncatedHeader() throws IOException {
            Detection d = detect(Arrays.copyOf(Fixtures.sparse(), 10), "android-sparse");
            assertTrue(d.strength() <= 20);
            assertContains(d, "only 10 bytes");
        }

        @Test
        void maximalFieldsDoNotOverflow() throws IOException {
            Detection d = detect(new Img(Fixtures.sparse()).u32le(12, 0xFFFFFFFCL).u32le(16, 0xFFFFFFFFL).bytes(),
                    "android-sparse");
            assertContains(d, "4294967295 blocks", "EiB");
        }
    }

    @Nested
    class Ext4 {
        @Test
        void ext4() throws IOException {
            Detection d = detect(Fixtures.ext4("system", 0x4 | 0x8 | 0x20, 0x2 | 0x40 | 0x200, 0x3), "ext4");
            assertEquals(100, d.strength());
            assertContains(d, "ext4", "label \"system\"", "block size 1024", "64 blocks (64.0 KiB)", "16 inodes",
                    "UUID 11111111-2222-3333-4444-555555555555", "last mounted on \"/system\"");
            assertFalse(d.summary().contains("image has only"), d.summary());
        }

        @Test
        void ext3AndExt2ByFeatures() throws IOException {
            assertTrue(detect(Fixtures.ext4("", 0x4 | 0x8, 0x2, 0x3), "ext4").summary().startsWith("ext3"));
            assertTrue(detect(Fixtures.ext4("", 0x8, 0x2, 0x3), "ext4").summary().startsWith("ext2"));
            // huge_file alone is something ext3 cannot mount.
            assertTrue(detect(Fixtures.ext4("", 0x4, 0x2, 0x8), "ext4").summary().startsWith("ext4"));
        }

        @Test
        void blocksHighHalfOnlyWith64bit() throws IOException {
            byte[] b = Fixtures.ext4("big", 0, 0x2 | 0x40 | 0x80, 0);
            new Img(b).u32le(1024 + 0x150, 1);
            Detection d = detect(b, "ext4");
            assertContains(d, "4294967360 blocks (4.0 TiB)", "image has only 64.0 KiB of the filesystem");

            byte[] no64 = Fixtures.ext4("big", 0, 0x2 | 0x40, 0);
            new Img(no64).u32le(1024 + 0x150, 1);
            assertContains(detect(no64, "ext4"), "64 blocks");
        }

        @Test
        void insaneSuperblockIsWeaker() throws IOException {
            byte[] b = Fixtures.ext4("x", 0, 0x2, 0);
            new Img(b).u32le(1024 + 0x18, 7);
            Detection d = detect(b, "ext4");
            assertEquals(50, d.strength());
            assertContains(d, "s_log_block_size 7 above 6");

            byte[] inode = Fixtures.ext4("x", 0, 0x2, 0);
            new Img(inode).u16le(1024 + 0x58, 200);
            assertContains(detect(inode, "ext4"), "inode size 200");
        }

        @Test
        void hostileLabelIsEscaped() throws IOException {
            byte[] b = Fixtures.ext4("", 0, 0x2, 0);
            new Img(b).bytes(1024 + 0x78, new byte[] {'a', 0x1b, '[', '2', 'J', '"', (byte) 0xff, 'z'});
            Detection d = detect(b, "ext4");
            assertContains(d, "label \"a\\x1b[2J\\\"\\xffz\"");
            byte[] bidi = Fixtures.ext4("", 0, 0x2, 0);
            new Img(bidi).bytes(1024 + 0x78, "ab\u202Ecd\n".getBytes(StandardCharsets.UTF_8));
            assertContains(detect(bidi, "ext4"), "label \"ab\\u202ecd\\u000a\"");
        }

        @Test
        void imageEndingInsideTheSuperblock() throws IOException {
            Detection d = detect(Arrays.copyOf(Fixtures.ext4("x", 0, 0x2, 0), 1024 + 0x100), "ext4");
            assertEquals(30, d.strength());
            assertContains(d, "ends inside the superblock");
        }
    }

    @Nested
    class SprdPac {
        @Test
        void v1WithMagic() throws IOException {
            byte[] b = Fixtures.pac("BP_R1.0.0", "SC9863A", true);
            Detection d = detect(b, "sprd-pac");
            assertEquals(100, d.strength());
            assertContains(d, "PAC \"BP_R1.0.0\"", "product \"SC9863A\"", "version \"MOCOR5_Trunk_W21.45.1\"",
                    "2 files incl. XML", "as declared");
        }

        @Test
        void v2DeclaringMoreThanFourGiBButTruncated() throws IOException {
            byte[] b = Fixtures.pac("BP_R2.0.1", "ums9230", true);
            new Img(b).u32le(44, 1);
            Detection d = detect(b, "sprd-pac");
            assertEquals(100, d.strength());
            assertContains(d, "declared 4.0 GiB (" + (4294967296L + b.length) + " bytes) but the file has", ": truncated");
        }

        @Test
        void rankingVersionMagic() throws IOException {
            assertEquals(70, detect(Fixtures.pac("BP_R2.0.1", "p", false), "sprd-pac").strength());
            Detection magicOnly = detect(Fixtures.pac("XX_R9", "p", true), "sprd-pac");
            assertEquals(50, magicOnly.strength());
            assertContains(magicOnly, "unknown version string");
            List<Detection> neither = Formats.detect(ImageReader.of(Fixtures.pac("XX_R9", "p", false)));
            assertTrue(neither.stream().noneMatch(d -> d.format().equals("sprd-pac")), neither::toString);
        }

        @Test
        void inconsistentTableLowersStrength() throws IOException {
            Detection zero = detect(new Img(Fixtures.pac("BP_R1.0.0", "p", true)).u32le(1076, 0).bytes(), "sprd-pac");
            assertEquals(70, zero.strength());
            assertContains(zero, "file count 0");
            Detection huge = detect(new Img(Fixtures.pac("BP_R1.0.0", "p", true)).u32le(1076, 500).bytes(), "sprd-pac");
            assertContains(huge, "file table runs past the end");
            Detection negative = detect(new Img(Fixtures.pac("BP_R1.0.0", "p", true)).u32le(1076, -1).bytes(),
                    "sprd-pac");
            assertContains(negative, "file count -1");
        }

        @Test
        void shorterThanHeaderIsNotAPac() throws IOException {
            byte[] b = Arrays.copyOf(Fixtures.pac("BP_R1.0.0", "p", true), 2123);
            assertTrue(Formats.detect(ImageReader.of(b)).isEmpty());
        }

        @Test
        void chineseProductNameKeptAndControlCharsEscaped() throws IOException {
            byte[] b = Fixtures.pac("BP_R1.0.0", "", true);
            new Img(b).utf16le(52, "展讯\u0007X");
            assertContains(detect(b, "sprd-pac"), "product \"展讯\\u0007X\"");
        }
    }

    @Nested
    class Dhtb {
        @Test
        void signedBootImage() throws IOException {
            Detection d = detect(Fixtures.dhtb(Fixtures.bootV2()), "dhtb");
            assertEquals(90, d.strength());
            assertContains(d, "DHTB signed-image header v1", "load address 0x9F000000", "payload SHA-256 present",
                    "payload is an Android boot image");
        }

        @Test
        void truncatedPayload() throws IOException {
            byte[] b = Fixtures.dhtb(Fixtures.bootV2());
            Detection d = detect(Arrays.copyOf(b, b.length - 100), "dhtb");
            assertEquals(50, d.strength());
            assertContains(d, "payload runs 100 B past the end");
        }

        @Test
        void shortFile() throws IOException {
            Detection d = detect("DHTB".getBytes(StandardCharsets.US_ASCII), "dhtb");
            assertEquals(30, d.strength());
        }
    }

    @Nested
    class AndroidBoot {
        @Test
        void v2() throws IOException {
            Detection d = detect(Fixtures.bootV2(), "android-boot");
            assertEquals(100, d.strength());
            assertContains(d, "boot/recovery image v2", "page size 2048", "kernel 2.9 KiB", "ramdisk 1000 B",
                    "dtb 100 B", "name \"SRPTH24A001\"", "OS 11.0.0", "patch level 2021-05",
                    "cmdline \"console=ttyS1,115200n8 buildvariant=user\"");
        }

        @Test
        void legacyDtSizeIsNotAVersion() throws IOException {
            Detection d = detect(Fixtures.bootV0LegacyDt(), "android-boot");
            assertEquals(100, d.strength());
            assertContains(d, "image v0", "0x28 = 0x1000 (dt_size?)", "name \"msm8916\"");
        }

        @Test
        void v4() throws IOException {
            Detection d = detect(Fixtures.bootV4(), "android-boot");
            assertEquals(100, d.strength());
            assertContains(d, "boot image v4", "page size 4096", "kernel 4.9 KiB", "OS 13.0.0", "patch level 2023-02");
        }

        @Test
        void vendorBoot() throws IOException {
            Detection d = detect(Fixtures.vendorBootV4(), "android-boot");
            assertEquals(100, d.strength());
            assertContains(d, "vendor_boot image v4", "page size 4096", "vendor ramdisk 2.9 KiB", "dtb 500 B",
                    "name \"vendor_name\"", "androidboot.hardware=qcom");
        }

        @Test
        void problems() throws IOException {
            Detection page = detect(new Img(Fixtures.bootV2()).u32le(0x24, 3000).bytes(), "android-boot");
            assertEquals(60, page.strength());
            assertContains(page, "page size 3000");
            Detection cut = detect(Arrays.copyOf(Fixtures.bootV2(), 4096), "android-boot");
            assertEquals(60, cut.strength());
            assertContains(cut, "before its last section");
            Detection header = detect(Arrays.copyOf(Fixtures.bootV2(), 1000), "android-boot");
            assertEquals(30, header.strength());
        }
    }

    @Nested
    class Ubi {
        @Test
        void header() throws IOException {
            Detection d = detect(Fixtures.ubi(), "ubi");
            assertEquals(100, d.strength());
            assertContains(d, "UBI erase-counter header v1", "erase count 7", "VID header at 0x800", "data at 0x1000",
                    "image sequence 0x1234ABCD");
        }

        @Test
        void badCrc() throws IOException {
            Detection d = detect(new Img(Fixtures.ubi()).u8(8, 1).bytes(), "ubi");
            assertEquals(50, d.strength());
            assertContains(d, "header CRC");
        }
    }

    @Nested
    class Filesystems {
        @Test
        void f2fs() throws IOException {
            Detection d = detect(Fixtures.f2fs(), "f2fs");
            assertEquals(100, d.strength());
            assertContains(d, "f2fs 1.16", "label \"userdata\"", "block size 4096", "65536 blocks (256.0 MiB)",
                    "UUID abababab-abab-abab-abab-abababababab");
            Detection bad = detect(new Img(Fixtures.f2fs()).u32le(0x400 + 16, 30).bytes(), "f2fs");
            assertEquals(50, bad.strength());
        }

        @Test
        void erofs() throws IOException {
            Detection d = detect(Fixtures.erofs(), "erofs");
            assertEquals(100, d.strength());
            assertContains(d, "EROFS", "label \"vendor\"", "block size 4096", "2000 blocks (7.8 MiB)", "1234 inodes",
                    "built 2023-11-14T22:13:20Z");
            Detection bad = detect(new Img(Fixtures.erofs()).u8(0x400 + 12, 40).bytes(), "erofs");
            assertEquals(50, bad.strength());
        }

        @Test
        void superImage() throws IOException {
            Detection d = detect(Fixtures.superImage(), "android-super");
            assertEquals(100, d.strength());
            assertContains(d, "2 metadata slots of up to 64.0 KiB", "logical block size 4096", "metadata 10.2",
                    "device \"super\" of 4.0 GiB", "2 partitions: system_a vendor_a");
            assertFalse(d.summary().contains("backup"), d.summary());
        }

        @Test
        void superGeometryChecksumIsVerified() throws IOException {
            byte[] b = Fixtures.superImage();
            new Img(b).u32le(4096 + 44, 3);
            Detection d = detect(b, "android-super");
            assertEquals(60, d.strength());
            assertContains(d, "geometry checksum mismatch", "backup geometry differs");
        }

        @Test
        void superWithoutMetadata() throws IOException {
            Detection d = detect(Arrays.copyOf(Fixtures.superImage(), 12288), "android-super");
            assertEquals(60, d.strength());
            assertContains(d, "no metadata header at 0x3000");
        }
    }

    @Nested
    class Zip {
        @Test
        void javaUtilZipOutput() throws IOException {
            Detection d = detect(Fixtures.zip(), "zip");
            assertEquals(90, d.strength());
            assertContains(d, "ZIP archive", "first entry \"firmware/readme.txt\" (deflated, sizes after the data)");
        }

        @Test
        void zipNamedPacIsAZipPac(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("Firmware.PAC");
            Files.write(file, Fixtures.zip());
            try (ImageReader r = ImageReader.openRaw(file)) {
                Detection d = Formats.detect(r).get(0);
                assertEquals("zip", d.format());
                assertContains(d, "ZIP-PAC");
            }
        }
    }

    @Nested
    class Mediatek {
        @Test
        void readbackHeaderBlock() throws IOException {
            Detection d = detect(Fixtures.mtkReadback(), "mtk-readback");
            assertEquals(100, d.strength());
            assertContains(d, "SF_BOOT v1", "BRLYT at 0x200", "boot region 0x800", "main region 0x1CF20",
                    "ARM_BL 0x800..0x2468, EXT_BL 0x3000..0x1CF20", "16.0 KiB (non-standard length)");
        }

        @Test
        void standardLength() throws IOException {
            Img img = Fixtures.mtkHeaderBlock(new Img(4 << 20));
            assertContains(detect(img.bytes(), "mtk-readback"), "4.0 MiB (standard length)");
        }

        @Test
        void damagedHeaderBlock() throws IOException {
            Detection noLayout = detect(new Img(Fixtures.mtkReadback()).ascii(0x200, "XXXXX").bytes(), "mtk-readback");
            assertEquals(60, noLayout.strength());
            assertContains(noLayout, "no BRLYT at 0x200");
            Detection badUnit = detect(new Img(Fixtures.mtkReadback()).u32le(0x10, 0x10).bytes(), "mtk-readback");
            assertEquals(50, badUnit.strength());
            Detection noLoader = detect(new Img(Fixtures.mtkReadback()).fill(0x214, 40, 0).bytes(), "mtk-readback");
            assertEquals(80, noLoader.strength());
            assertContains(noLoader, "BRLYT lists no bootloader");
        }

        @Test
        void gfhRom() throws IOException {
            Detection d = detect(Fixtures.gfhRom(), "mtk-gfh");
            assertEquals(100, d.strength());
            assertContains(d, "PRIMARY_MAUI (ROM)", "flash offset 0x20000", "load address 0x10020000",
                    "file_len 0x2000 (8.0 KiB)", "content at 0x368", "no signature", "device SF");
            assertFalse(d.summary().contains("truncated"), d.summary());
        }

        @Test
        void gfhBootloaderRunsFromSram() throws IOException {
            Detection d = detect(Fixtures.gfhBootloader(), "mtk-gfh");
            assertEquals(100, d.strength());
            assertContains(d, "ARM_BL (BOOTLOADER)", "flash offset from BRLYT", "load address 0x70006000", "PHASH");
        }

        @Test
        void gfhBuildIntermediate() throws IOException {
            // Like the corpus upstream's 76-byte VIVA.bin: file_len unset, attr 2.
            byte[] b = Fixtures.gfh(76, 0x0108, 0, 0x101D64D0L, 0x38, 0, 0, 2);
            new Img(b).u32le(0x20, 0xFFFFFFFFL);
            Detection d = detect(b, "mtk-gfh");
            assertEquals(60, d.strength());
            assertContains(d, "VIVA", "file_len unset", "not post-built", "file_len 0xFFFFFFFF not in 1..0x80000000");
        }

        @Test
        void gfhTruncatedAndRules() throws IOException {
            Detection cut = detect(Arrays.copyOf(Fixtures.gfhRom(), 0x1000), "mtk-gfh");
            assertContains(cut, "truncated: file has 0x1000");
            Detection jump = detect(new Img(Fixtures.gfhRom()).u32le(0x30, 0x10).bytes(), "mtk-gfh");
            assertEquals(60, jump.strength());
            assertContains(jump, "jump_offset 0x10 outside the code");
            Detection unknown = detect(new Img(Fixtures.gfhRom()).u16le(0x18, 0x0777).bytes(), "mtk-gfh");
            assertContains(unknown, "FILE_0777");
            Detection custom = detect(new Img(Fixtures.gfhRom()).u16le(0x18, 0x0603).bytes(), "mtk-gfh");
            assertContains(custom, "CUSTOM_BIN_4");
        }
    }

    @Nested
    class AvbFooter {
        @Test
        void footer() throws IOException {
            byte[] b = Fixtures.avbFooter();
            Detection d = detect(b, "avb-footer");
            assertEquals(90, d.strength());
            assertEquals(b.length - 64, d.offset());
            assertContains(d, "AVB footer v1.0", "original image 8.0 KiB", "vbmeta at 0x2000 (1.1 KiB)");
        }

        @Test
        void inconsistentFooter() throws IOException {
            byte[] b = Fixtures.avbFooter();
            Detection past = detect(new Img(b.clone()).u64be(b.length - 64 + 20, 0x2F00).bytes(), "avb-footer");
            assertEquals(40, past.strength());
            assertContains(past, "vbmeta runs past the footer");
            Detection noMagic = detect(new Img(b.clone()).ascii(0x2000, "XXXX").bytes(), "avb-footer");
            assertContains(noMagic, "no AVB0 magic");
            Detection negative = detect(new Img(b.clone()).u64be(b.length - 64 + 28, -1).bytes(), "avb-footer");
            assertContains(negative, "vbmeta runs past the footer");
        }
    }
}
