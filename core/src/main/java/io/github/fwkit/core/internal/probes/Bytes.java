package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A header read from an image in one go and decoded by offset. Probes read the most they could
 * use with {@link #at} and then check {@link #has} before decoding, so that a short or truncated
 * image is a matter of "which fields are there", never an {@link java.io.EOFException}.
 *
 * <p>Accessors throw {@link IndexOutOfBoundsException} for offsets outside the block: that is a
 * probe bug, which {@code Formats.detect} reports as a failed probe.
 */
final class Bytes {
    private final byte[] b;

    private Bytes(byte[] b) {
        this.b = b;
    }

    /** Up to {@code max} bytes from {@code offset}: fewer near the end, none past it. */
    static Bytes at(ImageReader image, long offset, int max) throws IOException {
        long available = image.size() - offset;
        if (offset < 0 || available <= 0 || max <= 0) {
            return new Bytes(new byte[0]);
        }
        return new Bytes(image.readBytes(offset, (int) Math.min(max, available)));
    }

    /** The bytes of an ASCII signature such as {@code "ANDROID!"}. */
    static byte[] ascii(String signature) {
        return signature.getBytes(StandardCharsets.US_ASCII);
    }

    int length() {
        return b.length;
    }

    /** Whether {@code [off, off + len)} lies inside this block. */
    boolean has(int off, int len) {
        return off >= 0 && len >= 0 && off <= b.length - len;
    }

    int u8(int off) {
        return b[off] & 0xff;
    }

    int u16le(int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    long u32le(int off) {
        return (u16le(off) | (long) u16le(off + 2) << 16) & 0xffffffffL;
    }

    long u32be(int off) {
        return ((long) u8(off) << 24 | u8(off + 1) << 16 | u8(off + 2) << 8 | u8(off + 3)) & 0xffffffffL;
    }

    /** Java's signed {@code long}; callers treat it as unsigned where the format does. */
    long u64le(int off) {
        return u32le(off) | u32le(off + 4) << 32;
    }

    long u64be(int off) {
        return u32be(off) << 32 | u32be(off + 4);
    }

    /** Whether the block holds exactly {@code signature} at {@code off} (false if too short). */
    boolean matches(int off, byte[] signature) {
        return has(off, signature.length) && Arrays.equals(b, off, off + signature.length, signature, 0, signature.length);
    }

    byte[] copy(int off, int len) {
        return Arrays.copyOfRange(b, off, Math.addExact(off, len));
    }

    boolean allZero(int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
