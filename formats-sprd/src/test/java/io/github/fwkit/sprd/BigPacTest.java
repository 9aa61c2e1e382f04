package io.github.fwkit.sprd;

import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sprd.internal.Crc16;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code BP_R2.0.1} package larger than 4 GiB, built as a sparse file: the 4 GiB entry is a
 * hole, so the test needs a few KiB of disk. Entries after it have offsets above 4 GiB, which
 * exercises every high half.
 */
class BigPacTest {
    static final long BIG = (4L << 30) + 8192;

    @TempDir
    Path tmp;

    /** Writes header, table, a small blob, a 4 GiB hole, a small blob and the XML. */
    static Path build(Path file) throws IOException {
        byte[] a = "before the hole".getBytes(StandardCharsets.US_ASCII);
        byte[] c = "after the hole, above 4 GiB".getBytes(StandardCharsets.US_ASCII);
        byte[] xml = MiniPac.xmlFor("Big", "A", "Super", "C").getBytes(StandardCharsets.UTF_8);
        int n = 4;
        long start = 2124 + n * 2580L;
        long[] size = {a.length, BIG, c.length, xml.length};
        long[] off = new long[n];
        long pos = start;
        for (int i = 0; i < n; i++) {
            off[i] = pos;
            pos += size[i];
        }
        long total = pos;
        ByteBuffer h = ByteBuffer.allocate((int) start).order(ByteOrder.LITTLE_ENDIAN);
        MiniPac.utf16(h, 0, "BP_R2.0.1");
        h.putInt(44, (int) (total >>> 32)).putInt(48, (int) total);
        MiniPac.utf16(h, 52, "Big");
        h.putInt(1076, n).putInt(1080, 2124).putInt(2116, 0xFFFAFFFA);
        String[] ids = {"A", "Super", "C", ""};
        String[] names = {"a.bin", "super.img", "c.bin", "Big.xml"};
        for (int i = 0; i < n; i++) {
            int e = 2124 + i * 2580;
            h.putInt(e, 2580);
            MiniPac.utf16(h, e + 4, ids[i]);
            MiniPac.utf16(h, e + 516, names[i]);
            h.putInt(e + 1532, (int) (size[i] >>> 32)).putInt(e + 1536, (int) (off[i] >>> 32))
                    .putInt(e + 1540, (int) size[i]).putInt(e + 1544, i == 3 ? 2 : 1).putInt(e + 1552, (int) off[i]);
        }
        byte[] hb = h.array();
        int crc1 = MiniPac.crc16(hb, 0, 2120);
        // CRC2: table and A by the bit-wise definition; the hole's zeros by the combine law; then C and XML
        byte[] tableAndA = new byte[(int) (start - 2124) + a.length];
        System.arraycopy(hb, 2124, tableAndA, 0, (int) (start - 2124));
        System.arraycopy(a, 0, tableAndA, (int) (start - 2124), a.length);
        int crc2 = MiniPac.crc16(tableAndA, 0, tableAndA.length);
        crc2 = Crc16.combine(crc2, 0, BIG);
        byte[] tail = new byte[c.length + xml.length];
        System.arraycopy(c, 0, tail, 0, c.length);
        System.arraycopy(xml, 0, tail, c.length, xml.length);
        crc2 = Crc16.combine(crc2, MiniPac.crc16(tail, 0, tail.length), tail.length);
        h.putShort(2120, (short) crc1).putShort(2122, (short) crc2);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(hb), 0);
            ch.write(ByteBuffer.wrap(a), off[0]);
            ch.write(ByteBuffer.wrap(c), off[2]);
            ch.write(ByteBuffer.wrap(xml), off[3]);
        }
        return file;
    }

    @Test
    void readsVerifiesExtractsAndRepacksAbove4GiB() throws IOException {
        Path pacFile = build(tmp.resolve("big.pac"));
        try (Pac pac = Pac.open(pacFile)) {
            assertTrue(pac.header().isV2());
            assertTrue(pac.header().totalSize() > 1L << 32);
            PacEntry c = pac.entry("C").orElseThrow();
            assertTrue(c.offset() > 1L << 32, Long.toHexString(c.offset()));
            assertEquals(BIG, pac.entry("Super").orElseThrow().size());
            assertEquals("after the hole, above 4 GiB", new String(pac.blob(c).readBytes(0, (int) c.size()),
                    StandardCharsets.US_ASCII));
            PacReport r = pac.verify(ProgressListener.NONE);
            assertTrue(r.crcsMatch(), r.toString());
            assertFalse(r.hasProblems(), r.findings().toString());
            Path out = tmp.resolve("x");
            pac.extract(out, PacExtractOptions.DEFAULT.withSelect(List.of("C", "*.xml")), ProgressListener.NONE);
            assertEquals("after the hole, above 4 GiB", Files.readString(out.resolve("c.bin")));

            Path replacement = Files.writeString(tmp.resolve("c2.bin"), "replaced");
            PacWriteResult w = PacWriter.repack(pac).replace("C", replacement)
                    .write(tmp.resolve("big2.pac"), ProgressListener.NONE);
            assertEquals("BP_R2.0.1", w.version());
            assertEquals(pac.header().totalSize() - c.size() + 8, w.size());
        }
        // (the writer leaves all-zero buffers unwritten, so the copy stays a sparse file too)
        try (Pac pac = Pac.open(tmp.resolve("big2.pac"))) {
            PacReport r = pac.verify(ProgressListener.NONE);
            assertFalse(r.hasProblems(), r.findings().toString());
            assertEquals("replaced", new String(pac.blob(pac.entry("C").orElseThrow()).readBytes(0, 8),
                    StandardCharsets.US_ASCII));
        }
    }
}
