package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.LimitExceededException;

import java.util.Arrays;

/**
 * A file's block map flattened into sorted runs of logical blocks: mapped to physical blocks,
 * or uninitialised (read as zeros). Logical blocks in no run are holes. Immutable once built, so
 * a file's reader can be used from several threads.
 */
final class Runs {
    static final Runs EMPTY = new Runs();

    private long[] logical = new long[4];
    private long[] length = new long[4];
    private long[] physical = new long[4];
    private boolean[] uninit = new boolean[4];
    private int n;
    private final int max;
    private final long inode;

    private Runs() {
        this(Integer.MAX_VALUE, 0);
    }

    Runs(int max, long inode) {
        this.max = max;
        this.inode = inode;
    }

    /** Appends a run after the last one, merging it when it continues the last run. */
    void add(long lblk, long len, long pblk, boolean un) throws LimitExceededException {
        if (n > 0) {
            int k = n - 1;
            if (logical[k] + length[k] == lblk && uninit[k] == un && physical[k] + length[k] == pblk) {
                length[k] += len;
                return;
            }
        }
        if (n == max) {
            throw new LimitExceededException(Superblock.FORMAT, -1, "/inodes/" + inode + "/i_block", "maxExtentsPerFile",
                    max);
        }
        if (n == logical.length) {
            int cap = (int) Math.min((long) n * 2, Integer.MAX_VALUE - 8);
            logical = Arrays.copyOf(logical, cap);
            length = Arrays.copyOf(length, cap);
            physical = Arrays.copyOf(physical, cap);
            uninit = Arrays.copyOf(uninit, cap);
        }
        logical[n] = lblk;
        length[n] = len;
        physical[n] = pblk;
        uninit[n] = un;
        n++;
    }

    int size() {
        return n;
    }

    long logical(int i) {
        return logical[i];
    }

    long length(int i) {
        return length[i];
    }

    long end(int i) {
        return logical[i] + length[i];
    }

    long physical(int i) {
        return physical[i];
    }

    boolean uninit(int i) {
        return uninit[i];
    }

    /** The last logical block mapped plus one, or 0. */
    long endBlock() {
        return n == 0 ? 0 : end(n - 1);
    }

    /**
     * The run containing logical block {@code lblk}, or {@code -(i + 1)} where {@code i} is the
     * first run after it (so {@code i == size()} when none follows).
     */
    int find(long lblk) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (logical[mid] <= lblk) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int k = lo - 1;
        if (k >= 0 && lblk < end(k)) {
            return k;
        }
        return -(k + 1) - 1;
    }
}
