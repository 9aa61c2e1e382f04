package io.github.fwkit.core.internal.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuffersTest {
    @Test
    void directBuffersArePageAlignedWithTheCapacityAskedFor() {
        for (int cap : new int[] {0, 1, 4095, 4096, 256 << 10, (1 << 20) + 3}) {
            ByteBuffer b = Buffers.direct(cap);
            assertTrue(b.isDirect());
            assertEquals(cap, b.capacity());
            assertEquals(cap, b.limit());
            assertEquals(0, b.position());
            assertEquals(ByteOrder.LITTLE_ENDIAN, b.order());
            // plain allocateDirect would give 16 here on glibc for these sizes
            assertEquals(0, b.alignmentOffset(0, Buffers.ALIGNMENT), "capacity " + cap);
        }
    }

    @Test
    void refusesImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> Buffers.direct(-1));
        assertThrows(IllegalArgumentException.class, () -> Buffers.direct(Integer.MAX_VALUE));
    }
}
