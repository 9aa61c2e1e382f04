package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Stat;
import io.github.fwkit.ext4.VolumeInfo;
import io.github.fwkit.ext4.Xattr;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An open ext2/3/4 volume: the validated superblock and descriptors over an {@link ImageReader},
 * and everything that reads inodes, block maps, directories, links and attributes. The public
 * {@code Ext4Volume} is a thin face over this class.
 *
 * <p>Thread-safe: the state is immutable after {@link #open}, the image is read positionally,
 * and the one cache (directory name indexes) is synchronized.
 */
public final class Fs implements Closeable {
    static final long ENCRYPT_FL = 0x800;
    static final long INDEX_FL = 0x1000;
    static final long EXTENTS_FL = 0x80000;
    static final long EA_INODE_FL = 0x200000;
    static final long INLINE_DATA_FL = 0x10000000;
    static final long CASEFOLD_FL = 0x40000000;
    static final long ROOT = 2;
    /** Longest symbolic link target read from data blocks (Linux PATH_MAX). */
    private static final int MAX_LINK = 4096;
    /** Directories with more blocks than this get a name index when searched by name. */
    private static final int INDEX_MIN_BLOCKS = 2;
    /** Entries kept in the name indexes of all cached directories together. */
    private static final int INDEX_MAX_ENTRIES = 1 << 18;

    final ImageReader image;
    private final boolean ownsImage;
    final Ext4Options options;
    final Superblock sb;
    final Groups groups;
    final int blockSize;
    private final long tableBlocks;
    private final Reporter reporter;
    private final VolumeInfo info;

    /**
     * Inodes read lately, by number modulo the length: a walk reads each inode for its stat and
     * an extraction worker again right after to open it. Only inodes whose checksum matched are
     * kept, so a later strict read still reports a bad one. A plain array shared by threads
     * without locks: an {@link Inode} has only final fields, so a thread sees either a whole
     * inode or none (then it reads the inode itself). An atomic array cost more than the read it
     * saved in C1-compiled code. Up to 4096 slots (an extraction's walk runs up to about 1000
     * files ahead of its workers), fewer for large inodes: {@link #recentSlots}.
     */
    private final Inode[] recent;
    /**
     * Inode-table blocks read lately, by block number modulo the length, shared the same way.
     * The inodes of one folder's entries mostly sit side by side in the table, so a walk reads
     * each table block once rather than once for each of its 16 (or more) inodes. (Reading 64 KiB
     * pieces instead saved a walk of 20 000 files 1 000 reads of 2 ms in all, but made check and
     * extract of a 100 000-file hashed folder three times slower: its inodes come in random order.)
     */
    private final TableBlock[] tableCache = new TableBlock[64];

    private record TableBlock(long block, byte[] bytes) {
    }
    private final LinkedHashMap<Long, Map<String, RawEntry>> dirIndex = new LinkedHashMap<>(16, 0.75f, true);
    private long indexedEntries;

    private Fs(ImageReader image, boolean ownsImage, Ext4Options options, Superblock sb) throws IOException {
        this.image = image;
        this.ownsImage = ownsImage;
        this.options = options;
        this.sb = sb;
        this.blockSize = sb.blockSize;
        this.tableBlocks = Superblock.ceilDiv(sb.inodesPerGroup * sb.inodeSize, sb.blockSize);
        this.recent = new Inode[recentSlots(sb.inodeSize)];
        this.reporter = options.verifyChecksums() ? Reporter.THROW : Reporter.IGNORE;
        this.groups = Groups.read(this, options.verifyChecksums());
        this.info = sb.info(image.size(), List.of());
    }

    /** Bytes of inodes the recent-inode cache may hold: each keeps a copy of its {@code s_inode_size} bytes. */
    static final int RECENT_BYTES = 4 << 20;

    /**
     * Slots of the recent-inode cache: a power of two, at most 4096, and at most
     * {@link #RECENT_BYTES} of inodes. A hostile image may declare 32 KiB inodes; 4096 of those
     * would hold 128 MiB.
     */
    static int recentSlots(int inodeSize) {
        int slots = Integer.highestOneBit(Math.max(1, RECENT_BYTES / Math.max(128, inodeSize)));
        return Math.min(4096, slots);
    }

    /**
     * Opens a volume over {@code image}.
     *
     * @param ownsImage whether {@link #close()} closes the image
     */
    public static Fs open(ImageReader image, Ext4Options options, boolean ownsImage) throws IOException {
        if (image.size() < Superblock.OFFSET + Superblock.SIZE) {
            throw new FormatException(Superblock.FORMAT, image.size(), "/superblock", "the image (" + image.size()
                    + " bytes) ends before the end of the superblock at 2048");
        }
        byte[] raw = image.readBytes(Superblock.OFFSET, Superblock.SIZE);
        Superblock sb = Superblock.parse(raw, options, image.size());
        return new Fs(image, ownsImage, options, sb);
    }

    public VolumeInfo info() {
        return info;
    }

    public Ext4Options options() {
        return options;
    }

    public ImageReader image() {
        return image;
    }

    // ---------------------------------------------------------------- blocks

    byte[] readBlock(long blk, String path) throws IOException {
        byte[] b = new byte[blockSize];
        readBlock(blk, b, path);
        return b;
    }

    void readBlock(long blk, byte[] buf, String path) throws IOException {
        if (blk < 0 || blk >= sb.blocksCount) {
            throw blockOutside(blk, path);
        }
        readAt(blk * blockSize, buf, 0, blockSize);
    }

    /** The error for block number {@code blk}, read for {@code path}, lying outside the volume. */
    FormatException blockOutside(long blk, String path) {
        return new FormatException(Superblock.FORMAT, -1, path, "block " + blk + " outside the file system ("
                + sb.blocksCount + " blocks)");
    }

    /** Reads image bytes; past the end of a (lenient, short) image they read as zeros. */
    void readAt(long pos, byte[] b, int off, int len) throws IOException {
        long avail = image.size() - pos;
        int n = (int) Math.max(0, Math.min(len, avail));
        if (n > 0) {
            image.readFully(pos, b, off, n);
        }
        if (n < len) {
            java.util.Arrays.fill(b, off + n, off + len, (byte) 0);
        }
    }

    /** Reads up to {@code n} data bytes at image offset {@code pos} into {@code dst}, zeros past the image's end. */
    int readData(long pos, ByteBuffer dst, int n) throws IOException {
        long avail = image.size() - pos;
        if (avail <= 0) {
            for (int i = 0; i < n; i++) {
                dst.put((byte) 0);
            }
            return n;
        }
        int lim = dst.limit();
        dst.limit(dst.position() + (int) Math.min(n, avail));
        try {
            int r = image.read(pos, dst);
            if (r < 0) {
                throw new FormatException(Superblock.FORMAT, pos, "", "the image ended while reading");
            }
            return r;
        } finally {
            dst.limit(lim);
        }
    }

    // ---------------------------------------------------------------- inodes

    /** Byte offset of inode {@code ino} in the image (for messages; the inode must be valid). */
    long inodeOffset(long ino) {
        long g = (ino - 1) / sb.inodesPerGroup;
        long i = (ino - 1) % sb.inodesPerGroup;
        if (g < 0 || g >= groups.inodeTable.length) {
            return -1;
        }
        return groups.inodeTable[(int) g] * blockSize + i * sb.inodeSize;
    }

    Inode inode(long ino) throws IOException {
        return inode(ino, reporter);
    }

    /*
     * Inode N lives in group (N - 1) / s_inodes_per_group, slot (N - 1) % s_inodes_per_group of
     * that group's inode table; each slot is s_inode_size bytes.
     */
    Inode inode(long ino, Reporter r) throws IOException {
        // Runs for every entry of a walk and every file extracted: the messages of its errors are
        // built in the methods below, so that the JIT compiles a call here, not their text.
        if (ino < 1 || ino > sb.inodesCount) {
            throw badInodeNumber(ino);
        }
        int slot = (int) (ino & (recent.length - 1));
        Inode cached = recent[slot];
        if (cached != null && cached.number == ino) {
            return cached;
        }
        int g = (int) ((ino - 1) / sb.inodesPerGroup);
        long i = (ino - 1) % sb.inodesPerGroup;
        if (groups.inodeUninit(g, sb)) {
            throw groupProblem(g, 0x12, "bg_flags", uninitialisedTable(ino, g));
        }
        if (i >= groups.initialisedInodes(g, sb) && !options.lenient()) {
            throw groupProblem(g, 0x1C, "bg_itable_unused", neverInitialised(ino, g));
        }
        long table = groups.inodeTable[g];
        if (table <= sb.firstDataBlock || table + tableBlocks > sb.blocksCount) {
            throw groupProblem(g, 8, "bg_inode_table", tableOutside(g));
        }
        long pos = table * blockSize + i * sb.inodeSize;
        byte[] raw = readInode(pos);
        int extra = 0;
        if (raw.length > 128) {
            extra = Le.u16(raw, 0x80);
            if (128 + extra > raw.length || (extra & 3) != 0) {
                throw badExtraIsize(ino, pos, extra, raw.length);
            }
        }
        Inode inode = Inode.of(ino, raw, extra, sb.is64bit());
        if (sb.metadataCsum) {
            String problem = inodeChecksumProblem(inode);
            if (problem != null) {
                r.report("inode-checksum", ino, -1, badInodeChecksum(ino, pos, problem));
                return inode;
            }
        }
        recent[slot] = inode;
        return inode;
    }

    private FormatException badInodeNumber(long ino) {
        return new FormatException(Superblock.FORMAT, -1, "/inodes/" + ino, "inode number " + ino + " outside 1.."
                + sb.inodesCount);
    }

    /** A problem with group {@code g}'s descriptor field {@code name} at offset {@code field}. */
    private FormatException groupProblem(int g, int field, String name, String problem) {
        return new FormatException(Superblock.FORMAT, groups.offset[g] + field, "/group_descriptors[" + g + "]/" + name,
                problem);
    }

    private static String uninitialisedTable(long ino, int g) {
        return "inode " + ino + " is in group " + g + ", whose inode table is uninitialised";
    }

    private static String neverInitialised(long ino, int g) {
        return "inode " + ino + " is in the never-initialised part of group " + g + "'s inode table";
    }

    private String tableOutside(int g) {
        return "inode table at block " + groups.inodeTable[g] + " (+" + tableBlocks + ") outside the file system";
    }

    private static FormatException badExtraIsize(long ino, long pos, int extra, int size) {
        return new FormatException(Superblock.FORMAT, pos + 0x80, "/inodes/" + ino + "/i_extra_isize", "inode " + ino
                + ": i_extra_isize " + extra + " does not fit a " + size + "-byte inode");
    }

    private static FormatException badInodeChecksum(long ino, long pos, String problem) {
        return new FormatException(Superblock.FORMAT, pos + 0x7C, "/inodes/" + ino + "/i_checksum", "inode " + ino
                + ": " + problem);
    }

    /**
     * The {@code s_inode_size} bytes at {@code pos}, through the table-block cache. The inode size
     * is a power of two no larger than the block (checked with the superblock), so an inode never
     * straddles two blocks.
     */
    private byte[] readInode(long pos) throws IOException {
        long blk = pos / blockSize;
        int off = (int) (pos - blk * blockSize);
        int slot = (int) (blk & (tableCache.length - 1));
        TableBlock t = tableCache[slot];
        if (t == null || t.block() != blk) {
            t = new TableBlock(blk, readBlock(blk, "/inodes"));
            tableCache[slot] = t;
        }
        return java.util.Arrays.copyOfRange(t.bytes(), off, off + sb.inodeSize);
    }
    /** Null if the inode checksum matches (or the inode is all zeros, which e2fsprogs accepts). */
    String inodeChecksumProblem(Inode inode) {
        byte[] c = inode.raw;
        boolean hasHi = c.length > 128 && inode.extraIsize >= 4;
        int stored = Le.u16(c, 0x7C) | (hasHi ? Le.u16(c, 0x82) << 16 : 0);
        // The checksum covers the inode with its own two fields read as zeros.
        int actual = Crc.crc32c(inodeSeed(inode), c, 0, 0x7C);
        actual = Crc.crc32cZeros(actual, 2);
        if (hasHi) {
            actual = Crc.crc32c(actual, c, 0x7E, 4);
            actual = Crc.crc32cZeros(actual, 2);
            actual = Crc.crc32c(actual, c, 0x84, c.length - 0x84);
        } else {
            actual = Crc.crc32c(actual, c, 0x7E, c.length - 0x7E);
        }
        if (!hasHi) {
            actual &= 0xffff;
        }
        if (actual == stored || Le.allZero(inode.raw, 0, inode.raw.length)) {
            return null;
        }
        return "inode checksum 0x" + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(actual);
    }

    /** crc32c(crc32c(fs seed, le32 inode number), le32 i_generation): seeds the inode's own checksums. */
    int inodeSeed(Inode inode) {
        int crc = Crc.crc32c(sb.csumSeed, (int) inode.number);
        return Crc.crc32c(crc, (int) inode.generation());
    }

    Stat stat(Inode inode) {
        return inode.stat(sb.hasRo(Features.RO_COMPAT_HUGE_FILE), blockSize);
    }

    public Stat stat(long ino) throws IOException {
        return stat(inode(ino));
    }

    // ---------------------------------------------------------------- contents

    Runs runs(Inode inode, Reporter r) throws IOException {
        return BlockMaps.map(this, inode, r);
    }

    /** A directory may not map more blocks than the volume has: bounds the work of a hostile one. */
    void checkMappedBlocks(Inode dir, Runs runs, long nblocks) throws FormatException {
        long total = 0;
        for (int k = 0; k < runs.size() && runs.logical(k) < nblocks; k++) {
            total += Math.min(runs.end(k), nblocks) - runs.logical(k);
        }
        if (total > sb.blocksCount) {
            throw new FormatException(Superblock.FORMAT, inodeOffset(dir.number) + Inode.I_BLOCK, "/inodes/"
                    + dir.number + "/i_block", "directory " + dir.number + " maps " + total
                    + " blocks, more than the file system has");
        }
    }

    /** The bytes of a file, directory, symbolic link or ea_inode; refused for encrypted contents. */
    ImageReader content(Inode inode) throws IOException {
        if (inode.flag(ENCRYPT_FL) && !inode.isDir()) {
            throw encrypted(inode);
        }
        if (inode.size < 0) {
            throw badSize(inode);
        }
        if (inode.flag(INLINE_DATA_FL)) {
            return new FileData(this, inode.number, inode.size, null, inlineData(inode));
        }
        int t = inode.mode & 0xF000;
        boolean mapped = t == 0x8000 || t == 0x4000 || t == 0xA000 || inode.flag(EA_INODE_FL);
        if (!mapped || (inode.isSymlink() && isFastSymlink(inode))) {
            return new FileData(this, inode.number, 0, Runs.EMPTY, null);
        }
        return new FileData(this, inode.number, inode.size, runs(inode, reporter), null);
    }

    // content's errors, out of line (it runs for every file extracted)
    private UnsupportedFormatException encrypted(Inode inode) {
        return new UnsupportedFormatException(Superblock.FORMAT, inodeOffset(inode.number) + 0x20, "/inodes/"
                + inode.number + "/i_flags", "inode " + inode.number
                + " is encrypted; its contents cannot be read without the key");
    }

    private FormatException badSize(Inode inode) {
        return new FormatException(Superblock.FORMAT, inodeOffset(inode.number) + 0x6C, "/inodes/" + inode.number
                + "/i_size_high", "inode " + inode.number + ": size 0x" + Long.toHexString(inode.size)
                + " out of range");
    }

    /** i_block[0, min(size, 60)) then the system.data value; the reader pads with zeros up to i_size. */
    private byte[] inlineData(Inode inode) throws IOException {
        if (!sb.has(Features.INCOMPAT_INLINE_DATA)) {
            throw new FormatException(Superblock.FORMAT, inodeOffset(inode.number) + 0x20, "/inodes/" + inode.number
                    + "/i_flags", "inode " + inode.number + " has inline data but the volume lacks the inline_data feature");
        }
        byte[] more = Xattrs.systemData(this, inode, reporter);
        if (more == null && !options.lenient()) {
            throw new FormatException(Superblock.FORMAT, inodeOffset(inode.number) + 128, "/inodes/" + inode.number
                    + "/xattrs", "inode " + inode.number + " has inline data but no system.data attribute");
        }
        int first = (int) Math.min(inode.size, Inode.I_BLOCK_SIZE);
        int extra = more == null ? 0 : (int) Math.min(more.length, Math.max(0, inode.size - first));
        byte[] out = new byte[first + extra];
        System.arraycopy(inode.raw, Inode.I_BLOCK, out, 0, first);
        if (extra > 0) {
            System.arraycopy(more, 0, out, first, extra);
        }
        return out;
    }

    /*
     * Symbolic link targets: inline (INLINE_DATA), in data blocks (EXTENTS set, or blocks
     * allocated beyond an xattr block: the kernel's ext4_inode_is_fast_symlink), else "fast",
     * in i_block itself.
     */
    boolean isFastSymlink(Inode inode) {
        if (inode.flag(INLINE_DATA_FL)) {
            return false;
        }
        long blocks = Le.u32(inode.raw, 0x1C);
        long aclBlocks = inode.fileAcl != 0 ? sb.clusterSize / 512 : 0;
        if (inode.flag(EXTENTS_FL)) {
            // A fast link wrongly flagged EXTENTS (e2fsck: "fast symlink has EXTENTS_FL set")
            // holds text, not an extent header; read it as the link it is.
            return blocks - aclBlocks == 0 && Le.u16(inode.raw, Inode.I_BLOCK) != 0xF30A
                    && inode.size < Inode.I_BLOCK_SIZE;
        }
        return blocks - aclBlocks == 0;
    }

    byte[] symlinkTarget(Inode inode) throws IOException {
        String path = "/inodes/" + inode.number;
        if (inode.flag(ENCRYPT_FL)) {
            throw new UnsupportedFormatException(Superblock.FORMAT, inodeOffset(inode.number) + 0x20, path + "/i_flags",
                    "symbolic link " + inode.number + " is encrypted; its target cannot be read without the key");
        }
        if (inode.size < 0 || inode.size > MAX_LINK || (inode.size >= blockSize && !inode.flag(INLINE_DATA_FL))) {
            throw new FormatException(Superblock.FORMAT, inodeOffset(inode.number) + 4, path + "/i_size",
                    "symbolic link " + inode.number + " has a " + inode.size + "-byte target");
        }
        int n = (int) inode.size;
        if (!inode.flag(INLINE_DATA_FL) && isFastSymlink(inode)) {
            if (n >= Inode.I_BLOCK_SIZE) {
                throw new FormatException(Superblock.FORMAT, inodeOffset(inode.number) + 4, path + "/i_size",
                        "fast symbolic link " + inode.number + " claims a " + n + "-byte target; i_block holds 59");
            }
            return java.util.Arrays.copyOfRange(inode.raw, Inode.I_BLOCK, Inode.I_BLOCK + n);
        }
        byte[] out = new byte[n];
        content(inode).readFully(0, out, 0, n);
        return out;
    }

    List<Xattr> xattrs(Inode inode, Reporter r) throws IOException {
        return Xattrs.read(this, inode, r);
    }

    public List<Xattr> xattrs(long ino) throws IOException {
        return xattrs(inode(ino), reporter);
    }

    // ---------------------------------------------------------------- directories

    DirCursor cursor(Inode dir) throws IOException {
        return new DirCursor(this, dir, options.lenient() ? Reporter.IGNORE : Reporter.THROW);
    }

    DirCursor cursor(Inode dir, Reporter r) throws IOException {
        return new DirCursor(this, dir, r);
    }

    /** A dirent's rec_len: values above 65535 are encoded in the low bits with 64 KiB blocks (e2fsprogs ext2fs_get_rec_len). */
    static int recLen(int raw, int bs) {
        if (bs < 65536) {
            return raw;
        }
        if (raw == 65535 || raw == 0) {
            return bs;
        }
        return (raw & 65532) | ((raw & 3) << 16);
    }

    /** The entries of a directory other than {@code .} and {@code ..}, in on-disk order. */
    public List<DirEntry> list(long ino) throws IOException {
        Inode dir = inode(ino);
        if (!dir.isDir()) {
            throw new NotDirectoryException("inode " + ino);
        }
        List<DirEntry> out = new ArrayList<>();
        DirCursor c = cursor(dir);
        for (RawEntry e = c.next(); e != null; e = c.next()) {
            if (!e.isDot() && !e.isDotDot()) {
                out.add(e.toDirEntry());
            }
        }
        return out;
    }

    /**
     * Finds a name in a directory, or null. Htree directories are searched through their index;
     * other large directories get a cached name index.
     */
    RawEntry find(Inode dir, byte[] name) throws IOException {
        boolean dots = (name.length == 1 || name.length == 2) && name[0] == '.' && name[name.length - 1] == '.';
        // "." and ".." sit in the root block, outside the hashed leaves
        if (!dots && HtreeLookup.applies(this, dir)) {
            RawEntry e = HtreeLookup.find(this, dir, name, options.lenient() ? Reporter.IGNORE : Reporter.THROW);
            if (e == HtreeLookup.ABSENT) {
                return null;
            }
            if (e != HtreeLookup.UNUSABLE) {
                return e;
            }
        }
        String key = new String(name, StandardCharsets.ISO_8859_1);
        Map<String, RawEntry> index;
        synchronized (dirIndex) {
            index = dirIndex.get(dir.number);
        }
        if (index == null) {
            boolean big = !dir.flag(INLINE_DATA_FL) && dir.size > (long) INDEX_MIN_BLOCKS * blockSize;
            if (!big) {
                DirCursor c = cursor(dir);
                for (RawEntry e = c.next(); e != null; e = c.next()) {
                    if (e.nameEquals(name)) {
                        return e;
                    }
                }
                return casefoldFind(dir, name);
            }
            index = new HashMap<>();
            DirCursor c = cursor(dir);
            for (RawEntry e = c.next(); e != null; e = c.next()) {
                index.putIfAbsent(new String(e.name(), StandardCharsets.ISO_8859_1), e);
            }
            synchronized (dirIndex) {
                if (index.size() <= INDEX_MAX_ENTRIES) {
                    dirIndex.put(dir.number, index);
                    indexedEntries += index.size();
                    var it = dirIndex.entrySet().iterator();
                    while (indexedEntries > INDEX_MAX_ENTRIES && it.hasNext()) {
                        var old = it.next();
                        if (old.getKey() != dir.number) {
                            indexedEntries -= old.getValue().size();
                            it.remove();
                        }
                    }
                }
            }
        }
        RawEntry e = index.get(key);
        return e != null ? e : casefoldFind(dir, name);
    }

    /**
     * Case-insensitive lookup in a CASEFOLD directory. The kernel folds with its UTF-8 12.1
     * tables (NFD plus full case folding); NFD of the upper-then-lower-cased name is Java's
     * closest match and agrees for everything but a few special foldings.
     */
    private RawEntry casefoldFind(Inode dir, byte[] name) throws IOException {
        if (!dir.flag(CASEFOLD_FL) || dir.flag(ENCRYPT_FL)) {
            return null;
        }
        String want = fold(new String(name, StandardCharsets.UTF_8));
        DirCursor c = cursor(dir);
        for (RawEntry e = c.next(); e != null; e = c.next()) {
            if (fold(new String(e.name(), StandardCharsets.UTF_8)).equals(want)) {
                return e;
            }
        }
        return null;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    }

    // ---------------------------------------------------------------- paths

    /**
     * Resolves an absolute (or root-relative) path. Symbolic links in the middle are always
     * followed, the last one only if {@code followFinal}; {@code ..} uses the directory's own
     * {@code ..} entry.
     */
    public long resolve(String path, boolean followFinal) throws IOException {
        return resolveInode(path, followFinal).number;
    }

    Inode resolveInode(String path, boolean followFinal) throws IOException {
        // added one by one: ArrayDeque(Collection) copies through a method reference
        Deque<byte[]> parts = new ArrayDeque<>();
        for (byte[] part : split(path.getBytes(StandardCharsets.UTF_8))) {
            parts.addLast(part);
        }
        Inode cur = inode(ROOT);
        int links = 0;
        while (!parts.isEmpty()) {
            byte[] name = parts.pollFirst();
            if (name.length == 1 && name[0] == '.') {
                continue;
            }
            if (!cur.isDir()) {
                throw new NotDirectoryException(path);
            }
            RawEntry e = find(cur, name);
            if (e == null) {
                throw new NoSuchFileException(path);
            }
            Inode next = inode(e.inode());
            if (next.isSymlink() && (!parts.isEmpty() || followFinal)) {
                if (++links > options.maxSymlinkDepth()) {
                    throw new FileSystemException(path, null, "too many levels of symbolic links");
                }
                byte[] target = symlinkTarget(next);
                if (target.length == 0) {
                    throw new NoSuchFileException(path);
                }
                List<byte[]> tp = split(target);
                for (int k = tp.size() - 1; k >= 0; k--) {
                    parts.addFirst(tp.get(k));
                }
                if (target[0] == '/') {
                    cur = inode(ROOT);
                }
                continue;
            }
            cur = next;
        }
        return cur;
    }

    static List<byte[]> split(byte[] path) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                if (i > start) {
                    out.add(java.util.Arrays.copyOfRange(path, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- public helpers for Ext4Volume

    public ImageReader open(long ino) throws IOException {
        return content(inode(ino));
    }

    public byte[] readLink(long ino) throws IOException {
        Inode i = inode(ino);
        if (!i.isSymlink()) {
            throw new FileSystemException("inode " + ino, null, "not a symbolic link");
        }
        return symlinkTarget(i);
    }

    /** A cursor over a directory's raw entries, for walks that must not hold a whole listing. */
    public EntryCursor entries(long ino) throws IOException {
        Inode dir = inode(ino);
        if (!dir.isDir()) {
            throw new NotDirectoryException("inode " + ino);
        }
        DirCursor c = cursor(dir);
        return new EntryCursor() {
            @Override
            public DirEntry next() throws IOException {
                for (RawEntry e = c.next(); e != null; e = c.next()) {
                    if (!e.isDot() && !e.isDotDot()) {
                        return e.toDirEntry();
                    }
                }
                return null;
            }
        };
    }

    /** Entries one at a time, {@code .} and {@code ..} left out; null at the end. */
    @FunctionalInterface
    public interface EntryCursor {
        DirEntry next() throws IOException;
    }

    @Override
    public void close() throws IOException {
        if (ownsImage) {
            image.close();
        }
    }
}
