package io.github.fwkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import org.junit.jupiter.api.Test;

import java.util.Locale;

class UnitsTest {
    @Test
    void parsesSizesWithBinarySuffixes() {
        assertEquals(100000, Units.parseSize("100000"));
        assertEquals(512L << 10, Units.parseSize("512K"));
        assertEquals(512L << 20, Units.parseSize("512M"));
        assertEquals(1L << 30, Units.parseSize("1G"));
        assertEquals(1L << 30, Units.parseSize("1g"));
        assertEquals(1L << 30, Units.parseSize("1GiB"));
        assertEquals(2L << 40, Units.parseSize("2T"));
        assertEquals(4096, Units.parseSize("4096B"));
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String s : new String[] {"", "M", "-1", "1.5G", "12X", "1 G B", "99999999999999999999",
            "9999999999999T"}) {
            assertThrows(IllegalArgumentException.class, () -> Units.parseSize(s), s);
        }
    }

    @Property
    void plainNumbersParseToThemselves(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        assertEquals(n, Units.parseSize(Long.toString(n)));
    }

    /** The hand-written parser accepts exactly what the pattern it replaced accepted, with the same value. */
    @Property(tries = 3000)
    void parsesLikeThePatternItReplaced(@ForAll("sizeLike") String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(\\d+)\\s*(?:([kmgtKMGT])(?:i?[bB])?|[bB])?").matcher(text.trim());
        Long expected = null;
        if (m.matches()) {
            int shift = m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
            try {
                long n = Long.parseLong(m.group(1));
                expected = shift > 0 && n > (Long.MAX_VALUE >> shift) ? null : n << shift;
            } catch (NumberFormatException e) {
                expected = null;
            }
        }
        Long actual;
        try {
            actual = Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            actual = null;
        }
        assertEquals(expected, actual, text);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> sizeLike() {
        return net.jqwik.api.Arbitraries.strings().withChars("0123456789 \t\u000bkmgtKMGTbBiIx\u212a\u0663")
                .ofMinLength(0).ofMaxLength(8);
    }

    @Test
    void formatsBytesForPeople() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("1023 B", Units.bytes(1023));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("512 MiB", Units.bytes(512L << 20));
        assertEquals("1.0 GiB", Units.bytes(1L << 30));
        assertEquals("8.0 EiB", Units.bytes(Long.MAX_VALUE));
        assertEquals("-", Units.percent(1, 0));
        assertEquals("50.0%", Units.percent(1, 2));
    }

    @Property
    void fixedPrintsWhatFormatPrints(@ForAll @DoubleRange(min = 0, max = 1e7) double v,
                                     @ForAll @IntRange(min = 0, max = 2) int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Units.fixed(v, decimals));
    }

    /** Also where Double.toString switches to E notation (below 1e-3, from 1e7) and where rounding carries. */
    @Property(tries = 3000)
    void fixedPrintsWhatFormatPrintsForAnyMagnitude(@ForAll @IntRange(min = -12, max = 15) int exponent,
                                                    @ForAll @DoubleRange(min = 1, max = 10) double mantissa,
                                                    @ForAll @IntRange(min = 0, max = 4) int decimals,
                                                    @ForAll boolean negative) {
        double v = (negative ? -1 : 1) * mantissa * Math.pow(10, exponent);
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Units.fixed(v, decimals));
    }

    @Test
    void fixedRoundsHalfUpAndCarries() {
        for (double v : new double[] {0, 0.5, 1.5, 2.5, 9.95, 9.995, 99.95, 0.05, 0.0005, 1e-5, 9999999.95, 1e7, 1.25e9}) {
            for (int d = 0; d <= 3; d++) {
                assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Units.fixed(v, d), v + " " + d);
            }
        }
    }

    @Test
    void fixedRoundsHalfUpLikeFormat() {
        for (double v : new double[] {0.05, 0.15, 0.25, 2.5, 99.95, 1023.95, 0.005, 1e-9}) {
            for (int d = 0; d <= 2; d++) {
                assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Units.fixed(v, d), v + " " + d);
            }
        }
    }

    @Test
    void hexIsZeroPadded() {
        assertEquals("0000cac5", Units.hex(0xcac5, 8));
        assertEquals("ed26ff3a", Units.hex(0xed26ff3aL, 8));
        assertEquals("0a", Units.hex(10, 2));
        assertEquals("12345", Units.hex(0x12345, 4));
    }
}
