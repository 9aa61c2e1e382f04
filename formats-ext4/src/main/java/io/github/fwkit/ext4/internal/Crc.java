package io.github.fwkit.ext4.internal;

import java.util.zip.CRC32C;

/**
 * The two checksums of ext4 metadata.
 *
 * <p><b>crc32c</b> as ext4 uses it ({@code ext2fs_crc32c_le}, the kernel's {@code ext4_chksum})
 * is the raw Castagnoli register: no final inversion, and an arbitrary starting value (the
 * file-system seed, an inode seed, or the previous result when chaining). The standard CRC-32C
 * is {@code ~raw(0xFFFFFFFF, data)}. {@link CRC32C} (hardware-accelerated) always starts from
 * {@code 0xFFFFFFFF}, so {@link #crc32c} first feeds it four bytes chosen to steer its register
 * to the wanted seed: after {@code crc ^= le32(b)} the 32 shift steps of four bytes are a
 * bijection, so the bytes are {@code unshift32(seed) ^ 0xFFFFFFFF}.
 *
 * <p><b>crc16</b> ({@code gdt_csum} descriptors) is CRC-16/MODBUS: reflected 0x8005, no final XOR.
 */
final class Crc {
    private static final int POLY32C = 0x82F63B78;
    private static final int[] CRC16 = new int[256];
    private static final int[] CRC32C_TABLE = new int[256];
    /**
     * Below this length a table lookup per byte is cheaper than steering {@link CRC32C} (the
     * 4-byte seeds and the 2-byte pieces of each inode checksum); above it the intrinsic wins,
     * already for the inode's two 124-byte halves under C1.
     */
    private static final int TABLE_MAX = 32;
    /**
     * {@link #steer}'s register rewinding, by table: {@code STEER[256 * k + b]} rewinds the seed
     * {@code b << 8k}. Rewinding is linear over GF(2), so a seed's rewind is the XOR of its four
     * bytes' entries; the loop of 32 steps was 2.5% of a walk's CPU (two checksums per inode).
     */
    private static final int[] STEER = new int[4 * 256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            int d = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
                d = (d & 1) != 0 ? (d >>> 1) ^ POLY32C : d >>> 1;
            }
            CRC16[i] = c;
            CRC32C_TABLE[i] = d;
        }
        // Each byte's table from the rewinds of its eight bits (quick even in the interpreter).
        for (int k = 0; k < 4; k++) {
            for (int b = 1; b < 256; b++) {
                int low = b & -b;
                STEER[256 * k + b] = b == low ? unshift32(b << (8 * k))
                        : STEER[256 * k + low] ^ STEER[256 * k + (b ^ low)];
            }
        }
    }

    private Crc() {
    }

    /** The raw crc32c register after {@code b[off, off + len)} starting from {@code seed}. */
    static int crc32c(int seed, byte[] b, int off, int len) {
        if (len < TABLE_MAX) {
            int c = seed;
            for (int i = off; i < off + len; i++) {
                c = step(c, b[i]);
            }
            return c;
        }
        CRC32C c = new CRC32C();
        c.update(steer(seed));
        c.update(b, off, len);
        return ~(int) c.getValue();
    }

    static int crc32c(int seed, byte[] b) {
        return crc32c(seed, b, 0, b.length);
    }

    /** crc32c over a little-endian 32-bit value. */
    static int crc32c(int seed, int le32) {
        int c = seed;
        for (int i = 0; i < 4; i++) {
            c = step(c, le32 >>> (8 * i));
        }
        return c;
    }

    /** crc32c continued over {@code n} zero bytes. */
    static int crc32cZeros(int seed, int n) {
        int c = seed;
        for (int i = 0; i < n; i++) {
            c = step(c, 0);
        }
        return c;
    }

    /** One byte (the low eight bits of {@code b}) of crc32c by table. */
    private static int step(int c, int b) {
        return (c >>> 8) ^ CRC32C_TABLE[(c ^ b) & 0xff];
    }

    /** Four bytes that take a fresh CRC32C (register 0xFFFFFFFF) to the raw register {@code seed}. */
    private static byte[] steer(int seed) {
        int c = STEER[seed & 0xff] ^ STEER[256 + ((seed >>> 8) & 0xff)] ^ STEER[512 + ((seed >>> 16) & 0xff)]
                ^ STEER[768 + (seed >>> 24)];
        int x = c ^ 0xFFFFFFFF;
        return new byte[] {(byte) x, (byte) (x >>> 8), (byte) (x >>> 16), (byte) (x >>> 24)};
    }

    /** The register before 32 shift steps that end in {@code seed}. */
    static int unshift32(int seed) {
        int c = seed;
        for (int i = 0; i < 32; i++) {
            // One step is c' = (c >>> 1) ^ (c & 1 ? POLY : 0); POLY has bit 31 set and c >>> 1 has
            // not, so bit 31 of c' tells which branch was taken.
            c = c < 0 ? ((c ^ POLY32C) << 1) | 1 : c << 1;
        }
        return c;
    }

    /** Bit-by-bit reference implementation, for tests of the steering trick. */
    static int crc32cSlow(int seed, byte[] b, int off, int len) {
        int c = seed;
        for (int i = off; i < off + len; i++) {
            c ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY32C : c >>> 1;
            }
        }
        return c;
    }

    /** CRC-16/MODBUS continuing from {@code crc} over {@code b[off, off + len)}. */
    static int crc16(int crc, byte[] b, int off, int len) {
        int c = crc & 0xffff;
        for (int i = off; i < off + len; i++) {
            c = (c >>> 8) ^ CRC16[(c ^ b[i]) & 0xff];
        }
        return c;
    }
}
