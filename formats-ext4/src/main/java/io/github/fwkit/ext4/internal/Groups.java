package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;

/**
 * The group descriptor table, read once at open into arrays (32 bytes per group).
 *
 * <pre>
 * descriptor (32 bytes; 64 or more with 64bit, the high halves after 0x20):
 *  +0x00 u32 bg_block_bitmap_lo    +0x20 u32 bg_block_bitmap_hi
 *  +0x04 u32 bg_inode_bitmap_lo    +0x24 u32 bg_inode_bitmap_hi
 *  +0x08 u32 bg_inode_table_lo     +0x28 u32 bg_inode_table_hi
 *  +0x0C u16 bg_free_blocks_lo     +0x2C u16 bg_free_blocks_hi
 *  +0x0E u16 bg_free_inodes_lo     +0x2E u16 bg_free_inodes_hi
 *  +0x10 u16 bg_used_dirs_lo       +0x30 u16 bg_used_dirs_hi
 *  +0x12 u16 bg_flags (1 INODE_UNINIT, 2 BLOCK_UNINIT, 4 ITABLE_ZEROED)
 *  +0x14 u32 bg_exclude_bitmap_lo  +0x32 u16 bg_itable_unused_hi
 *  +0x18 u16 bg_block_bitmap_csum_lo   +0x38 u16 bg_block_bitmap_csum_hi
 *  +0x1A u16 bg_inode_bitmap_csum_lo   +0x3A u16 bg_inode_bitmap_csum_hi
 *  +0x1C u16 bg_itable_unused_lo
 *  +0x1E u16 bg_checksum (crc16 with gdt_csum, low half of crc32c with metadata_csum)
 * </pre>
 *
 * Descriptor block i is at {@link Superblock#descriptorBlock(long)} (after the superblock, or in
 * its meta group with meta_bg). Locations are checked against the volume when they are used
 * ({@link Fs#inodeTable}), so one damaged descriptor only makes its own group unreadable.
 */
final class Groups {
    static final int INODE_UNINIT = 0x1;
    static final int BLOCK_UNINIT = 0x2;

    final long[] blockBitmap;
    final long[] inodeBitmap;
    final long[] inodeTable;
    final int[] flags;
    final int[] itableUnused;
    /** Where each descriptor is in the image, for messages and {@code check()}. */
    final long[] offset;

    private Groups(int n) {
        blockBitmap = new long[n];
        inodeBitmap = new long[n];
        inodeTable = new long[n];
        flags = new int[n];
        itableUnused = new int[n];
        offset = new long[n];
    }

    /**
     * Reads every descriptor; with {@code verify} and a checksum feature, a descriptor whose
     * checksum does not match is an error (the kernel refuses to mount such a volume).
     */
    static Groups read(Fs fs, boolean verify) throws java.io.IOException {
        Superblock sb = fs.sb;
        int n = (int) sb.groups;
        Groups g = new Groups(n);
        int ds = sb.descSize;
        int perBlock = sb.blockSize / ds;
        byte[] block = new byte[sb.blockSize];
        for (long i = 0; i < sb.descBlocks; i++) {
            long blk = sb.descriptorBlock(i);
            fs.readBlock(blk, block, "/group_descriptors/block[" + i + "]");
            for (int k = 0; k < perBlock; k++) {
                long grp = i * perBlock + k;
                if (grp >= n) {
                    break;
                }
                int o = k * ds;
                int gi = (int) grp;
                g.offset[gi] = blk * sb.blockSize + o;
                boolean wide = ds >= 64;
                g.blockBitmap[gi] = Le.u32(block, o) | (wide ? Le.u32(block, o + 0x20) << 32 : 0);
                g.inodeBitmap[gi] = Le.u32(block, o + 4) | (wide ? Le.u32(block, o + 0x24) << 32 : 0);
                g.inodeTable[gi] = Le.u32(block, o + 8) | (wide ? Le.u32(block, o + 0x28) << 32 : 0);
                g.flags[gi] = Le.u16(block, o + 0x12);
                g.itableUnused[gi] = Le.u16(block, o + 0x1C) | (wide ? Le.u16(block, o + 0x32) << 16 : 0);
                if (verify && (sb.metadataCsum || sb.gdtCsum)) {
                    int stored = Le.u16(block, o + 0x1E);
                    int actual = checksum(sb, gi, block, o);
                    if (stored != actual) {
                        throw new FormatException(Superblock.FORMAT, g.offset[gi], "/group_descriptors[" + grp
                                + "]/bg_checksum", "group descriptor checksum 0x" + Integer.toHexString(stored)
                                + " does not match the contents (0x" + Integer.toHexString(actual)
                                + "); read leniently to ignore checksums");
                    }
                }
            }
        }
        return g;
    }

    /** The checksum descriptor {@code group} at {@code d[o, o + ds)} should have. */
    static int checksum(Superblock sb, int group, byte[] d, int o) {
        int ds = sb.descSize;
        if (sb.metadataCsum) {
            byte[] copy = java.util.Arrays.copyOfRange(d, o, o + ds);
            copy[0x1E] = 0;
            copy[0x1F] = 0;
            int crc = Crc.crc32c(sb.csumSeed, group);
            return Crc.crc32c(crc, copy) & 0xffff;
        }
        int crc = Crc.crc16(0xffff, sb.raw, 0x68, 16);
        byte[] le = {(byte) group, (byte) (group >>> 8), (byte) (group >>> 16), (byte) (group >>> 24)};
        crc = Crc.crc16(crc, le, 0, 4);
        crc = Crc.crc16(crc, d, o, 0x1E);
        if (sb.is64bit() && ds > 0x20) {
            crc = Crc.crc16(crc, d, o + 0x20, ds - 0x20);
        }
        return crc;
    }

    boolean inodeUninit(int g, Superblock sb) {
        return (sb.metadataCsum || sb.gdtCsum) && (flags[g] & INODE_UNINIT) != 0;
    }

    boolean blockUninit(int g, Superblock sb) {
        return (sb.metadataCsum || sb.gdtCsum) && (flags[g] & BLOCK_UNINIT) != 0;
    }

    /** How many inodes of group g are initialised (the rest may be garbage under lazy itable init). */
    long initialisedInodes(int g, Superblock sb) {
        if (!(sb.metadataCsum || sb.gdtCsum)) {
            return sb.inodesPerGroup;
        }
        if ((flags[g] & INODE_UNINIT) != 0) {
            return 0;
        }
        return Math.max(0, sb.inodesPerGroup - (itableUnused[g] & 0xffffffffL));
    }
}
