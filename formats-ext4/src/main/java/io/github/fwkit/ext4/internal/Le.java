package io.github.fwkit.ext4.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads from byte arrays that were read whole from the image. Callers check the
 * structure's length first; an index out of range here is a bug, not bad input.
 */
final class Le {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (short) U16.get(b, off) & 0xffff;
    }

    static long u32(byte[] b, int off) {
        return (int) U32.get(b, off) & 0xffffffffL;
    }

    static int s32(byte[] b, int off) {
        return (int) U32.get(b, off);
    }

    static void put32(byte[] b, int off, int v) {
        U32.set(b, off, v);
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
