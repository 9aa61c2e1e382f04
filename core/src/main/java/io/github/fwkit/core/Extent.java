package io.github.fwkit.core;

/**
 * A run of an image's logical bytes that is either data or known to read as zeros (a hole, a
 * zero FILL or DONT_CARE chunk). Copies use extents to skip zeros without reading them.
 *
 * @param offset first byte of the run
 * @param length bytes in the run, positive
 * @param kind whether the bytes are data or zeros
 * @since 0.1.0
 */
public record Extent(long offset, long length, Kind kind) {
    /** What an extent holds. */
    public enum Kind {
        /** Bytes that must be read; they may still happen to be zero. */
        DATA,
        /** Bytes that read as zeros without being stored. */
        ZERO
    }

    public Extent {
        if (offset < 0 || length <= 0 || offset + length < 0) {
            throw new IllegalArgumentException("bad extent " + offset + "+" + length);
        }
        if (kind == null) {
            throw new NullPointerException("kind");
        }
    }

    /** The offset just past the run. */
    public long end() {
        return offset + length;
    }
}
