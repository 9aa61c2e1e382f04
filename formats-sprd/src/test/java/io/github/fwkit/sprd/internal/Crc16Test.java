package io.github.fwkit.sprd.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc16Test {
    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xBB3D, Crc16.of(b));
        assertEquals(0xBB3D, Crc16.reference(b, 0, b.length));
        ByteBuffer d = ByteBuffer.allocateDirect(9).put(b).flip();
        assertEquals(0xBB3D, Crc16.update(0, d));
        assertEquals(9, d.position());
    }

    @Test
    void tableStartsAsPublished() {
        // first entries of the classic table, as in Unisoc's Perl packer
        assertEquals(0xC0C1, Crc16.of(new byte[] {1}));
        assertEquals(0xC181, Crc16.of(new byte[] {2}));
        assertEquals(0x0140, Crc16.of(new byte[] {3}));
    }

    @Test
    void appendingTheCrcGivesResidueZero() {
        byte[] b = Arrays.copyOf("123456789".getBytes(StandardCharsets.US_ASCII), 11);
        b[9] = 0x3D;
        b[10] = (byte) 0xBB;
        assertEquals(0, Crc16.of(b));
    }

    @Property
    void fastFormsEqualTheDefinition(@ForAll @Size(max = 200) byte[] b, @ForAll @IntRange(max = 17) int cut) {
        int c = Math.min(cut, b.length);
        int ref = Crc16.reference(b, 0, b.length);
        assertEquals(ref, Crc16.of(b));
        assertEquals(ref, Crc16.update(Crc16.of(b, 0, c), b, c, b.length - c));
        ByteBuffer d = ByteBuffer.allocateDirect(b.length).put(b).flip();
        assertEquals(ref, Crc16.update(0, d));
    }

    @Property
    void combineJoinsPieces(@ForAll @Size(max = 100) byte[] a, @ForAll @Size(max = 100) byte[] b) {
        byte[] ab = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        assertEquals(Crc16.of(ab), Crc16.combine(Crc16.of(a), Crc16.of(b), b.length));
        assertEquals(Crc16.of(ab), Crc16.advance(Crc16.zeros(b.length), Crc16.of(a), Crc16.of(b)));
    }

    @Property
    void zeroSkippingEqualsPlain(@ForAll @IntRange(max = 0xffff) int crc, @ForAll boolean zero) {
        byte[] zeros = new byte[4096];
        byte[] b = new byte[4096];
        if (!zero) {
            b[4095] = 1;
        }
        assertEquals(Crc16.update(crc, b, 0, b.length),
                Crc16.updateSkippingZeros(crc, b, 0, b.length, Crc16.zeros(4096), zeros));
    }

    @Test
    void combineOverLongZeroRuns() {
        // 3 MiB of zeros after "1": one piece vs combined
        byte[] z = new byte[3 << 20];
        z[0] = '1';
        int whole = Crc16.of(z);
        assertEquals(whole, Crc16.combine(Crc16.of(new byte[] {'1'}), 0, z.length - 1));
    }
}
