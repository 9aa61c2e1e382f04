package io.github.fwkit.ext4;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One name in a directory: the name's bytes, the inode it points to and the type the entry
 * records.
 *
 * <p>ext4 names are bytes, not text. {@link #name()} decodes them as UTF-8 (malformed bytes become
 * U+FFFD); {@link #isUtf8()} says whether that was exact, and {@link #nameBytes()} gives the
 * bytes. Names in encrypted directories are ciphertext. Immutable.
 *
 * @since 0.1.0
 */
public final class DirEntry {
    private final byte[] name;
    private final String text;
    private final boolean utf8;
    private final long inode;
    private final FileType type;

    private DirEntry(byte[] name, long inode, FileType type) {
        this.name = name;
        this.inode = inode;
        this.type = Objects.requireNonNull(type, "type");
        String t;
        boolean ok;
        if (ascii(name)) {
            // Nearly every name on a real image: no decoder needed (a decoder per entry was 2% of a walk).
            t = new String(name, StandardCharsets.ISO_8859_1);
            ok = true;
        } else {
            try {
                t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
                ok = true;
            } catch (CharacterCodingException e) {
                t = new String(name, StandardCharsets.UTF_8);
                ok = false;
            }
        }
        this.text = t;
        this.utf8 = ok;
    }

    private static boolean ascii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * An entry with a copy of {@code name}.
     *
     * @param name the name's bytes, 1 to 255 of them
     * @param inode the inode number
     * @param type the type recorded in the entry
     */
    public static DirEntry of(byte[] name, long inode, FileType type) {
        if (name.length == 0 || name.length > 255) {
            throw new IllegalArgumentException("name length " + name.length);
        }
        // Arrays.copyOf, not clone(): C1 compiles clone() to a call into the VM, which was 4% of a walk
        return new DirEntry(Arrays.copyOf(name, name.length), inode, type);
    }

    /** The name decoded as UTF-8, malformed bytes replaced by U+FFFD. */
    public String name() {
        return text;
    }

    /** A copy of the name's bytes as stored. */
    public byte[] nameBytes() {
        return Arrays.copyOf(name, name.length);
    }

    /** The length of the name in bytes. */
    public int nameLength() {
        return name.length;
    }

    /** Whether the name is well-formed UTF-8, so {@link #name()} is exact. */
    public boolean isUtf8() {
        return utf8;
    }

    /** The inode number the entry points to. */
    public long inode() {
        return inode;
    }

    /**
     * The type recorded in the entry ({@link FileType#UNKNOWN} without the {@code filetype}
     * feature); the inode's own mode is authoritative.
     */
    public FileType type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirEntry d && d.inode == inode && d.type == type && Arrays.equals(d.name, name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name) * 31 + Long.hashCode(inode);
    }

    @Override
    public String toString() {
        String n = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "DirEntry[" + n + (utf8 ? "" : " (not UTF-8)") + " -> inode " + inode + ", " + type + "]";
    }
}
