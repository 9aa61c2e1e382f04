package io.github.fwkit.sprd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A window of a file channel that starts at {@code base}: position 0 here is {@code base} there.
 *
 * <p>Core's sparse encoder writes "from position 0" of the channel it is given (and truncates it
 * first). The PAC writer wants the sparse image in the middle of the package, right after the
 * previous blob, without a temporary file the size of the image; this view gives it that.
 * Truncating the view truncates the file at {@code base + size}, which is only right because the
 * package is written front to back and nothing after {@code base} exists yet. Closing the view
 * leaves the file open.
 */
final class OffsetChannel extends FileChannel {
    private final FileChannel file;
    private final long base;

    OffsetChannel(FileChannel file, long base) throws IOException {
        this.file = file;
        this.base = base;
        file.position(base);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return file.position() - base;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(base + newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return Math.max(0, file.size() - base);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(base + size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(base + position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, base + position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, base + position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return file.write(src, base + position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("not needed by the sparse encoder");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("not needed by the sparse encoder");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("not needed by the sparse encoder");
    }

    @Override
    protected void implCloseChannel() {
        // the file belongs to the caller
    }
}
