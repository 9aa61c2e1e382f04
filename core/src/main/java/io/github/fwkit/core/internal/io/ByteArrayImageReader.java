package io.github.fwkit.core.internal.io;

import io.github.fwkit.core.ImageReader;

import java.nio.ByteBuffer;

/** An image held in a byte array (not copied). */
public final class ByteArrayImageReader implements ImageReader {
    private final byte[] bytes;
    private final String description;

    public ByteArrayImageReader(byte[] bytes, String description) {
        this.bytes = bytes;
        this.description = description;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        int n = Reads.available(position, dst, bytes.length);
        if (n <= 0) {
            return n;
        }
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "ImageReader[" + description + "]";
    }
}
