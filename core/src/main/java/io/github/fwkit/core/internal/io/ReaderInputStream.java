package io.github.fwkit.core.internal.io;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** A stream over an {@link ImageReader} with its own position. */
public final class ReaderInputStream extends InputStream {
    private final ImageReader reader;
    private long position;
    private long mark;

    public ReaderInputStream(ImageReader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = reader.read(position, ByteBuffer.wrap(b, off, len));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, reader.size() - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, reader.size() - position));
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
        mark = position;
    }

    @Override
    public synchronized void reset() {
        position = mark;
    }
}
