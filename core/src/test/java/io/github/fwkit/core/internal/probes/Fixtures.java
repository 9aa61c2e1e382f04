package io.github.fwkit.core.internal.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Minimal valid images of every probed format, built from the layouts in the specs (not from
 * the probes' constants), plus the offsets of their headers for targeted mutation.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** A fixture: its expected format, a builder, and where its header bytes lie. */
    record Fixture(String name, String format, Supplier<byte[]> build, List<Integer> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, Fixture> ALL = new LinkedHashMap<>();

    static {
        add("sparse", "android-sparse", Fixtures::sparse, 0);
        add("ext4", "ext4", () -> ext4("system", 0x4 | 0x8 | 0x20, 0x2 | 0x40 | 0x200, 0x1 | 0x2), 1024);
        add("pac-v1", "sprd-pac", () -> pac("BP_R1.0.0", "SC9863A", true), 0, 1024, 2048);
        add("pac-v2", "sprd-pac", () -> pac("BP_R2.0.1", "ums9230_6h10", true), 0, 1024, 2048);
        add("dhtb", "dhtb", () -> dhtb(bootV2()), 0);
        add("boot-v0-dt", "android-boot", Fixtures::bootV0LegacyDt, 0);
        add("boot-v2", "android-boot", Fixtures::bootV2, 0, 1536);
        add("boot-v4", "android-boot", Fixtures::bootV4, 0, 1536);
        add("vendor-boot-v4", "android-boot", Fixtures::vendorBootV4, 0, 2048);
        add("ubi", "ubi", Fixtures::ubi, 0);
        add("f2fs", "f2fs", Fixtures::f2fs, 0x400);
        add("erofs", "erofs", Fixtures::erofs, 0x400);
        add("super", "android-super", Fixtures::superImage, 4096, 8192, 12288, 12288 + 256);
        add("zip", "zip", Fixtures::zip, 0);
        add("mtk-readback", "mtk-readback", Fixtures::mtkReadback, 0, 0x200);
        add("mtk-gfh-rom", "mtk-gfh", Fixtures::gfhRom, 0);
        add("mtk-gfh-bl", "mtk-gfh", Fixtures::gfhBootloader, 0);
        add("avb-footer", "avb-footer", Fixtures::avbFooter, 0x3000 - 64, 0x2000);
    }

    private static void add(String name, String format, Supplier<byte[]> build, Integer... headers) {
        ALL.put(name, new Fixture(name, format, build, List.of(headers)));
    }

    static byte[] sparse() {
        return new Img(28).u32le(0, 0xED26FF3AL).u16le(4, 1).u16le(6, 0).u16le(8, 28).u16le(10, 12)
                .u32le(12, 4096).u32le(16, 2048).u32le(20, 6).bytes();
    }

    /** A 64 KiB ext2/3/4 with 1 KiB blocks; features decide which of the three it is. */
    static byte[] ext4(String label, long compat, long incompat, long roCompat) {
        Img img = new Img(64 * 1024);
        int sb = 1024;
        img.u32le(sb, 16).u32le(sb + 0x04, 64).u32le(sb + 0x14, 1).u32le(sb + 0x18, 0).u32le(sb + 0x1C, 0)
                .u32le(sb + 0x20, 8192).u32le(sb + 0x24, 8192).u32le(sb + 0x28, 16)
                .u16le(sb + 0x38, 0xEF53).u16le(sb + 0x3A, 1).u32le(sb + 0x4C, 1).u32le(sb + 0x54, 11)
                .u16le(sb + 0x58, 256).u32le(sb + 0x5C, compat).u32le(sb + 0x60, incompat).u32le(sb + 0x64, roCompat)
                .bytes(sb + 0x68, new byte[] {0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x44, 0x44,
                    0x55, 0x55, 0x55, 0x55, 0x55, 0x55})
                .ascii(sb + 0x78, label).ascii(sb + 0x88, "/system");
        return img.bytes();
    }

    /** A PAC with two entries (an image and the XML), laid out as Unisoc's packer does. */
    static byte[] pac(String version, String product, boolean magic) {
        byte[] image = "raw image bytes".getBytes(StandardCharsets.US_ASCII);
        byte[] xml = ("<BMAConfig><ProductList><Product name=\"" + product + "\"/></ProductList></BMAConfig>")
                .getBytes(StandardCharsets.US_ASCII);
        int table = 2124;
        int entries = 2;
        int data = table + entries * 2580;
        int size = data + image.length + xml.length;
        Img img = new Img(size).utf16le(0, version).u32le(44, 0).u32le(48, size).utf16le(52, product)
                .utf16le(564, "MOCOR5_Trunk_W21.45.1").u32le(1076, entries).u32le(1080, table).u32le(1088, 1);
        if (magic) {
            img.u32le(2116, 0xFFFAFFFAL);
        }
        int e = table;
        img.u32le(e, 2580).utf16le(e + 4, "System").utf16le(e + 516, "system.img").u32le(e + 1540, image.length)
                .u32le(e + 1544, 1).u32le(e + 1552, data);
        e += 2580;
        img.u32le(e, 2580).utf16le(e + 516, product + ".xml").u32le(e + 1540, xml.length).u32le(e + 1544, 2)
                .u32le(e + 1552, data + image.length);
        return img.bytes(data, image).bytes(data + image.length, xml).bytes();
    }

    static byte[] dhtb(byte[] payload) {
        int padded = (payload.length + 15) / 16 * 16;
        Img img = new Img(512 + padded).ascii(0, "DHTB").u32le(4, 1).u64le(40, 0x9F000000L).u32le(48, padded)
                .bytes(512, payload);
        for (int i = 0; i < 32; i++) {
            img.u8(8 + i, i + 1);
        }
        return img.bytes();
    }

    /** Header v2 with 2 KiB pages: kernel 3000 bytes, ramdisk 1000, dtb 100. */
    static byte[] bootV2() {
        int page = 2048;
        Img img = new Img(page * 5).ascii(0, "ANDROID!").u32le(8, 3000).u32le(12, 0x10008000).u32le(16, 1000)
                .u32le(20, 0x11000000).u32le(24, 0).u32le(32, 0x10000100).u32le(0x24, page).u32le(0x28, 2)
                // Android 11.0.0, patch level 2021-05.
                .u32le(0x2C, (11L << 25 | 0L << 18 | 0L << 11) | (21L << 4 | 5))
                .ascii(0x30, "SRPTH24A001").ascii(0x40, "console=ttyS1,115200n8 buildvariant=user")
                .u32le(1632, 0).u32le(1644, 1660).u32le(1648, 100);
        return img.bytes();
    }

    /** An old Qualcomm-style v0 header whose word at 0x28 is a dt_size. */
    static byte[] bootV0LegacyDt() {
        int page = 2048;
        return new Img(page * 4).ascii(0, "ANDROID!").u32le(8, 2048).u32le(16, 2048).u32le(0x24, page)
                .u32le(0x28, 0x1000).ascii(0x30, "msm8916").bytes();
    }

    static byte[] bootV4() {
        return new Img(4096 * 4).ascii(0, "ANDROID!").u32le(8, 5000).u32le(12, 100).u32le(16, 13L << 25 | (23L << 4 | 2))
                .u32le(20, 1584).u32le(40, 4).u32le(1580, 0).bytes();
    }

    static byte[] vendorBootV4() {
        int page = 4096;
        return new Img(page * 5).ascii(0, "VNDRBOOT").u32le(8, 4).u32le(12, page).u32le(24, 3000)
                .ascii(28, "androidboot.hardware=qcom").ascii(2080, "vendor_name").u32le(2096, 2128).u32le(2100, 500)
                .u32le(2112, 108).u32le(2116, 1).u32le(2120, 108).u32le(2124, 0).bytes();
    }

    static byte[] ubi() {
        Img img = new Img(4096).ascii(0, "UBI#").u8(4, 1).u64be(8, 7).u32be(16, 2048).u32be(20, 4096)
                .u32be(24, 0x1234ABCDL);
        CRC32 crc = new CRC32();
        crc.update(img.b, 0, 60);
        // UBI's CRC is seeded with ones but not inverted at the end.
        return img.u32be(60, ~crc.getValue() & 0xffffffffL).bytes();
    }

    static byte[] f2fs() {
        int sb = 0x400;
        return new Img(8192).u32le(sb, 0xF2F52010L).u16le(sb + 4, 1).u16le(sb + 6, 16).u32le(sb + 8, 9)
                .u32le(sb + 12, 3).u32le(sb + 16, 12).u32le(sb + 20, 9).u64le(sb + 36, 65536)
                .fill(sb + 108, 16, 0xAB).utf16le(sb + 124, "userdata").bytes();
    }

    static byte[] erofs() {
        int sb = 0x400;
        return new Img(8192).u32le(sb, 0xE0F5E1E2L).u8(sb + 12, 12).u16le(sb + 14, 36).u64le(sb + 16, 1234)
                .u64le(sb + 24, 1_700_000_000L).u32le(sb + 36, 2000).fill(sb + 48, 16, 0x5A)
                .ascii(sb + 64, "vendor").bytes();
    }

    /** A super image with one A/B metadata slot pair, two partitions, one block device "super". */
    static byte[] superImage() {
        int geometry = 4096;
        Img img = new Img(16384).u32le(geometry, 0x616C4467L).u32le(geometry + 4, 52).u32le(geometry + 40, 65536)
                .u32le(geometry + 44, 2).u32le(geometry + 48, 4096);
        byte[] g = Arrays.copyOfRange(img.b, geometry, geometry + 52);
        img.bytes(geometry + 8, sha256(g));
        img.bytes(geometry + 4096, Arrays.copyOfRange(img.b, geometry, geometry + 52));

        int header = 12288;
        int headerSize = 256;
        int tables = header + headerSize;
        int partitions = 0;
        int devices = 2 * 52;
        int tablesSize = devices + 64;
        img.u32le(header, 0x414C5030L).u16le(header + 4, 10).u16le(header + 6, 2).u32le(header + 8, headerSize)
                .u32le(header + 44, tablesSize)
                .u32le(header + 80, partitions).u32le(header + 84, 2).u32le(header + 88, 52)
                .u32le(header + 116, devices).u32le(header + 120, 1).u32le(header + 124, 64);
        img.ascii(tables + partitions, "system_a").ascii(tables + partitions + 52, "vendor_a");
        img.u64le(tables + devices, 2048).u32le(tables + devices + 8, 1 << 20).u64le(tables + devices + 16, 4L << 30)
                .ascii(tables + devices + 24, "super");
        return img.bytes();
    }

    static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("firmware/readme.txt"));
            z.write("hello, firmware\n".repeat(50).getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Header block as in the mtk corpus README's composed readback, in a 16 KiB buffer. */
    static byte[] mtkReadback() {
        return mtkHeaderBlock(new Img(0x4000).fill(0, 0x4000, 0xFF)).bytes();
    }

    static Img mtkHeaderBlock(Img img) {
        img.fill(0, 0x400, 0).ascii(0, "SF_BOOT").u32le(0x0C, 1).u32le(0x10, 0x200)
                .ascii(0x200, "BRLYT").u32le(0x208, 1).u32le(0x20C, 0x800).u32le(0x210, 0x1CF20)
                .u32le(0x214, 0x42424242L).u8(0x218, 7).u16le(0x21A, 1).u32le(0x21C, 0x800).u32le(0x220, 0x2468)
                .u32le(0x224, 1)
                .u32le(0x228, 0x42424242L).u8(0x22C, 7).u16le(0x22E, 2).u32le(0x230, 0x3000).u32le(0x234, 0x1CF20)
                .u32le(0x238, 0);
        return img;
    }

    /** FILE_INFO of a ROM like the corpus one, in an image exactly file_len long. */
    static byte[] gfhRom() {
        return gfh(0x2000, 0x0100, 0, 0x10020000L, 0x368, 0, 0x368, 3);
    }

    static byte[] gfhBootloader() {
        return gfh(0x1C68, 0x0001, 1, 0x70006000L, 0x140, 0x20, 0x140, 1);
    }

    static byte[] gfh(int fileLen, int type, int sigType, long load, int content, int sigLen, int jump, int attr) {
        return new Img(fileLen).ascii(0, "MMM").u8(3, 1).u16le(4, 0x38).u16le(6, 0).ascii(8, "FILE_INFO")
                .u32le(0x14, 1).u16le(0x18, type).u8(0x1A, 7).u8(0x1B, sigType).u32le(0x1C, load)
                .u32le(0x20, fileLen).u32le(0x24, 0xFFFFFFFFL).u32le(0x28, content).u32le(0x2C, sigLen)
                .u32le(0x30, jump).u32le(0x34, attr).bytes();
    }

    /** 8 KiB of "filesystem", vbmeta at 0x2000, footer in the last 64 bytes of 12 KiB. */
    static byte[] avbFooter() {
        int size = 0x3000;
        int f = size - 64;
        return new Img(size).ascii(0x2000, "AVB0").ascii(f, "AVBf").u32be(f + 4, 1).u32be(f + 8, 0)
                .u64be(f + 12, 0x2000).u64be(f + 20, 0x2000).u64be(f + 28, 0x440).bytes();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
