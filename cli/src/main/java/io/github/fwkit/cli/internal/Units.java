package io.github.fwkit.cli.internal;


/**
 * Sizes for people: formatting in binary units and parsing {@code 512M}-style arguments.
 *
 * <p>Numbers are formatted without {@link String#format}: its first {@code %f} loads the JDK's
 * locale data, 10-20 ms of a command that otherwise takes about 100. Sizes are parsed without
 * {@link java.util.regex.Pattern} for a similar reason: compiling a pattern sets up the JDK's
 * lambda machinery, about 10 ms.
 */
final class Units {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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
        // The shortest decimal of v (Double.toString), rounded half up on its digits, as the
        // formatter does; by hand, because BigDecimal's first use costs a command 3-5 ms at its end.
        String s = Double.toString(Math.abs(v));
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, dot).append(mantissa, dot + 1,
                mantissa.length());
        int point = dot + (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1)));  // digits before the point
        while (point < 1) {
            digits.insert(0, '0');
            point++;
        }
        while (digits.length() < point + decimals) {
            digits.append('0');
        }
        int keep = point + decimals;
        boolean up = digits.length() > keep && digits.charAt(keep) >= '5';
        digits.setLength(keep);
        for (int i = keep - 1; up && i >= 0; i--) {
            char c = digits.charAt(i);
            up = c == '9';
            digits.setCharAt(i, up ? '0' : (char) (c + 1));
        }
        if (up) {
            digits.insert(0, '1');
            point++;
        }
        int lead = 0;
        while (lead < point - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        StringBuilder out = new StringBuilder();
        if (v < 0) {
            out.append('-');
        }
        out.append(digits, lead, point);
        if (decimals > 0) {
            out.append('.').append(digits, point, point + decimals);
        }
        return out.toString();
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
        String t = text.trim();
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        int at = digits;
        while (at < t.length() && isSpace(t.charAt(at))) {
            at++;
        }
        String suffix = t.substring(at);
        int shift = 0;
        boolean ok = digits > 0;
        if (ok && !suffix.isEmpty()) {
            int unit = "kmgt".indexOf(asciiLower(suffix.charAt(0)));
            String rest = unit >= 0 ? suffix.substring(1) : suffix;
            // accepted: 512, 512B, 512K, 512KB, 512KiB (any case but the i)
            ok = rest.isEmpty() ? unit >= 0
                    : rest.equalsIgnoreCase("b") || (unit >= 0 && (rest.equals("ib") || rest.equals("iB")));
            shift = 10 * (unit + 1);
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes (100000) or use a"
                    + " binary suffix K, M, G or T (512M, 1G)");
        }
        try {
            long n = Long.parseLong(t.substring(0, digits));
            if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }

    /** What {@code \\s} matches in a Java pattern: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
