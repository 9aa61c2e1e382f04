package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.ext4.Xattr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Extended attributes: in the inode after {@code i_extra_isize}, in the block {@code i_file_acl},
 * and values in their own inodes ({@code ea_inode}).
 *
 * <pre>
 * in the inode: at 128 + i_extra_isize, u32 magic 0xEA020000, then entries up to the inode's
 *   end; value offsets count from the first entry.
 * block: +0x00 u32 h_magic 0xEA020000, +0x04 u32 h_refcount, +0x08 u32 h_blocks = 1,
 *   +0x0C u32 h_hash, +0x10 u32 h_checksum = crc32c(fs seed, le64 block number) over the block
 *   with h_checksum zeroed; entries from 0x20; value offsets count from the block start.
 * entry (16 bytes + name, padded to 4): u8 e_name_len, u8 e_name_index, u16 e_value_offs,
 *   u32 e_value_inum (non-zero: the value is that inode's contents), u32 e_value_size,
 *   u32 e_hash, name. The list ends at a zero u32.
 * </pre>
 */
final class Xattrs {
    static final long MAGIC = 0xEA020000L;
    /** The kernel's EXT4_XATTR_SIZE_MAX: the largest value an ea_inode may hold. */
    static final int MAX_VALUE = 1 << 24;
    private static final String[] PREFIX = {null, "user.", "system.posix_acl_access", "system.posix_acl_default",
        "trusted.", "lustre.", "security.", "system.", "system.richacl", "encryption.", "gnu."};

    private Xattrs() {
    }

    /** Every attribute of the inode, in-inode ones first (the order debugfs' ea_list uses). */
    static List<Xattr> read(Fs fs, Inode ino, Reporter r) throws IOException {
        List<Xattr> out = new ArrayList<>();
        int start = inInodeStart(ino);
        if (start >= 0) {
            entries(fs, ino, ino.raw, start + 4, ino.raw.length, start + 4, fs.inodeOffset(ino.number),
                    "/inodes/" + ino.number + "/xattrs", out, null);
        }
        if (ino.fileAcl != 0) {
            byte[] b = block(fs, ino, r);
            entries(fs, ino, b, 0x20, b.length, 0, ino.fileAcl * fs.blockSize, "/xattr_block(" + ino.fileAcl + ")",
                    out, null);
        }
        return out;
    }

    /** The value of the in-inode {@code system.data} attribute (inline data), or null if absent. */
    static byte[] systemData(Fs fs, Inode ino, Reporter r) throws IOException {
        int start = inInodeStart(ino);
        if (start < 0) {
            return null;
        }
        List<Xattr> out = new ArrayList<>();
        entries(fs, ino, ino.raw, start + 4, ino.raw.length, start + 4, fs.inodeOffset(ino.number),
                "/inodes/" + ino.number + "/xattrs", out, "system.data");
        return out.isEmpty() ? null : out.get(0).value();
    }

    /** Offset of the in-inode magic, or -1 when the inode has no in-inode attributes. */
    private static int inInodeStart(Inode ino) {
        int start = 128 + ino.extraIsize;
        if (ino.raw.length <= 128 || start + 4 > ino.raw.length) {
            return -1;
        }
        return Le.u32(ino.raw, start) == MAGIC ? start : -1;
    }

    static byte[] block(Fs fs, Inode ino, Reporter r) throws IOException {
        long blk = ino.fileAcl;
        String path = "/inodes/" + ino.number + "/i_file_acl";
        if (blk <= fs.sb.firstDataBlock || blk >= fs.sb.blocksCount) {
            throw new FormatException(Superblock.FORMAT, fs.inodeOffset(ino.number) + 0x68, path, "inode " + ino.number
                    + ": xattr block " + blk + " outside the file system");
        }
        byte[] b = fs.readBlock(blk, path);
        long at = blk * fs.blockSize;
        if (Le.u32(b, 0) != MAGIC) {
            throw FormatException.mismatch(Superblock.FORMAT, at, "/xattr_block(" + blk + ")/h_magic", MAGIC,
                    Le.u32(b, 0));
        }
        if (Le.u32(b, 8) != 1) {
            throw new FormatException(Superblock.FORMAT, at + 8, "/xattr_block(" + blk + ")/h_blocks",
                    "xattr block spans " + Le.u32(b, 8) + " blocks; only 1 is defined");
        }
        if (fs.sb.metadataCsum) {
            int stored = Le.s32(b, 0x10);
            int actual = checksum(fs, blk, b);
            if (stored != actual) {
                r.report("xattr-block-checksum", ino.number, blk, new FormatException(Superblock.FORMAT, at + 0x10,
                        "/xattr_block(" + blk + ")/h_checksum", "xattr block checksum 0x" + Integer.toHexString(stored)
                        + ", computed 0x" + Integer.toHexString(actual)));
            }
        }
        return b;
    }

    /** crc32c(fs seed, le64 block) over the block with h_checksum as zero: the block number, not the inode, seeds it. */
    static int checksum(Fs fs, long blk, byte[] b) {
        byte[] le = new byte[8];
        Le.put32(le, 0, (int) blk);
        Le.put32(le, 4, (int) (blk >>> 32));
        int crc = Crc.crc32c(fs.sb.csumSeed, le);
        byte[] copy = b.clone();
        Le.put32(copy, 0x10, 0);
        return Crc.crc32c(crc, copy);
    }

    private static void entries(Fs fs, Inode ino, byte[] b, int first, int end, int valueBase, long at, String path,
                                List<Xattr> out, String only) throws IOException {
        int o = first;
        int i = 0;
        while (o + 4 <= end && Le.u32(b, o) != 0) {
            String ep = path + "/entry[" + i + "]";
            if (o + 16 > end) {
                throw new FormatException(Superblock.FORMAT, at + o, ep, "inode " + ino.number
                        + ": xattr entry crosses the end of its area");
            }
            int nameLen = Le.u8(b, o);
            int index = Le.u8(b, o + 1);
            int valueOffs = Le.u16(b, o + 2);
            long valueInum = Le.u32(b, o + 4);
            long valueSize = Le.u32(b, o + 8);
            if (o + 16 + nameLen > end) {
                throw new FormatException(Superblock.FORMAT, at + o, ep + "/e_name", "inode " + ino.number
                        + ": xattr name crosses the end of its area");
            }
            String prefix = index < PREFIX.length && PREFIX[index] != null ? PREFIX[index] : "unknown" + index + ".";
            String name = prefix + new String(b, o + 16, nameLen, StandardCharsets.UTF_8);
            if (only == null || only.equals(name)) {
                byte[] value;
                if (valueInum != 0 && only != null) {
                    // Inline data never lives in an ea_inode; refusing it also keeps a hostile
                    // pair of inline inodes from pointing at each other forever.
                    throw new FormatException(Superblock.FORMAT, at + o + 4, ep + "/e_value_inum", "inode "
                            + ino.number + ": system.data stored in another inode");
                } else if (valueInum != 0) {
                    value = eaInodeValue(fs, ino, valueInum, valueSize, at + o + 4, ep + "/e_value_inum");
                } else {
                    long vs = valueBase + (long) valueOffs;
                    if (valueSize > end || vs + valueSize > end) {
                        throw new FormatException(Superblock.FORMAT, at + o + 2, ep + "/e_value_offs", "inode "
                                + ino.number + ": xattr value " + valueOffs + "+" + valueSize
                                + " outside its area");
                    }
                    value = java.util.Arrays.copyOfRange(b, (int) vs, (int) (vs + valueSize));
                }
                out.add(new Xattr(name, value));
                if (only != null) {
                    return;
                }
            }
            o += (16 + nameLen + 3) & ~3;
            i++;
        }
    }

    private static byte[] eaInodeValue(Fs fs, Inode owner, long inum, long size, long at, String path)
            throws IOException {
        if (!fs.sb.has(Features.INCOMPAT_EA_INODE)) {
            throw new FormatException(Superblock.FORMAT, at, path, "inode " + owner.number
                    + ": xattr value in inode " + inum + " without the ea_inode feature");
        }
        if (size > MAX_VALUE) {
            throw new LimitExceededException(Superblock.FORMAT, at, path, "xattr value size", MAX_VALUE);
        }
        if (inum == owner.number) {
            throw new FormatException(Superblock.FORMAT, at, path, "inode " + owner.number
                    + ": xattr value stored in the inode itself");
        }
        Inode vi = fs.inode(inum);
        if (!vi.flag(Fs.EA_INODE_FL) || vi.size != size) {
            throw new FormatException(Superblock.FORMAT, at, path, "inode " + owner.number + ": xattr value inode "
                    + inum + (vi.flag(Fs.EA_INODE_FL) ? " holds " + vi.size + " bytes, expected " + size
                    : " is not marked EA_INODE"));
        }
        byte[] v = new byte[(int) size];
        fs.content(vi).readFully(0, v, 0, v.length);
        return v;
    }
}
