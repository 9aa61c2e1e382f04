package io.github.fwkit.ext4.internal.nio;

import io.github.fwkit.ext4.VolumeInfo;

import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Set;

/** The one store of an ext4 file system: the volume, read-only, with the superblock's counts. */
final class Ext4FileStore extends FileStore {
    private final Ext4FileSystem fs;

    Ext4FileStore(Ext4FileSystem fs) {
        this.fs = fs;
    }

    private VolumeInfo info() {
        return fs.volume().info();
    }

    @Override
    public String name() {
        String label = info().label();
        return label.isEmpty() ? info().uuid().toString() : label;
    }

    @Override
    public String type() {
        return info().kind();
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public long getTotalSpace() {
        return info().filesystemBytes();
    }

    @Override
    public long getUsableSpace() {
        return 0;
    }

    @Override
    public long getUnallocatedSpace() {
        return info().freeBlocks() * info().blockSize();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class || type == UserDefinedFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return Set.of("basic", "posix", "owner", "unix", "user").contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        throw new UnsupportedOperationException("no file store attribute " + attribute);
    }

    @Override
    public String toString() {
        return name() + " (" + type() + ", read-only)";
    }
}
