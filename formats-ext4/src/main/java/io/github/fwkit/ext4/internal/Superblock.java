package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.VolumeInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The primary superblock, validated as e2fsprogs' {@code ext2fs_open2} and the kernel's
 * {@code ext4_fill_super} do before they trust the geometry.
 *
 * <pre>
 * byte 1024 of the device (whatever the block size), 1024 bytes, little-endian:
 *  +0x000 u32 s_inodes_count           +0x05C u32 s_feature_compat
 *  +0x004 u32 s_blocks_count_lo        +0x060 u32 s_feature_incompat
 *  +0x008 u32 s_r_blocks_count_lo      +0x064 u32 s_feature_ro_compat
 *  +0x00C u32 s_free_blocks_count_lo   +0x068 u8[16] s_uuid
 *  +0x010 u32 s_free_inodes_count      +0x078 char[16] s_volume_name
 *  +0x014 u32 s_first_data_block       +0x088 char[64] s_last_mounted
 *  +0x018 u32 s_log_block_size         +0x0EC u32[4] s_hash_seed
 *  +0x01C u32 s_log_cluster_size       +0x0FE u16 s_desc_size
 *  +0x020 u32 s_blocks_per_group       +0x104 u32 s_first_meta_bg
 *  +0x024 u32 s_clusters_per_group     +0x108 u32 s_mkfs_time
 *  +0x028 u32 s_inodes_per_group       +0x150 u32 s_blocks_count_hi (64bit)
 *  +0x02C u32 s_mtime                  +0x154 u32 s_r_blocks_count_hi
 *  +0x030 u32 s_wtime                  +0x158 u32 s_free_blocks_count_hi
 *  +0x038 u16 s_magic = 0xEF53         +0x175 u8  s_checksum_type (1 = crc32c)
 *  +0x03A u16 s_state                  +0x24C u32[2] s_backup_bgs (sparse_super2)
 *  +0x048 u32 s_creator_os             +0x270 u32 s_checksum_seed (csum_seed)
 *  +0x04C u32 s_rev_level              +0x274 u8 s_wtime_hi, s_mtime_hi, s_mkfs_time_hi
 *  +0x054 u32 s_first_ino              +0x3FC u32 s_checksum (crc32c of 0..0x3FB)
 *  +0x058 u16 s_inode_size
 * </pre>
 */
final class Superblock {
    static final String FORMAT = "ext4";
    static final long OFFSET = 1024;
    static final int SIZE = 1024;
    private static final int MAGIC = 0xEF53;
    private static final long CREATOR_HURD = 1;

    final byte[] raw;
    final long inodesCount;
    final long blocksCount;
    final long firstDataBlock;
    final int logBlockSize;
    final int blockSize;
    final int clusterSize;
    final long blocksPerGroup;
    final long clustersPerGroup;
    final long inodesPerGroup;
    final long revLevel;
    final long firstIno;
    final int inodeSize;
    final long compat;
    final long incompat;
    final long roCompat;
    final int descSize;
    final long groups;
    final long firstMetaBg;
    final long descBlocks;
    final int csumSeed;
    final boolean metadataCsum;
    final boolean gdtCsum;
    final long[] backupBgs;
    final List<String> warnings;

    private Superblock(byte[] raw, Ext4Options opts, long imageSize) throws FormatException {
        this.raw = raw;
        List<String> warn = new ArrayList<>();
        int magic = Le.u16(raw, 0x38);
        if (magic != MAGIC) {
            throw FormatException.mismatch(FORMAT, OFFSET + 0x38, "/superblock/s_magic", MAGIC, magic);
        }
        revLevel = Le.u32(raw, 0x4C);
        if (revLevel > 1) {
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x4C, "/superblock/s_rev_level",
                    "revision " + revLevel + " is newer than any known (0 or 1)");
        }
        if (Le.u32(raw, 0x48) == CREATOR_HURD) {
            // GNU Hurd uses its own layout for the OS-dependent inode fields (uid/gid high halves,
            // checksums, translators); reading it as Linux would give wrong owners.
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x48, "/superblock/s_creator_os",
                    "created by GNU Hurd, whose inode layout is not supported");
        }
        compat = Le.u32(raw, 0x5C);
        incompat = revLevel == 0 ? 0 : Le.u32(raw, 0x60);
        roCompat = revLevel == 0 ? 0 : Le.u32(raw, 0x64);
        checkFeatures(warn);

        long logBlock = Le.u32(raw, 0x18);
        if (logBlock > 6) {
            throw bad(0x18, "s_log_block_size", "block size 1024 << " + logBlock + " is above 64 KiB");
        }
        logBlockSize = (int) logBlock;
        blockSize = 1024 << logBlockSize;
        long logCluster = Le.u32(raw, 0x1C);
        boolean bigalloc = (roCompat & Features.RO_COMPAT_BIGALLOC) != 0;
        if (!bigalloc && logCluster != logBlock) {
            throw bad(0x1C, "s_log_cluster_size", "cluster size differs from the block size without bigalloc");
        }
        if (bigalloc && (logCluster < logBlock || logCluster > logBlock + 16)) {
            throw bad(0x1C, "s_log_cluster_size", "cluster size 1024 << " + logCluster + " out of range");
        }
        clusterSize = (int) Math.min(Integer.MAX_VALUE, 1024L << logCluster);
        int clusterBits = (int) (logCluster - logBlock);

        inodesCount = Le.u32(raw, 0x00);
        long blocks = Le.u32(raw, 0x04);
        if (is64bit()) {
            blocks |= Le.u32(raw, 0x150) << 32;
        }
        blocksCount = blocks;
        firstDataBlock = Le.u32(raw, 0x14);
        blocksPerGroup = Le.u32(raw, 0x20);
        clustersPerGroup = Le.u32(raw, 0x24);
        inodesPerGroup = Le.u32(raw, 0x28);
        if (blocksCount == 0 || blocksCount >= 1L << 48) {
            throw bad(0x04, "s_blocks_count", "block count " + Long.toUnsignedString(blocksCount) + " out of range");
        }
        if (firstDataBlock >= blocksCount) {
            throw bad(0x14, "s_first_data_block", "first data block " + firstDataBlock + " is not below the block count "
                    + blocksCount);
        }
        if (firstDataBlock > 1 || (blockSize == 1024 && clusterBits == 0 && firstDataBlock != 1)
                || (blockSize > 1024 && firstDataBlock != 0)) {
            // The superblock sits at byte 1024: block 1 with 1 KiB blocks, else block 0 (kernel:
            // "bad geometry: first data block is 0 with a 1k block and cluster size").
            throw bad(0x14, "s_first_data_block", "first data block " + firstDataBlock + " does not fit block size "
                    + blockSize);
        }
        long maxPerGroup = 8L * blockSize;
        // The kernel's limit: each bitmap fits in one block.
        if (clustersPerGroup == 0 || clustersPerGroup > maxPerGroup) {
            throw bad(0x24, "s_clusters_per_group", clustersPerGroup + " clusters per group, expected 1.." + maxPerGroup);
        }
        if (bigalloc ? blocksPerGroup != clustersPerGroup << clusterBits : blocksPerGroup != clustersPerGroup) {
            throw bad(0x20, "s_blocks_per_group", blocksPerGroup + " blocks per group disagrees with "
                    + clustersPerGroup + " clusters per group");
        }
        if (inodesPerGroup == 0 || inodesPerGroup > maxPerGroup) {
            throw bad(0x28, "s_inodes_per_group", inodesPerGroup + " inodes per group, expected 1.." + maxPerGroup);
        }
        if (revLevel == 0) {
            inodeSize = 128;
            firstIno = 11;
        } else {
            inodeSize = Le.u16(raw, 0x58);
            firstIno = Le.u32(raw, 0x54);
            if (inodeSize < 128 || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
                throw bad(0x58, "s_inode_size", "inode size " + inodeSize + " is not a power of two in 128.." + blockSize);
            }
            if (firstIno < 11 || firstIno > inodesCount) {
                throw bad(0x54, "s_first_ino", "first non-reserved inode " + firstIno + " out of range");
            }
        }
        if (is64bit()) {
            int ds = Le.u16(raw, 0xFE);
            if (ds < 64 || ds > 1024 || ds > blockSize || Integer.bitCount(ds) != 1) {
                throw bad(0xFE, "s_desc_size", "descriptor size " + ds + " is not a power of two in 64..1024");
            }
            descSize = ds;
        } else {
            descSize = 32;
        }
        groups = ceilDiv(blocksCount - firstDataBlock, blocksPerGroup);
        if (groups * inodesPerGroup != inodesCount) {
            throw bad(0x00, "s_inodes_count", inodesCount + " inodes, but " + groups + " groups of " + inodesPerGroup
                    + " make " + groups * inodesPerGroup);
        }
        if (groups > opts.maxGroups()) {
            throw new LimitExceededException(FORMAT, OFFSET + 0x04, "/superblock/s_blocks_count", "maxGroups",
                    opts.maxGroups());
        }
        long perBlock = blockSize / descSize;
        descBlocks = ceilDiv(groups, perBlock);
        firstMetaBg = Le.u32(raw, 0x104);
        if ((incompat & Features.INCOMPAT_META_BG) != 0 && firstMetaBg > descBlocks) {
            throw bad(0x104, "s_first_meta_bg", "first meta group " + firstMetaBg + " beyond the " + descBlocks
                    + " descriptor blocks");
        }
        long tableBlocks = ceilDiv(inodesPerGroup * inodeSize, blockSize);
        if (tableBlocks > blocksPerGroup && (incompat & Features.INCOMPAT_FLEX_BG) == 0) {
            throw bad(0x28, "s_inodes_per_group", "the inode table (" + tableBlocks + " blocks) does not fit a group of "
                    + blocksPerGroup + " blocks");
        }
        backupBgs = new long[] {Le.u32(raw, 0x24C), Le.u32(raw, 0x250)};

        metadataCsum = (roCompat & Features.RO_COMPAT_METADATA_CSUM) != 0;
        gdtCsum = !metadataCsum && (roCompat & Features.RO_COMPAT_GDT_CSUM) != 0;
        if (metadataCsum) {
            int type = Le.u8(raw, 0x175);
            if (type != 1) {
                throw new UnsupportedFormatException(FORMAT, OFFSET + 0x175, "/superblock/s_checksum_type",
                        "checksum type " + type + " (only 1, crc32c, is defined)");
            }
            int stored = Le.s32(raw, 0x3FC);
            int actual = Crc.crc32c(0xFFFFFFFF, raw, 0, 0x3FC);
            if (stored != actual && opts.verifyChecksums()) {
                throw new FormatException(FORMAT, OFFSET + 0x3FC, "/superblock/s_checksum", "superblock checksum 0x"
                        + Integer.toHexString(stored) + " does not match the contents (0x" + Integer.toHexString(actual)
                        + "); read leniently to ignore checksums");
            }
        }
        csumSeed = (incompat & Features.INCOMPAT_CSUM_SEED) != 0 ? Le.s32(raw, 0x270)
                : Crc.crc32c(0xFFFFFFFF, raw, 0x68, 16);

        long fsBytes = Math.multiplyExact(blocksCount, (long) blockSize);
        if (imageSize < fsBytes) {
            String msg = "the image has " + imageSize + " bytes but the file system needs " + fsBytes;
            if (!opts.lenient()) {
                throw new FormatException(FORMAT, imageSize, "/superblock/s_blocks_count", msg
                        + " (truncated image?); read leniently to see missing blocks as zeros");
            }
            warn.add(msg + "; missing blocks read as zeros");
        }
        warnings = List.copyOf(warn);
    }

    static Superblock parse(byte[] raw, Ext4Options opts, long imageSize) throws FormatException {
        return new Superblock(raw, opts, imageSize);
    }

    private void checkFeatures(List<String> warn) throws FormatException {
        if ((incompat & Features.INCOMPAT_JOURNAL_DEV) != 0) {
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x60, "/superblock/s_feature_incompat",
                    "this is an external journal device, not a file system");
        }
        if ((incompat & Features.INCOMPAT_COMPRESSION) != 0) {
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x60, "/superblock/s_feature_incompat",
                    "compressed ext2 (e2compr) is not supported");
        }
        if ((incompat & Features.INCOMPAT_DIRDATA) != 0) {
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x60, "/superblock/s_feature_incompat",
                    "Lustre dirdata directories are not supported");
        }
        long unknown = incompat & ~Features.INCOMPAT_KNOWN;
        if (unknown != 0) {
            throw new UnsupportedFormatException(FORMAT, OFFSET + 0x60, "/superblock/s_feature_incompat",
                    "unknown incompatible features " + Features.names(0, unknown, 0));
        }
        long unknownRo = roCompat & ~Features.RO_COMPAT_KNOWN;
        if (unknownRo != 0) {
            warn.add("unknown read-only features " + Features.names(0, 0, unknownRo) + "; reading anyway");
        }
        if ((incompat & Features.INCOMPAT_RECOVER) != 0) {
            warn.add("the journal needs recovery: the newest changes may be missing; reading the on-disk state");
        }
    }

    private static FormatException bad(int off, String field, String problem) {
        return new FormatException(FORMAT, OFFSET + off, "/superblock/" + field, problem);
    }

    static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    boolean is64bit() {
        return (incompat & Features.INCOMPAT_64BIT) != 0;
    }

    boolean has(long incompatBit) {
        return (incompat & incompatBit) != 0;
    }

    boolean hasRo(long roBit) {
        return (roCompat & roBit) != 0;
    }

    /** Whether group g holds a superblock backup (and, without meta_bg, a descriptor table copy). */
    boolean hasSuper(long g) {
        if (g == 0) {
            return true;
        }
        if ((compat & Features.COMPAT_SPARSE_SUPER2) != 0) {
            return g == backupBgs[0] || g == backupBgs[1];
        }
        if (g <= 1 || !hasRo(Features.RO_COMPAT_SPARSE_SUPER)) {
            return true;
        }
        if ((g & 1) == 0) {
            return false;
        }
        return isPower(g, 3) || isPower(g, 5) || isPower(g, 7);
    }

    private static boolean isPower(long g, int base) {
        long x = base;
        while (x < g) {
            x *= base;
        }
        return x == g;
    }

    /** The block holding descriptor block {@code i} (kernel {@code descriptor_loc}). */
    long descriptorBlock(long i) {
        long sbBlock = blockSize == 1024 ? 1 : 0;
        if (!has(Features.INCOMPAT_META_BG) || i < firstMetaBg) {
            return sbBlock + 1 + i;
        }
        long g = i * (blockSize / descSize);
        long b = firstDataBlock + g * blocksPerGroup + (hasSuper(g) ? 1 : 0);
        if (i == 0 && blockSize == 1024 && firstDataBlock == 0) {
            b++;
        }
        return b;
    }

    long[] hashSeed() {
        return new long[] {Le.u32(raw, 0xEC), Le.u32(raw, 0xF0), Le.u32(raw, 0xF4), Le.u32(raw, 0xF8)};
    }

    String kind() {
        long ext4Incompat = 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | 0x20000;
        long ext4Ro = 0x8 | 0x10 | 0x20 | 0x40 | 0x200 | 0x400;
        if ((incompat & ext4Incompat) != 0 || (roCompat & ext4Ro) != 0) {
            return "ext4";
        }
        return (compat & Features.COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
    }

    VolumeInfo info(long imageSize, List<String> extraWarnings) {
        ByteBuffer u = ByteBuffer.wrap(raw, 0x68, 16);
        UUID uuid = new UUID(u.getLong(), u.getLong());
        long free = Le.u32(raw, 0x0C) | (is64bit() ? Le.u32(raw, 0x158) << 32 : 0);
        long reserved = Le.u32(raw, 0x08) | (is64bit() ? Le.u32(raw, 0x154) << 32 : 0);
        List<String> w = new ArrayList<>(warnings);
        w.addAll(extraWarnings);
        return new VolumeInfo(kind(), cString(0x78, 16), uuid, cString(0x88, 64), blockSize, clusterSize, blocksCount,
                free, reserved, inodesCount, Le.u32(raw, 0x10), inodeSize, groups, blocksPerGroup, inodesPerGroup,
                firstDataBlock, descSize, Features.names(compat, incompat, roCompat), compat, incompat, roCompat,
                Le.u16(raw, 0x3A), revLevel, Le.u32(raw, 0x48), time(0x108, 0x276), time(0x2C, 0x275), time(0x30, 0x274),
                blocksCount * blockSize, imageSize, w);
    }

    private Optional<Instant> time(int lo, int hi) {
        long t = Le.u32(raw, lo) | ((long) Le.u8(raw, hi) << 32);
        return t == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(t));
    }

    private String cString(int off, int len) {
        int n = 0;
        while (n < len && raw[off + n] != 0) {
            n++;
        }
        return new String(raw, off, n, StandardCharsets.UTF_8);
    }
}
