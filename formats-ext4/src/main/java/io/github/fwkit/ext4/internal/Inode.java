package io.github.fwkit.ext4.internal;

import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Stat;

import java.time.Instant;
import java.util.Optional;

/**
 * One inode as read from its table, Linux {@code osd} variant.
 *
 * <pre>
 *  +0x00 u16 i_mode           +0x64 u32 i_generation
 *  +0x02 u16 i_uid (lo)       +0x68 u32 i_file_acl_lo
 *  +0x04 u32 i_size_lo        +0x6C u32 i_size_high
 *  +0x08 u32 i_atime          +0x74 u16 l_i_blocks_high
 *  +0x0C u32 i_ctime          +0x76 u16 l_i_file_acl_high (64bit only)
 *  +0x10 u32 i_mtime          +0x78 u16 l_i_uid_high
 *  +0x14 u32 i_dtime          +0x7A u16 l_i_gid_high
 *  +0x18 u16 i_gid (lo)       +0x7C u16 l_i_checksum_lo
 *  +0x1A u16 i_links_count    -- only if 128 + i_extra_isize covers the field: --
 *  +0x1C u32 i_blocks_lo      +0x80 u16 i_extra_isize    +0x82 u16 i_checksum_hi
 *  +0x20 u32 i_flags          +0x84 u32 i_ctime_extra    +0x88 u32 i_mtime_extra
 *  +0x28 u8[60] i_block       +0x8C u32 i_atime_extra    +0x90 u32 i_crtime
 *                             +0x94 u32 i_crtime_extra
 *  then, up to the inode size, in-inode extended attributes (magic 0xEA020000).
 *  time_extra: bits 0-1 add to bits 32-33 of the signed 32-bit seconds; bits 2-31 nanoseconds.
 * </pre>
 */
final class Inode {
    static final int I_BLOCK = 0x28;
    static final int I_BLOCK_SIZE = 60;
    private static final long HUGE_FILE_FL = 0x40000;

    final long number;
    final byte[] raw;
    final int mode;
    final long size;
    final long flags;
    final int links;
    final int extraIsize;
    final long fileAcl;

    private Inode(long number, byte[] raw, int extraIsize, boolean acl64) {
        this.number = number;
        this.raw = raw;
        this.mode = Le.u16(raw, 0);
        this.size = Le.u32(raw, 0x04) | (Le.u32(raw, 0x6C) << 32);
        this.flags = Le.u32(raw, 0x20);
        this.links = Le.u16(raw, 0x1A);
        this.extraIsize = extraIsize;
        this.fileAcl = Le.u32(raw, 0x68) | (acl64 ? (long) Le.u16(raw, 0x76) << 32 : 0);
    }

    /** Parses an inode; {@code extraIsize} has been validated by the caller. */
    static Inode of(long number, byte[] raw, int extraIsize, boolean acl64) {
        return new Inode(number, raw, extraIsize, acl64);
    }

    FileType type() {
        return FileType.ofMode(mode);
    }

    boolean isDir() {
        return (mode & 0xF000) == 0x4000;
    }

    boolean isReg() {
        return (mode & 0xF000) == 0x8000;
    }

    boolean isSymlink() {
        return (mode & 0xF000) == 0xA000;
    }

    boolean flag(long f) {
        return (flags & f) != 0;
    }

    /** Whether the field ending at inode offset {@code end} is present (inside 128 + i_extra_isize). */
    boolean hasExtra(int end) {
        return raw.length > 128 && 128 + extraIsize >= end;
    }

    long u32(int off) {
        return Le.u32(raw, off);
    }

    long iBlock(int i) {
        return Le.u32(raw, I_BLOCK + 4 * i);
    }

    long generation() {
        return Le.u32(raw, 0x64);
    }

    /** i_blocks in 512-byte units, as st_blocks. */
    long blocks512(boolean hugeFileFeature, int blockSize) {
        long b = Le.u32(raw, 0x1C);
        if (hugeFileFeature) {
            b |= (long) Le.u16(raw, 0x74) << 32;
            if (flag(HUGE_FILE_FL)) {
                b *= blockSize / 512;
            }
        }
        return b;
    }

    private Instant time(int off, int extraOff) {
        long sec = Le.s32(raw, off);
        long nanos = 0;
        if (extraOff > 0 && hasExtra(extraOff + 4)) {
            long extra = Le.u32(raw, extraOff);
            sec += (extra & 3) << 32;
            nanos = extra >>> 2;
        }
        return Instant.ofEpochSecond(sec, nanos);
    }

    Stat stat(boolean hugeFileFeature, int blockSize) {
        FileType t = type();
        int major = 0;
        int minor = 0;
        if (t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE) {
            // Old encoding in i_block[0] (8-bit major and minor), new in i_block[1], as the
            // kernel's ext4_iget / e2fsprogs' ext2fs_read_inode users decode them.
            long old = iBlock(0);
            if (old != 0) {
                major = (int) ((old >>> 8) & 0xff);
                minor = (int) (old & 0xff);
            } else {
                long nw = iBlock(1);
                major = (int) ((nw & 0xfff00) >>> 8);
                minor = (int) ((nw & 0xff) | ((nw >>> 12) & 0xfff00));
            }
        }
        Optional<Instant> crtime = hasExtra(0x94) ? Optional.of(time(0x90, 0x94)) : Optional.empty();
        return new Stat(number, t, mode, Le.u16(raw, 2) | ((long) Le.u16(raw, 0x78) << 16),
                Le.u16(raw, 0x18) | ((long) Le.u16(raw, 0x7A) << 16), size, links, time(0x10, 0x88), time(0x08, 0x8C),
                time(0x0C, 0x84), crtime, flags, generation(), blocks512(hugeFileFeature, blockSize), major, minor,
                fileAcl);
    }
}
