package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;

/**
 * ext2, ext3 and ext4: the primary superblock at byte 1024 (all fields little-endian).
 *
 * <pre>
 *  +0x000 u32 s_inodes_count          +0x05C u32 s_feature_compat
 *  +0x004 u32 s_blocks_count_lo       +0x060 u32 s_feature_incompat
 *  +0x014 u32 s_first_data_block      +0x064 u32 s_feature_ro_compat
 *  +0x018 u32 s_log_block_size        +0x068 u8[16] s_uuid
 *  +0x020 u32 s_blocks_per_group      +0x078 char[16] s_volume_name
 *  +0x028 u32 s_inodes_per_group      +0x088 char[64] s_last_mounted
 *  +0x038 u16 s_magic  0xEF53         +0x150 u32 s_blocks_count_hi (64bit only)
 *  +0x04C u32 s_rev_level
 *  +0x058 u16 s_inode_size
 * </pre>
 *
 * The sanity checks are the cheap ones of e2fsprogs' {@code ext2fs_open2}; a two-byte magic alone
 * is too weak to call anything ext4.
 */
public final class Ext4Probe implements FormatProbe {
    static final String FORMAT = "ext4";

    private static final int SUPERBLOCK = 1024;
    private static final int SUPERBLOCK_SIZE = 1024;
    private static final int MAGIC = 0xEF53;

    private static final long COMPAT_HAS_JOURNAL = 0x4;
    private static final long INCOMPAT_RECOVER = 0x4;
    private static final long INCOMPAT_JOURNAL_DEV = 0x8;
    private static final long INCOMPAT_64BIT = 0x80;
    /**
     * Features ext3 drivers cannot mount (extents, 64bit, mmp, flex_bg, ea_inode, csum_seed,
     * largedir, inline_data): as in util-linux blkid, any of them makes it ext4.
     */
    private static final long INCOMPAT_EXT4_ONLY = 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x2000 | 0x4000 | 0x8000;
    /** huge_file, gdt_csum, dir_nlink, extra_isize, metadata_csum. */
    private static final long RO_COMPAT_EXT4_ONLY = 0x8 | 0x10 | 0x20 | 0x40 | 0x400;

    private static final int STRONG = 100;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 30;

    public Ext4Probe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes sb = Bytes.at(image, SUPERBLOCK, SUPERBLOCK_SIZE);
        if (!sb.has(0x38, 2) || sb.u16le(0x38) != MAGIC) {
            return Optional.empty();
        }
        if (!sb.has(0, 0x154)) {
            return Optional.of(Detection.of(FORMAT, "ext2/3/4 magic, but the image ends inside the superblock (at "
                    + Text.hex(image.size()) + ")", 0, TRUNCATED));
        }
        long compat = sb.u32le(0x5C);
        long incompat = sb.u32le(0x60);
        long roCompat = sb.u32le(0x64);
        long logBlockSize = sb.u32le(0x18);
        long revLevel = sb.u32le(0x4C);
        long inodes = sb.u32le(0x00);
        long blocks = sb.u32le(0x04);
        if ((incompat & INCOMPAT_64BIT) != 0) {
            blocks |= sb.u32le(0x150) << 32;
        }
        String kind = (incompat & INCOMPAT_EXT4_ONLY) != 0 || (roCompat & RO_COMPAT_EXT4_ONLY) != 0 ? "ext4"
                : (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";

        Text.Summary s = new Text.Summary(kind);
        String label = Text.ascii(sb, 0x78, 16);
        if (!label.isEmpty()) {
            s.add("label " + Text.quote(label));
        }
        long blockSize = -1;
        if (logBlockSize <= 6) {
            blockSize = 1024L << logBlockSize;
            s.add("block size " + blockSize);
        } else {
            s.problem("s_log_block_size " + logBlockSize + " above 6");
        }
        long fsBytes = blockSize < 0 ? -1 : Text.multiplyOrMinusOne(blocks, blockSize);
        s.add(Long.toUnsignedString(blocks) + " blocks" + (fsBytes >= 0 ? " (" + Text.size(fsBytes) + ")" : ""));
        s.add(inodes + " inodes");
        s.add("UUID " + Text.uuid(sb, 0x68));
        String lastMounted = Text.ascii(sb, 0x88, 64);
        if (!lastMounted.isEmpty()) {
            s.add("last mounted on " + Text.quote(lastMounted));
        }
        if ((incompat & INCOMPAT_JOURNAL_DEV) != 0) {
            s.add("external journal device, not a filesystem");
        }
        if ((incompat & INCOMPAT_RECOVER) != 0) {
            s.add("needs journal recovery");
        }
        if (fsBytes >= 0 && image.size() < fsBytes) {
            s.add("image has only " + Text.size(image.size()) + " of the filesystem");
        }

        if (revLevel > 1) {
            s.problem("s_rev_level " + revLevel + " above 1");
        }
        if (inodes == 0) {
            s.problem("no inodes");
        }
        if (blocks == 0) {
            s.problem("no blocks");
        } else if (Long.compareUnsigned(sb.u32le(0x14), blocks) >= 0) {
            s.problem("first data block beyond the block count");
        }
        if (sb.u32le(0x20) == 0 || sb.u32le(0x28) == 0) {
            s.problem("zero blocks or inodes per group");
        }
        if (revLevel >= 1 && blockSize > 0 && !Text.powerOfTwo(sb.u16le(0x58), 128, blockSize)) {
            s.problem("inode size " + sb.u16le(0x58) + " is not a power of two in 128.." + blockSize);
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }
}
