package io.github.fwkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The malformed-input table of the sparse spec (section 3.3): a base image and one variation per
 * row, with what fwkit's strict reader must do. {@code libsparseHeadRejects} says what AOSP HEAD
 * libsparse does; strict fwkit rejects those and a little more (unknown chunk types).
 */
public final class MalformedSparse {
    /** One row: the bytes, whether strict and lenient reading accept them, the expanded size. */
    public record Row(String name, byte[] bytes, boolean strictAccepts, long expandedSize, boolean lenientAccepts) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One block of bytes 00 01 02 .. repeated. */
    public static byte[] rawBlock(int bs) {
        byte[] b = new byte[bs];
        for (int i = 0; i < bs; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    public static final byte[] PATTERN = {1, 2, 3, 4};

    static SparseBuilder base(int bs) {
        return new SparseBuilder(bs).raw(rawBlock(bs)).fill(1, PATTERN).dontCare(1);
    }

    private static void row(List<Row> rows, String name, boolean accepts, long size, Consumer<SparseBuilder> before,
                            Consumer<SparseBuilder> after) {
        row(rows, name, accepts, size, accepts, before, after);
    }

    private static void row(List<Row> rows, String name, boolean accepts, long size, boolean lenientAccepts,
                            Consumer<SparseBuilder> before, Consumer<SparseBuilder> after) {
        SparseBuilder b = new SparseBuilder(4096);
        before.accept(b);
        b.raw(rawBlock(4096)).fill(1, PATTERN).dontCare(1);
        after.accept(b);
        rows.add(new Row(name, b.build(), accepts, size, lenientAccepts));
    }

    /** All rows of the table. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Consumer<SparseBuilder> none = b -> { };
        row(rows, "base", true, 12288, none, none);
        row(rows, "minor_version 5", true, 12288, b -> b.minor = 5, none);
        row(rows, "major_version 2", false, 0, b -> b.major = 2, none);
        row(rows, "file_hdr_sz 32 (Samsung)", true, 12288, b -> b.fileHdrSz = 32, none);
        row(rows, "chunk_hdr_sz 16 (Samsung)", true, 12288, b -> b.chunkHdrSz = 16, none);
        row(rows, "file_hdr_sz 24", false, 0, b -> b.fileHdrSz = 24, none);
        row(rows, "chunk_hdr_sz 10", false, 0, b -> b.chunkHdrSz = 10, none);
        row(rows, "total_blks 4 > chunks", false, 0, true, none, b -> b.totalBlocksOverride = 4L);
        row(rows, "total_blks 2 < chunks", false, 0, true, none, b -> b.totalBlocksOverride = 2L);
        row(rows, "total_chunks 2, third chunk ignored", true, 8192, none, b -> {
            b.totalChunksOverride = 2L;
            b.totalBlocksOverride = 2L;
        });
        row(rows, "70 trailing bytes", true, 12288, none, b -> b.trailing(new byte[70]));
        row(rows, "unknown chunk 0xCAC5 without data", false, 0, true, none,
                b -> b.rawChunk(0xCAC5, 0, 12, new byte[0]));
        row(rows, "unknown chunk 0xCAC5 with 4 data bytes", false, 0, true, none,
                b -> b.rawChunk(0xCAC5, 0, 16, new byte[] {0x5a, 0x5a, 0x5a, 0x5a}));
        row(rows, "CRC32 wrong value", true, 12288, none, b -> b.crc(0x12345678));
        row(rows, "DONT_CARE with 4 data bytes", false, 0, none, b -> b.rawChunk(0xCAC3, 1, 16, new byte[4]));
        row(rows, "FILL with 8 data bytes", false, 0, none, b -> b.rawChunk(0xCAC2, 1, 20, new byte[8]));
        row(rows, "RAW total_sz 12+4000", false, 0, none, b -> b.rawChunk(0xCAC1, 1, 12 + 4000, new byte[4000]));
        row(rows, "RAW chunk_sz 0", true, 12288, none, b -> b.rawChunk(0xCAC1, 0, 12, new byte[0]));
        row(rows, "FILL chunk_sz 0", true, 12288, none, b -> b.rawChunk(0xCAC2, 0, 16, new byte[4]));
        row(rows, "reserved1 non-zero", true, 12288, b -> b.reserved1 = 0xbeef, none);
        // the file ends inside RAW data
        {
            byte[] full = base(4096).build();
            byte[] cut = java.util.Arrays.copyOf(full, 28 + 12 + 1000);
            rows.add(new Row("file ends inside RAW data", cut, false, 0, true));
        }
        rows.add(new Row("blk_sz 1024", base(1024).build(), true, 3072, true));
        rows.add(new Row("blk_sz 8", base(8).build(), true, 24, true));
        {
            SparseBuilder b = new SparseBuilder(6);
            b.dontCare(2);
            rows.add(new Row("blk_sz 6", b.build(), false, 0, false));
        }
        {
            SparseBuilder b = new SparseBuilder(0);
            b.totalBlocksOverride = 3L;
            b.rawChunk(0xCAC3, 3, 12, new byte[0]);
            rows.add(new Row("blk_sz 0", b.build(), false, 0, false));
        }
        rows.add(new Row("total_blks 0, no chunks", new SparseBuilder(4096).build(), false, 0, false));
        rows.add(new Row("one DONT_CARE of 5 blocks", new SparseBuilder(4096).dontCare(5).build(), true, 20480, true));
        return rows;
    }

    private MalformedSparse() {
    }
}
