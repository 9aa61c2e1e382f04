package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.internal.io.Buffers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Expands one or more sparse images into a file, with simg2img's overlay semantics: each input
 * is written over the file from offset 0 in turn, DONT_CARE leaves what is there, and the file
 * ends at the last input's length. Zeros that land on a region no earlier input wrote are left
 * as holes (unless {@code holes} is false), so expanding a mostly empty file system image costs
 * little more than copying its data. RAW data is copied file to file by the kernel where it can
 * be ({@link FileChannel#transferTo}).
 */
public final class Decoder {
    private static final int FILL_BUFFER = 1 << 20;

    private Decoder() {
    }

    public static void decode(List<ChunkTable> tables, List<ImageReader> sources, FileChannel out, boolean holes,
                              ProgressListener progress) throws IOException {
        long total = 0;
        for (ChunkTable t : tables) {
            total += t.expandedSize();
        }
        long done = 0;
        ByteBuffer zeros = Buffers.direct(FILL_BUFFER);
        out.truncate(0);
        long fileLen = 0; // bytes before which earlier inputs may have written data
        for (int k = 0; k < tables.size(); k++) {
            ChunkTable t = tables.get(k);
            ImageReader src = sources.get(k);
            long bs = t.header().blockSize();
            long covered = 0;
            for (int i = 0; i < t.size(); i++) {
                long blocks = t.blockCount(i);
                int type = t.typeCode(i);
                if (blocks == 0 || type == ChunkTable.TYPE_CRC32) {
                    continue;
                }
                long pos = t.startBlock(i) * bs;
                long len = blocks * bs;
                if (type == ChunkTable.TYPE_RAW) {
                    copyRaw(src, t.dataOffset(i), len, out, pos);
                } else if (type == ChunkTable.TYPE_FILL && t.value(i) != 0) {
                    writePattern(out, pos, len, t.value(i));
                } else {
                    boolean fillZero = type == ChunkTable.TYPE_FILL;
                    // Below fileLen an earlier input may have data: a zero FILL must overwrite it,
                    // DONT_CARE must keep it. Above fileLen the file is a hole already.
                    long below = Math.max(0, Math.min(pos + len, fileLen) - pos);
                    if (fillZero && below > 0) {
                        writeZeros(out, pos, below, zeros);
                    }
                    if (!holes && len > below) {
                        writeZeros(out, pos + below, len - below, zeros);
                    }
                }
                covered = pos + len;
                done += len;
                progress.progress(done, total);
            }
            long end = t.expandedSize();
            if (!holes && covered < end && end > fileLen) {
                long from = Math.max(covered, fileLen);
                writeZeros(out, from, end - from, zeros);
            }
            setLength(out, end);
            fileLen = end;
            done += end - covered;
            progress.progress(Math.min(done, total), total);
        }
    }

    private static void setLength(FileChannel out, long len) throws IOException {
        if (out.size() > len) {
            out.truncate(len);
        } else if (out.size() < len) {
            // Writing the last byte extends the file; everything before it stays a hole.
            out.write(ByteBuffer.allocate(1), len - 1);
        }
    }

    private static void copyRaw(ImageReader src, long from, long len, FileChannel out, long pos) throws IOException {
        long avail = Math.max(0, Math.min(len, src.size() - from));
        long done = 0;
        while (done < avail) {
            long n = src.transferTo(from + done, avail - done, out.position(pos + done));
            if (n <= 0) {
                throw new IOException("short copy from " + src.description() + " at 0x" + Long.toHexString(from + done));
            }
            done += n;
        }
        // lenient reads of a truncated file: the missing tail stays a hole (zeros)
    }

    private static void writePattern(FileChannel out, long pos, long len, int pattern) throws IOException {
        ByteBuffer buf = Buffers.direct((int) Math.min(FILL_BUFFER, len));
        while (buf.hasRemaining()) {
            buf.putInt(pattern);
        }
        long done = 0;
        while (done < len) {
            buf.clear().limit((int) Math.min(buf.capacity(), len - done));
            while (buf.hasRemaining()) {
                done += out.write(buf, pos + done);
            }
        }
    }

    private static void writeZeros(FileChannel out, long pos, long len, ByteBuffer zeros) throws IOException {
        long done = 0;
        while (done < len) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), len - done));
            while (zeros.hasRemaining()) {
                done += out.write(zeros, pos + done);
            }
        }
    }
}
