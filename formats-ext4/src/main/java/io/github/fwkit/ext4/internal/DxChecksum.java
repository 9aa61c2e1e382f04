package io.github.fwkit.ext4.internal;

/**
 * The checksum of an htree index block (root or interior node), as e2fsprogs'
 * {@code ext2fs_dx_csum}.
 *
 * <pre>
 * root (block 0): '.' entry (12 bytes), '..' entry (rec_len bs - 12), then at 0x18:
 *   u32 reserved, u8 hash_version, u8 info_length = 8, u8 indirect_levels, u8 flags,
 *   at 0x20: u16 limit, u16 count, u32 block, then (count - 1) x {u32 hash, u32 block}
 * node: fake entry {inode 0, rec_len bs, name_len 0}, at 0x08: u16 limit, u16 count, ...
 * tail right after the limit slots: u32 dt_reserved, u32 dt_checksum =
 *   crc32c(inode seed, block[0, co + count * 8)) -> dt_reserved -> 4 zero bytes
 * </pre>
 */
final class DxChecksum {
    private DxChecksum() {
    }

    /** Null if the block's dx tail checksum is right, else what is wrong. */
    static String verify(Fs fs, Inode dir, byte[] b) {
        int bs = b.length;
        int co;
        if (Fs.recLen(Le.u16(b, 4), bs) == bs && Le.u8(b, 6) == 0) {
            co = 8;
        } else if (Fs.recLen(Le.u16(b, 4), bs) == 12 && Fs.recLen(Le.u16(b, 12 + 4), bs) == bs - 12) {
            if (Le.u32(b, 0x18) != 0 || Le.u8(b, 0x1D) != 8) {
                return "htree root info is damaged";
            }
            co = 0x20;
        } else {
            return "not an htree index block";
        }
        int limit = Le.u16(b, co);
        int count = Le.u16(b, co + 2);
        int maxSane = (bs - co) / 8;
        if (limit > maxSane || count > maxSane || count > limit) {
            return "htree count " + count + " / limit " + limit + " out of range";
        }
        int tail = co + limit * 8;
        if (tail > bs - 8) {
            return "no room for the htree checksum";
        }
        int crc = Crc.crc32c(fs.inodeSeed(dir), b, 0, co + count * 8);
        crc = Crc.crc32c(crc, b, tail, 4);
        crc = Crc.crc32c(crc, new byte[4]);
        int stored = Le.s32(b, tail + 4);
        if (crc != stored) {
            return "htree block checksum 0x" + Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(crc);
        }
        return null;
    }
}
