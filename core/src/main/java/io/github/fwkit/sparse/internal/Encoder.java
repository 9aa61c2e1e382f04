package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.internal.io.Buffers;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * img2simg's block classification, streamed: the input is read once in windows of a few MiB and
 * every full block is tested for a repeating 32-bit word by comparing the block with itself
 * shifted by four bytes ({@link ByteBuffer#mismatch} is vectorised by the JVM, so this runs near
 * memory bandwidth). Ranges that the input reports as known zeros ({@link Extent.Kind#ZERO}) are
 * classified without being read, and the input's end is classified ahead of time while the
 * writer is busy ({@link LookAhead}).
 */
public final class Encoder {
    /**
     * Window size: large enough to amortise the read calls, small enough that a window is still
     * in the CPU cache when it is classified and written (measured on a 1 GiB ext4 image: 4 MiB
     * windows took twice as long as 256 KiB ones).
     */
    private static final int WINDOW = 256 << 10;

    private Encoder() {
    }

    /**
     * @param zeroAsDontCare zero blocks become DONT_CARE instead of FILL 0
     * @param noFill non-zero repeating blocks become RAW (and zero blocks DONT_CARE)
     */
    public static void encode(ImageReader in, ChunkWriter w, int blockSize, boolean zeroAsDontCare, boolean noFill,
                              ProgressListener progress) throws IOException {
        encode(in, w, blockSize, zeroAsDontCare, noFill, progress, true, 0);
    }

    /**
     * @param lookAhead classify the input's end while waiting for the writer ({@link LookAhead})
     * @param eagerSteps look-ahead steps after every window even when not waiting (for tests: the
     *     output must not depend on when the look-ahead runs)
     */
    static void encode(ImageReader in, ChunkWriter w, int blockSize, boolean zeroAsDontCare, boolean noFill,
                       ProgressListener progress, boolean lookAhead, int eagerSteps) throws IOException {
        boolean zeroDc = zeroAsDontCare || noFill;
        long len = in.size();
        int window = Math.max(blockSize, WINDOW / blockSize * blockSize);
        ByteBuffer buf = Buffers.direct(window);
        Views views = new Views(buf, blockSize);
        // not with blocks above the window size: its second buffer would double a large memory need
        LookAhead ahead = lookAhead && window == WINDOW / blockSize * blockSize
                ? new LookAhead(in, len / blockSize * blockSize, window, noFill) : null;
        w.whileWaiting(ahead);
        try {
            long pos = 0;
            while (pos < len) {
                long limit = len;  // this step classifies blocks below limit itself
                if (ahead != null) {
                    if (pos == ahead.low()) {
                        LookAhead.Segment s = ahead.poll();
                        if (s != null && s.uniform) {
                            long blocks = (s.end - s.start) / blockSize;
                            if (s.word == 0 && zeroDc) {
                                w.dontCare(blocks);
                            } else {
                                w.fill(blocks, s.word);
                            }
                            pos = s.end;
                            progress.progress(pos, len);
                            continue;
                        }
                        // a mixed segment (low() has moved to its end), or nothing was scouted
                    }
                    if (pos < ahead.low()) {
                        limit = ahead.low();
                    }
                }
                Extent ext = in.extentAt(pos);
                if (ext.kind() == Extent.Kind.ZERO) {
                    // Whole blocks inside a known-zero extent need no reading.
                    long blocks = (Math.min(ext.end(), limit) - pos) / blockSize;
                    if (pos % blockSize == 0 && blocks > 0) {
                        if (zeroDc) {
                            w.dontCare(blocks);
                        } else {
                            w.fill(blocks, 0);
                        }
                        pos += blocks * blockSize;
                        progress.progress(pos, len);
                        continue;
                    }
                }
                int n = (int) Math.min(window, limit - pos);
                long boundary = roundUp(ext.end(), blockSize);
                if (boundary > pos && boundary < pos + n) {
                    // end the window where the extent ends, so a zero extent after it can be skipped
                    n = (int) (boundary - pos);
                }
                if (ahead != null) {
                    ahead.floor(pos + n);
                }
                buf.clear().limit(n);
                in.readFully(pos, buf);
                classify(buf, n, blockSize, zeroDc, noFill, w, views);
                pos += n;
                progress.progress(pos, len);
                for (int i = 0; i < eagerSteps && ahead != null && ahead.step(); i++) {
                    // tests: run the look-ahead at every window
                }
            }
            w.endRun();
        } finally {
            w.whileWaiting(null);
        }
    }

    private static long roundUp(long v, int m) {
        return (v + m - 1) / m * m;
    }

    /**
     * Whether the full block at {@code off} is one 32-bit word repeated. Most data blocks differ
     * within their first eight bytes and cost one load; zero blocks are compared against a
     * cache-resident zero block (one read stream); other candidates against themselves shifted
     * by one word.
     */
    private static boolean repeating(ByteBuffer buf, int off, int bs, Views v) {
        long head = buf.getLong(off);
        if ((int) head != (int) (head >>> 32)) {
            return false;
        }
        if (head == 0) {
            v.a.limit(off + bs).position(off);
            v.zeros.clear();
            return v.a.mismatch(v.zeros) == -1;
        }
        v.a.limit(off + bs - 4).position(off);
        v.b.limit(off + bs).position(off + 4);
        return v.a.mismatch(v.b) == -1;
    }

    /**
     * Reusable views of the window for {@link ByteBuffer#mismatch}, which compares whole buffers:
     * moving their bounds costs nothing, while a slice per block was an allocation the JIT did
     * not always remove (and a whole-process encode is over before C2 has settled).
     */
    private static final class Views {
        final ByteBuffer a;
        final ByteBuffer b;
        final ByteBuffer zeros;

        Views(ByteBuffer window, int blockSize) {
            a = window.duplicate();
            b = window.duplicate();
            zeros = Buffers.direct(blockSize);
        }
    }

    private static void classify(ByteBuffer buf, int n, int bs, boolean zeroDc, boolean noFill, ChunkWriter w,
                                 Views views) throws IOException {
        int rawStart = -1;
        int off = 0;
        while (off < n) {
            int len = Math.min(bs, n - off);
            boolean repeating = len == bs && repeating(buf, off, bs, views);
            if (repeating) {
                int word = buf.getInt(off);
                boolean asRaw = noFill && word != 0;
                if (!asRaw) {
                    if (rawStart >= 0) {
                        w.raw(buf.slice(rawStart, off - rawStart));
                        rawStart = -1;
                    }
                    if (word == 0 && zeroDc) {
                        w.dontCare(1);
                    } else {
                        w.fill(1, word);
                    }
                    off += len;
                    continue;
                }
            }
            if (rawStart < 0) {
                rawStart = off;
            }
            off += len;
        }
        if (rawStart >= 0) {
            w.raw(buf.slice(rawStart, n - rawStart));
        }
    }
}
