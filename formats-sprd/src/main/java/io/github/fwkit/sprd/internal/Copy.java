package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.internal.io.Buffers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Streams byte ranges between images and files in bounded memory: plain copies through
 * {@link ImageReader#transferTo} (the kernel copies file to file), 128 KiB buffers where the bytes
 * are also looked at.
 */
public final class Copy {
    private Copy() {
    }

    /** Progress of a multi-part operation: parts report their own bytes, this adds the base. */
    public static final class Meter {
        private final ProgressListener listener;
        private final long total;
        private long done;

        public Meter(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        public void add(long n) {
            done += n;
            listener.progress(Math.min(done, total), total);
        }
    }

    /**
     * Copies {@code [from, from + length)} of {@code src} to {@code out} at {@code at}. Uses
     * {@link ImageReader#transferTo}: the kernel copies when the source is a file.
     */
    public static void range(ImageReader src, long from, long length, FileChannel out, long at, Meter meter)
            throws IOException {
        long done = 0;
        while (done < length) {
            // transferTo moves at most 2 GiB per call on Linux; smaller steps keep progress alive
            long step = Math.min(length - done, 64L << 20);
            long k = src.transferTo(from + done, step, out.position(at + done));
            if (k <= 0) {
                throw new IOException("short copy from " + src.description() + " at 0x" + Long.toHexString(from + done));
            }
            done += k;
            meter.add(k);
        }
    }

    /**
     * Copies {@code [from, from + length)} of {@code src} to {@code out} at {@code at} through a
     * heap buffer, returning the CRC-16 of the bytes (one read serves both). Buffers that are all
     * zero are not written, so holes in the source (a mostly empty partition image) stay holes;
     * the caller makes sure the file gets its full length.
     */
    public static int crcCopy(ImageReader src, long from, long length, FileChannel out, long at, Meter meter)
            throws IOException {
        ByteBuffer direct = Buffers.direct(STEP);
        byte[] b = new byte[STEP];
        int crc = 0;
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(STEP, length - done);
            direct.clear().limit(n);
            src.readFully(from + done, direct);
            direct.flip();
            direct.get(b, 0, n);
            boolean zero = java.util.Arrays.mismatch(b, 0, n, ZEROS, 0, n) == -1;
            crc = zero && n == STEP ? Crc16.advance(ZERO_STEP, crc, 0) : Crc16.update(crc, b, 0, n);
            if (!zero) {
                direct.rewind();
                while (direct.hasRemaining()) {
                    out.write(direct, at + done + direct.position());
                }
            }
            done += n;
            meter.add(n);
        }
        return crc;
    }

    /** Cache-sized steps for copies that also look at the bytes (see {@link CrcScanner}). */
    static final int STEP = 128 << 10;
    private static final byte[] ZEROS = new byte[STEP];
    private static final int[] ZERO_STEP = Crc16.zeros(STEP);

    /**
     * Copies all of {@code src} to the start of {@code out}, leaving the zero extents the source
     * knows of (sparse FILL 0 / DONT_CARE) as holes, and sets the length.
     */
    public static void sparseAware(ImageReader src, FileChannel out, Meter meter) throws IOException {
        out.truncate(0);
        for (Extent e : src.extents()) {
            if (e.kind() == Extent.Kind.DATA) {
                range(src, e.offset(), e.length(), out, e.offset(), meter);
            } else {
                meter.add(e.length());
            }
        }
        if (out.size() < src.size()) {
            // a trailing hole: write the last byte so the file gets its full length
            ByteBuffer z = ByteBuffer.allocate(1);
            out.write(z, src.size() - 1);
        }
    }

    /** Whether two images have the same bytes; reads both in 128 KiB steps. */
    public static boolean same(ImageReader a, ImageReader b, Meter meter) throws IOException {
        if (a.size() != b.size()) {
            return false;
        }
        byte[] x = new byte[(int) Math.min(STEP, Math.max(1, a.size()))];
        byte[] y = new byte[x.length];
        long pos = 0;
        while (pos < a.size()) {
            int n = (int) Math.min(x.length, a.size() - pos);
            a.readFully(pos, x, 0, n);
            b.readFully(pos, y, 0, n);
            if (!java.util.Arrays.equals(x, 0, n, y, 0, n)) {
                return false;
            }
            pos += n;
            meter.add(n);
        }
        return true;
    }
}
