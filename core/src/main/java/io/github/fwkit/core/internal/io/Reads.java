package io.github.fwkit.core.internal.io;

import java.nio.ByteBuffer;

/** What the {@link io.github.fwkit.core.ImageReader} implementations share: argument checks and zero filling. */
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

    /**
     * Checks an {@link io.github.fwkit.core.ImageReader#extentAt} position.
     *
     * @param what names the reader in the message ("image", "slice", "file")
     * @throws IllegalArgumentException if {@code position} is not inside {@code [0, size)}
     */
    public static void checkExtentPosition(long position, long size, String what) {
        if (position < 0 || position >= size) {
            throw new IllegalArgumentException("position 0x" + Long.toHexString(position) + " outside " + what
                    + " of size 0x" + Long.toHexString(size));
        }
    }

    private static final byte[] ZEROS = new byte[16384];

    /** Puts {@code n} zero bytes into {@code dst} (holes, zero runs). */
    public static void putZeros(ByteBuffer dst, int n) {
        for (int left = n; left > 0; ) {
            int m = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, m);
            left -= m;
        }
    }
}
