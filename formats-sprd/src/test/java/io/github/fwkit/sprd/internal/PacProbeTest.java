package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacProbeTest {
    /** A one-entry package (just the XML), built by hand. */
    static byte[] tiny(boolean damaged) {
        ByteBuffer b = ByteBuffer.allocate(2124 + 2580 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, "BP_R1.0.0".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(48, damaged ? 1 : b.capacity());
        b.put(52, "Tiny".getBytes(StandardCharsets.UTF_16LE));
        b.putInt(1076, 1).putInt(1080, 2124).putInt(2116, 0xFFFAFFFA);
        b.putInt(2124, 2580).putInt(2124 + 1540, 4).putInt(2124 + 1544, 2).putInt(2124 + 1552, 2124 + 2580);
        b.put(2124 + 516, "Tiny.xml".getBytes(StandardCharsets.UTF_16LE));
        b.put(2124 + 2580, "<a/>".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    @Test
    void replacesCoresProbe() throws IOException {
        FormatProbe p = Formats.probes().stream().filter(x -> x.format().equals("sprd-pac")).findFirst().orElseThrow();
        assertInstanceOf(PacProbe.class, p);
        List<Detection> d = Formats.detect(ImageReader.of(tiny(false)));
        Detection pac = d.stream().filter(x -> x.format().equals("sprd-pac")).findFirst().orElseThrow();
        assertTrue(pac.summary().contains("1 entries") && pac.summary().contains("Tiny"), pac.summary());
        Detection bad = new PacProbe().probe(ImageReader.of(tiny(true))).orElseThrow();
        assertTrue(bad.summary().contains("error"), bad.summary());
        assertTrue(bad.strength() < pac.strength());
        assertEquals(java.util.Optional.empty(), new PacProbe().probe(ImageReader.of(new byte[5000])));
    }
}
