package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Hostile input in bulk: arbitrary bytes, valid headers with mutated fields, and known magics
 * followed by garbage. The probes must never throw (only IOException may escape, and in memory
 * none does) and must keep every summary printable and bounded.
 */
class ProbePropertiesTest {

    /** A field overwrite near one of a fixture's headers. */
    record Mutation(int header, int delta, int kind, int value) {
    }

    /** Values that break length and offset arithmetic. */
    private static final long[] INTERESTING = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x1000, 0xFFFF, 0x10000, 0x7FFFFFFFL,
        0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};

    @Property(tries = 1000)
    void arbitraryBytes(@ForAll @Size(max = 5000) byte[] bytes) throws IOException {
        Checks.probeAll(bytes);
    }

    @Property(tries = 3000)
    void mutatedHeaders(@ForAll("fixtures") Fixtures.Fixture fixture,
                        @ForAll @Size(max = 12) List<@From("mutations") Mutation> mutations,
                        @ForAll @IntRange(min = 0, max = 100) int keepPercent) throws IOException {
        Img img = new Img(fixture.build().get());
        for (Mutation m : mutations) {
            int at = fixture.headers().get(m.header() % fixture.headers().size()) + m.delta();
            long v = INTERESTING[Math.floorMod(m.value(), INTERESTING.length)];
            switch (m.kind()) {
                case 0 -> {
                    if (at < img.b.length) {
                        img.u8(at, m.value());
                    }
                }
                case 1 -> {
                    if (at + 4 <= img.b.length) {
                        img.u32le(at, v);
                    }
                }
                default -> {
                    if (at + 4 <= img.b.length) {
                        img.u32be(at, v);
                    }
                }
            }
        }
        // Most runs keep the whole image; the rest cut it anywhere.
        int length = keepPercent >= 50 ? img.b.length : (int) ((long) img.b.length * keepPercent / 50);
        Checks.probeAll(Arrays.copyOf(img.b, length));
    }

    @Property(tries = 1000)
    void magicThenGarbage(@ForAll("fixtures") Fixtures.Fixture fixture, @ForAll @Size(max = 20000) byte[] garbage)
            throws IOException {
        // Keep each header's first 8 bytes (its magic) and randomise everything else.
        byte[] valid = fixture.build().get();
        byte[] b = garbage.clone();
        for (int h : fixture.headers()) {
            for (int i = h; i < h + 8 && i < valid.length && i < b.length; i++) {
                b[i] = valid[i];
            }
        }
        if (fixture.format().equals("avb-footer") && b.length >= 64) {
            System.arraycopy(valid, valid.length - 64, b, b.length - 64, 4);
        }
        Checks.probeAll(b);
    }

    @Property(tries = 200)
    void detectThroughFormatsNeverThrows(@ForAll @Size(max = 5000) byte[] bytes) throws IOException {
        Formats.detect(ImageReader.of(bytes));
    }

    @Provide
    Arbitrary<Fixtures.Fixture> fixtures() {
        return Arbitraries.of(List.copyOf(Fixtures.ALL.values()));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 0x900),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }
}
