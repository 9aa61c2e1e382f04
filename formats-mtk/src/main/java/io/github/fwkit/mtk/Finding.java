package io.github.fwkit.mtk;

import java.util.Objects;

/**
 * One observation about a dump, a kit or a {@code .cfg}: how bad it is, a stable code for
 * programs, a sentence for people, and where it was seen.
 *
 * @param severity how much it matters
 * @param code a stable, lower-case identifier such as {@code phash-mismatch} or {@code truncated};
 *     programs (and the CLI's JSON) key on it, the message may change
 * @param message one line for people, naming values in hex
 * @param offset the byte offset in the input it refers to (for a {@code .cfg}: the line number), or
 *     -1 when no single place applies
 * @param path structural path, e.g. {@code /images[1]/gfh/file_len}, or empty
 * @since 0.1.0
 */
public record Finding(Severity severity, String code, String message, long offset, String path) {

    /** How much a finding matters. */
    public enum Severity {
        /** Worth knowing, not a fault (stale data in a gap, a secure build). */
        INFO,
        /** Something is off but the kit is still usable (user data not covered, end marker missing). */
        WARNING,
        /** The dump or kit is damaged or will not boot as it is. */
        ERROR
    }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        path = path == null ? "" : path;
    }

    /** {@code ERROR truncated at 0x400000: message}. */
    @Override
    public String toString() {
        return severity + " " + code + (offset >= 0 ? " at 0x" + Long.toHexString(offset).toUpperCase(java.util.Locale.ROOT) : "")
                + ": " + message;
    }
}
