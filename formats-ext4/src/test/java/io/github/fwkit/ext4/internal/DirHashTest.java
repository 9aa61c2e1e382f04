package io.github.fwkit.ext4.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hash vectors from debugfs dx_hash (e2fsprogs 1.47.0), spec section 8.4. */
class DirHashTest {
    private static final int[] ZERO = {0, 0, 0, 0};
    /** s_hash_seed bytes 01 02 .. 10 as four u32le words. */
    private static final int[] S = {0x04030201, 0x08070605, 0x0C0B0A09, 0x100F0E0D};
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG = "ThisIsAFileNameLongerThan32Bytes_0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HIGH = {(byte) 0xc3, (byte) 0xa9, 0x74, (byte) 0xc3, (byte) 0xa9};

    private static void check(int expected, int version, byte[] name, int[] seed) {
        assertEquals(Integer.toHexString(expected), Integer.toHexString(DirHash.hash(version, name, seed)),
                "version " + version + " " + new String(name, StandardCharsets.ISO_8859_1));
    }

    @Test
    void matchesDebugfs() {
        check(0x1746da32, DirHash.HALF_MD4, HELLO, ZERO);
        check(0x6f5bb1a8, DirHash.TEA, HELLO, ZERO);
        check(0x32252546, DirHash.LEGACY, HELLO, ZERO);
        check(0x32252546, DirHash.LEGACY, HELLO, S);
        check(0xe2ddf968, DirHash.HALF_MD4, HELLO, S);
        check(0x1a5692b6, DirHash.TEA, HELLO, S);
        check(0x5c31146c, DirHash.HALF_MD4, LONG, ZERO);
        check(0x08622b62, DirHash.HALF_MD4, LONG, S);
        check(0xdf93d084, DirHash.TEA, LONG, S);
    }

    @Test
    void signedAndUnsignedDifferForHighBytes() {
        check(0x70d7b7fc, DirHash.LEGACY, HIGH, ZERO);
        check(0x40d0f40c, DirHash.LEGACY_UNSIGNED, HIGH, ZERO);
        check(0xa69a4d3a, DirHash.HALF_MD4, HIGH, ZERO);
        check(0x3eb35f16, DirHash.HALF_MD4_UNSIGNED, HIGH, ZERO);
        check(0x04d337a6, DirHash.TEA, HIGH, ZERO);
        check(0x2ed2feac, DirHash.TEA_UNSIGNED, HIGH, ZERO);
        // ASCII names hash the same either way
        check(0x1746da32, DirHash.HALF_MD4_UNSIGNED, HELLO, ZERO);
    }
}
