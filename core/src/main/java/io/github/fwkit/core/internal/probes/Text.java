package io.github.fwkit.core.internal.probes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turning header fields into summary text. Names come from untrusted images and end up on
 * terminals and in logs, so everything read from an image goes through {@link #printable}: control
 * characters, bidi overrides and other invisible code points are escaped, and lengths are capped.
 */
final class Text {
    /** Longest name, in characters of output, before it is cut with "...". */
    static final int MAX_NAME = 64;
    /** Longest summary; {@link Summary#toString()} cuts there. */
    static final int MAX_SUMMARY = 400;

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Text() {
    }

    /**
     * A NUL-terminated 8-bit string field: UTF-8 if it decodes as such (ext4 labels and Android
     * mount points are), otherwise ASCII with other bytes as {@code \xNN}.
     */
    static String ascii(Bytes b, int off, int len) {
        int end = off;
        while (end < off + len && b.u8(end) != 0) {
            end++;
        }
        byte[] raw = b.copy(off, end - off);
        try {
            return printable(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString());
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            for (byte x : raw) {
                int c = x & 0xff;
                String piece = c == '"' || c == '\\' ? "\\" + (char) c
                        : c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "\\x%02x", c);
                if (!fits(sb, piece)) {
                    break;
                }
            }
            return sb.toString();
        }
    }

    /** A UTF-16LE field ending at the first U+0000 or at the field end (Spreadtrum, f2fs). */
    static String utf16le(Bytes b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i + 1 < off + len; i += 2) {
            int unit = b.u16le(i);
            if (unit == 0) {
                break;
            }
            sb.append((char) unit);
            if (sb.length() > MAX_NAME * 2) {
                break;
            }
        }
        return printable(sb.toString());
    }

    /**
     * {@code s} safe to print on one line: quotes and backslashes escaped, invisible or
     * line-breaking code points as Java-style hex escapes, at most {@link #MAX_NAME} characters.
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String piece;
            if (cp == '"' || cp == '\\') {
                piece = "\\" + (char) cp;
            } else if (visible(cp)) {
                piece = new String(Character.toChars(cp));
            } else if (cp <= 0xffff) {
                piece = String.format(Locale.ROOT, "\\u%04x", cp);
            } else {
                piece = String.format(Locale.ROOT, "\\U%06x", cp);
            }
            if (!fits(sb, piece)) {
                break;
            }
        }
        return sb.toString();
    }

    /** Appends {@code piece}, or "..." and false once the name would grow past {@link #MAX_NAME}. */
    private static boolean fits(StringBuilder sb, String piece) {
        if (sb.length() + piece.length() > MAX_NAME) {
            sb.append("...");
            return false;
        }
        sb.append(piece);
        return true;
    }

    private static boolean visible(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR:
                return false;
            default:
                return cp != 0xfffd && cp != 0xffff;
        }
    }

    static String quote(String printable) {
        return '"' + printable + '"';
    }

    /** A byte count in binary units, e.g. {@code 8.0 MiB}; {@code bytes} is unsigned. */
    static String size(long bytes) {
        if (bytes >= 0 && bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes >= 0 ? bytes : (bytes >>> 1) * 2.0;
        int unit = -1;
        do {
            v /= 1024;
            unit++;
        } while (v >= 1024 && unit < UNITS.length - 1);
        // one decimal by hand: String.format's first use compiles a regex (~10 ms of 'fwkit identify')
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + UNITS[unit];
    }

    static String hex(long unsigned) {
        return "0x" + Long.toHexString(unsigned).toUpperCase(Locale.ROOT);
    }

    /** The 16 bytes at {@code off} as a UUID in on-disk byte order, as blkid prints ext4/f2fs UUIDs. */
    static String uuid(Bytes b, int off) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(String.format(Locale.ROOT, "%02x", b.u8(off + i)));
        }
        return sb.toString();
    }

    /** Whether {@code v} is a power of two in {@code [min, max]}. */
    static boolean powerOfTwo(long v, long min, long max) {
        return v >= min && v <= max && (v & (v - 1)) == 0;
    }

    /** {@code a * b} for unsigned 32-bit-or-wider values, or -1 when it does not fit in a signed long. */
    static long multiplyOrMinusOne(long a, long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Collects the comma-separated parts of a summary, and the problems that lowered its strength. */
    static final class Summary {
        private final StringBuilder text;
        private final List<String> problems = new ArrayList<>();

        Summary(String head) {
            text = new StringBuilder(head);
        }

        Summary add(String part) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(part);
            return this;
        }

        /** Records something wrong with the header; shown after the facts. */
        Summary problem(String problem) {
            problems.add(problem);
            return this;
        }

        boolean hasProblems() {
            return !problems.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(text);
            if (!problems.isEmpty()) {
                sb.append("; ").append(String.join("; ", problems));
            }
            if (sb.length() <= MAX_SUMMARY) {
                return sb.toString();
            }
            int cut = MAX_SUMMARY - 3;
            if (Character.isHighSurrogate(sb.charAt(cut - 1))) {
                cut--;
            }
            return sb.substring(0, cut) + "...";
        }
    }
}
