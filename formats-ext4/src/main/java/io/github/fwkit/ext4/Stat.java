package io.github.fwkit.ext4;

import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata of one inode, as {@code stat(2)} would report it.
 *
 * <p>Times carry nanoseconds and the two extra epoch bits of 256-byte inodes (so dates up to
 * 2446 work); 128-byte inodes have whole seconds and no creation time. Hard links are the same
 * {@link #inode()} under several names.
 *
 * @param inode the inode number (2 is the root directory)
 * @param type the file type, from {@code i_mode}
 * @param mode the whole {@code i_mode}: type bits and permission bits, e.g. {@code 0100644}
 * @param uid owner, 32 bits
 * @param gid group, 32 bits
 * @param size size in bytes ({@code i_size_lo | i_size_high << 32}); for a symbolic link the
 *     length of its target
 * @param links the hard-link count; with {@code dir_nlink}, 1 on a directory means "more than
 *     65000"
 * @param lastModifiedTime {@code i_mtime}
 * @param lastAccessTime {@code i_atime}
 * @param changeTime {@code i_ctime} (inode change time)
 * @param creationTime {@code i_crtime}, present only in inodes large enough to hold it
 * @param flags {@code i_flags} (0x80000 extents, 0x10000000 inline data, 0x800 encrypted, ...)
 * @param generation {@code i_generation}
 * @param blocks allocated space in 512-byte units, as {@code st_blocks}
 * @param deviceMajor major device number of a device file, else 0
 * @param deviceMinor minor device number of a device file, else 0
 * @param xattrBlock the extended-attribute block ({@code i_file_acl}), or 0
 * @since 0.1.0
 */
public record Stat(long inode, FileType type, int mode, long uid, long gid, long size, int links,
                   Instant lastModifiedTime, Instant lastAccessTime, Instant changeTime,
                   Optional<Instant> creationTime, long flags, long generation, long blocks,
                   int deviceMajor, int deviceMinor, long xattrBlock) {

    /** {@code i_flags}: names and contents are encrypted. */
    public static final long FLAG_ENCRYPT = 0x800;
    /** {@code i_flags}: an htree-indexed directory. */
    public static final long FLAG_INDEX = 0x1000;
    /** {@code i_flags}: the block map is an extent tree. */
    public static final long FLAG_EXTENTS = 0x80000;
    /** {@code i_flags}: an fs-verity file. */
    public static final long FLAG_VERITY = 0x100000;
    /** {@code i_flags}: the inode holds a large extended-attribute value. */
    public static final long FLAG_EA_INODE = 0x200000;
    /** {@code i_flags}: the contents live in the inode. */
    public static final long FLAG_INLINE_DATA = 0x10000000;
    /** {@code i_flags}: a case-insensitive directory. */
    public static final long FLAG_CASEFOLD = 0x40000000;

    public Stat {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lastModifiedTime, "lastModifiedTime");
        Objects.requireNonNull(lastAccessTime, "lastAccessTime");
        Objects.requireNonNull(changeTime, "changeTime");
        Objects.requireNonNull(creationTime, "creationTime");
    }

    /** Whether this is a directory. */
    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    /** Whether this is a regular file. */
    public boolean isRegularFile() {
        return type == FileType.REGULAR;
    }

    /** Whether this is a symbolic link. */
    public boolean isSymbolicLink() {
        return type == FileType.SYMLINK;
    }

    /** Whether names (of a directory) or contents are encrypted, so only opaque bytes can be shown. */
    public boolean isEncrypted() {
        return (flags & FLAG_ENCRYPT) != 0;
    }

    /** The permission bits, {@code mode & 07777} (with setuid, setgid and sticky). */
    public int permissionBits() {
        return mode & 07777;
    }

    /** The nine rwx permission bits as {@link PosixFilePermission}s. */
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    /** The mode as {@code ls -l} shows it, e.g. {@code -rwxr-xr-x} or {@code drwxrwxrwt}. */
    public String modeString() {
        char[] c = new char[10];
        c[0] = type.letter();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[1 + i] = (mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
        }
        if ((mode & 04000) != 0) {
            c[3] = c[3] == 'x' ? 's' : 'S';
        }
        if ((mode & 02000) != 0) {
            c[6] = c[6] == 'x' ? 's' : 'S';
        }
        if ((mode & 01000) != 0) {
            c[9] = c[9] == 'x' ? 't' : 'T';
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return "Stat[inode " + inode + ", " + modeString() + " (0" + Integer.toOctalString(mode) + "), " + uid + ":" + gid
                + ", " + size + " bytes, " + links + " link" + (links == 1 ? "" : "s") + ", mtime " + lastModifiedTime
                + ", flags 0x" + Long.toHexString(flags) + (type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE
                ? ", device " + deviceMajor + "," + deviceMinor : "") + "]";
    }
}
