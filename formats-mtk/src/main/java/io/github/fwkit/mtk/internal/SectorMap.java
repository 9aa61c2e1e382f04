package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Arrays;

/**
 * The number of 0xFF bytes per flash-aligned 4 KiB sector (the erase unit of serial NOR) and
 * which sectors are all zero, from one pass over the dump. Sectors are aligned to flash address
 * 0, i.e. to the dump's base, so a dump shifted by 3 bytes is still judged sector by sector.
 *
 * <p>Fed window by window ({@link Builder#accept}) so the analysis can build it in the same pass
 * as the GFH search. Most sectors are all 0xFF or all code: a comparison settles the first
 * kind, and only the others are counted.
 */
public final class SectorMap {
    public static final int SECTOR = 4096;
    private static final byte[] ERASED = new byte[SECTOR];
    private static final byte[] ZEROS = new byte[SECTOR];

    static {
        Arrays.fill(ERASED, (byte) 0xFF);
    }

    private final ImageReader reader;
    private final long origin;
    private final int[] erased;
    private final boolean[] zero;

    private SectorMap(ImageReader reader, long origin, int[] erased, boolean[] zero) {
        this.reader = reader;
        this.origin = origin;
        this.erased = erased;
        this.zero = zero;
    }

    /** Collects sector counts from consecutive windows of the input. */
    public static final class Builder {
        private final ImageReader reader;
        private final long origin;
        private final int[] erased;
        private final int[] zeros;
        private boolean pieceZero;

        Builder(ImageReader r, long base) {
            this.reader = r;
            long n = r.size();
            long a = Math.floorMod(base, SECTOR);
            this.origin = a == 0 ? 0 : a - SECTOR;
            long count = n == 0 ? 0 : (n - origin + SECTOR - 1) / SECTOR;
            this.erased = new int[Math.toIntExact(count)];
            this.zeros = new int[erased.length];
        }

        /** Adds the input bytes {@code [pos, pos + len)}, held in {@code buf[0, len)}; calls must be in order. */
        public void accept(long pos, byte[] buf, int len) {
            int i = 0;
            while (i < len) {
                long p = pos + i;
                int j = (int) ((p - origin) / SECTOR);
                int stop = (int) Math.min(len, origin + (long) (j + 1) * SECTOR - pos);
                int ff = erasedIn(buf, i, stop);
                erased[j] += ff;
                if (pieceZero) {
                    zeros[j] += stop - i;
                }
                i = stop;
            }
        }

        /** 0xFF bytes in {@code b[from, to)}; sets {@link #pieceZero} when they are all 0x00. */
        private int erasedIn(byte[] b, int from, int to) {
            // Arrays.mismatch is a JIT intrinsic (vectorised, and fast even before this class is
            // compiled), so erased and zero sectors cost next to nothing; code sectors differ
            // from both within a few bytes and are counted.
            int len = to - from;
            pieceZero = false;
            if (Arrays.mismatch(b, from, to, ERASED, 0, len) < 0) {
                return len;
            }
            if (Arrays.mismatch(b, from, to, ZEROS, 0, len) < 0) {
                pieceZero = len > 0;
                return 0;
            }
            return Scan.count(b, from, to, 0xFF);
        }

        public SectorMap build() {
            boolean[] z = new boolean[erased.length];
            for (int j = 0; j < z.length; j++) {
                long s = origin + (long) j * SECTOR;
                z[j] = zeros[j] == SECTOR && s >= 0 && s + SECTOR <= reader.size();
            }
            return new SectorMap(reader, origin, erased, z);
        }
    }

    /** A builder for sectors aligned to {@code base}; feed it the whole input with {@link Builder#accept}. */
    public static Builder builder(ImageReader r, long base) {
        return new Builder(r, base);
    }

    /** Scans the whole reader; sector boundaries fall on {@code base + k * 4096}. */
    public static SectorMap build(ImageReader r, long base) throws IOException {
        Builder b = builder(r, base);
        long n = r.size();
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW, Math.max(n, 1))];
        for (long pos = 0; pos < n; ) {
            int len = (int) Math.min(buf.length, n - pos);
            r.readFully(pos, buf, 0, len);
            b.accept(pos, buf, len);
            pos += len;
        }
        return b.build();
    }

    /** Whether this map's sectors are aligned to {@code base}. */
    public boolean alignedTo(long base) {
        return Math.floorMod(base - origin, SECTOR) == 0;
    }

    /** Number of sectors, the partial ones at both ends included. */
    public int sectors() {
        return erased.length;
    }

    /** The input offset where sector {@code j} starts (before 0 for a partial first sector). */
    public long start(int j) {
        return origin + (long) j * SECTOR;
    }

    /** Whether sector {@code j} lies entirely inside {@code [from, to)} and the input. */
    public boolean inside(int j, long from, long to) {
        long s = start(j);
        return s >= from && s >= 0 && s + SECTOR <= to && s + SECTOR <= reader.size();
    }

    /** The first sector that can lie inside {@code [from, ...)}. */
    public int firstFrom(long from) {
        return (int) Math.max(0, Math.min(erased.length, Math.floorDiv(from - origin + SECTOR - 1, SECTOR)));
    }

    /** Whether the whole sector {@code j} is 0xFF. */
    public boolean blank(int j) {
        return erased[j] == SECTOR;
    }

    /** Whether the whole sector {@code j} is 0x00. */
    public boolean zeroed(int j) {
        return zero[j];
    }

    /** The number of 0xFF bytes in {@code [from, to)} of the input: whole sectors from the map, edges read again. */
    public long erased(long from, long to) throws IOException {
        from = Math.max(0, from);
        to = Math.min(to, reader.size());
        if (from >= to) {
            return 0;
        }
        int first = firstFrom(from);
        long firstStart = start(first);
        if (first >= erased.length || firstStart + SECTOR > to) {
            return Scan.countErased(reader, from, to);
        }
        long n = Scan.countErased(reader, from, firstStart);
        int j = first;
        for (; j < erased.length && start(j) + SECTOR <= to; j++) {
            n += erased[j];
        }
        return n + Scan.countErased(reader, start(j), to);
    }

    /** The number of 0xFF bytes in the whole input. */
    public long totalErased() {
        long n = 0;
        for (int v : erased) {
            n += v;
        }
        return n;
    }
}
