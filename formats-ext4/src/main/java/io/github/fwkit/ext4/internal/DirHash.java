package io.github.fwkit.ext4.internal;

/**
 * The name hashes of htree directories: legacy, half-MD4 and TEA, each with names read as signed
 * or unsigned bytes (versions 0 to 5; spec section 8.4). The signed variants exist because the
 * original code hashed C {@code char}s, which are signed on x86 and unsigned on ARM; the
 * superblock's {@code s_flags} says which one the volume was built with.
 *
 * <pre>
 * version: 0 legacy, 1 half_md4, 2 tea; +3 when s_flags has 0x2 (unsigned)
 * state:   s_hash_seed as four u32le, or the MD4 start 67452301 efcdab89 98badcfe 10325476 when all zero
 * words:   name in chunks of 32 (half_md4) or 16 (tea) bytes; each chunk packed into 8 or 4 words,
 *          padded with (remaining length) * 0x01010101
 * result:  half_md4 state[1], tea state[0], legacy h0 &lt;&lt; 1; then bit 0 cleared, 0xFFFFFFFE -&gt; 0xFFFFFFFC
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class DirHash {
    static final int LEGACY = 0;
    static final int HALF_MD4 = 1;
    static final int TEA = 2;
    static final int LEGACY_UNSIGNED = 3;
    static final int HALF_MD4_UNSIGNED = 4;
    static final int TEA_UNSIGNED = 5;

    private DirHash() {
    }

    /** Whether {@link #hash} knows {@code version}. */
    static boolean supported(int version) {
        return version >= LEGACY && version <= TEA_UNSIGNED;
    }

    /**
     * The major hash of {@code name} (an unsigned 32-bit value in an int).
     *
     * @param seed the four {@code s_hash_seed} words
     * @throws IllegalArgumentException for a version {@link #supported} refuses (siphash needs the
     *     stored hashes of casefolded, encrypted directories)
     */
    static int hash(int version, byte[] name, int[] seed) {
        boolean unsigned = version >= LEGACY_UNSIGNED;
        int h;
        switch (version) {
            case LEGACY, LEGACY_UNSIGNED -> h = legacy(name, unsigned);
            case HALF_MD4, HALF_MD4_UNSIGNED -> {
                int[] buf = start(seed);
                int[] in = new int[8];
                for (int off = 0; off < name.length; off += 32) {
                    pack(name, off, in, 8, unsigned);
                    halfMd4(buf, in);
                }
                h = buf[1];
            }
            case TEA, TEA_UNSIGNED -> {
                int[] buf = start(seed);
                int[] in = new int[4];
                for (int off = 0; off < name.length; off += 16) {
                    pack(name, off, in, 4, unsigned);
                    tea(buf, in);
                }
                h = buf[0];
            }
            default -> throw new IllegalArgumentException("hash version " + version);
        }
        h &= ~1;
        // 0xFFFFFFFE is the end-of-directory marker of 32-bit readdir cookies; the hash steps aside.
        return h == 0xFFFFFFFE ? 0xFFFFFFFC : h;
    }

    private static int[] start(int[] seed) {
        if (seed[0] == 0 && seed[1] == 0 && seed[2] == 0 && seed[3] == 0) {
            return new int[] {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476};
        }
        return seed.clone();
    }

    private static int legacy(byte[] name, boolean unsigned) {
        int h0 = 0x12A3FE2D;
        int h1 = 0x37ABE8F9;
        for (byte b : name) {
            int c = unsigned ? b & 0xff : b;
            int h = h1 + (h0 ^ (c * 7152373));
            if (h < 0) {
                h -= 0x7FFFFFFF;
            }
            h1 = h0;
            h0 = h;
        }
        return h0 << 1;
    }

    /** Packs {@code name[off..]} into {@code n} words (e2fsprogs {@code str2hashbuf}). */
    private static void pack(byte[] name, int off, int[] out, int n, boolean unsigned) {
        int rem = name.length - off;
        int pad = rem * 0x01010101;
        int len = Math.min(rem, 4 * n);
        int v = pad;
        int w = 0;
        for (int i = 0; i < len; i++) {
            byte b = name[off + i];
            v = (unsigned ? b & 0xff : b) + (v << 8);
            if ((i & 3) == 3) {
                out[w++] = v;
                v = pad;
            }
        }
        if (w < n) {
            out[w++] = v;
        }
        while (w < n) {
            out[w++] = pad;
        }
    }

    private static int f(int x, int y, int z) {
        return z ^ (x & (y ^ z));
    }

    private static int g(int x, int y, int z) {
        return (x & y) + ((x ^ y) & z);
    }

    private static int h(int x, int y, int z) {
        return x ^ y ^ z;
    }

    /** Three rounds of MD4 on half a block (e2fsprogs {@code halfMD4Transform}). */
    private static void halfMd4(int[] buf, int[] in) {
        int a = buf[0];
        int b = buf[1];
        int c = buf[2];
        int d = buf[3];
        final int k2 = 0x5A827999;
        final int k3 = 0x6ED9EBA1;

        a = Integer.rotateLeft(a + f(b, c, d) + in[0], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[1], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[2], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[3], 19);
        a = Integer.rotateLeft(a + f(b, c, d) + in[4], 3);
        d = Integer.rotateLeft(d + f(a, b, c) + in[5], 7);
        c = Integer.rotateLeft(c + f(d, a, b) + in[6], 11);
        b = Integer.rotateLeft(b + f(c, d, a) + in[7], 19);

        a = Integer.rotateLeft(a + g(b, c, d) + in[1] + k2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[3] + k2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[5] + k2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[7] + k2, 13);
        a = Integer.rotateLeft(a + g(b, c, d) + in[0] + k2, 3);
        d = Integer.rotateLeft(d + g(a, b, c) + in[2] + k2, 5);
        c = Integer.rotateLeft(c + g(d, a, b) + in[4] + k2, 9);
        b = Integer.rotateLeft(b + g(c, d, a) + in[6] + k2, 13);

        a = Integer.rotateLeft(a + h(b, c, d) + in[3] + k3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + in[7] + k3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + in[2] + k3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + in[6] + k3, 15);
        a = Integer.rotateLeft(a + h(b, c, d) + in[1] + k3, 3);
        d = Integer.rotateLeft(d + h(a, b, c) + in[5] + k3, 9);
        c = Integer.rotateLeft(c + h(d, a, b) + in[0] + k3, 11);
        b = Integer.rotateLeft(b + h(c, d, a) + in[4] + k3, 15);

        buf[0] += a;
        buf[1] += b;
        buf[2] += c;
        buf[3] += d;
    }

    /** Sixteen TEA rounds over the first two state words (e2fsprogs {@code TEA_transform}). */
    private static void tea(int[] buf, int[] in) {
        int sum = 0;
        int b0 = buf[0];
        int b1 = buf[1];
        for (int n = 0; n < 16; n++) {
            sum += 0x9E3779B9;
            b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >>> 5) + in[1]);
            b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >>> 5) + in[3]);
        }
        buf[0] += b0;
        buf[1] += b1;
    }
}
