package io.github.fwkit.core.internal.io;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
    private final long size;

    private FileImageReader(FileChannel channel, Path path, long size) {
        this.channel = channel;
        this.path = path;
        this.size = size;
    }

    public static FileImageReader open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileImageReader(ch, path, ch.size());
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The channel, for callers inside fwkit that can copy with {@code transferTo}. */
    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
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
    public String description() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileImageReader[" + path + ", " + size + " bytes]";
    }
}
