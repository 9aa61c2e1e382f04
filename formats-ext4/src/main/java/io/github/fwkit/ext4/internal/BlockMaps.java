package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Flattens a file's block map, an extent tree or a legacy indirect map, into {@link Runs},
 * checking every node and block number against the volume on the way.
 */
final class BlockMaps {
    private static final int EXTENT_MAGIC = 0xF30A;
    /** {@code EXT4_MAX_EXTENT_DEPTH}. */
    private static final int MAX_DEPTH = 5;
    /** Longest initialised extent; longer {@code ee_len} values mean uninitialised. */
    private static final int INIT_MAX_LEN = 32768;

    private final Fs fs;
    private final Inode inode;
    private final Reporter reporter;
    private final Runs runs;
    /** Index and indirect blocks already read for this file: a block seen twice is a loop or a DAG. */
    private final Set<Long> visited = new HashSet<>();
    private int inodeSeed;
    private boolean seeded;

    private BlockMaps(Fs fs, Inode inode, Reporter reporter) {
        this.fs = fs;
        this.inode = inode;
        this.reporter = reporter;
        this.runs = new Runs(fs.options.maxExtentsPerFile(), inode.number);
    }

    /** The runs of a file whose data is in blocks (not inline, not a fast symlink). */
    static Runs map(Fs fs, Inode inode, Reporter reporter) throws IOException {
        BlockMaps m = new BlockMaps(fs, inode, reporter);
        if (inode.flag(Fs.EXTENTS_FL)) {
            byte[] root = java.util.Arrays.copyOfRange(inode.raw, Inode.I_BLOCK, Inode.I_BLOCK + Inode.I_BLOCK_SIZE);
            m.extentNode(root, -1, -1, 0, 1L << 32, null);
        } else {
            m.indirect();
        }
        return m.runs;
    }

    /** {@link #map}, adding the extent-tree and indirect blocks the map goes through to {@code meta}. */
    static Runs map(Fs fs, Inode inode, Reporter reporter, java.util.Set<Long> meta) throws IOException {
        BlockMaps m = new BlockMaps(fs, inode, reporter);
        try {
            if (inode.flag(Fs.EXTENTS_FL)) {
                byte[] root = java.util.Arrays.copyOfRange(inode.raw, Inode.I_BLOCK, Inode.I_BLOCK + Inode.I_BLOCK_SIZE);
                m.extentNode(root, -1, -1, 0, 1L << 32, null);
            } else {
                m.indirect();
            }
        } finally {
            meta.addAll(m.visited);
        }
        return m.runs;
    }

    /** The extent-tree and indirect blocks a file's map goes through (tests aim mutations at them). */
    static java.util.Set<Long> mapBlocks(Fs fs, Inode inode) throws IOException {
        BlockMaps m = new BlockMaps(fs, inode, Reporter.IGNORE);
        if (inode.flag(Fs.EXTENTS_FL)) {
            byte[] root = java.util.Arrays.copyOfRange(inode.raw, Inode.I_BLOCK, Inode.I_BLOCK + Inode.I_BLOCK_SIZE);
            m.extentNode(root, -1, -1, 0, 1L << 32, null);
        } else {
            m.indirect();
        }
        return m.visited;
    }

    /** The location of the extent node at {@code path}: null is the root, i_block (built only for errors). */
    private String node(String path) {
        return path != null ? path : "/inodes/" + inode.number + "/i_block";
    }

    private FormatException bad(long offset, String path, String problem) {
        return new FormatException(Superblock.FORMAT, offset, path, "inode " + inode.number + ": " + problem);
    }

    private int seed() {
        if (!seeded) {
            inodeSeed = fs.inodeSeed(inode);
            seeded = true;
        }
        return inodeSeed;
    }

    /*
     * Extent node (the root is i_block, 60 bytes; others are whole blocks):
     *  +0  u16 eh_magic 0xF30A     header, then eh_entries entries of 12 bytes:
     *  +2  u16 eh_entries          index (depth > 0): u32 ei_block, u32 ei_leaf_lo, u16 ei_leaf_hi, u16 -
     *  +4  u16 eh_max              leaf (depth 0):    u32 ee_block, u16 ee_len, u16 ee_start_hi,
     *  +6  u16 eh_depth                               u32 ee_start_lo
     *  +8  u32 eh_generation       non-root nodes: u32 crc32c(inode seed, node[0, 12 + 12 * eh_max))
     *                              right after the eh_max slots
     * ee_len > 32768: uninitialised extent of ee_len - 32768 blocks (reads as zeros).
     */
    private void extentNode(byte[] node, long block, int expectDepth, long lo, long hi, String path) throws IOException {
        // This runs for every file, so its checks are conditions only: the messages are built by
        // the methods below, which the JIT never compiles (their text was most of its compile work).
        long base = block < 0 ? fs.inodeOffset(inode.number) + Inode.I_BLOCK : block * fs.blockSize;
        int entries = Le.u16(node, 2);
        int max = Le.u16(node, 4);
        int depth = Le.u16(node, 6);
        int capacity = (node.length - 12) / 12;
        // e2fsprogs ext2fs_extent_header_verify: eh_max may leave room for up to two entries
        // (the checksum tail), no more.
        if (Le.u16(node, 0) != EXTENT_MAGIC || max > capacity || max < capacity - 2 || entries > max
                || depth > MAX_DEPTH || (expectDepth >= 0 && depth != expectDepth)) {
            throw headerProblem(node, base, expectDepth, path);
        }
        if (block >= 0 && fs.sb.metadataCsum) {
            int tail = 12 + 12 * max;
            int stored = Le.s32(node, tail);
            int actual = Crc.crc32c(seed(), node, 0, tail);
            if (stored != actual) {
                reporter.report("extent-block-checksum", inode.number, block, checksumProblem(base + tail, path, stored,
                        actual));
            }
        }
        if (depth == 0) {
            long prevEnd = lo;
            for (int i = 0; i < entries; i++) {
                int o = 12 + 12 * i;
                long lblk = Le.u32(node, o);
                int rawLen = Le.u16(node, o + 4);
                long pblk = ((long) Le.u16(node, o + 6) << 32) | Le.u32(node, o + 8);
                boolean uninit = rawLen > INIT_MAX_LEN;
                long len = uninit ? rawLen - INIT_MAX_LEN : rawLen;
                if (len == 0 || lblk < prevEnd || lblk + len > hi || pblk <= fs.sb.firstDataBlock
                        || pblk + len > fs.sb.blocksCount) {
                    throw extentProblem(base + o, path, i, lblk, len, pblk, prevEnd, hi);
                }
                runs.add(lblk, len, pblk, uninit);
                prevEnd = lblk + len;
            }
            return;
        }
        long prev = -1;
        for (int i = 0; i < entries; i++) {
            int o = 12 + 12 * i;
            long first = Le.u32(node, o);
            long child = Le.u32(node, o + 4) | ((long) Le.u16(node, o + 8) << 32);
            long next = i + 1 < entries ? Le.u32(node, o + 12) : hi;
            boolean ordered = first > prev && first >= lo && next <= hi && first < next;
            if (!ordered || child <= fs.sb.firstDataBlock || child >= fs.sb.blocksCount || !visited.add(child)) {
                throw indexProblem(base + o, path, i, first, child, ordered);
            }
            prev = first;
            // an index node: rare (files of more than four extents), so its path is built eagerly
            String childPath = node(path) + "/block(" + child + ")";
            byte[] b = fs.readBlock(child, childPath);
            extentNode(b, child, depth - 1, first, next, childPath);
        }
    }

    /** What is wrong with a node's header (extentNode found something). */
    private FormatException headerProblem(byte[] node, long base, int expectDepth, String path) {
        int magic = Le.u16(node, 0);
        int entries = Le.u16(node, 2);
        int max = Le.u16(node, 4);
        int depth = Le.u16(node, 6);
        int capacity = (node.length - 12) / 12;
        if (magic != EXTENT_MAGIC) {
            return bad(base, node(path) + "/eh_magic", "extent header magic 0x" + Integer.toHexString(magic)
                    + ", expected 0xf30a");
        }
        if (max > capacity || max < capacity - 2) {
            return bad(base + 4, node(path) + "/eh_max", "eh_max " + max + " does not fit a node of " + capacity
                    + " entries");
        }
        if (entries > max) {
            return bad(base + 2, node(path) + "/eh_entries", entries + " entries but room for " + max);
        }
        return bad(base + 6, node(path) + "/eh_depth", "depth " + depth
                + (expectDepth >= 0 ? ", expected " + expectDepth : ", above " + MAX_DEPTH));
    }

    private FormatException checksumProblem(long at, String path, int stored, int actual) {
        return bad(at, node(path) + "/et_checksum", "extent block checksum 0x" + Integer.toHexString(stored)
                + ", computed 0x" + Integer.toHexString(actual));
    }

    /** What is wrong with leaf entry {@code i} at {@code at} (extentNode found something). */
    private FormatException extentProblem(long at, String path, int i, long lblk, long len, long pblk, long prevEnd,
                                          long hi) {
        String p = node(path) + "/extent[" + i + "]";
        if (len == 0) {
            return bad(at + 4, p + "/ee_len", "zero-length extent");
        }
        if (lblk < prevEnd || lblk + len > hi) {
            return bad(at, p + "/ee_block", "extent at logical block " + lblk + "+" + len
                    + " overlaps or is out of order (allowed " + prevEnd + ".." + hi + ")");
        }
        return bad(at + 6, p + "/ee_start", "extent blocks " + pblk + "+" + len + " outside the file system ("
                + fs.sb.blocksCount + " blocks)");
    }

    /** What is wrong with index entry {@code i} at {@code at} (extentNode found something). */
    private FormatException indexProblem(long at, String path, int i, long first, long child, boolean ordered) {
        String p = node(path) + "/index[" + i + "]";
        if (!ordered) {
            return bad(at, p + "/ei_block", "index entry for logical block " + first + " is out of order");
        }
        if (child <= fs.sb.firstDataBlock || child >= fs.sb.blocksCount) {
            return bad(at + 4, p + "/ei_leaf", "child block " + child + " outside the file system");
        }
        return bad(at + 4, p + "/ei_leaf", "extent tree block " + child + " is referenced twice (loop)");
    }

    /*
     * Legacy block map: i_block[0..11] direct blocks, [12] single, [13] double, [14] triple
     * indirect; an indirect block holds blockSize / 4 u32 block numbers; 0 is a hole.
     */
    private void indirect() throws IOException {
        long nblocks = Superblock.ceilDiv(inode.size, fs.blockSize);
        long per = fs.blockSize / 4;
        String path = "/inodes/" + inode.number + "/i_block";
        for (int i = 0; i < 12 && i < nblocks; i++) {
            leaf(i, inode.iBlock(i), fs.inodeOffset(inode.number) + Inode.I_BLOCK + 4L * i, path, -1, i);
        }
        long base = 12;
        long span = per;
        for (int level = 1; level <= 3; level++) {
            if (base >= nblocks) {
                return;
            }
            long b = inode.iBlock(11 + level);
            if (b != 0) {
                indirectBlock(level, b, base, nblocks, fs.inodeOffset(inode.number) + Inode.I_BLOCK + 4L * (11 + level),
                        path + "[" + (11 + level) + "]");
            }
            base += span;
            span *= per;
        }
    }

    private void indirectBlock(int level, long blk, long base, long nblocks, long where, String path) throws IOException {
        if (blk <= fs.sb.firstDataBlock || blk >= fs.sb.blocksCount) {
            throw bad(where, path, "indirect block " + blk + " outside the file system");
        }
        if (!visited.add(blk)) {
            throw bad(where, path, "indirect block " + blk + " is referenced twice (loop)");
        }
        byte[] b = fs.readBlock(blk, path);
        long per = fs.blockSize / 4;
        long span = 1;
        for (int l = 1; l < level; l++) {
            span *= per;
        }
        for (int j = 0; j < per; j++) {
            long lb = base + j * span;
            if (lb >= nblocks) {
                return;
            }
            long e = Le.u32(b, 4 * j);
            if (e == 0) {
                continue;
            }
            long at = blk * fs.blockSize + 4L * j;
            if (level == 1) {
                leaf(lb, e, at, path, blk, j);
            } else {
                indirectBlock(level - 1, e, lb, nblocks, at, path + "/block(" + blk + ")[" + j + "]");
            }
        }
    }

    /**
     * A data block pointer: slot {@code j} of i_block ({@code blk} &lt; 0) or of indirect block
     * {@code blk}, which {@code path} points to; the location is built only for an error.
     */
    private void leaf(long lblk, long pblk, long where, String path, long blk, int j) throws IOException {
        if (pblk == 0) {
            return;
        }
        if (pblk <= fs.sb.firstDataBlock || pblk >= fs.sb.blocksCount) {
            throw bad(where, blk < 0 ? path + "[" + j + "]" : path + "/block(" + blk + ")[" + j + "]", "data block "
                    + pblk + " outside the file system");
        }
        runs.add(lblk, 1, pblk, false);
    }
}
