package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.internal.io.Reads;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The expanded bytes of a sparse image, by binary search over the chunks that cover blocks. RAW
 * reads go to the source at the chunk's data offset, FILL produces its pattern and DONT_CARE (and
 * unknown chunks read leniently, and anything past the last chunk) reads as zeros. Nothing is
 * expanded in memory. Thread-safe: all state is immutable and the source is read positionally.
 */
public final class ExpandedReader implements ImageReader {
    private static final int KIND_RAW = 0;
    private static final int KIND_FILL = 1;
    private static final int KIND_ZERO = 2;

    private final ChunkTable table;
    private final ImageReader source;
    private final Closeable owner;
    private final long size;
    private final long blockSize;
    /** Start byte of every covering chunk, ascending; a covering chunk has blocks and is not CRC32. */
    private final long[] start;
    private final int[] chunk;

    public ExpandedReader(ChunkTable table, ImageReader source, Closeable owner) {
        this.table = table;
        this.source = source;
        this.owner = owner;
        this.blockSize = table.header().blockSize();
        this.size = table.expandedSize();
        int n = 0;
        for (int i = 0; i < table.size(); i++) {
            if (covers(i)) {
                n++;
            }
        }
        start = new long[n];
        chunk = new int[n];
        int k = 0;
        for (int i = 0; i < table.size(); i++) {
            if (covers(i)) {
                start[k] = table.startBlock(i) * blockSize;
                chunk[k] = i;
                k++;
            }
        }
    }

    private boolean covers(int i) {
        return table.blockCount(i) > 0 && table.typeCode(i) != ChunkTable.TYPE_CRC32;
    }

    private int kind(int i) {
        int t = table.typeCode(i);
        if (t == ChunkTable.TYPE_RAW) {
            return KIND_RAW;
        }
        if (t == ChunkTable.TYPE_FILL && table.value(i) != 0) {
            return KIND_FILL;
        }
        return KIND_ZERO;
    }

    /** Index into {@link #start} of the covering chunk holding {@code pos}, or -1 if none (a gap). */
    private int find(long pos) {
        int k = Arrays.binarySearch(start, pos);
        if (k < 0) {
            k = -k - 2;
        }
        if (k < 0) {
            return -1;
        }
        long end = start[k] + table.blockCount(chunk[k]) * blockSize;
        return pos < end ? k : -1;
    }

    /** End (exclusive) of the run starting at {@code pos} that has one kind: a chunk or a gap. */
    private long runEnd(int k, long pos) {
        if (k >= 0) {
            return start[k] + table.blockCount(chunk[k]) * blockSize;
        }
        int next = Arrays.binarySearch(start, pos);
        next = next < 0 ? -next - 1 : next;
        return next < start.length ? Math.min(start[next], size) : size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int available = Reads.available(position, dst, size);
        if (available <= 0) {
            return available;
        }
        int k = find(position);
        long end = Math.min(runEnd(k, position), size);
        int n = (int) Math.min(dst.remaining(), end - position);
        int kind = k < 0 ? KIND_ZERO : kind(chunk[k]);
        if (kind == KIND_RAW) {
            int i = chunk[k];
            long src = table.dataOffset(i) + (position - start[k]);
            long avail = source.size() - src;
            if (avail <= 0) {
                // Lenient reading of a truncated file: missing RAW data reads as zeros.
                Reads.putZeros(dst, n);
                return n;
            }
            int lim = dst.limit();
            dst.limit(dst.position() + (int) Math.min(n, avail));
            try {
                return source.read(src, dst);
            } finally {
                dst.limit(lim);
            }
        }
        if (kind == KIND_FILL) {
            int v = table.value(chunk[k]);
            int phase = (int) ((position - start[k]) & 3);
            for (int j = 0; j < n; j++) {
                dst.put((byte) (v >>> (8 * ((phase + j) & 3))));
            }
            return n;
        }
        Reads.putZeros(dst, n);
        return n;
    }

    @Override
    public Extent extentAt(long position) {
        Reads.checkExtentPosition(position, size, "image");
        int k = find(position);
        long s = k >= 0 ? start[k] : gapStart(position);
        long e = Math.min(runEnd(k, position), size);
        boolean zero = k < 0 || kind(chunk[k]) == KIND_ZERO;
        return new Extent(s, e - s, zero ? Extent.Kind.ZERO : Extent.Kind.DATA);
    }

    private long gapStart(long pos) {
        int k = Arrays.binarySearch(start, pos);
        k = k < 0 ? -k - 2 : k;
        return k < 0 ? 0 : start[k] + table.blockCount(chunk[k]) * blockSize;
    }

    @Override
    public String description() {
        return source.description() + " (expanded)";
    }

    /** The chunk table this view reads. */
    public ChunkTable table() {
        return table;
    }

    /** The sparse file's bytes. */
    public ImageReader source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        if (owner != null) {
            owner.close();
        }
    }

    @Override
    public String toString() {
        return "ImageReader[" + description() + ", " + size + " bytes]";
    }
}
