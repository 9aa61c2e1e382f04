package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared assertions on layouts. */
final class Layouts {
    private Layouts() {
    }

    static MtkRomLayout analyze(byte[] dump) throws IOException {
        MtkRomLayout l = MtkRomLayout.analyze(ImageReader.of(dump));
        checkInvariants(l);
        return l;
    }

    /** What every layout must satisfy, whatever the input. */
    static void checkInvariants(MtkRomLayout l) {
        long pos = 0;
        for (Region r : l.regions()) {
            assertEquals(pos, r.offset(), () -> "regions must be contiguous: " + l.regions());
            pos = r.end();
        }
        assertEquals(l.length(), pos, () -> "regions must cover the input: " + l.regions());
        for (GfhImage g : l.images()) {
            assertTrue(g.bytesPresent() >= 0 && g.bytesPresent() <= g.info().fileLength(), g::toString);
        }
        assertTrue(l.health().score() >= 0 && l.health().score() <= 100);
        l.toText();
    }

    static List<String> codes(MtkRomLayout l) {
        return l.findings().stream().map(Finding::code).collect(Collectors.toList());
    }

    static List<String> codes(MtkRomLayout l, Finding.Severity s) {
        return l.findings().stream().filter(f -> f.severity() == s).map(Finding::code).collect(Collectors.toList());
    }

    static Finding only(MtkRomLayout l, String code) {
        List<Finding> f = l.health().withCode(code);
        assertEquals(1, f.size(), () -> code + " in " + l.findings());
        return f.get(0);
    }
}
