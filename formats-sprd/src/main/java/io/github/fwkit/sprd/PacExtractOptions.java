package io.github.fwkit.sprd;

import java.util.List;

/**
 * What {@link Pac#extract} writes.
 *
 * @param select entry IDs or name globs ({@code *}, {@code ?}; case-insensitive); empty = every
 *     entry with data
 * @param expandSparse write Android sparse blobs expanded to raw images (same file name)
 * @param trimConfigNul drop one trailing NUL byte of the config XML, as Unisoc's tools do when
 *     they write it out (the default)
 * @since 0.1.0
 */
public record PacExtractOptions(List<String> select, boolean expandSparse, boolean trimConfigNul) {
    /** Everything, blobs as stored, the XML written as Unisoc's tools write it. */
    public static final PacExtractOptions DEFAULT = new PacExtractOptions(List.of(), false, true);

    public PacExtractOptions {
        select = List.copyOf(select);
    }

    public PacExtractOptions withSelect(List<String> s) {
        return new PacExtractOptions(s, expandSparse, trimConfigNul);
    }

    public PacExtractOptions withExpandSparse(boolean b) {
        return new PacExtractOptions(select, b, trimConfigNul);
    }

    public PacExtractOptions withTrimConfigNul(boolean b) {
        return new PacExtractOptions(select, expandSparse, b);
    }
}
