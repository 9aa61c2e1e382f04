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

    private static String num(double d) {
        StringBuilder sb = new StringBuilder();
        new Json(sb).value(d);
        return sb.toString();
    }
}
