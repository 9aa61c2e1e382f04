package io.github.fwkit.core.internal.io;

import java.nio.ByteBuffer;

/** The opening every {@link io.github.fwkit.core.ImageReader#read} implementation makes. */
public final class Reads {
    private Reads() {
    }

    /**
     * How many bytes a read at {@code position} may put into {@code dst} from an image of
     * {@code size} bytes: -1 at or past the end, 0 when {@code dst} is full, else
     * {@code min(dst.remaining(), size - position)}.
     *
     * @throws IllegalArgumentException for a negative position
     */
    public static int available(long position, ByteBuffer dst, long size) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        return (int) Math.min(dst.remaining(), size - position);
    }
}
