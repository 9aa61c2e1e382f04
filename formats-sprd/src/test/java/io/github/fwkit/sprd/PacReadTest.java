package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.UnsupportedFormatException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacReadTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MiniPac sample() {
        MiniPac m = new MiniPac();
        m.file("FDL", "fdl1-sign.bin", bytes("FDL1 payload")).addrs = new long[] {0x5000};
        m.file("FDL2", "fdl2-sign.bin", bytes("FDL2 payload!")).flag = 0x101;
        m.operation("EraseUBOOT");
        m.file("System", "system.img", bytes("system contents"));
        m.file("UserData", "", null);
        m.xml(MiniPac.xmlFor("TestProduct", "FDL", "FDL2", "EraseUBOOT", "System", "UserData", "Boot"));
        return m;
    }

    /** A header written field by field at the offsets of the spec's table, no builder involved. */
    @Test
    void goldenHeaderV2() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2124 + 2580 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, "BP_R2.0.1".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(44, 0).putInt(48, b.capacity());
        b.put(52, "P".getBytes(StandardCharsets.UTF_16LE));
        b.put(564, "V".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(1076, 1).putInt(1080, 2124).putInt(1084, 1).putInt(1088, 1).putInt(1092, 3).putInt(1096, 1)
                .putInt(1100, 7).putInt(1304, 8).putInt(1308, 9).putInt(1312, 10);
        b.put(1104, "Alias".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(2116, 0xFFFAFFFA);
        b.putInt(2124, 2580);
        b.put(2124 + 516, "P.xml".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(2124 + 1540, 4).putInt(2124 + 1544, 2).putInt(2124 + 1552, 2124 + 2580);
        b.put(2124 + 2580, bytes("<a/>"));
        byte[] a = b.array();
        a[2120] = (byte) MiniPac.crc16(a, 0, 2120);
        a[2121] = (byte) (MiniPac.crc16(a, 0, 2120) >>> 8);
        int c2 = MiniPac.crc16(a, 2124, a.length - 2124);
        a[2122] = (byte) c2;
        a[2123] = (byte) (c2 >>> 8);
        try (Pac pac = Pac.read(ImageReader.of(a))) {
            PacHeader h = pac.header();
            assertEquals("BP_R2.0.1", h.version());
            assertTrue(h.isV2());
            assertEquals(a.length, h.totalSize());
            assertEquals("P", h.productName());
            assertEquals("V", h.productVersion());
            assertEquals(1, h.fileCount());
            assertEquals(2124, h.tableOffset());
            assertEquals(1, h.mode());
            assertEquals(1, h.flashType());
            assertEquals(3, h.nandStrategy());
            assertEquals(1, h.nvBackup());
            assertEquals(7, h.nandPageType());
            assertEquals("Alias", h.productAlias());
            assertEquals(8, h.omaDmProductFlag());
            assertEquals(9, h.omaDm());
            assertEquals(10, h.preload());
            assertTrue(h.hasMagic());
            PacEntry x = pac.configEntry();
            assertEquals("P.xml", x.name());
            assertEquals(4, x.size());
            assertEquals(2124 + 2580, x.offset());
            assertEquals(PacEntry.Kind.CONFIG, pac.kind(x));
            // "<a/>" parses as XML but has no product named P
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("product-name")), pac.findings().toString());
            PacReport r = pac.verify(ProgressListener.NONE);
            assertTrue(r.crcsMatch(), r.toString());
        }
    }

    @Test
    void readsEntriesAndJoinsTheXml() throws IOException {
        try (Pac pac = Pac.read(ImageReader.of(sample().build()))) {
            List<PacEntry> e = pac.entries();
            assertEquals(6, e.size());
            assertEquals("FDL", e.get(0).id());
            assertEquals("fdl1-sign.bin", e.get(0).name());
            assertEquals(List.of(0x5000L), e.get(0).addresses());
            assertEquals(0x101, e.get(1).fileFlag());
            assertEquals(PacEntry.Kind.OPERATION, pac.kind(e.get(2)));
            assertEquals(0, e.get(2).size());
            assertEquals(PacEntry.Kind.FILE, pac.kind(e.get(3)));
            assertEquals("system.img", e.get(3).outputName());
            assertEquals(PacEntry.Kind.OPERATION, pac.kind(e.get(4)));
            assertEquals("TestProduct.xml", pac.configEntry().name());
            PacConfig c = pac.config().orElseThrow();
            assertEquals("TestProduct", c.products().get(0).name());
            assertEquals("1200", c.products().get(0).partitions().get(0).size());
            assertEquals(0xFFFFFFFFL, PacConfig.number(c.products().get(0).partitions().get(1).size()).getAsLong());
            assertEquals("CODE2", pac.configRow(e.get(3)).orElseThrow().type());
            assertTrue(pac.configRow(e.get(0)).orElseThrow().isFdl());
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("xml-row-missing")
                    && f.message().contains("Boot")), pac.findings().toString());
            assertFalse(pac.findings().stream().anyMatch(f -> f.severity() != PacFinding.Severity.INFO),
                    pac.findings().toString());
            assertEquals("system contents", new String(pac.blob(e.get(3)).readBytes(0, 15), StandardCharsets.US_ASCII));
            PacReport r = pac.verify(ProgressListener.NONE);
            assertFalse(r.hasProblems(), r.findings().toString());
        }
    }

    @Test
    void productPrefixAndSelection() throws IOException {
        MiniPac m = sample();
        m.product = "PAC_TestProduct";
        try (Pac pac = Pac.read(ImageReader.of(m.build()))) {
            assertFalse(pac.findings().stream().anyMatch(f -> f.code().equals("product-name")));
            assertEquals(List.of(3), pac.select(List.of("system")).stream().map(PacEntry::index).toList());
            assertEquals(List.of(0, 1), pac.select(List.of("fdl*.bin")).stream().map(PacEntry::index).toList());
            assertEquals(List.of(1, 3), pac.select(List.of("System", "FDL?")).stream().map(PacEntry::index).toList());
            assertThrows(IllegalArgumentException.class, () -> pac.select(List.of("nothing")));
        }
    }

    @Test
    void duplicateNamesAreNumberedLikeUnisoc() throws IOException {
        MiniPac m = new MiniPac();
        m.file("A", "logo.bmp", bytes("1"));
        m.file("B", "LOGO.bmp", bytes("2"));
        m.file("C", "logo.bmp", bytes("3"));
        m.file("D", "logo.bmp(1)", bytes("4"));
        m.xml(MiniPac.xmlFor("TestProduct", "A", "B", "C", "D"));
        try (Pac pac = Pac.read(ImageReader.of(m.build()))) {
            assertEquals(List.of("logo.bmp", "LOGO.bmp(1)", "logo.bmp(2)", "logo.bmp(1)(1)", "TestProduct.xml"),
                    pac.entries().stream().map(PacEntry::outputName).toList());
            assertEquals(3, pac.findings().stream().filter(f -> f.code().equals("duplicate-name")).count());
            assertEquals(2, pac.placeholderEntry("logo.bmp(2).flag").orElseThrow().index());
            assertEquals(0, pac.placeholderEntry("LOGO.BMP.flag").orElseThrow().index());
            assertEquals(3, pac.placeholderEntry("logo.bmp(1).flag").orElseThrow().index());
        }
    }

    @Test
    void otherFilesWithoutIdAreListedAndExtracted() throws IOException {
        MiniPac m = sample();
        // the GUI packer appends extras with an empty ID before the XML
        m.rows.add(m.rows.size() - 1, new MiniPac.Row("", "udisk_img_b64k_p2k.bin", bytes("udisk"), 1));
        try (Pac pac = Pac.read(ImageReader.of(m.build()))) {
            PacEntry extra = pac.entries().get(5);
            assertEquals("", extra.id());
            assertEquals(PacEntry.Kind.FILE, pac.kind(extra));
            assertTrue(pac.configRow(extra).isEmpty());
            assertEquals("udisk_img_b64k_p2k.bin", extra.outputName());
            assertEquals(List.of(5), pac.select(List.of("udisk*")).stream().map(PacEntry::index).toList());
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems());
        }
    }

    @Test
    void encryptedTableTestVector() throws IOException {
        MiniPac m = sample();
        m.version = "BP_R2.0.1";
        m.encrypt = true;
        byte[] a = m.build();
        // dwSize 2580 = 14 0A 00 00 scrambles to EC F2 F8 F8 (spec section 7)
        assertEquals(List.of((byte) 0xEC, (byte) 0xF2, (byte) 0xF8, (byte) 0xF8),
                List.of(a[2124], a[2125], a[2126], a[2127]));
        try (Pac pac = Pac.read(ImageReader.of(a))) {
            assertTrue(pac.header().isEncrypted());
            assertEquals("system.img", pac.entries().get(3).name());
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems());
        }
        FormatException e = assertThrows(FormatException.class,
                () -> Pac.read(ImageReader.of(a), PacReadOptions.STRICT.withKey(0x12345678)));
        assertTrue(e.getMessage().contains("wFTCRC"), e.getMessage());
    }

    @Test
    void zipPacIsNamed() {
        byte[] zip = new byte[4000];
        zip[0] = 'P';
        zip[1] = 'K';
        zip[2] = 3;
        zip[3] = 4;
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Pac.read(ImageReader.of(zip)));
        assertTrue(e.getMessage().contains("ZIP"), e.getMessage());
    }

    @Test
    void strictRefusesWhatUnisocRefuses() {
        MiniPac wrongVersion = sample();
        wrongVersion.version = "BP_R3.0.0";
        assertThrows(UnsupportedFormatException.class, () -> Pac.read(ImageReader.of(wrongVersion.build())));

        MiniPac truncated = sample();
        truncated.totalOverride = 999999L;
        FormatException e = assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(truncated.build())));
        assertEquals("/pac/header/dwHiSize:dwLoSize", e.path());

        MiniPac badRecord = sample();
        badRecord.rows.get(2).recordSize = 2576;
        e = assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(badRecord.build())));
        assertEquals("/pac/entries[2]/dwSize", e.path());
        assertEquals(2124 + 2 * 2580, e.offset());

        MiniPac beyond = sample();
        beyond.rows.get(3).sizeOverride = 1L << 40;
        e = assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(beyond.build())));
        assertEquals("/pac/entries[3]/size", e.path());

        MiniPac inTable = sample();
        inTable.rows.get(3).offsetOverride = 100L;
        e = assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(inTable.build())));
        assertEquals("/pac/entries[3]/offset", e.path());

        MiniPac tableOffset = sample();
        tableOffset.tableOffset = 4;
        assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(tableOffset.build())));
    }

    @Test
    void structuralFailuresAlwaysThrow() {
        MiniPac zero = sample();
        zero.countOverride = 0;
        assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(zero.build()), PacReadOptions.LENIENT));
        MiniPac negative = sample();
        negative.countOverride = -5;
        assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(negative.build()), PacReadOptions.LENIENT));
        MiniPac huge = sample();
        huge.countOverride = 5000;
        assertThrows(LimitExceededException.class, () -> Pac.read(ImageReader.of(huge.build()), PacReadOptions.LENIENT));
        MiniPac past = sample();
        past.countOverride = 900;
        FormatException e = assertThrows(FormatException.class,
                () -> Pac.read(ImageReader.of(past.build()), PacReadOptions.LENIENT));
        assertEquals("/pac/table", e.path());
        assertThrows(FormatException.class, () -> Pac.read(ImageReader.of(new byte[2000]), PacReadOptions.LENIENT));
    }

    @Test
    void lenientReportsAndSalvages() throws IOException {
        MiniPac m = sample();
        m.totalOverride = 1L << 33;
        m.version = "BP_R2.0.1";
        m.rows.get(1).sizeOverride = 1L << 32;
        try (Pac pac = Pac.read(ImageReader.of(m.build()), PacReadOptions.LENIENT)) {
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("size")));
            assertFalse(pac.entries().get(1).intact());
            assertTrue(pac.entries().get(3).intact());
            assertThrows(FormatException.class, () -> pac.blob(pac.entries().get(1)));
        }
    }

    @Test
    void nonCanonicalLayoutIsReported() throws IOException {
        MiniPac m = sample();
        byte[] a = m.build();
        // swap the offsets of FDL and FDL2: both still inside the file, CRC2 still passes
        MiniPac swapped = sample();
        long o0 = 2124 + 6 * 2580;
        swapped.rows.get(0).offsetOverride = o0 + 12;
        swapped.rows.get(0).sizeOverride = 12L;
        swapped.rows.get(1).offsetOverride = o0;
        swapped.rows.get(1).sizeOverride = 13L;
        try (Pac pac = Pac.read(ImageReader.of(swapped.build()))) {
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("non-contiguous")));
            assertTrue(pac.findings().stream().anyMatch(f -> f.code().equals("overlap")));
            assertTrue(pac.verify(ProgressListener.NONE).hasProblems());
        }
        try (Pac pac = Pac.read(ImageReader.of(a))) {
            assertFalse(pac.verify(ProgressListener.NONE).hasProblems());
        }
    }

    @Test
    void crcDamageIsFound() throws IOException {
        byte[] a = sample().build();
        a[a.length - 20] ^= 1;
        try (Pac pac = Pac.read(ImageReader.of(a))) {
            PacReport r = pac.verify(ProgressListener.NONE);
            assertTrue(r.hasErrors());
            assertEquals("body-crc", r.findings().get(0).code());
        }
        byte[] b = sample().build();
        b[600] ^= 1; // inside the product version field
        try (Pac pac = Pac.read(ImageReader.of(b))) {
            assertEquals("header-crc", pac.verify(ProgressListener.NONE).findings().get(0).code());
        }
        MiniPac noMagic = sample();
        noMagic.magic = false;
        noMagic.computeCrcs = false;
        try (Pac pac = Pac.read(ImageReader.of(noMagic.build()))) {
            PacReport r = pac.verify(ProgressListener.NONE);
            assertFalse(r.hasErrors());
            assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("no-magic")));
        }
    }
}
