package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.ext4.CheckReport;
import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Finding;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Ext4Volume.check()}: every checksum the volume has and the structure e2fsck's passes 1,
 * 2, 4 and 5 look at (block maps, directory entries, link counts, unattached inodes, the block
 * and inode bitmaps against what is in use), as findings.
 * Damage never ends the check; only I/O errors from the image do. Work is bounded like reading:
 * each in-use inode is read once per pass, each directory once.
 */
public final class Checker {
    private static final int MAX_FINDINGS = 1000;

    private final Fs fs;
    private final Superblock sb;
    private final ProgressListener progress;
    private final List<Finding> findings = new ArrayList<>();
    private boolean truncated;
    private final Reporter collect = new Reporter() {
        // not a lambda: no method-handle set-up (~9 ms) for 'ext4 check'
        @Override
        public void report(String code, long inode, long block, FormatException problem) {
            add(Finding.Severity.ERROR, code, problem.problem(), inode, block, problem.offset());
        }
    };

    /** In-use inodes (per the bitmaps) whose inodes could be read, with their link counts. */
    private final Map<Long, Integer> inUse = new HashMap<>();
    private final Set<Long> eaInodes = new HashSet<>();
    private final Set<Long> dirInodes = new HashSet<>();
    private final Map<Long, Integer> refs = new HashMap<>();
    /**
     * Blocks found in use (metadata, and every in-use inode's data, map and xattr blocks), for
     * the pass-5 comparison with the block bitmaps; null where that comparison is not made
     * (bigalloc, whose bitmaps count clusters, or more blocks than a BitSet holds).
     */
    private final BitSet usedBlocks;
    private long inodesChecked;
    private long directoriesChecked;
    private long groupsChecked;

    public Checker(Fs fs, ProgressListener progress) {
        this.fs = fs;
        this.sb = fs.sb;
        this.progress = progress;
        // The pass-5 map costs a bit per block: only for volumes the image holds whole, so a lenient
        // read of a small image claiming billions of blocks cannot make it allocate hundreds of MiB.
        this.usedBlocks = sb.clusterSize == sb.blockSize && sb.blocksCount <= Integer.MAX_VALUE
                && sb.blocksCount <= fs.image.size() / sb.blockSize ? new BitSet((int) sb.blocksCount) : null;
    }

    private void add(Finding.Severity sev, String code, String message, long inode, long block, long offset) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(new Finding(sev, code, message, inode, block, offset));
        } else {
            truncated = true;
        }
    }

    private void add(String code, FormatException e, long inode, long block) {
        add(Finding.Severity.ERROR, code, e.problem(), inode, block, e.offset());
    }

    public CheckReport run() throws IOException {
        superblock();
        long total = sb.groups + 1;
        for (int g = 0; g < sb.groups; g++) {
            group(g);
            groupsChecked++;
            progress.progress(g + 1, total);
        }
        directories();
        unattached();
        if (usedBlocks != null) {
            blockBitmaps();
        }
        progress.progress(total, total);
        return new CheckReport(findings, truncated, groupsChecked, inodesChecked, directoriesChecked);
    }

    private void superblock() {
        for (String w : fs.info().warnings()) {
            add(Finding.Severity.WARNING, "volume", w, 0, -1, -1);
        }
        if ((fs.info().state() & 2) != 0) {
            add(Finding.Severity.WARNING, "volume-errors", "the file system is marked as having errors (s_state)", 0,
                    -1, Superblock.OFFSET + 0x3A);
        }
        if (sb.metadataCsum) {
            int stored = Le.s32(sb.raw, 0x3FC);
            int actual = Crc.crc32c(0xFFFFFFFF, sb.raw, 0, 0x3FC);
            if (stored != actual) {
                add(Finding.Severity.ERROR, "superblock-checksum", "superblock checksum 0x" + Integer.toHexString(stored)
                        + ", computed 0x" + Integer.toHexString(actual), 0, -1, Superblock.OFFSET + 0x3FC);
            }
        }
    }

    /**
     * A bitmap's crc32c against the descriptor {@code d}: the low 16 bits at {@code lo}, the high
     * 16 at {@code hi} when descriptors are 64 bytes.
     */
    private void bitmapChecksum(int g, byte[] d, long block, long bytes, int lo, int hi, String kind)
            throws IOException {
        boolean wide = sb.descSize >= 64;
        byte[] bm = fs.readBlock(block, "/" + kind + "_bitmap");
        int crc = Crc.crc32c(sb.csumSeed, bm, 0, (int) bytes);
        long stored = Le.u16(d, lo) | (wide ? (long) Le.u16(d, hi) << 16 : 0);
        long actual = wide ? crc & 0xffffffffL : crc & 0xffff;
        if (stored != actual) {
            add(Finding.Severity.ERROR, kind + "-bitmap-checksum", "group " + g + " " + kind + " bitmap checksum 0x"
                    + Long.toHexString(stored) + ", computed 0x" + Long.toHexString(actual), 0, block,
                    block * sb.blockSize);
        }
    }

    private boolean inVolume(long blk, long count) {
        return blk > sb.firstDataBlock && blk + count <= sb.blocksCount;
    }

    private void group(int g) throws IOException {
        Groups gr = fs.groups;
        long at = gr.offset[g];
        if (sb.metadataCsum || sb.gdtCsum) {
            byte[] d = new byte[sb.descSize];
            fs.readAt(at, d, 0, d.length);
            int stored = Le.u16(d, 0x1E);
            int actual = Groups.checksum(sb, g, d, 0);
            if (stored != actual) {
                add(Finding.Severity.ERROR, "descriptor-checksum", "group " + g + " descriptor checksum 0x"
                        + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(actual), 0, -1, at + 0x1E);
            }
        }
        long tableBlocks = Superblock.ceilDiv(sb.inodesPerGroup * sb.inodeSize, sb.blockSize);
        boolean bbOk = inVolume(gr.blockBitmap[g], 1);
        boolean ibOk = inVolume(gr.inodeBitmap[g], 1);
        boolean itOk = inVolume(gr.inodeTable[g], tableBlocks);
        if (!bbOk) {
            add(Finding.Severity.ERROR, "descriptor-location", "group " + g + " block bitmap at block "
                    + gr.blockBitmap[g] + " is outside the file system", 0, gr.blockBitmap[g], at);
        }
        if (!ibOk) {
            add(Finding.Severity.ERROR, "descriptor-location", "group " + g + " inode bitmap at block "
                    + gr.inodeBitmap[g] + " is outside the file system", 0, gr.inodeBitmap[g], at + 4);
        }
        if (!itOk) {
            add(Finding.Severity.ERROR, "descriptor-location", "group " + g + " inode table at block "
                    + gr.inodeTable[g] + " (+" + tableBlocks + ") is outside the file system", 0, gr.inodeTable[g], at + 8);
        }
        if (sb.metadataCsum && ((bbOk && !gr.blockUninit(g, sb)) || (ibOk && !gr.inodeUninit(g, sb)))) {
            byte[] d = new byte[sb.descSize];
            fs.readAt(at, d, 0, d.length);
            if (bbOk && !gr.blockUninit(g, sb)) {
                bitmapChecksum(g, d, gr.blockBitmap[g], sb.clustersPerGroup / 8, 0x18, 0x38, "block");
            }
            if (ibOk && !gr.inodeUninit(g, sb)) {
                bitmapChecksum(g, d, gr.inodeBitmap[g], sb.inodesPerGroup / 8, 0x1A, 0x3A, "inode");
            }
        }
        if (!ibOk || !itOk || gr.inodeUninit(g, sb)) {
            return;
        }
        byte[] bitmap = fs.readBlock(gr.inodeBitmap[g], "/inode_bitmap");
        long n = gr.initialisedInodes(g, sb);
        for (long i = 0; i < sb.inodesPerGroup; i++) {
            boolean used = (bitmap[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
            long ino = (long) g * sb.inodesPerGroup + i + 1;
            if (!used) {
                continue;
            }
            if (i >= n) {
                add(Finding.Severity.ERROR, "inode-uninitialised", "inode " + ino + " is marked in use but lies in the"
                        + " uninitialised part of group " + g, ino, -1, -1);
                continue;
            }
            inode(ino);
        }
    }

    /** Inodes a volume may use outside the directory tree: reserved ones, journal, quota, orphan file. */
    private boolean special(long ino) {
        if (ino < sb.firstIno && ino != Fs.ROOT) {
            return true;
        }
        for (int off : new int[] {0xE0, 0x240, 0x244, 0x26C, 0x280}) {
            if (Le.u32(sb.raw, off) == ino) {
                return true;
            }
        }
        return false;
    }

    private void inode(long ino) throws IOException {
        Inode inode;
        try {
            inode = fs.inode(ino, collect);
        } catch (FormatException e) {
            add("inode", e, ino, -1);
            return;
        }
        inodesChecked++;
        if (inode.mode == 0 && inode.links == 0) {
            if (ino >= sb.firstIno) {
                // e2fsck pass 5: "Inode bitmap differences: -N"
                add(Finding.Severity.ERROR, "inode-bitmap", "inode " + ino + " is marked in use in the inode bitmap but"
                        + " is free (mode 0, no links)", ino, -1, -1);
            }
            return;
        }
        inUse.put(ino, inode.links);
        if (inode.isDir()) {
            dirInodes.add(ino);
        }
        if (inode.flag(Fs.EA_INODE_FL)) {
            eaInodes.add(ino);
        }
        if (usedBlocks != null && inode.fileAcl != 0) {
            mark(inode.fileAcl, 1);
        }
        if (ino < sb.firstIno && ino != Fs.ROOT && ino != Le.u32(sb.raw, 0xE0)) {
            // Resize (7) and other reserved inodes have their own block-map conventions.
            reservedBlocks(inode);
            return;
        }
        try {
            boolean blocks = !inode.flag(Fs.INLINE_DATA_FL) && (inode.isReg() || inode.isDir()
                    || (inode.isSymlink() && !fs.isFastSymlink(inode)) || inode.flag(Fs.EA_INODE_FL));
            if (blocks) {
                markRuns(inode, collect);
            } else if (inode.flag(Fs.INLINE_DATA_FL)) {
                Xattrs.systemData(fs, inode, collect);
            }
        } catch (FormatException e) {
            add("block-map", e, ino, -1);
        }
        try {
            Xattrs.read(fs, inode, collect);
        } catch (FormatException e) {
            add("xattr", e, ino, inode.fileAcl != 0 ? inode.fileAcl : -1);
        }
    }

    private void mark(long blk, long n) {
        long end = Math.min(blk + n, sb.blocksCount);
        if (blk >= 0 && blk < end) {
            usedBlocks.set((int) blk, (int) end);
        }
    }

    /** Maps a file (damage reported through {@code r}) and marks its data and map blocks as used. */
    private void markRuns(Inode inode, Reporter r) throws IOException {
        if (usedBlocks == null) {
            BlockMaps.map(fs, inode, r);
            return;
        }
        Set<Long> meta = new HashSet<>();
        Runs runs;
        try {
            runs = BlockMaps.map(fs, inode, r, meta);
        } finally {
            for (long b : meta) {
                mark(b, 1);
            }
        }
        for (int k = 0; k < runs.size(); k++) {
            mark(runs.physical(k), runs.length(k)); // uninitialised extents are allocated too
        }
    }

    /**
     * Blocks of reserved inodes below s_first_ino: the resize inode (7) owns its double-indirect
     * block (the reserved descriptor blocks it points to are counted as metadata); quota and
     * other reserved files with blocks are mapped like any file.
     */
    private void reservedBlocks(Inode inode) {
        if (usedBlocks == null) {
            return;
        }
        try {
            if (inode.number == 7) {
                mark(Le.u32(inode.raw, Inode.I_BLOCK + 13 * 4), 1);
            } else if (inode.isReg() && Le.u32(inode.raw, 0x1C) != 0) {
                markRuns(inode, Reporter.IGNORE);
            }
        } catch (IOException e) {
            // reported elsewhere or not at all: a reserved file we could not map
        }
    }

    /*
     * Per group (e2fsprogs ext2fs_super_and_bgd_loc2): a superblock copy where has_super(g) at
     * the group's first block (block 1 for group 0 with 1 KiB blocks); without meta_bg the old
     * descriptor table (desc_blocks + s_reserved_gdt_blocks) follows it; with meta_bg, groups at
     * positions 0, 1 and last of each meta group hold one descriptor block after the superblock
     * copy, if any (the first s_first_meta_bg descriptor blocks stay in the old table). Then each
     * group's bitmaps and inode table, wherever flex_bg put them.
     */
    private void metadataBlocks() {
        Groups gr = fs.groups;
        int bs = sb.blockSize;
        long perBlock = bs / sb.descSize;
        long descBlocks = Superblock.ceilDiv(sb.groups, perBlock);
        boolean metaBg = sb.has(Features.INCOMPAT_META_BG);
        long oldDesc = metaBg ? sb.firstMetaBg : descBlocks + Le.u16(sb.raw, 0xCE);
        long tableBlocks = Superblock.ceilDiv(sb.inodesPerGroup * sb.inodeSize, bs);
        for (long g = 0; g < sb.groups; g++) {
            long first = sb.firstDataBlock + g * sb.blocksPerGroup;
            if (first == 0 && bs == 1024) {
                first = 1;
            }
            boolean hasSuper = sb.hasSuper(g);
            if (hasSuper) {
                mark(first, 1);
            }
            if (!metaBg || g / perBlock < sb.firstMetaBg) {
                if (hasSuper) {
                    mark(first + 1, oldDesc);
                }
            } else {
                long pos = g % perBlock;
                if (pos == 0 || pos == 1 || pos == perBlock - 1) {
                    mark(first + (hasSuper ? 1 : 0), 1);
                }
            }
            int i = (int) g;
            mark(gr.blockBitmap[i], 1);
            mark(gr.inodeBitmap[i], 1);
            mark(gr.inodeTable[i], tableBlocks);
        }
        if (sb.has(Features.INCOMPAT_MMP)) {
            mark(Le.u32(sb.raw, 0x168) | (Le.u32(sb.raw, 0x16C) << 32), 1);
        }
    }

    /** e2fsck pass 5 for blocks: each group's bitmap against the blocks found in use. */
    private void blockBitmaps() throws IOException {
        Groups gr = fs.groups;
        // BLOCK_UNINIT groups have no bitmap on disk: e2fsck computes one holding the group's own
        // metadata only, so any block a file owns there is a difference ("block(s) in use but group
        // is marked BLOCK_UNINIT"). usedBlocks holds only what inodes own until metadataBlocks().
        for (int g = 0; g < sb.groups; g++) {
            if (!gr.blockUninit(g, sb)) {
                continue;
            }
            long first = sb.firstDataBlock + (long) g * sb.blocksPerGroup;
            long end = Math.min(first + sb.blocksPerGroup, sb.blocksCount);
            int at = usedBlocks.nextSetBit((int) first);
            if (at >= 0 && at < end) {
                long count = usedBlocks.get((int) first, (int) end).cardinality();
                add(Finding.Severity.ERROR, "block-bitmap", "group " + g + " is marked BLOCK_UNINIT (no block bitmap)"
                        + " but " + count + " block(s) in it belong to files, e.g. " + at, 0, at,
                        gr.offset[g]);
            }
        }
        metadataBlocks();
        for (int g = 0; g < sb.groups; g++) {
            // BLOCK_UNINIT groups have no bitmap on disk; e2fsck computes theirs.
            if (gr.blockUninit(g, sb) || !inVolume(gr.blockBitmap[g], 1)) {
                continue;
            }
            byte[] bm = fs.readBlock(gr.blockBitmap[g], "/block_bitmap");
            long first = sb.firstDataBlock + (long) g * sb.blocksPerGroup;
            long n = Math.min(sb.blocksPerGroup, sb.blocksCount - first);
            List<Long> unmarked = new ArrayList<>();
            List<Long> unused = new ArrayList<>();
            long nUnmarked = 0;
            long nUnused = 0;
            for (long i = 0; i < n; i++) {
                boolean marked = (bm[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
                boolean used = usedBlocks.get((int) (first + i));
                if (used && !marked) {
                    if (nUnmarked++ < 5) {
                        unmarked.add(first + i);
                    }
                } else if (marked && !used) {
                    if (nUnused++ < 5) {
                        unused.add(first + i);
                    }
                }
            }
            if (nUnmarked > 0) {
                add(Finding.Severity.ERROR, "block-bitmap", "group " + g + ": " + nUnmarked + " block(s) in use but"
                        + " marked free in the block bitmap, e.g. " + unmarked, 0, unmarked.get(0),
                        gr.blockBitmap[g] * sb.blockSize);
            }
            if (nUnused > 0) {
                add(Finding.Severity.ERROR, "block-bitmap", "group " + g + ": " + nUnused + " block(s) marked in use in"
                        + " the block bitmap but used by nothing, e.g. " + unused, 0, unused.get(0),
                        gr.blockBitmap[g] * sb.blockSize);
            }
        }
    }

    private record Dir(long ino, long parent, int depth) {
    }

    private void directories() throws IOException {
        Deque<Dir> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.push(new Dir(Fs.ROOT, Fs.ROOT, 0));
        seen.add(Fs.ROOT);
        while (!todo.isEmpty()) {
            Dir d = todo.pop();
            Inode dir;
            try {
                dir = fs.inode(d.ino, Reporter.IGNORE);
            } catch (FormatException e) {
                add("directory", e, d.ino, -1);
                continue;
            }
            if (!dir.isDir()) {
                add(Finding.Severity.ERROR, "directory", "inode " + d.ino + " is not a directory", d.ino, -1, -1);
                continue;
            }
            directoriesChecked++;
            int subdirs = 0;
            try {
                DirCursor c = fs.cursor(dir, collect);
                int index = 0;
                for (RawEntry e = c.next(); e != null; e = c.next(), index++) {
                    if (index == 0 || index == 1) {
                        boolean ok = index == 0 ? e.isDot() && e.inode() == d.ino : e.isDotDot() && e.inode() == d.parent;
                        if (!ok) {
                            add(Finding.Severity.ERROR, "dir-dots", "directory " + d.ino + " entry " + index
                                    + " should be " + (index == 0 ? "'.' -> " + d.ino : "'..' -> " + d.parent) + ", is '"
                                    + new String(e.name(), java.nio.charset.StandardCharsets.UTF_8) + "' -> " + e.inode(),
                                    d.ino, -1, -1);
                        }
                        if (ok) {
                            continue;
                        }
                    }
                    if (e.isDot() || e.isDotDot()) {
                        add(Finding.Severity.ERROR, "dir-dots", "directory " + d.ino + " has an extra '"
                                + (e.isDot() ? "." : "..") + "' entry", d.ino, -1, -1);
                        continue;
                    }
                    Integer count = refs.get(e.inode());  // not merge(.., Integer::sum): no lambda set-up
                    refs.put(e.inode(), count == null ? 1 : count + 1);
                    Integer links = inUse.get(e.inode());
                    if (links == null) {
                        add(Finding.Severity.ERROR, "dir-entry-unused", "directory " + d.ino + " entry '"
                                + new String(e.name(), java.nio.charset.StandardCharsets.UTF_8) + "' points to inode "
                                + e.inode() + ", which is not in use", d.ino, -1, -1);
                        continue;
                    }
                    Inode child;
                    try {
                        child = fs.inode(e.inode(), Reporter.IGNORE);
                    } catch (FormatException ex) {
                        continue;
                    }
                    if (sb.has(Features.INCOMPAT_FILETYPE) && FileType.ofDirentType(e.type()) != child.type()) {
                        add(Finding.Severity.ERROR, "dir-entry-type", "directory " + d.ino + " entry '"
                                + new String(e.name(), java.nio.charset.StandardCharsets.UTF_8) + "' has file type "
                                + e.type() + " but inode " + e.inode() + " is a " + child.type(), d.ino, -1, -1);
                    }
                    if (child.isDir()) {
                        subdirs++;
                        if (!seen.add(e.inode())) {
                            add(Finding.Severity.ERROR, "dir-loop", "directory inode " + e.inode()
                                    + " is linked from more than one place", d.ino, -1, -1);
                        } else if (d.depth + 1 < io.github.fwkit.ext4.Ext4Volume.MAX_WALK_DEPTH) {
                            todo.push(new Dir(e.inode(), d.ino, d.depth + 1));
                        }
                    }
                }
            } catch (FormatException e) {
                add("directory", e, d.ino, -1);
            }
            if (dir.flag(Fs.INDEX_FL) && !dir.flag(Fs.INLINE_DATA_FL)) {
                try {
                    for (String problem : HtreeCheck.collect(fs, dir)) {
                        add(Finding.Severity.ERROR, "htree", "directory " + d.ino + ": " + problem, d.ino, -1, -1);
                    }
                } catch (FormatException e) {
                    add("htree", e, d.ino, -1);
                }
            }
            int expected = 2 + subdirs;
            boolean nlinkUnknown = dir.links == 1 && sb.hasRo(Features.RO_COMPAT_DIR_NLINK);
            if (dir.links != expected && !nlinkUnknown) {
                add(Finding.Severity.ERROR, "link-count", "directory " + d.ino + " has i_links_count " + dir.links
                        + ", counted " + expected, d.ino, -1, -1);
            }
        }
    }

    private void unattached() {
        for (Map.Entry<Long, Integer> e : inUse.entrySet()) {
            long ino = e.getKey();
            if (ino == Fs.ROOT || special(ino) || eaInodes.contains(ino)) {
                continue;
            }
            Integer r = refs.get(ino);
            if (r == null) {
                if (e.getValue() > 0) {
                    add(Finding.Severity.ERROR, "unattached-inode", "inode " + ino + " is in use but in no directory",
                            ino, -1, -1);
                }
                continue;
            }
            if (!dirInodes.contains(ino) && r.intValue() != e.getValue()) {
                add(Finding.Severity.ERROR, "link-count", "inode " + ino + " has i_links_count " + e.getValue()
                        + ", counted " + r, ino, -1, -1);
            }
        }
    }
}
