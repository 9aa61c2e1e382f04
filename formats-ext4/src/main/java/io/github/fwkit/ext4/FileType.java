package io.github.fwkit.ext4;

/**
 * The type of an inode, from the top four bits of {@code i_mode}, or of a directory entry, from
 * its {@code file_type} byte.
 *
 * @since 0.1.0
 */
public enum FileType {
    /** A regular file. */
    REGULAR('-', 0x8000, 1),
    /** A directory. */
    DIRECTORY('d', 0x4000, 2),
    /** A symbolic link. */
    SYMLINK('l', 0xA000, 7),
    /** A character device. */
    CHAR_DEVICE('c', 0x2000, 3),
    /** A block device. */
    BLOCK_DEVICE('b', 0x6000, 4),
    /** A named pipe. */
    FIFO('p', 0x1000, 5),
    /** A Unix domain socket. */
    SOCKET('s', 0xC000, 6),
    /**
     * Not known: a directory entry of a file system without the {@code filetype} feature, or a
     * mode or type value that is none of the above.
     */
    UNKNOWN('?', 0, 0);

    private final char letter;
    private final int modeBits;
    private final int direntType;

    FileType(char letter, int modeBits, int direntType) {
        this.letter = letter;
        this.modeBits = modeBits;
        this.direntType = direntType;
    }

    /** The letter {@code ls -l} shows for this type ({@code -}, {@code d}, {@code l}, ...). */
    public char letter() {
        return letter;
    }

    /** The type bits of {@code i_mode} ({@code 0x8000} for a regular file), or 0 for {@link #UNKNOWN}. */
    public int modeBits() {
        return modeBits;
    }

    /** All constants; {@code values()} would copy the array on every call, once per inode in a walk. */
    private static final FileType[] ALL = values();

    /** The type of an {@code i_mode} value. */
    public static FileType ofMode(int mode) {
        int t = mode & 0xF000;
        for (FileType f : ALL) {
            if (f.modeBits == t && f != UNKNOWN) {
                return f;
            }
        }
        return UNKNOWN;
    }

    /** The type of a directory entry's {@code file_type} byte (1 regular ... 7 symlink). */
    public static FileType ofDirentType(int type) {
        for (FileType f : ALL) {
            if (f.direntType == type && f != UNKNOWN) {
                return f;
            }
        }
        return UNKNOWN;
    }
}
