package io.github.fwkit.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for {@code --json} output: compact, ASCII only (everything else
 * escaped as {@code \}{@code uXXXX}, so any terminal or pipe encoding keeps it valid), names in the
 * order written.
 *
 * <pre>{@code
 * Json j = new Json(sb);
 * j.beginObject().name("files").beginArray().endArray().endObject();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
final class Json {
    private final Appendable out;
    /** One entry per open object/array: whether a value has been written in it yet. */
    private final Deque<boolean[]> scopes = new ArrayDeque<>();
    private boolean afterName;

    Json(Appendable out) {
        this.out = out;
    }

    Json beginObject() {
        beforeValue();
        raw("{");
        scopes.push(new boolean[1]);
        return this;
    }

    Json endObject() {
        scopes.pop();
        raw("}");
        return this;
    }

    Json beginArray() {
        beforeValue();
        raw("[");
        scopes.push(new boolean[1]);
        return this;
    }

    Json endArray() {
        scopes.pop();
        raw("]");
        return this;
    }

    Json name(String name) {
        beforeValue();
        string(name);
        raw(":");
        afterName = true;
        return this;
    }

    Json value(String s) {
        beforeValue();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        return this;
    }

    Json value(long n) {
        beforeValue();
        raw(Long.toString(n));
        return this;
    }

    /** Writes a number, or {@code null} for NaN and infinities (which JSON cannot hold). */
    Json value(double d) {
        beforeValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            raw("null");
        } else {
            raw(sixDigits(d));
        }
        return this;
    }

    /**
     * {@code d} rounded half up to six significant digits (plenty for ratios and seconds), in plain
     * notation without trailing zeros. Rounds the shortest decimal that reads back as {@code d}
     * ({@link Double#toString}), by {@link Units#fixed}; BigDecimal, whose first use costs a
     * command 3-5 ms, only from a million up.
     */
    static String sixDigits(double d) {
        double a = Math.abs(d);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6) {
            return new BigDecimal(Double.toString(d)).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        int exponent = (int) Math.floor(Math.log10(a));  // exact at powers of ten
        String s = Units.fixed(d, 5 - exponent);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }

    Json value(boolean b) {
        beforeValue();
        raw(b ? "true" : "false");
        return this;
    }

    Json nullValue() {
        beforeValue();
        raw("null");
        return this;
    }

    Json field(String name, String value) {
        return name(name).value(value);
    }

    Json field(String name, long value) {
        return name(name).value(value);
    }

    Json field(String name, double value) {
        return name(name).value(value);
    }

    Json field(String name, boolean value) {
        return name(name).value(value);
    }

    /** A number field, or {@code null} when {@code value} is negative (unknown). */
    Json fieldOrNull(String name, long value) {
        name(name);
        return value < 0 ? nullValue() : value(value);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] scope = scopes.peek();
        if (scope != null) {
            if (scope[0]) {
                raw(",");
            }
            scope[0] = true;
        }
    }

    private void string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append("\\u").append(Units.hex(c, 4));
                    } else {
                        sb.append(c);
                    }
            }
        }
        raw(sb.append('"').toString());
    }

    private void raw(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
