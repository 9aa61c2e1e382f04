package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.sparse.SparseChunk;
import io.github.fwkit.sparse.SparseHeader;
import io.github.fwkit.sparse.SparseReadOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsed chunk table of a sparse image, kept in parallel primitive arrays (about 30 bytes a
 * chunk) rather than one object per chunk, so images with millions of chunks stay cheap.
 *
 * <p>Parsing reads only headers and seeks over RAW data. Time and memory are bounded by the file
 * size: every chunk consumes at least {@code chunk_hdr_sz >= 12} bytes of the file, and the chunk
 * count is checked against the file size and {@link SparseReadOptions#maxChunks()} before the
 * arrays grow.
 */
public final class ChunkTable {
    public static final String FORMAT = "android-sparse";

    public static final int TYPE_RAW = 0xCAC1;
    public static final int TYPE_FILL = 0xCAC2;
    public static final int TYPE_DONT_CARE = 0xCAC3;
    public static final int TYPE_CRC32 = 0xCAC4;

    private final SparseHeader header;
    private final long sourceSize;
    private final List<String> warnings;
    private final int count;
    private final long[] headerOffset;
    private final short[] typeCode;
    private final int[] startBlock;   // u32
    private final int[] blockCount;   // u32
    private final int[] totalSize;    // u32
    private final int[] value;
    /** Expanded length in blocks: total_blks, or in lenient mode the larger of it and the sum. */
    private final long expandedBlocks;

    private ChunkTable(Builder b, long expandedBlocks) {
        this.header = b.header;
        this.sourceSize = b.sourceSize;
        this.warnings = List.copyOf(b.warnings);
        this.count = b.n;
        this.headerOffset = Arrays.copyOf(b.headerOffset, b.n);
        this.typeCode = Arrays.copyOf(b.typeCode, b.n);
        this.startBlock = Arrays.copyOf(b.startBlock, b.n);
        this.blockCount = Arrays.copyOf(b.blockCount, b.n);
        this.totalSize = Arrays.copyOf(b.totalSize, b.n);
        this.value = Arrays.copyOf(b.value, b.n);
        this.expandedBlocks = expandedBlocks;
    }

    public SparseHeader header() {
        return header;
    }

    public List<String> warnings() {
        return warnings;
    }

    public int size() {
        return count;
    }

    public long sourceSize() {
        return sourceSize;
    }

    public long expandedBlocks() {
        return expandedBlocks;
    }

    public long expandedSize() {
        return expandedBlocks * header.blockSize();
    }

    public int typeCode(int i) {
        return typeCode[i] & 0xffff;
    }

    public SparseChunk.Type type(int i) {
        return SparseChunk.Type.of(typeCode(i));
    }

    public long headerOffset(int i) {
        return headerOffset[i];
    }

    public long dataOffset(int i) {
        return headerOffset[i] + header.chunkHeaderSize();
    }

    public long startBlock(int i) {
        return startBlock[i] & 0xffffffffL;
    }

    public long blockCount(int i) {
        return blockCount[i] & 0xffffffffL;
    }

    public long totalSize(int i) {
        return totalSize[i] & 0xffffffffL;
    }

    public int value(int i) {
        return value[i];
    }

    public SparseChunk chunk(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return new SparseChunk(i, type(i), typeCode(i), headerOffset(i), dataOffset(i), startBlock(i), blockCount(i),
                totalSize(i), value(i));
    }

    /** Whether {@code source} starts with the sparse magic. */
    public static boolean matches(ImageReader source) throws IOException {
        if (source.size() < SparseHeader.FILE_HEADER_SIZE) {
            return false;
        }
        return source.u32le(0) == (SparseHeader.MAGIC & 0xffffffffL);
    }

    /** Parses and validates the header and every chunk header. */
    public static ChunkTable parse(ImageReader source, SparseReadOptions options) throws IOException {
        long size = source.size();
        if (size < SparseHeader.FILE_HEADER_SIZE) {
            throw new FormatException(FORMAT, 0, "/sparse/header",
                    "file is " + size + " bytes, shorter than the 28-byte sparse header");
        }
        ByteBuffer h = ByteBuffer.allocate(SparseHeader.FILE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(0, h);
        long magic = h.getInt(0) & 0xffffffffL;
        if (magic != (SparseHeader.MAGIC & 0xffffffffL)) {
            throw FormatException.mismatch(FORMAT, 0, "/sparse/header/magic", SparseHeader.MAGIC & 0xffffffffL, magic);
        }
        SparseHeader header = new SparseHeader(h.getShort(4) & 0xffff, h.getShort(6) & 0xffff, h.getShort(8) & 0xffff,
                h.getShort(10) & 0xffff, h.getInt(12), h.getInt(16) & 0xffffffffL, h.getInt(20) & 0xffffffffL,
                h.getInt(24) & 0xffffffffL);
        if (header.majorVersion() != 1) {
            throw FormatException.mismatch(FORMAT, 4, "/sparse/header/major_version", 1, header.majorVersion());
        }
        if (header.fileHeaderSize() < SparseHeader.FILE_HEADER_SIZE) {
            throw new FormatException(FORMAT, 8, "/sparse/header/file_hdr_sz",
                    "file header size " + header.fileHeaderSize() + " is below the minimum 28");
        }
        if (header.chunkHeaderSize() < SparseHeader.CHUNK_HEADER_SIZE) {
            throw new FormatException(FORMAT, 10, "/sparse/header/chunk_hdr_sz",
                    "chunk header size " + header.chunkHeaderSize() + " is below the minimum 12");
        }
        long blkSz = header.blockSize() & 0xffffffffL;
        // A negative int here is a block size of 2 GiB or more: no real image has one, and it
        // would overflow the byte arithmetic below.
        if (header.blockSize() <= 0 || blkSz % 4 != 0) {
            throw new FormatException(FORMAT, 12, "/sparse/header/blk_sz",
                    "block size " + blkSz + " must be a positive multiple of 4");
        }
        if (header.totalBlocks() == 0) {
            throw new FormatException(FORMAT, 16, "/sparse/header/total_blks", "total_blks is 0 (an empty image)");
        }
        long minChunkBytes = header.chunkHeaderSize();
        long room = size - header.fileHeaderSize();
        if (room < 0) {
            throw new FormatException(FORMAT, 8, "/sparse/header/file_hdr_sz",
                    "file header size " + header.fileHeaderSize() + " is larger than the file (" + size + " bytes)");
        }
        if (header.totalChunks() > room / minChunkBytes) {
            throw new FormatException(FORMAT, 20, "/sparse/header/total_chunks",
                    header.totalChunks() + " chunks of at least " + minChunkBytes + " bytes cannot fit in the "
                            + room + " bytes after the header (truncated file?)");
        }
        if (header.totalChunks() > options.maxChunks()) {
            throw new LimitExceededException(FORMAT, 20, "/sparse/header/total_chunks", "maxChunks", options.maxChunks());
        }

        Builder b = new Builder(header, size, (int) Math.min(header.totalChunks(), 4096));
        HeaderWindow win = new HeaderWindow(source);
        long pos = header.fileHeaderSize();
        long block = 0;
        int chunkHdr = header.chunkHeaderSize();
        for (long i = 0; i < header.totalChunks(); i++) {
            String path = "/sparse/chunks[" + i + "]";
            if (size - pos < chunkHdr) {
                if (options.lenient()) {
                    b.warnings.add("the file ends after " + i + " of " + header.totalChunks()
                            + " chunks; the blocks of the missing chunks read as zeros");
                    break;
                }
                throw new FormatException(FORMAT, Math.min(pos, size), path, "chunk header runs past the end of the"
                        + " file (" + Math.max(0, size - pos) + " of " + chunkHdr + " bytes present; truncated file?)");
            }
            ByteBuffer c = win.get(pos, 12);
            int type = c.getShort(0) & 0xffff;
            long chunkSz = c.getInt(4) & 0xffffffffL;
            long totalSz = c.getInt(8) & 0xffffffffL;
            long dataSize = totalSz - chunkHdr;
            long dataPos = pos + chunkHdr;
            int val = 0;
            long blocks = chunkSz;
            switch (type) {
                case TYPE_RAW: {
                    long expect = chunkSz * blkSz; // < 2^64: both factors are u32
                    if (dataSize != expect) {
                        throw new FormatException(FORMAT, pos + 8, path + "/total_sz", "RAW chunk of " + chunkSz
                                + " blocks needs total_sz " + (chunkHdr + expect) + ", found " + totalSz);
                    }
                    if (dataSize > size - dataPos) {
                        if (!options.lenient()) {
                            throw new FormatException(FORMAT, pos, path, "RAW data (" + dataSize
                                    + " bytes) runs past the end of the file at 0x" + Long.toHexString(size)
                                    + " (truncated file?)");
                        }
                        b.warnings.add("chunk " + i + " at 0x" + Long.toHexString(pos) + ": RAW data cut short by the end"
                                + " of the file; the missing " + (dataSize - Math.max(0, size - dataPos))
                                + " bytes read as zeros");
                    }
                    break;
                }
                case TYPE_FILL:
                case TYPE_CRC32: {
                    if (totalSz != chunkHdr + 4L) {
                        throw new FormatException(FORMAT, pos + 8, path + "/total_sz", (type == TYPE_FILL ? "FILL" : "CRC32")
                                + " chunk needs total_sz " + (chunkHdr + 4) + ", found " + totalSz);
                    }
                    if (size - dataPos < 4) {
                        throw new FormatException(FORMAT, dataPos, path, "chunk data runs past the end of the file");
                    }
                    val = win.get(dataPos, 4).getInt(0);
                    if (type == TYPE_CRC32) {
                        blocks = 0; // libsparse counts no blocks for CRC32 whatever chunk_sz says
                    }
                    break;
                }
                case TYPE_DONT_CARE: {
                    if (totalSz != chunkHdr) {
                        throw new FormatException(FORMAT, pos + 8, path + "/total_sz",
                                "DONT_CARE chunk needs total_sz " + chunkHdr + ", found " + totalSz);
                    }
                    break;
                }
                default: {
                    if (!options.lenient()) {
                        throw new FormatException(FORMAT, pos, path + "/chunk_type", "unknown chunk type 0x"
                                + Integer.toHexString(type) + (type == 0xCAC5 ? " (Sony LZ4-compressed chunk)" : "")
                                + "; lenient reading skips it and reads its blocks as zeros");
                    }
                    if (totalSz < chunkHdr || dataSize > size - dataPos) {
                        throw new FormatException(FORMAT, pos + 8, path + "/total_sz", "unknown chunk type 0x"
                                + Integer.toHexString(type) + " with total_sz " + totalSz + " that cannot be skipped");
                    }
                    b.warnings.add("chunk " + i + " at 0x" + Long.toHexString(pos) + ": unknown type 0x"
                            + Integer.toHexString(type) + " skipped; its " + chunkSz + " blocks read as zeros");
                    break;
                }
            }
            if (!options.lenient() && block + blocks > header.totalBlocks()) {
                throw new FormatException(FORMAT, pos + 4, path + "/chunk_sz", "chunks cover more than total_blks ("
                        + header.totalBlocks() + ") blocks: this chunk ends at block " + (block + blocks));
            }
            if (block + blocks > 0xffffffffL) {
                throw new FormatException(FORMAT, pos + 4, path + "/chunk_sz",
                        "chunks cover more than 2^32-1 blocks, the most a sparse image can address");
            }
            b.add(pos, type, block, blocks, totalSz, val);
            block += blocks;
            pos += totalSz;
        }
        long expanded = header.totalBlocks();
        if (block != header.totalBlocks()) {
            if (!options.lenient()) {
                throw new FormatException(FORMAT, 16, "/sparse/header/total_blks", "chunks cover " + block
                        + " blocks but the header says " + header.totalBlocks());
            }
            expanded = Math.max(block, header.totalBlocks());
            b.warnings.add("chunks cover " + block + " blocks but the header says " + header.totalBlocks() + "; reading "
                    + expanded + " blocks, missing ones as zeros");
        }
        return new ChunkTable(b, expanded);
    }

    /** Reads chunk headers through a 64 KiB window, so tables of small chunks cost few reads. */
    private static final class HeaderWindow {
        private final ImageReader source;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long start = -1;
        private int valid;

        HeaderWindow(ImageReader source) {
            this.source = source;
        }

        /** {@code n <= 16} bytes at {@code pos}, which the caller checked are inside the file. */
        ByteBuffer get(long pos, int n) throws IOException {
            if (start < 0 || pos < start || pos + n > start + valid) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), source.size() - pos);
                buf.limit(want);
                source.readFully(pos, buf);
                start = pos;
                valid = want;
            }
            return buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (pos - start)).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static final class Builder {
        final SparseHeader header;
        final long sourceSize;
        final List<String> warnings = new ArrayList<>();
        int n;
        long[] headerOffset;
        short[] typeCode;
        int[] startBlock;
        int[] blockCount;
        int[] totalSize;
        int[] value;

        Builder(SparseHeader header, long sourceSize, int capacity) {
            this.header = header;
            this.sourceSize = sourceSize;
            int cap = Math.max(capacity, 16);
            headerOffset = new long[cap];
            typeCode = new short[cap];
            startBlock = new int[cap];
            blockCount = new int[cap];
            totalSize = new int[cap];
            value = new int[cap];
        }

        void add(long pos, int type, long start, long blocks, long total, int val) {
            if (n == headerOffset.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 16, (long) n + (n >> 1) + 16);
                headerOffset = Arrays.copyOf(headerOffset, cap);
                typeCode = Arrays.copyOf(typeCode, cap);
                startBlock = Arrays.copyOf(startBlock, cap);
                blockCount = Arrays.copyOf(blockCount, cap);
                totalSize = Arrays.copyOf(totalSize, cap);
                value = Arrays.copyOf(value, cap);
            }
            headerOffset[n] = pos;
            typeCode[n] = (short) type;
            startBlock[n] = (int) start;
            blockCount[n] = (int) blocks;
            totalSize[n] = (int) total;
            value[n] = val;
            n++;
        }
    }
}
