package io.github.fwkit.ext4.internal;

import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.FileType;

import java.util.Arrays;

/** A directory entry as stored: name bytes, inode number and the {@code file_type} byte. */
record RawEntry(long inode, byte[] name, int type) {
    boolean isDot() {
        return name.length == 1 && name[0] == '.';
    }

    boolean isDotDot() {
        return name.length == 2 && name[0] == '.' && name[1] == '.';
    }

    boolean nameEquals(byte[] other) {
        return Arrays.equals(name, other);
    }

    DirEntry toDirEntry() {
        return DirEntry.of(name, inode, FileType.ofDirentType(type));
    }
}
