package io.github.fwkit.core.internal.io;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;

import java.nio.ByteBuffer;
import java.io.IOException;

/** A window onto another reader. Slices of slices collapse onto the original reader. */
public final class SliceImageReader implements ImageReader {
    private final ImageReader parent;
    private final long offset;
    private final long length;

    private SliceImageReader(ImageReader parent, long offset, long length) {
        this.parent = parent;
        this.offset = offset;
        this.length = length;
    }

    public static ImageReader of(ImageReader parent, long offset, long length) {
        if (offset < 0 || length < 0 || offset > parent.size() || length > parent.size() - offset) {
            throw new IllegalArgumentException("slice 0x" + Long.toHexString(offset) + "+0x" + Long.toHexString(length)
                    + " is not inside " + parent.description() + " (size 0x" + Long.toHexString(parent.size()) + ")");
        }
        if (parent instanceof SliceImageReader s) {
            return new SliceImageReader(s.parent, s.offset + offset, length);
        }
        return new SliceImageReader(parent, offset, length);
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int want = Reads.available(position, dst, length);
        if (want <= 0) {
            return want;
        }
        int oldLimit = dst.limit();
        dst.limit(dst.position() + want);
        try {
            return parent.read(offset + position, dst);
        } finally {
            dst.limit(oldLimit);
        }
    }

    @Override
    public Extent extentAt(long position) {
        Reads.checkExtentPosition(position, length, "slice");
        Extent e = parent.extentAt(offset + position);
        long start = Math.max(e.offset(), offset) - offset;
        long end = Math.min(e.end(), offset + length) - offset;
        return new Extent(start, end - start, e.kind());
    }

    @Override
    public String description() {
        return parent.description() + "[0x" + Long.toHexString(offset) + "+0x" + Long.toHexString(length) + "]";
    }

    /** A slice borrows its parent's resources; closing it releases nothing. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ImageReader[" + description() + "]";
    }
}
