package io.github.fwkit.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An independent, deliberately naive sparse image builder for tests: it writes exactly the chunks
 * it is told to, with any header values, so tests can build valid, odd and malformed images
 * without going through fwkit's writer.
 */
public final class SparseBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream expanded = new ByteArrayOutputStream();
    public int major = 1;
    public int minor = 0;
    public int fileHdrSz = 28;
    public int chunkHdrSz = 12;
    public int blkSz;
    public Long totalBlocksOverride;
    public Long totalChunksOverride;
    public int reserved1;
    private int chunks;
    private long blocks;

    public SparseBuilder(int blkSz) {
        this.blkSz = blkSz;
    }

    private void header(int type, long chunkSz, long totalSz) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(12, chunkHdrSz)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) reserved1).putInt((int) chunkSz).putInt((int) totalSz);
        while (b.hasRemaining()) {
            b.put((byte) 0x5a); // Samsung-style extra bytes, which readers must skip
        }
        out.writeBytes(b.array());
        chunks++;
    }

    public SparseBuilder raw(byte[] data) {
        if (data.length % blkSz != 0) {
            throw new IllegalArgumentException("whole blocks only");
        }
        header(0xCAC1, data.length / blkSz, chunkHdrSz + data.length);
        out.writeBytes(data);
        expanded.writeBytes(data);
        blocks += data.length / blkSz;
        return this;
    }

    public SparseBuilder fill(int blocksN, byte[] pattern4) {
        header(0xCAC2, blocksN, chunkHdrSz + 4);
        out.writeBytes(pattern4);
        for (long i = 0; i < (long) blocksN * blkSz / 4; i++) {
            expanded.writeBytes(pattern4);
        }
        blocks += blocksN;
        return this;
    }

    public SparseBuilder dontCare(int blocksN) {
        header(0xCAC3, blocksN, chunkHdrSz);
        expanded.writeBytes(new byte[blocksN * blkSz]);
        blocks += blocksN;
        return this;
    }

    public SparseBuilder crc(int value) {
        header(0xCAC4, 0, chunkHdrSz + 4);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    /** A chunk with any fields and data, counted in total_chunks but not in the expansion. */
    public SparseBuilder rawChunk(int type, long chunkSz, long totalSz, byte[] data) {
        header(type, chunkSz, totalSz);
        out.writeBytes(data);
        return this;
    }

    public SparseBuilder trailing(byte[] junk) {
        trailing = junk;
        return this;
    }

    private byte[] trailing = new byte[0];

    public byte[] build() {
        ByteBuffer h = ByteBuffer.allocate(Math.max(28, fileHdrSz)).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xED26FF3A).putShort((short) major).putShort((short) minor).putShort((short) fileHdrSz)
                .putShort((short) chunkHdrSz).putInt(blkSz)
                .putInt((int) (totalBlocksOverride != null ? totalBlocksOverride : blocks))
                .putInt((int) (totalChunksOverride != null ? totalChunksOverride : chunks)).putInt(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(h.array());
        all.writeBytes(out.toByteArray());
        all.writeBytes(trailing);
        return all.toByteArray();
    }

    public byte[] expanded() {
        return expanded.toByteArray();
    }
}
