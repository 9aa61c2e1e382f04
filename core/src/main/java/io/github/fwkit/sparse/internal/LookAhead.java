package io.github.fwkit.sparse.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.internal.io.Buffers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Classifies the end of the input, backwards, in time the encoder would otherwise spend waiting
 * for its write-behind thread.
 *
 * <p>Why: an ext4 image keeps its data at the front and its empty space at the back. Crossing the
 * data, the encoder waits for the writer (writing pages costs more than reading them); crossing
 * the empty half, the writer has nothing to do while the encoder reads and compares zeros. On a
 * 1 GiB image each wait was 0.13–0.20 s. Spending the first wait on the empty half removes the
 * second.
 *
 * <p>The result is a list of segments that tile {@code [low(), top)}: <em>uniform</em> ones, whose
 * every block is the same 32-bit word repeated, and <em>mixed</em> ones, left to the encoder.
 * Data is never kept: a window that starts with a word that does not repeat costs one 64-byte
 * read. The encoder consumes the segments once it reaches {@link #low()}; the look-ahead never
 * scouts below {@link #floor(long) the floor} the encoder has reached.
 *
 * <p>Memory: one window buffer and at most {@link #MAX_SEGMENTS} segments (adjacent segments of
 * the same kind merge, so a run of empty space of any length is one segment).
 *
 * <p>I/O: the input is still read about once in all. A window the look-ahead found uniform is
 * not read again by the encoder; a mixed one cost it 64 bytes, or one window when its first
 * bytes repeat. The order changes (backwards, in 256 KiB reads), which a disk without read-ahead
 * for that pattern pays in seeks; but the look-ahead only runs while the encoder waits for its
 * writer, that is when writing, not reading, sets the pace.
 */
final class LookAhead implements ChunkWriter.IdleWork {
    /** Caps the bookkeeping of an input that alternates data and fill every window. */
    static final int MAX_SEGMENTS = 4096;
    private static final int PROBE = 64;

    /** {@code [start, end)} of the input; {@code uniform}: every block is {@code word} repeated. */
    static final class Segment {
        long start;
        final long end;
        final boolean uniform;
        final int word;

        Segment(long start, long end, boolean uniform, int word) {
            this.start = start;
            this.end = end;
            this.uniform = uniform;
            this.word = word;
        }
    }

    private final ImageReader in;
    private final int window;
    private final boolean noFill;
    private final ByteBuffer buf;
    private final ByteBuffer a;
    private final ByteBuffer b;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private long low;
    private long floor;
    private boolean consuming;

    /**
     * @param top block-aligned end of what may be scouted (the whole blocks of the input)
     * @param window a multiple of the block size
     * @param noFill non-zero words stay RAW, so such windows are left mixed
     */
    LookAhead(ImageReader in, long top, int window, boolean noFill) {
        this.in = in;
        this.window = window;
        this.noFill = noFill;
        this.low = top;
        this.buf = Buffers.direct(window);
        this.a = buf.duplicate();
        this.b = buf.duplicate();
    }

    /** Where the scouted range starts: the encoder processes everything below it itself. */
    long low() {
        return low;
    }

    /** The encoder will process everything below {@code position} itself; never scout there. */
    void floor(long position) {
        floor = position;
    }

    /** The next segment, which starts at {@link #low()}, or null when all are consumed. */
    Segment poll() {
        consuming = true;  // below low() is now the encoder's: scouting there would tile it twice
        Segment s = segments.pollFirst();
        if (s != null) {
            low = s.end;
        }
        return s;
    }

    /** Classifies one window below {@link #low()}; false when there is nothing left to do. */
    @Override
    public boolean step() throws IOException {
        long start = Math.max(low - window, floor);
        // keep windows aligned to the window size, so that they are whole blocks
        start = (start + window - 1) / window * window;
        if (consuming || start >= low || segments.size() >= MAX_SEGMENTS) {
            return false;
        }
        int n = (int) (low - start);
        long word = uniformWord(start, n);
        add(start, word != MIXED, (int) word);
        return true;
    }

    private static final long MIXED = -1;

    /** The word every block of the window repeats (as an unsigned value), or {@link #MIXED}. */
    private long uniformWord(long start, int n) throws IOException {
        buf.clear().limit(Math.min(PROBE, n));
        in.readFully(start, buf);
        long head = buf.getLong(0);
        int word = (int) head;
        if (word != (int) (head >>> 32) || (noFill && word != 0)) {
            return MIXED;
        }
        buf.clear().limit(n);
        in.readFully(start, buf);
        // the window is one word repeated if it equals itself shifted by four bytes
        a.limit(n - 4).position(0);
        b.limit(n).position(4);
        if (a.mismatch(b) != -1) {
            return MIXED;
        }
        return word & 0xffff_ffffL;
    }

    private void add(long start, boolean uniform, int word) {
        Segment first = segments.peekFirst();
        if (first != null && first.uniform == uniform && (!uniform || first.word == word)) {
            first.start = start;
        } else {
            segments.addFirst(new Segment(start, low, uniform, word));
        }
        low = start;
    }
}
