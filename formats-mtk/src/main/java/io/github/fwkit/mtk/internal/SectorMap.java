package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;

/**
 * Counts of 0xFF and 0x00 bytes per flash-aligned 4 KiB sector (the erase unit of serial NOR),
 * from one pass over the dump. Sectors are aligned to flash address 0, i.e. to the dump's base,
 * so a dump shifted by 3 bytes is still judged sector by sector.
 */
public final class SectorMap {
    public static final int SECTOR = 4096;

    private final ImageReader reader;
    private final long origin;
    private final int[] erased;
    private final int[] zero;

    private SectorMap(ImageReader reader, long origin, int[] erased, int[] zero) {
        this.reader = reader;
        this.origin = origin;
        this.erased = erased;
        this.zero = zero;
    }

    /** Scans the whole reader; sector boundaries fall on {@code base + k * 4096}. */
    public static SectorMap build(ImageReader r, long base) throws IOException {
        long n = r.size();
        long a = Math.floorMod(base, SECTOR);
        long origin = a == 0 ? 0 : a - SECTOR;
        long count = n == 0 ? 0 : (n - origin + SECTOR - 1) / SECTOR;
        int[] ff = new int[Math.toIntExact(count)];
        int[] zz = new int[ff.length];
        byte[] buf = new byte[(int) Math.min(Scan.WINDOW, Math.max(n, 1))];
        long pos = 0;
        while (pos < n) {
            int len = (int) Math.min(buf.length, n - pos);
            r.readFully(pos, buf, 0, len);
            int i = 0;
            while (i < len) {
                long p = pos + i;
                int j = (int) ((p - origin) / SECTOR);
                long sectorEnd = origin + (long) (j + 1) * SECTOR;
                int stop = (int) Math.min(len, sectorEnd - pos);
                ff[j] += Scan.count(buf, i, stop, 0xFF);
                zz[j] += Scan.count(buf, i, stop, 0x00);
                i = stop;
            }
            pos += len;
        }
        return new SectorMap(r, origin, ff, zz);
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
        return zero[j] == SECTOR;
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

    /** The number of 0x00 bytes in the whole input. */
    public long totalZero() {
        long n = 0;
        for (int v : zero) {
            n += v;
        }
        return n;
    }
}
