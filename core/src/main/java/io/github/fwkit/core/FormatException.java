package io.github.fwkit.core;

import java.io.IOException;
import java.util.Objects;

/**
 * Bytes that are not a valid instance of a format: the one exception a parser lets out for bad
 * input.
 *
 * <p>It names the format, the byte offset where the problem was seen (or {@code -1} when no
 * single offset applies) and a structural path such as {@code /sparse/chunks[3]/total_sz}, so a
 * user can find the fault with a hex editor and a program can tell faults apart. The message
 * reads like {@code sparse: at 0x2c (/sparse/chunks[1]/total_sz): expected 0x10, found 0x14}.
 *
 * @since 0.1.0
 */
public class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String format;
    private final long offset;
    private final String path;
    private final String problem;

    /**
     * @param format short format name, e.g. {@code sparse}
     * @param offset byte offset in the input where the problem is, or -1
     * @param path structural path of the field, e.g. {@code /sparse/header/blk_sz}, or empty
     * @param problem what is wrong, without the format and offset
     */
    public FormatException(String format, long offset, String path, String problem) {
        this(format, offset, path, problem, null);
    }

    /** Like {@link #FormatException(String, long, String, String)} with a cause. */
    public FormatException(String format, long offset, String path, String problem, Throwable cause) {
        super(compose(format, offset, path, problem), cause);
        this.format = Objects.requireNonNull(format, "format");
        this.offset = offset;
        this.path = path == null ? "" : path;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** A mismatch between an expected and an actual value, both printed in hex. */
    public static FormatException mismatch(String format, long offset, String path, long expected, long actual) {
        return new FormatException(format, offset, path,
                "expected 0x" + Long.toHexString(expected) + ", found 0x" + Long.toHexString(actual));
    }

    private static String compose(String format, long offset, String path, String problem) {
        StringBuilder sb = new StringBuilder(format).append(':');
        if (offset >= 0) {
            sb.append(" at 0x").append(Long.toHexString(offset));
        }
        if (path != null && !path.isEmpty()) {
            sb.append(" (").append(path).append(')');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The format whose rules were broken, e.g. {@code sparse}. */
    public String format() {
        return format;
    }

    /** The byte offset of the problem in the input, or -1 when no single offset applies. */
    public long offset() {
        return offset;
    }

    /** The structural path of the offending field, possibly empty. */
    public String path() {
        return path;
    }

    /** The problem alone, without format, offset and path. */
    public String problem() {
        return problem;
    }
}
