package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read with positional {@link FileChannel} reads (thread-safe, no lock), that also hands
 * out its channel so blob copies can use {@link FileChannel#transferTo} (sendfile on Linux)
 * instead of passing every byte through the Java heap. Core's file reader keeps its channel in a
 * package this module cannot see. The size is taken once at open.
 */
public final class ChannelReader implements ImageReader {
    private final FileChannel channel;
    private final String description;
    private final long size;
    private final boolean owned;

    private ChannelReader(FileChannel channel, String description, long size, boolean owned) {
        this.channel = channel;
        this.description = description;
        this.size = size;
        this.owned = owned;
    }

    /** Opens {@code path} for reading; closing the reader closes the file. */
    public static ChannelReader open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new ChannelReader(ch, path.toString(), ch.size(), true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads the first {@code size} bytes of a channel the caller keeps open (e.g. an output being
     * written, to verify it); closing the reader leaves the channel open.
     */
    public static ChannelReader borrow(FileChannel channel, long size, String description) {
        return new ChannelReader(channel, description, size, false);
    }

    public FileChannel channel() {
        return channel;
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
            if (n < 0) {
                // the file shrank under us; report the end rather than spinning
                return -1;
            }
            return n;
        } finally {
            dst.limit(oldLimit);
        }
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
        return "ChannelReader[" + description + ", " + size + " bytes]";
    }
}
