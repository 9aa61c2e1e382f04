package io.github.fwkit.ext4.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structure of an htree index, as the kernel's {@code dx_probe} and e2fsck's pass 2 check it
 * (checksums are verified while the blocks are read, by {@link DirCursor}).
 *
 * <pre>
 * root (logical block 0), after '.' and '..': at 0x18 u32 reserved (0), u8 hash_version,
 *   u8 info_length (8), u8 indirect_levels, u8 unused_flags; at 0x20 u16 limit, u16 count,
 *   u32 block, then count - 1 entries {u32 hash, u32 block}, hashes ascending
 * node: fake entry {inode 0, rec_len bs}, at 0x08 u16 limit, u16 count, u32 block, entries
 * limit: root (bs - 32 - tail) / 8, node (bs - 8 - tail) / 8, tail = 8 with metadata_csum
 * levels: indirect_levels &lt; 2, or &lt; 3 with largedir; blocks are logical, below the directory's
 * size (the kernel masks them to 28 bits)
 * </pre>
 */
final class HtreeCheck {
    private final Fs fs;
    private final Inode dir;
    private final Runs runs;
    private final long nblocks;
    private final Consumer<String> problem;
    private final Set<Long> seen = new HashSet<>();

    private HtreeCheck(Fs fs, Inode dir, Consumer<String> problem) throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.runs = fs.runs(dir, Reporter.IGNORE);
        this.nblocks = Superblock.ceilDiv(dir.size, fs.blockSize);
        this.problem = problem;
    }

    /** Reports every structural problem of the directory's index through {@code problem}. */
    static void check(Fs fs, Inode dir, Consumer<String> problem) throws IOException {
        new HtreeCheck(fs, dir, problem).root();
    }

    private byte[] block(long logical) throws IOException {
        int k = runs.find(logical);
        if (k < 0 || runs.uninit(k)) {
            return null;
        }
        return fs.readBlock(runs.physical(k) + (logical - runs.logical(k)), "/inodes/" + dir.number + "/htree");
    }

    private int tail() {
        return fs.sb.metadataCsum ? 8 : 0;
    }

    private void root() throws IOException {
        byte[] b = block(0);
        if (b == null) {
            problem.accept("htree root block 0 is not mapped");
            return;
        }
        int bs = fs.blockSize;
        int version = Le.u8(b, 0x1C);
        int levels = Le.u8(b, 0x1E);
        int maxLevels = fs.sb.has(Features.INCOMPAT_LARGEDIR) ? 3 : 2;
        if (Le.u32(b, 0x18) != 0 || Le.u8(b, 0x1D) != 8) {
            problem.accept("htree root info damaged (reserved " + Le.u32(b, 0x18) + ", info_length " + Le.u8(b, 0x1D)
                    + ")");
            return;
        }
        if (version > 6 || (version >= 3 && version <= 5)) {
            problem.accept("htree hash version " + version + " is unknown");
        }
        if ((Le.u8(b, 0x1F) & 1) != 0) {
            problem.accept("htree root has the unsupported flag set");
        }
        if (levels >= maxLevels) {
            problem.accept("htree has " + (levels + 1) + " index levels; at most " + maxLevels + " are allowed");
            return;
        }
        entries(b, 0x20, (bs - 0x20 - tail()) / 8, levels, "root");
    }

    private void entries(byte[] b, int co, int expectedLimit, int levelsBelow, String where) throws IOException {
        int limit = Le.u16(b, co);
        int count = Le.u16(b, co + 2);
        if (limit != expectedLimit) {
            problem.accept("htree " + where + " limit " + limit + ", expected " + expectedLimit);
            return;
        }
        if (count == 0 || count > limit) {
            problem.accept("htree " + where + " count " + count + " out of 1.." + limit);
            return;
        }
        long prevHash = -1;
        for (int i = 0; i < count; i++) {
            int o = co + 8 * i;
            long hash = i == 0 ? 0 : Le.u32(b, o);
            long blk = Le.u32(b, o + 4) & 0x0FFFFFFF;
            if (i > 0 && hash < prevHash) {
                problem.accept("htree " + where + " hashes out of order at entry " + i);
            }
            prevHash = hash;
            if (blk == 0 || blk >= nblocks) {
                problem.accept("htree " + where + " entry " + i + " points to block " + blk + " of a " + nblocks
                        + "-block directory");
                continue;
            }
            if (levelsBelow > 0) {
                if (!seen.add(blk)) {
                    problem.accept("htree node block " + blk + " is referenced twice");
                    continue;
                }
                byte[] n = block(blk);
                if (n == null) {
                    problem.accept("htree node block " + blk + " is not mapped");
                    continue;
                }
                if (Le.u32(n, 0) != 0 || Fs.recLen(Le.u16(n, 4), fs.blockSize) != fs.blockSize) {
                    problem.accept("htree node block " + blk + " does not start with an empty entry");
                    continue;
                }
                entries(n, 8, (fs.blockSize - 8 - tail()) / 8, levelsBelow - 1, "node " + blk);
            }
        }
    }

    static List<String> collect(Fs fs, Inode dir) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        check(fs, dir, out::add);
        return out;
    }
}
