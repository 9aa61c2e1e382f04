package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;

import java.io.IOException;

/**
 * Reads a directory's entries one at a time, holding one block: a linear scan, which lists
 * htree directories too (their index blocks look like empty entries to it, by design of the
 * format). Inline directories get a made-up {@code .} and {@code ..} first, so every directory
 * looks alike to callers.
 *
 * <pre>
 * ext4_dir_entry_2:
 *  +0 u32 inode (0 = unused)   +6 u8 name_len
 *  +4 u16 rec_len              +7 u8 file_type (with the filetype feature)
 *  +8 name (not NUL-terminated)
 * rec_len: multiple of 4, at least (8 + name_len + 3) &amp; ~3, never crosses the block end;
 * with 64 KiB blocks 65535 and 0 mean the whole block.
 * metadata_csum leaf tail, the last 12 bytes: inode 0, rec_len 12, name_len 0, type 0xDE,
 * u32 crc32c(inode seed, block[0, bs - 12)).
 * </pre>
 */
final class DirCursor {
    private final Fs fs;
    private final Inode dir;
    private final Reporter reporter;
    private final boolean hashedNames;

    // Block-mapped directories.
    private final Runs runs;
    private final long nblocks;
    private int run;
    private long lblk;
    private byte[] buf;
    private long pblk = -1;

    // Inline directories: i_block[4..60) then the system.data value.
    private final byte[][] areas;
    private int area;
    private int synth;

    private int off;
    private int end;
    private boolean loaded;

    DirCursor(Fs fs, Inode dir, Reporter reporter) throws IOException {
        this(fs, dir, reporter, null, -1);
    }

    /** A cursor over the entries of logical block {@code only} of a block-mapped directory. */
    static DirCursor ofBlock(Fs fs, Inode dir, Reporter reporter, Runs runs, long only) throws IOException {
        return new DirCursor(fs, dir, reporter, runs, only);
    }

    private DirCursor(Fs fs, Inode dir, Reporter reporter, Runs given, long only) throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.reporter = reporter;
        // Casefolded and encrypted directories store a hash after each name.
        this.hashedNames = dir.flag(Fs.CASEFOLD_FL) && dir.flag(Fs.ENCRYPT_FL);
        if (dir.flag(Fs.INLINE_DATA_FL)) {
            byte[] a = java.util.Arrays.copyOfRange(dir.raw, Inode.I_BLOCK + 4, Inode.I_BLOCK + Inode.I_BLOCK_SIZE);
            byte[] b = Xattrs.systemData(fs, dir, reporter);
            areas = b == null || b.length == 0 ? new byte[][] {a} : new byte[][] {a, b};
            runs = null;
            nblocks = 0;
        } else if (only >= 0) {
            areas = null;
            runs = given;
            nblocks = only + 1;
            int k = runs.find(only);
            run = k >= 0 ? k : runs.size();
            lblk = only;
        } else {
            areas = null;
            runs = fs.runs(dir, reporter);
            nblocks = Superblock.ceilDiv(dir.size, fs.blockSize);
            fs.checkMappedBlocks(dir, runs, nblocks);
            run = 0;
            lblk = runs.size() > 0 ? runs.logical(0) : 0;
        }
    }

    /** The next entry (unused slots skipped), or null at the end. */
    RawEntry next() throws IOException {
        if (areas != null && synth < 2) {
            synth++;
            if (synth == 1) {
                return new RawEntry(dir.number, new byte[] {'.'}, 2);
            }
            return new RawEntry(dir.iBlock(0), new byte[] {'.', '.'}, 2);
        }
        while (true) {
            if (!loaded && !load()) {
                return null;
            }
            if (off >= end) {
                loaded = false;
                continue;
            }
            RawEntry e = parse();
            if (e != null) {
                return e;
            }
        }
    }

    /** Loads the next block or inline area; false at the end of the directory. */
    private boolean load() throws IOException {
        if (areas != null) {
            if (area >= areas.length) {
                return false;
            }
            buf = areas[area++];
            pblk = -1;
            off = 0;
            end = buf.length;
            loaded = true;
            return true;
        }
        while (run < runs.size()) {
            if (lblk >= runs.end(run) || lblk >= nblocks || runs.uninit(run)) {
                run++;
                if (run < runs.size()) {
                    lblk = runs.logical(run);
                    if (lblk >= nblocks) {
                        return false;
                    }
                }
                continue;
            }
            pblk = runs.physical(run) + (lblk - runs.logical(run));
            long logical = lblk;
            lblk++;
            if (buf == null || buf.length != fs.blockSize) {
                buf = new byte[fs.blockSize];
            }
            // fs.readBlock's check, with the location built only when it fails
            if (pblk < 0 || pblk >= fs.sb.blocksCount) {
                throw fs.blockOutside(pblk, "/inodes/" + dir.number + "/block(" + pblk + ")");
            }
            fs.readAt(pblk * fs.blockSize, buf, 0, fs.blockSize);
            off = 0;
            end = fs.blockSize;
            if (fs.sb.metadataCsum) {
                end = verify(logical);
            }
            loaded = true;
            return true;
        }
        return false;
    }

    /** Verifies a block's checksum; returns where its entries end (before a leaf tail). */
    private int verify(long logical) throws FormatException {
        int bs = fs.blockSize;
        if (isDxBlock(logical)) {
            String problem = DxChecksum.verify(fs, dir, buf);
            if (problem != null) {
                reporter.report("htree-checksum", dir.number, pblk, blockProblem(0, "/dx_tail", problem));
            }
            return bs;
        }
        if (hasTail(buf, bs)) {
            int stored = Le.s32(buf, bs - 4);
            int actual = Crc.crc32c(fs.inodeSeed(dir), buf, 0, bs - 12);
            if (stored != actual) {
                reporter.report("dir-block-checksum", dir.number, pblk, blockProblem(bs - 4, "/det_checksum",
                        checksumText(stored, actual)));
            }
            return bs;
        }
        reporter.report("dir-block-checksum", dir.number, pblk, blockProblem(0, "", "leaf block has no checksum tail"));
        return bs;
    }

    // verify's findings, out of line: it runs for every directory block of a walk
    private FormatException blockProblem(int offset, String field, String problem) {
        return new FormatException(Superblock.FORMAT, pblk * fs.blockSize + offset, "/inodes/" + dir.number
                + "/block(" + pblk + ")" + field, "directory " + dir.number + ": " + problem);
    }

    private static String checksumText(int stored, int actual) {
        return "leaf block checksum 0x" + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(actual);
    }

    /** The kernel's test ({@code __ext4_read_dirblock}): block 0 of an htree, or a block whose first rec_len spans it. */
    private boolean isDxBlock(long logical) {
        if (!dir.flag(Fs.INDEX_FL)) {
            return false;
        }
        return logical == 0 || Fs.recLen(Le.u16(buf, 4), fs.blockSize) == fs.blockSize;
    }

    static boolean hasTail(byte[] b, int bs) {
        int t = bs - 12;
        return Le.u32(b, t) == 0 && Le.u16(b, t + 4) == 12 && Le.u8(b, t + 6) == 0 && Le.u8(b, t + 7) == 0xDE;
    }

    /** Parses the entry at {@link #off}; null for an unused slot or after a broken entry (the area is abandoned). */
    private RawEntry parse() throws FormatException {
        int o = off;
        if (o + 8 > end) {
            return broken(o, "entry header crosses the end of the block");
        }
        long ino = Le.u32(buf, o);
        int recLen = Fs.recLen(Le.u16(buf, o + 4), fs.blockSize);
        int nameLen = Le.u8(buf, o + 6);
        int type = fs.sb.has(Features.INCOMPAT_FILETYPE) ? Le.u8(buf, o + 7) : 0;
        int min = (8 + nameLen + 3) & ~3;
        if (hashedNames && ino != 0) {
            min += 8;
        }
        if (recLen < 12 || (recLen & 3) != 0 || recLen < min || o + recLen > end) {
            return broken(o, "bad rec_len " + recLen + " for a name of " + nameLen + " bytes at offset " + o);
        }
        if (ino > fs.sb.inodesCount) {
            return broken(o, "inode " + ino + " beyond the " + fs.sb.inodesCount + " inodes");
        }
        off = o + recLen;
        if (ino == 0 || nameLen == 0) {
            return null;
        }
        byte[] name = java.util.Arrays.copyOfRange(buf, o + 8, o + 8 + nameLen);
        return new RawEntry(ino, name, type);
    }

    /** Reports the broken entry at offset {@code o} of the current block or area and abandons the rest of it. */
    private RawEntry broken(int o, String problem) throws FormatException {
        off = end;
        long at = pblk >= 0 ? pblk * fs.blockSize + o : -1;
        String where = "/inodes/" + dir.number + (pblk >= 0 ? "/block(" + pblk + ")" : "/inline") + "/entry@" + o;
        reporter.report("dir-entry", dir.number, pblk, new FormatException(Superblock.FORMAT, at, where, "directory "
                + dir.number + ": " + problem));
        return null;
    }
}
