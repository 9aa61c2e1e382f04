package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.internal.io.Buffers;
import io.github.fwkit.core.internal.io.WriteBehind;
import io.github.fwkit.sparse.SparseHeader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Writes a sparse image to a file channel in one pass: runs of blocks go in, chunks come out.
 *
 * <p>Adjacent runs of the same kind are merged into one chunk (FILL with the same pattern, RAW
 * fed back to back until {@link #endRun()}, DONT_CARE with DONT_CARE), as libsparse's
 * {@code queue_bb}/{@code merge_bb} do, and RAW/FILL chunks are cut at {@code maxRunBlocks}, as
 * AOSP's {@code sparse_file_write} does since 2020. A RAW chunk's header is written before its
 * length is known and patched when the run ends, and the file header's chunk count is patched by
 * {@link #finish()}, so the input is read only once and memory stays at the buffer size.
 *
 * <p>Small writes (headers, FILL data) are gathered in a buffer; large RAW data is written
 * straight from the caller's buffer. With write-behind, everything is gathered and the full
 * buffers are written by a second thread while the caller goes on (the caller's buffers are then
 * free again as soon as a call returns).
 *
 * <p>Data in the gather buffer starts at the same offset modulo 64 as its place in the file, so
 * that the kernel's copy into the page cache is cache-line aligned on both sides (a 12-byte chunk
 * header shifts everything after it, and a misaligned copy measured up to twice as slow).
 */
public final class ChunkWriter implements Closeable {
    private static final int NONE = 0;
    private static final int RAW = 1;
    private static final int FILL = 2;
    private static final int DONT_CARE = 3;

    /** RAW data at least this long is written from the caller's buffer instead of being copied. */
    private static final int DIRECT_WRITE = 64 << 10;
    private static final int GATHER = 1 << 20;
    /** Gather buffers in flight with write-behind: one being filled, the others being written. */
    private static final int GATHER_BUFFERS = 4;
    private static final int LINE = 64;

    /** Work the caller's thread may do while it waits for the write-behind thread. */
    public interface IdleWork {
        /** Does a small piece of the work; false when there is none left for now. */
        boolean step() throws IOException;
    }

    private final FileChannel out;
    private final int blockSize;
    private final long totalBlocks;
    private final long maxRunBlocks;
    private final WriteBehind behind;  // null: synchronous writes
    private final ByteBuffer[] bufs;
    private final long[] tickets;      // write-behind ticket of each buffer's last write
    private int current;
    private IdleWork idle;
    private ByteBuffer buf;
    private int bufBase;    // index in buf of the byte at bufStart
    private long bufStart;  // file position of buf[bufBase]

    private int kind = NONE;
    private long runBlocks;
    private int runPattern;
    private long runHeaderPos;   // RAW: where its header is
    private long runDataBytes;   // RAW: bytes written so far (multiple of blockSize, except padded tail)

    private long blocksDone;
    private long chunks;
    private long rawBlocks;
    private long fillBlocks;
    private long dontCareBlocks;

    /**
     * @param out written from position 0 (the caller truncates it first)
     * @param maxRunBlocks cap on blocks per RAW/FILL chunk
     */
    public ChunkWriter(FileChannel out, int blockSize, long totalBlocks, long maxRunBlocks) throws IOException {
        this(out, blockSize, totalBlocks, maxRunBlocks, false);
    }

    /**
     * @param out written from position 0 (the caller truncates it first)
     * @param maxRunBlocks cap on blocks per RAW/FILL chunk
     * @param writeBehind write on a second thread; {@link #close()} then stops it
     */
    public ChunkWriter(FileChannel out, int blockSize, long totalBlocks, long maxRunBlocks, boolean writeBehind)
            throws IOException {
        this.out = out;
        this.blockSize = blockSize;
        this.totalBlocks = totalBlocks;
        this.maxRunBlocks = maxRunBlocks;
        if (totalBlocks > 0xffffffffL) {
            throw new IOException("the image needs " + totalBlocks + " blocks of " + blockSize
                    + " bytes; a sparse image holds at most 2^32-1 blocks: use a larger block size");
        }
        int n = writeBehind ? GATHER_BUFFERS : 1;
        bufs = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            bufs[i] = Buffers.direct(GATHER);
        }
        tickets = new long[n];
        buf = bufs[0];
        behind = writeBehind ? new WriteBehind(out, n) : null;
        bufStart = 0;
        bufBase = 0;
        buf.putInt(SparseHeader.MAGIC).putShort((short) 1).putShort((short) 0)
                .putShort((short) SparseHeader.FILE_HEADER_SIZE).putShort((short) SparseHeader.CHUNK_HEADER_SIZE)
                .putInt(blockSize).putInt((int) totalBlocks).putInt(0).putInt(0);
    }

    /** The most RAW blocks one chunk can carry with a u32 {@code total_sz}. */
    public static long maxRawBlocksForU32(int blockSize) {
        return (0xffffffffL - SparseHeader.CHUNK_HEADER_SIZE) / blockSize;
    }

    /**
     * With write-behind, {@code work} is done in the caller's thread whenever it would otherwise
     * wait for a buffer to be written (a step at a time, so it delays the writer by one step at
     * most). Null removes it.
     */
    public void whileWaiting(IdleWork work) {
        this.idle = work;
    }

    private long position() {
        return bufStart + buf.position() - bufBase;
    }

    /** Writes (or hands over) what the gather buffer holds and starts the next one. */
    private void flush() throws IOException {
        int end = buf.position();
        buf.limit(end).position(bufBase);
        if (behind == null) {
            while (buf.hasRemaining()) {
                out.write(buf, bufStart + buf.position() - bufBase);
            }
        } else if (buf.hasRemaining()) {
            tickets[current] = behind.write(buf, bufStart);
            current = (current + 1) % bufs.length;
            if (idle != null) {
                while (!behind.done(tickets[current]) && idle.step()) {
                    // the next buffer is still being written: do the idle work meanwhile
                }
            }
            behind.await(tickets[current]);
            buf = bufs[current];
        }
        bufStart += end - bufBase;
        rebase();
    }

    /** Empties the gather buffer for data starting at {@code bufStart}. */
    private void rebase() {
        bufBase = (int) (bufStart % LINE);
        buf.clear().position(bufBase);
    }

    /** Every byte given so far is in the file (the gather buffer is empty). */
    private void sync() throws IOException {
        flush();
        if (behind != null) {
            behind.drain();
        }
    }

    private void ensureRoom(int n) throws IOException {
        if (buf.remaining() < n) {
            flush();
        }
    }

    private void putChunkHeader(int type, long blocks, long totalSz) throws IOException {
        ensureRoom(SparseHeader.CHUNK_HEADER_SIZE);
        buf.putShort((short) type).putShort((short) 0).putInt((int) blocks).putInt((int) totalSz);
    }

    /** Closes the current run, so the next run starts a new chunk even if it could merge. */
    public void endRun() throws IOException {
        switch (kind) {
            case RAW: {
                long totalSz = SparseHeader.CHUNK_HEADER_SIZE + runDataBytes;
                ByteBuffer h = ByteBuffer.allocate(SparseHeader.CHUNK_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
                h.putShort((short) ChunkTable.TYPE_RAW).putShort((short) 0).putInt((int) runBlocks).putInt((int) totalSz).flip();
                if (runHeaderPos >= bufStart) {
                    buf.put((int) (runHeaderPos - bufStart) + bufBase, h, 0, h.limit());
                } else if (behind != null) {
                    behind.write(h, runHeaderPos);  // after the placeholder's write: queued in order
                } else {
                    while (h.hasRemaining()) {
                        out.write(h, runHeaderPos + h.position());
                    }
                }
                rawBlocks += runBlocks;
                break;
            }
            case FILL:
                putChunkHeader(ChunkTable.TYPE_FILL, runBlocks, SparseHeader.CHUNK_HEADER_SIZE + 4);
                ensureRoom(4);
                buf.putInt(runPattern);
                fillBlocks += runBlocks;
                break;
            case DONT_CARE:
                putChunkHeader(ChunkTable.TYPE_DONT_CARE, runBlocks, SparseHeader.CHUNK_HEADER_SIZE);
                dontCareBlocks += runBlocks;
                break;
            default:
                return;
        }
        blocksDone += runBlocks;
        chunks++;
        kind = NONE;
        runBlocks = 0;
    }

    /** Adds {@code blocks} DONT_CARE blocks. */
    public void dontCare(long blocks) throws IOException {
        if (blocks <= 0) {
            return;
        }
        if (kind != DONT_CARE) {
            endRun();
            kind = DONT_CARE;
        }
        runBlocks += blocks;
    }

    /** Adds {@code blocks} blocks filled with {@code pattern} (the four bytes, read little-endian). */
    public void fill(long blocks, int pattern) throws IOException {
        while (blocks > 0) {
            if (kind != FILL || runPattern != pattern || runBlocks == maxRunBlocks) {
                endRun();
                kind = FILL;
                runPattern = pattern;
            }
            long n = Math.min(blocks, maxRunBlocks - runBlocks);
            runBlocks += n;
            blocks -= n;
        }
    }

    private void startRaw() throws IOException {
        endRun();
        kind = RAW;
        ensureRoom(SparseHeader.CHUNK_HEADER_SIZE);
        runHeaderPos = position();
        buf.position(buf.position() + SparseHeader.CHUNK_HEADER_SIZE);
        runDataBytes = 0;
    }

    /**
     * Adds RAW data: whole blocks, except that the very last run of the image may end with a
     * partial block, which is padded with zeros (as img2simg does). Merges with a RAW run that is
     * still open.
     */
    public void raw(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (kind != RAW || runBlocks == maxRunBlocks) {
                startRaw();
            }
            long roomBytes = (maxRunBlocks - runBlocks) * blockSize;
            int n = (int) Math.min(data.remaining(), roomBytes);
            int lim = data.limit();
            data.limit(data.position() + n);
            writeData(data);
            data.limit(lim);
            long blocks = (n + blockSize - 1) / blockSize;
            int pad = (int) (blocks * blockSize - n);
            if (pad > 0) {
                writeData(ByteBuffer.allocate(pad));
            }
            runBlocks += blocks;
            runDataBytes += (long) n + pad;
        }
    }

    /** Adds RAW blocks copied from {@code src} (whole blocks). */
    public void raw(FileChannel src, long offset, long length) throws IOException {
        while (length > 0) {
            if (kind != RAW || runBlocks == maxRunBlocks) {
                startRaw();
            }
            long n = Math.min(length, (maxRunBlocks - runBlocks) * blockSize);
            sync();
            long done = 0;
            while (done < n) {
                long k = src.transferTo(offset + done, n - done, out.position(bufStart));
                if (k <= 0) {
                    throw new IOException("short copy from " + src + " at 0x" + Long.toHexString(offset + done));
                }
                done += k;
                bufStart += k;
            }
            rebase();
            long blocks = n / blockSize;
            runBlocks += blocks;
            runDataBytes += n;
            offset += n;
            length -= n;
        }
    }

    private void writeData(ByteBuffer data) throws IOException {
        if (behind != null) {
            while (data.hasRemaining()) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(buf.remaining(), data.remaining());
                buf.put(buf.position(), data, data.position(), n);
                buf.position(buf.position() + n);
                data.position(data.position() + n);
            }
            return;
        }
        if (data.remaining() <= buf.remaining()) {
            buf.put(data);
            return;
        }
        if (data.remaining() < DIRECT_WRITE) {
            flush();
            buf.put(data);
            return;
        }
        flush();
        while (data.hasRemaining()) {
            bufStart += out.write(data, bufStart);
        }
        rebase();
    }

    /** Ends the last run, checks that every block was written and patches the chunk count. */
    public void finish() throws IOException {
        endRun();
        if (blocksDone != totalBlocks) {
            throw new IllegalStateException("wrote " + blocksDone + " blocks of " + totalBlocks);
        }
        sync();
        ByteBuffer n = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) chunks);
        while (n.hasRemaining()) {
            out.write(n, 0x14 + n.position());
        }
        out.truncate(bufStart);
    }

    /** Stops the write-behind thread, if any (after {@link #finish()}, or to abandon the output). */
    @Override
    public void close() throws IOException {
        if (behind != null) {
            behind.close();
        }
    }

    public long chunks() {
        return chunks;
    }

    public long rawBlocks() {
        return rawBlocks;
    }

    public long fillBlocks() {
        return fillBlocks;
    }

    public long dontCareBlocks() {
        return dontCareBlocks;
    }

    /** Bytes of sparse file written (valid after {@link #finish()}). */
    public long bytesWritten() {
        return bufStart;
    }
}
