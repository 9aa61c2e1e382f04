package io.github.fwkit.ext4.internal;

/**
 * Little-endian reads from byte arrays that were read whole from the image. Callers check the
 * structure's length first; an index out of range here is a bug, not bad input.
 *
 * <p>Plain shifts rather than a byte-array view {@code VarHandle}: the fwkit launcher runs C1
 * only, and setting up the two view handles alone took about 20 ms of a command's start.
 */
final class Le {

    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int off) {
        return s32(b, off) & 0xffffffffL;
    }

    static int s32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | b[off + 3] << 24;
    }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
