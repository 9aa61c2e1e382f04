package io.github.fwkit.mtk.internal;

import java.util.Locale;

/**
 * Strings read from dumps end up on terminals, in cfg files and in reports, so they pass through
 * here: NUL-terminated ASCII only, anything else escaped, length capped.
 */
public final class Text {
    /** Longest field text kept; MAUI's longest string field is 128 bytes. */
    static final int MAX = 160;

    private Text() {
    }

    /** {@code 0x1B60D0}: the house style for offsets and sizes in messages. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT);
    }

    /** The NUL-terminated string at {@code b[off, off + max)}, printable ASCII with other bytes as {@code \xNN}. */
    public static String cString(byte[] b, int off, int max) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(b.length, off + max);
        for (int i = off; i < end && b[i] != 0 && sb.length() < MAX; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.toString();
    }

    /** Whether {@code b[off, off + len)} is printable ASCII (a candidate identification string). */
    static boolean printableAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code 16 MiB}, {@code 3 MiB}, {@code 1.5 KiB}: sizes for people. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v)) + " " + units[u];
    }
}
