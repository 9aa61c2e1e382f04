package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The contract every probe keeps on every input, checked directly and through {@link Formats}. */
final class Checks {
    /** Loaded once: Formats.probes() instantiates every probe on each call. */
    private static final List<FormatProbe> PROBES = Formats.probes();

    private Checks() {
    }

    /**
     * Runs every registered probe on {@code bytes} directly, so that a RuntimeException fails the
     * test instead of becoming Formats' "probe failed" detection; returns what they found.
     */
    static List<Detection> probeAll(byte[] bytes) throws IOException {
        ImageReader image = ImageReader.of(bytes);
        List<Detection> found = probeEach(image);
        List<Detection> viaFormats = Formats.detect(image);
        assertEquals(found.size(), viaFormats.size());
        for (Detection d : viaFormats) {
            assertFalse(d.summary().startsWith("probe failed"), d::summary);
        }
        return found;
    }

    /** {@link #probeAll} without the round through {@link Formats}, for tests that make many inputs. */
    static List<Detection> probeEach(ImageReader image) throws IOException {
        List<Detection> found = new ArrayList<>();
        for (FormatProbe p : PROBES) {
            Optional<Detection> d;
            try {
                d = p.probe(image);
            } catch (RuntimeException e) {
                throw new AssertionError(p.format() + " threw on " + image.size() + " bytes", e);
            }
            d.ifPresent(x -> {
                assertEquals(p.format(), x.format());
                assertSane(x, image.size());
                found.add(x);
            });
        }
        return found;
    }

    static void assertSane(Detection d, long size) {
        assertTrue(d.strength() > 0 && d.strength() <= 100, d::toString);
        assertTrue(d.offset() >= 0 && d.offset() <= size, d::toString);
        assertTrue(d.contents().isEmpty(), d::toString);
        assertPrintable(d.summary());
    }

    static void assertPrintable(String s) {
        assertTrue(s.length() <= Text.MAX_SUMMARY, () -> "too long (" + s.length() + "): " + s);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                fail(String.format("unprintable U+%04X in: %s", cp, s));
            }
        }
    }
}
