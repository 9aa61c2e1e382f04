package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Byte-pattern search and byte counting eight bytes at a time ("SWAR"). A readback is mostly 0xFF
 * and code, where a pattern's first byte is rare, so testing eight bytes per step for that byte
 * and checking the rest only at candidates is what keeps a 16 MiB analysis in milliseconds.
 */
public final class Scan {
    /** Bytes read per window: large enough to amortise a read, small enough to stay in cache. */
    public static final int WINDOW = 1 << 20;

    private static final int CHUNK = 4096;
    private static final byte[] ERASED = new byte[CHUNK];

    static {
        Arrays.fill(ERASED, (byte) 0xFF);
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

    private Scan() {
    }

    /** Receives search hits; returning false stops the search. */
    @FunctionalInterface
    public interface Hit {
        boolean at(long offset) throws IOException;
    }

    /** The first index {@code >= from} where {@code needle} starts and ends by {@code to}, or -1. */
    public static int indexOf(byte[] hay, int from, int to, byte[] needle) {
        int last = to - needle.length;
        if (needle.length == 0 || from < 0 || last < from) {
            return -1;
        }
        long pattern = ONES * (needle[0] & 0xff);
        int i = from;
        for (; i <= last && i + 8 <= hay.length; i += 8) {
            long x = (long) LONG_LE.get(hay, i) ^ pattern;
            // A byte equal to needle[0] becomes 0; the lowest flagged byte is exact, higher ones
            // may be false alarms after a borrow, and every candidate is checked below anyway.
            long m = (x - ONES) & ~x & HIGHS;
            while (m != 0) {
                int p = i + (Long.numberOfTrailingZeros(m) >>> 3);
                if (p > last) {
                    return -1;
                }
                if (matchesAt(hay, p, needle)) {
                    return p;
                }
                m &= m - 1;
            }
        }
        for (; i <= last; i++) {
            if (matchesAt(hay, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link #indexOf} that skips 4 KiB runs of 0xFF, where a needle not starting with 0xFF
     * cannot begin. Most of a readback is erased flash, and {@link Arrays#mismatch} settles such
     * a run faster than any byte loop (it is a JIT intrinsic, fast even before this class is
     * compiled, which matters for a command-line tool's one cold run).
     */
    public static int indexOfSkippingErased(byte[] hay, int from, int to, byte[] needle) {
        if (needle.length == 0 || needle[0] == (byte) 0xFF) {
            return indexOf(hay, from, to, needle);
        }
        for (int c = Math.max(from, 0); c < to; c += CHUNK) {
            int end = Math.min(c + CHUNK, to);
            if (Arrays.mismatch(hay, c, end, ERASED, 0, end - c) < 0) {
                continue;
            }
            // Starts before `end` may run into the next chunk; they are found here, once.
            int hit = indexOf(hay, c, Math.min(to, end + needle.length - 1), needle);
            if (hit >= 0) {
                return hit;
            }
        }
        return -1;
    }

    static boolean matchesAt(byte[] hay, int p, byte[] needle) {
        for (int k = 0; k < needle.length; k++) {
            if (hay[p + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Calls {@code hit} for every offset in {@code [from, to)} of the reader where
     * {@code needle} starts (and fits entirely before {@code to}), in ascending order, reading
     * {@link #WINDOW}-sized windows.
     */
    public static void findAll(ImageReader r, long from, long to, byte[] needle, Hit hit) throws IOException {
        long end = Math.min(to, r.size());
        if (from < 0 || end - from < needle.length) {
            return;
        }
        int overlap = needle.length - 1;
        byte[] buf = new byte[(int) Math.min(WINDOW + overlap, end - from)];
        long pos = from;
        while (end - pos >= needle.length) {
            int len = (int) Math.min(buf.length, end - pos);
            r.readFully(pos, buf, 0, len);
            int i = 0;
            while ((i = indexOfSkippingErased(buf, i, len, needle)) >= 0) {
                if (!hit.at(pos + i)) {
                    return;
                }
                i++;
            }
            if (pos + len >= end) {
                return;
            }
            // Windows overlap by needle.length - 1 so a match across the seam is seen once.
            pos += len - overlap;
        }
    }

    /** The first offset of {@code needle} in {@code [from, to)} of the reader, or -1. */
    public static long find(ImageReader r, long from, long to, byte[] needle) throws IOException {
        long[] found = {-1};
        findAll(r, from, to, needle, at -> {
            found[0] = at;
            return false;
        });
        return found[0];
    }

    /** How many bytes of {@code b[from, to)} equal {@code value}. */
    public static int count(byte[] b, int from, int to, int value) {
        long pattern = ONES * (value & 0xff);
        int n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ pattern;
            // Exact per-byte zero test (no borrow between bytes): high bit set iff the byte is non-zero.
            long nonZero = (((x & LOWS) + LOWS) | x) & HIGHS;
            n += 8 - Long.bitCount(nonZero);
        }
        for (; i < to; i++) {
            if ((b[i] & 0xff) == (value & 0xff)) {
                n++;
            }
        }
        return n;
    }

    /** How many bytes of the reader's {@code [from, to)} are 0xFF. */
    public static long countErased(ImageReader r, long from, long to) throws IOException {
        long end = Math.min(to, r.size());
        if (from >= end) {
            return 0;
        }
        byte[] buf = new byte[(int) Math.min(WINDOW, end - from)];
        long n = 0;
        for (long pos = from; pos < end; ) {
            int len = (int) Math.min(buf.length, end - pos);
            r.readFully(pos, buf, 0, len);
            n += count(buf, 0, len, 0xFF);
            pos += len;
        }
        return n;
    }
}
