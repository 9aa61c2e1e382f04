package io.github.fwkit.sprd.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names: from the names stored in a PAC to names that are safe to create on any desktop
 * system, and the {@code .flag} / {@code (n)} / {@code _COM<n>} decorations Unisoc's tools add.
 *
 * <p>Stored names are untrusted. Unisoc's reader, pacextractor and other tools use them as they
 * are, so a name like {@code ../../x} or {@code C:\x} writes outside the folder there. Here every
 * character that is a separator or invalid on Windows becomes {@code _}, {@code .}/{@code ..}
 * and empty names get a fallback, trailing dots and spaces (which Windows drops) go, Windows
 * device names get a {@code _} prefix, and long names are cut to 220 UTF-8 bytes so a {@code (n)}
 * suffix and a temporary name still fit the usual 255-byte limit.
 */
public final class Names {
    /**
     * 255 bytes (NAME_MAX) minus room for a {@code (nnn)} suffix and for the ~20 bytes core's
     * SafeOutput adds to its temporary sibling ({@code .NAME.xxxxxxxx.fwkit-tmp}): a 240-byte name
     * failed with "File name too long" in the hostile-input property (regression test in
     * PacExtractTest).
     */
    private static final int MAX_BYTES = 220;
    private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    private static final Pattern DUP_SUFFIX = Pattern.compile("^(.*)\\((\\d{1,6})\\)$");
    private static final Pattern COM_PORT = Pattern.compile("(?i)^(.*)_COM(\\d{1,5})((?:\\.[^._]*)?)$");

    private Names() {
    }

    /**
     * A safe file name for a stored entry name. {@code fallback} is used when nothing usable is
     * left (an empty name or only dots).
     */
    public static String safe(String stored, String fallback) {
        return safeComponent(stripFlag(stored), fallback);
    }

    /** Like {@link #safe} but keeps a {@code .flag} suffix (for files that are not PAC entries). */
    public static String safeComponent(String s, String fallback) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?'
                    || c == '"' || c == '<' || c == '>' || c == '|' || c == '\uFFFD'
                    || Character.isSurrogate(c) && !validPair(s, i);
            if (Character.isHighSurrogate(c) && validPair(s, i)) {
                sb.append(c).append(s.charAt(++i));
                continue;
            }
            sb.append(bad ? '_' : c);
        }
        String r = sb.toString();
        int end = r.length();
        while (end > 0 && (r.charAt(end - 1) == '.' || r.charAt(end - 1) == ' ')) {
            end--;
        }
        r = r.substring(0, end);
        if (r.isEmpty() || r.chars().allMatch(ch -> ch == '.' || ch == ' ')) {
            r = fallback;
        }
        if (RESERVED.matcher(r).matches()) {
            r = "_" + r;
        }
        return cut(r);
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Cuts a name to {@link #MAX_BYTES} UTF-8 bytes, keeping a short extension. */
    static String cut(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > budget) {
                break;
            }
            sb.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        return sb + ext;
    }

    /**
     * De-duplicates names in order, case-insensitively (Windows and macOS folders are), the way
     * Unisoc's extractors do: later repeats become {@code name(1)}, {@code name(2)}, ...
     * (the suffix goes after the extension: {@code system.img(1)}).
     */
    public static List<String> dedupe(List<String> names) {
        Set<String> used = new HashSet<>();
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String candidate = n;
            for (int k = 1; !used.add(candidate.toLowerCase(Locale.ROOT)); k++) {
                candidate = n + "(" + k + ")";
            }
            out.add(candidate);
        }
        return out;
    }

    /** Whether {@code name} ends in {@code .flag}, in any case. */
    public static boolean hasFlagSuffix(String name) {
        return name.length() >= 5 && name.regionMatches(true, name.length() - 5, ".flag", 0, 5);
    }

    /** {@code name} without any number of trailing {@code .flag} suffixes ({@code super.img.flag.flag}). */
    public static String stripFlag(String name) {
        String s = name;
        while (hasFlagSuffix(s)) {
            s = s.substring(0, s.length() - 5);
        }
        return s;
    }

    /**
     * Splits a {@code name(n)} de-duplication suffix: returns {@code [name, n]}, or
     * {@code [name, 0]} without one.
     */
    public static Object[] splitDuplicate(String name) {
        Matcher m = DUP_SUFFIX.matcher(name);
        if (m.matches() && !m.group(1).isEmpty()) {
            return new Object[] {m.group(1), Integer.parseInt(m.group(2))};
        }
        return new Object[] {name, 0};
    }

    /**
     * Splits the {@code _COM<port>} ResearchDownload inserts before the last extension of a
     * read-back ({@code system.img_COM7} → {@code system.img}, 7; {@code system_COM7.img} →
     * {@code system.img}, 7); port -1 without one.
     */
    public static Object[] splitComPort(String name) {
        Matcher m = COM_PORT.matcher(name);
        if (m.matches() && !m.group(1).isEmpty()) {
            return new Object[] {m.group(1) + m.group(3), Integer.parseInt(m.group(2))};
        }
        return new Object[] {name, -1};
    }

    /**
     * The bare image name behind a {@code .flag} file name: {@code .flag} suffixes,
     * {@code _COM<n>} and {@code (n)} removed ({@code system.img_COM5.flag} → {@code system.img}).
     */
    public static String imageName(String fileName) {
        String s = stripFlag(fileName);
        s = (String) splitComPort(s)[0];
        s = (String) splitDuplicate(s)[0];
        s = (String) splitComPort(s)[0];
        return s;
    }

    /**
     * The partition a file name stands for: the image name without its extension, lower case
     * ({@code System.img_COM5.flag} → {@code system}).
     */
    public static String partition(String fileName) {
        String s = imageName(fileName);
        int dot = s.indexOf('.');
        if (dot > 0) {
            s = s.substring(0, dot);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * A glob ({@code *}, {@code ?}) as a case-insensitive regular expression; other characters
     * match themselves.
     */
    public static Pattern glob(String glob) {
        StringBuilder sb = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    sb.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                sb.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            sb.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
