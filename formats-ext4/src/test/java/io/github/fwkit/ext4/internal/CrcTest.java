package io.github.fwkit.ext4.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The raw crc32c and crc16 against the vectors in the spec (section 12) and a bitwise reference. */
class CrcTest {
    @Test
    void rawCrc32cOfTheCheckString() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x1CF96D7C, Crc.crc32c(0xFFFFFFFF, b));
        java.util.zip.CRC32C std = new java.util.zip.CRC32C();
        std.update(b);
        assertEquals(~0x1CF96D7C, (int) std.getValue());
    }

    @Test
    void filesystemSeedOfTheSpecUuid() {
        byte[] uuid = HexFormat.of().parseHex("11111111222233334444555555555555");
        assertEquals(0x643DBF5B, Crc.crc32c(0xFFFFFFFF, uuid));
    }

    @Test
    void crc16IsModbus() {
        assertEquals(0x4B37, Crc.crc16(0xFFFF, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
    }

    /** Short inputs go through the byte table, long ones through the steered CRC32C: both are checked. */
    @Property(tries = 500)
    void crc32cEqualsTheBitwiseReference(@ForAll int seed, @ForAll @Size(max = 1200) byte[] data) {
        assertEquals(Crc.crc32cSlow(seed, data, 0, data.length), Crc.crc32c(seed, data, 0, data.length));
    }

    @Property(tries = 200)
    void chainingIsConcatenation(@ForAll int seed, @ForAll byte[] a, @ForAll byte[] b) {
        byte[] ab = new byte[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        assertEquals(Crc.crc32c(seed, ab), Crc.crc32c(Crc.crc32c(seed, a), b));
    }

    @Property(tries = 200)
    void le32AndZeroRunsAreBytes(@ForAll int seed, @ForAll int value, @ForAll @IntRange(max = 300) int zeros) {
        byte[] le = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        assertEquals(Crc.crc32cSlow(seed, le, 0, 4), Crc.crc32c(seed, value));
        assertEquals(Crc.crc32cSlow(seed, new byte[zeros], 0, zeros), Crc.crc32cZeros(seed, zeros));
    }
}
