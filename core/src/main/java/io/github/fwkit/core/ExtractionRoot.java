package io.github.fwkit.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder that untrusted names (from archives, file systems, packages) are resolved under.
 *
 * <p>{@link #resolve(String)} accepts relative names made of ordinary components separated by
 * {@code /} and refuses everything that could land outside the folder or surprise a user:
 * absolute names, drive letters, {@code ..}, {@code .}, empty components, backslashes, NUL and
 * other control characters, components longer than 255 bytes, and any existing symbolic link on
 * the way (so an entry cannot write through a link that an earlier entry created).
 *
 * <p>Thread-safe (immutable), but the file system under it can change: resolve right before
 * writing.
 *
 * @since 0.1.0
 */
public final class ExtractionRoot {
    private static final int MAX_COMPONENT_BYTES = 255;

    private final Path root;

    private ExtractionRoot(Path root) {
        this.root = root;
    }

    /** A root at {@code dir}, created if missing. */
    public static ExtractionRoot of(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Files.createDirectories(abs);
        return new ExtractionRoot(abs.toRealPath());
    }

    /** The root folder (a real path). */
    public Path path() {
        return root;
    }

    /**
     * Resolves an untrusted relative name under the root.
     *
     * @throws FormatException (format {@code name}) if the name is not safe; the message says why
     * @throws IOException if a component on the way is a symbolic link
     */
    public Path resolve(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        String why = unsafeReason(name);
        if (why != null) {
            throw new FormatException("name", -1, "", "unsafe name \"" + printable(name) + "\": " + why);
        }
        Path p = root;
        for (String part : name.split("/", -1)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing to write through the symbolic link " + p);
            }
        }
        if (!p.normalize().startsWith(root)) {
            throw new FormatException("name", -1, "", "unsafe name \"" + printable(name) + "\": escapes the output folder");
        }
        Path parent = p.getParent();
        if (parent != null && Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !parent.toRealPath().startsWith(root)) {
            throw new IOException("refusing to write outside " + root + " via " + parent);
        }
        return p;
    }

    /** Why {@code name} cannot be used as a relative output name, or {@code null} if it can. */
    public static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.startsWith("/")) {
            return "absolute";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "contains NUL";
            }
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '\\') {
                return "contains a backslash";
            }
        }
        // Each component in turn, without split() or getBytes(): an extraction asks this of every name.
        int start = 0;
        while (true) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? name.length() : slash;
            int len = end - start;
            if (len == 0) {
                return "empty path component";
            }
            if (name.charAt(start) == '.' && (len == 1 || (len == 2 && name.charAt(start + 1) == '.'))) {
                return "contains \"" + name.substring(start, end) + "\"";
            }
            // a char is at most three bytes of UTF-8, so only long components need counting
            if (len > MAX_COMPONENT_BYTES / 3 && utf8Length(name, start, end) > MAX_COMPONENT_BYTES) {
                return "component longer than " + MAX_COMPONENT_BYTES + " bytes";
            }
            if (slash < 0) {
                return null;
            }
            start = slash + 1;
        }
    }

    /**
     * The bytes {@code s[from, to)} takes in UTF-8, as {@link String#getBytes} encodes it: a
     * surrogate pair is four bytes, a lone surrogate one (it becomes {@code ?}).
     */
    static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ExtractionRoot[" + root + "]";
    }
}
