package io.github.fwkit.cli.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes for people: formatting in binary units and parsing {@code 512M}-style arguments.
 *
 * <p>Numbers are formatted without {@link String#format}: its first {@code %f} loads the JDK's
 * locale data, 10-20 ms of a command that otherwise takes about 100.
 */
final class Units {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgtKMGT])(?:i?[bB])?|[bB])?");

    private Units() {
    }

    /** {@code 1536} → {@code 1.5 KiB}; below 1 KiB exact, e.g. {@code 12 B}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return fixed(v, v >= 100 ? 0 : 1) + " " + UNITS[u];
    }

    /** A percentage with one decimal, e.g. {@code 9.8%}; {@code -} when the whole is 0. */
    static String percent(long part, long whole) {
        return whole == 0 ? "-" : fixed(100.0 * part / whole, 1) + "%";
    }

    /** Seconds with two decimals, e.g. {@code 1.23 s}. */
    static String seconds(long nanos) {
        return fixed(nanos / 1e9, 2) + " s";
    }

    /** {@code v} with {@code decimals} digits after the point, rounded half up: what {@code %.2f} prints. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code v} in lower-case hex, zero-padded to {@code digits}: what {@code %08x} prints for a non-negative value. */
    static String hex(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    /** A throughput, e.g. {@code 312.5 MiB/s}, or empty when too little time passed to tell. */
    static String rate(long bytes, long nanos) {
        if (nanos < 1_000_000) {
            return "";
        }
        return bytes(Math.round(bytes / (nanos / 1e9))) + "/s";
    }

    /** Parses a whole number such as {@code 100000}; an IllegalArgumentException for anything else. */
    static long parseCount(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    /**
     * Parses a size such as {@code 100000}, {@code 512K}, {@code 512M}, {@code 1G}, {@code 1GiB}
     * (binary multiples; the suffix is case-insensitive).
     *
     * @throws IllegalArgumentException for anything else, or a size that does not fit in a long
     */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes (100000) or use a"
                    + " binary suffix K, M, G or T (512M, 1G)");
        }
        int shift = 0;
        if (m.group(2) != null) {
            shift = 10 * ("kmgt".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
        }
        try {
            long n = Long.parseLong(m.group(1));
            if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }
}
