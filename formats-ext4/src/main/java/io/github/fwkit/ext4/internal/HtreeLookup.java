package io.github.fwkit.ext4.internal;

import java.io.IOException;

/**
 * Finds a name in an htree directory through its index (spec section 8.3), reading the root,
 * one block per index level and the leaf (or, after hash collisions, the next leaves) instead
 * of every block: the kernel's {@code dx_probe} and {@code ext4_htree_next_block}.
 *
 * <p>Any doubt about the index (unknown hash version, limits, counts, levels, block numbers,
 * an index checksum that does not match) gives {@link #UNUSABLE}, and the caller scans the
 * directory linearly, as the kernel does; {@link Fs#check}'s htree pass reports the problem.
 */
final class HtreeLookup {
    /** The index says the name is not there. */
    static final RawEntry ABSENT = new RawEntry(0, new byte[0], 0);
    /** The index cannot be used: scan instead. */
    static final RawEntry UNUSABLE = null;

    private HtreeLookup() {
    }

    /** Whether {@code dir} is a directory whose index {@link #find} may use. */
    static boolean applies(Fs fs, Inode dir) {
        return dir.flag(Fs.INDEX_FL) && (fs.sb.compat & Features.COMPAT_DIR_INDEX) != 0 && !dir.flag(Fs.INLINE_DATA_FL)
                // casefolded names hash in folded form, encrypted ones as ciphertext: scan those
                && !dir.flag(Fs.CASEFOLD_FL) && !dir.flag(Fs.ENCRYPT_FL);
    }

    /** The entry for {@code name}, {@link #ABSENT}, or {@link #UNUSABLE}. */
    static RawEntry find(Fs fs, Inode dir, byte[] name, Reporter reporter) throws IOException {
        Runs runs = fs.runs(dir, reporter);
        long nblocks = Superblock.ceilDiv(dir.size, fs.blockSize);
        int bs = fs.blockSize;
        int tail = fs.sb.metadataCsum ? 8 : 0;
        byte[] root = indexBlock(fs, dir, runs, 0);
        if (root == null || Le.u32(root, 0x18) != 0 || Le.u8(root, 0x1D) != 8 || (Le.u8(root, 0x1F) & 1) != 0) {
            return UNUSABLE;
        }
        int version = Le.u8(root, 0x1C);
        int levels = Le.u8(root, 0x1E);
        if (version > DirHash.TEA || levels >= (fs.sb.has(Features.INCOMPAT_LARGEDIR) ? 3 : 2)) {
            return UNUSABLE;
        }
        // s_flags 0x2: the volume was made where char is unsigned; otherwise signed (e2fsprogs' rule)
        if ((Le.u32(fs.sb.raw, 0x160) & 2) != 0) {
            version += 3;
        }
        long[] s = fs.sb.hashSeed();
        int hash = DirHash.hash(version, name, new int[] {(int) s[0], (int) s[1], (int) s[2], (int) s[3]});

        // One frame per index level: its block, where its entries start, and the entry taken.
        byte[][] blocks = new byte[levels + 1][];
        int[] co = new int[levels + 1];
        int[] at = new int[levels + 1];
        blocks[0] = root;
        co[0] = 0x20;
        if (!sane(root, 0x20, (bs - 0x20 - tail) / 8)) {
            return UNUSABLE;
        }
        for (int level = 0; level <= levels; level++) {
            at[level] = search(blocks[level], co[level], hash);
            if (level < levels) {
                long blk = child(blocks[level], co[level], at[level]);
                byte[] node = blk <= 0 || blk >= nblocks ? null : indexBlock(fs, dir, runs, blk);
                if (node == null || Le.u32(node, 0) != 0 || Fs.recLen(Le.u16(node, 4), bs) != bs
                        || !sane(node, 8, (bs - 8 - tail) / 8)) {
                    return UNUSABLE;
                }
                blocks[level + 1] = node;
                co[level + 1] = 8;
            }
        }
        for (long visited = 0; visited < nblocks; visited++) {
            long leaf = child(blocks[levels], co[levels], at[levels]);
            if (leaf <= 0 || leaf >= nblocks) {
                return UNUSABLE;
            }
            DirCursor c = DirCursor.ofBlock(fs, dir, reporter, runs, leaf);
            for (RawEntry e = c.next(); e != null; e = c.next()) {
                if (e.nameEquals(name)) {
                    return e;
                }
            }
            // Names with the same hash may run on into the next leaf, whose index entry then
            // carries the hash with bit 0 set; any other next hash means the name is absent.
            int level = levels;
            while (level >= 0 && at[level] + 1 >= count(blocks[level], co[level])) {
                level--;
            }
            if (level < 0) {
                return ABSENT;
            }
            at[level]++;
            if ((Le.s32(blocks[level], co[level] + 8 * at[level]) & ~1) != hash) {
                return ABSENT;
            }
            for (int l = level; l < levels; l++) {
                long blk = child(blocks[l], co[l], at[l]);
                byte[] node = blk <= 0 || blk >= nblocks ? null : indexBlock(fs, dir, runs, blk);
                if (node == null || !sane(node, 8, (bs - 8 - tail) / 8)) {
                    return UNUSABLE;
                }
                blocks[l + 1] = node;
                at[l + 1] = 0;
            }
        }
        return UNUSABLE;
    }

    private static int count(byte[] b, int co) {
        return Le.u16(b, co + 2);
    }

    /** limit as expected, 1 &lt;= count &lt;= limit. */
    private static boolean sane(byte[] b, int co, int expectedLimit) {
        int limit = Le.u16(b, co);
        int count = Le.u16(b, co + 2);
        return limit == expectedLimit && count >= 1 && count <= limit;
    }

    /** The last entry whose hash is at most {@code hash} (unsigned); entry 0 stands for hash 0. */
    private static int search(byte[] b, int co, int hash) {
        int lo = 1;
        int hi = count(b, co) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(Le.s32(b, co + 8 * mid), hash) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo - 1;
    }

    /** The logical block of entry {@code i}; the kernel uses the low 28 bits. */
    private static long child(byte[] b, int co, int i) {
        return Le.u32(b, co + 8 * i + 4) & 0x0FFFFFFF;
    }

    /** An index block, or null when unmapped or its checksum does not match. */
    private static byte[] indexBlock(Fs fs, Inode dir, Runs runs, long logical) throws IOException {
        int k = runs.find(logical);
        if (k < 0 || runs.uninit(k)) {
            return null;
        }
        byte[] b = fs.readBlock(runs.physical(k) + (logical - runs.logical(k)), "/inodes/" + dir.number + "/htree");
        if (fs.sb.metadataCsum && DxChecksum.verify(fs, dir, b) != null) {
            return null;
        }
        return b;
    }
}
