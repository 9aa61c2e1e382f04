package io.github.fwkit.sprd;

import java.util.Objects;

/**
 * One thing a PAC check found, with where it is.
 *
 * @param severity how bad it is
 * @param code a stable identifier for programs, e.g. {@code body-crc}, {@code non-contiguous}
 * @param offset the byte offset in the file the finding is about, or -1
 * @param path the structural path, e.g. {@code /pac/entries[3]/offset}, or empty
 * @param message what is wrong and what it means, for people
 * @since 0.1.0
 */
public record PacFinding(Severity severity, String code, long offset, String path, String message) {

    /** How bad a finding is. */
    public enum Severity {
        /** The package is damaged: Unisoc's tools would refuse it or flash wrong bytes. */
        ERROR,
        /** Unusual: some tools may misread it (non-canonical layout, odd names, missing magic). */
        WARNING,
        /** Worth knowing, not a problem (duplicate names, XML rows without a file, ...). */
        INFO
    }

    public PacFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity + " " + code + (offset >= 0 ? " at 0x" + Long.toHexString(offset) : "")
                + (path.isEmpty() ? "" : " (" + path + ")") + ": " + message;
    }
}
