package io.github.fwkit.core.internal.io;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read with positional {@link FileChannel} reads, which are thread-safe and need no lock.
 * The size is taken once at open: images are not expected to change under us, and a fixed size
 * keeps every bound check consistent.
 */
public final class FileImageReader implements ImageReader {
    private final FileChannel channel;
    private final Path path;
    private final String description;
    private final long size;
    private final boolean owned;

    private FileImageReader(FileChannel channel, Path path, String description, long size, boolean owned) {
        this.channel = channel;
        this.path = path;
        this.description = description;
        this.size = size;
        this.owned = owned;
    }

    /** Reads the first {@code size} bytes of a channel the caller keeps open. */
    public static FileImageReader borrow(FileChannel channel, long size, String description) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return new FileImageReader(channel, null, description, size, false);
    }

    public static FileImageReader open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileImageReader(ch, path, path.toString(), ch.size(), true);
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The channel, for callers inside fwkit that can copy with {@code transferTo}. */
    public FileChannel channel() {
        return channel;
    }

    /** The file's path, or null for a borrowed channel. */
    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int want = Reads.available(position, dst, size);
        if (want <= 0) {
            return want;
        }
        int oldLimit = dst.limit();
        dst.limit(dst.position() + want);
        try {
            int n;
            do {
                n = channel.read(dst, position);
            } while (n == 0);
            return n;
        } finally {
            dst.limit(oldLimit);
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        long n = Math.min(count, size - position);
        return n <= 0 ? 0 : channel.transferTo(position, n, target);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "FileImageReader[" + description + ", " + size + " bytes]";
    }
}
