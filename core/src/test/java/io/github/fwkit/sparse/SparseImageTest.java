package io.github.fwkit.sparse;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.testing.MalformedSparse;
import io.github.fwkit.testing.SparseBuilder;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparseImageTest {

    static List<MalformedSparse.Row> rows() {
        return MalformedSparse.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void strictReaderFollowsTheSpecTable(MalformedSparse.Row row) throws IOException {
        ImageReader in = ImageReader.of(row.bytes());
        if (row.strictAccepts()) {
            SparseImage img = SparseImage.read(in);
            assertEquals(row.expandedSize(), img.expandedSize());
            assertTrue(img.warnings().isEmpty());
            img.expanded().readBytes(0, (int) img.expandedSize());
        } else {
            FormatException e = assertThrows(FormatException.class, () -> SparseImage.read(in));
            assertEquals("android-sparse", e.format());
            assertTrue(e.getMessage().startsWith("android-sparse:"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void lenientReaderRepairsWhatItCan(MalformedSparse.Row row) throws IOException {
        ImageReader in = ImageReader.of(row.bytes());
        if (row.lenientAccepts()) {
            SparseImage img = SparseImage.read(in, SparseReadOptions.LENIENT);
            if (!row.strictAccepts()) {
                assertFalse(img.warnings().isEmpty(), "a repair must be reported");
            }
            img.expanded().readBytes(0, (int) img.expandedSize());
        } else {
            assertThrows(FormatException.class, () -> SparseImage.read(in, SparseReadOptions.LENIENT));
        }
    }

    @Test
    void expandsEveryChunkType() throws IOException {
        SparseBuilder b = new SparseBuilder(4096);
        byte[] raw = MalformedSparse.rawBlock(8192);
        b.raw(raw).fill(3, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}).crc(0).dontCare(2)
                .fill(1, new byte[4]);
        SparseImage img = SparseImage.read(ImageReader.of(b.build()));
        assertArrayEquals(b.expanded(), img.expanded().readBytes(0, (int) img.expandedSize()));
        assertEquals(5, img.chunks().size());
        SparseChunk fill = img.chunks().get(1);
        assertEquals(SparseChunk.Type.FILL, fill.type());
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, fill.fillBytes());
        assertEquals(2, fill.startBlock());
        assertEquals(0xefbeaddeL, fill.value() & 0xffffffffL);
        // a read that starts mid-pattern keeps the phase
        assertArrayEquals(new byte[] {(byte) 0xbe, (byte) 0xef, (byte) 0xde}, img.expanded().readBytes(8192 + 6, 3));
        List<Extent> ext = img.expanded().extents();
        assertEquals(List.of(new Extent(0, 5 * 4096, Extent.Kind.DATA), new Extent(5 * 4096, 3 * 4096, Extent.Kind.ZERO)),
                ext);
    }

    @Test
    void crcChunksAreCheckedOnlyOnRequest() throws IOException {
        SparseBuilder good = new SparseBuilder(4096);
        byte[] raw = MalformedSparse.rawBlock(4096);
        byte[] fillExp = new byte[8192];
        CRC32 crc = new CRC32();
        crc.update(raw);
        crc.update(fillExp);
        crc.update(new byte[4096]);
        good.raw(raw).fill(2, new byte[4]).dontCare(1).crc((int) crc.getValue());
        SparseImage.read(ImageReader.of(good.build()), SparseReadOptions.STRICT.withVerifyCrc(true));

        // libsparse's writer counts one block per FILL and no DONT_CARE: such a value must fail
        // verification but read fine by default
        CRC32 wrong = new CRC32();
        wrong.update(raw);
        wrong.update(new byte[4096]);
        SparseBuilder bad = new SparseBuilder(4096);
        bad.raw(raw).fill(2, new byte[4]).dontCare(1).crc((int) wrong.getValue());
        SparseImage.read(ImageReader.of(bad.build()));
        FormatException e = assertThrows(FormatException.class,
                () -> SparseImage.read(ImageReader.of(bad.build()), SparseReadOptions.STRICT.withVerifyCrc(true)));
        assertTrue(e.getMessage().contains("CRC32 chunk does not match"), e.getMessage());
    }

    @Test
    void errorsNameOffsetAndField() {
        SparseBuilder b = new SparseBuilder(4096);
        b.raw(MalformedSparse.rawBlock(4096)).rawChunk(0xCAC2, 1, 20, new byte[8]);
        FormatException e = assertThrows(FormatException.class, () -> SparseImage.read(ImageReader.of(b.build())));
        assertEquals(28 + 12 + 4096 + 8, e.offset());
        assertEquals("/sparse/chunks[1]/total_sz", e.path());
        assertTrue(e.getMessage().contains("0x1030"), e.getMessage());
    }

    @Test
    void chunkCountIsBoundedByFileSizeBeforeAllocating() {
        SparseBuilder b = new SparseBuilder(4096);
        b.dontCare(1);
        b.totalChunksOverride = 0xffffffffL;
        FormatException e = assertThrows(FormatException.class, () -> SparseImage.read(ImageReader.of(b.build())));
        assertEquals("/sparse/header/total_chunks", e.path());
    }

    @Test
    void chunkLimitIsAnOption() throws IOException {
        SparseBuilder b = new SparseBuilder(4096);
        for (int i = 0; i < 10; i++) {
            b.dontCare(1);
        }
        byte[] bytes = b.build();
        SparseImage.read(ImageReader.of(bytes), SparseReadOptions.STRICT.withMaxChunks(10));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> SparseImage.read(ImageReader.of(bytes), SparseReadOptions.STRICT.withMaxChunks(9)));
        assertEquals("maxChunks", e.limit());
    }

    @Test
    void matchesNeedsTheWholeHeader() throws IOException {
        byte[] b = new SparseBuilder(4096).dontCare(1).build();
        assertTrue(SparseImage.matches(ImageReader.of(b)));
        assertFalse(SparseImage.matches(ImageReader.of(Arrays.copyOf(b, 27))));
        assertFalse(SparseImage.matches(ImageReader.of(new byte[0])));
    }
}
