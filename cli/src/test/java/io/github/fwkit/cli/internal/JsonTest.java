package io.github.fwkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesWithCommas() {
        StringBuilder sb = new StringBuilder();
        new Json(sb).beginObject()
                .field("a", 1)
                .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
                .field("c", (String) null)
                .fieldOrNull("d", -1)
                .endObject();
        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":null,\"d\":null}", sb.toString());
    }

    @Test
    void escapesStringsToAscii() {
        StringBuilder sb = new StringBuilder();
        new Json(sb).value("a\"b\\c\n\t\u0001é");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u00e9\"", sb.toString());
    }

    @Test
    void writesDoublesPlainlyAndNanAsNull() {
        assertEquals("0.211606", num(0.21160558));
        assertEquals("2", num(2.0));
        assertEquals("0.0000001", num(1e-7));
        assertEquals("null", num(Double.NaN));
        assertEquals("null", num(Double.POSITIVE_INFINITY));
    }

    /** Six significant digits of the shortest decimal of d, as BigDecimal would round them. */
    @net.jqwik.api.Property(tries = 3000)
    void sixDigitsRoundsLikeBigDecimal(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = -12, max = 9) int exponent,
                                      @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 1, max = 10) double mantissa,
                                      @net.jqwik.api.ForAll boolean negative) {
        double d = (negative ? -1 : 1) * mantissa * Math.pow(10, exponent);
        assertEquals(new java.math.BigDecimal(Double.toString(d)).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString(), Json.sixDigits(d), Double.toString(d));
    }

    @Test
    void sixDigitsAtTheEdges() {
        for (double d : new double[] {999999.5, 999999.4, 99999.95, 9.999995, 0.1, 1, 10, 100, 1000, 1e-3, 1e-4, 5e-324, 123.4565}) {
            assertEquals(new java.math.BigDecimal(Double.toString(d)).round(new java.math.MathContext(6))
                    .stripTrailingZeros().toPlainString(), Json.sixDigits(d), Double.toString(d));
        }
    }

    private static String num(double d) {
        StringBuilder sb = new StringBuilder();
        new Json(sb).value(d);
        return sb.toString();
    }
}
