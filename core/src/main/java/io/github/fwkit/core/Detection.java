package io.github.fwkit.core;

import java.util.List;
import java.util.Objects;

/**
 * One answer to "what is this file?": a format found at an offset, with a one-line summary of
 * what the probe could read cheaply (sizes, names, versions).
 *
 * @param format short format name, e.g. {@code android-sparse}, {@code ext4}, {@code sprd-pac}
 * @param summary one line for people, e.g. {@code block size 4096, 262144 blocks (1.0 GiB)}
 * @param offset where the signature starts (usually 0)
 * @param strength how sure the probe is: 100 for a long magic plus consistent fields, lower for
 *     short or weak signatures; results are ranked by it
 * @param contents what a container holds, detected in turn (e.g. the ext4 inside a sparse image)
 * @since 0.1.0
 */
public record Detection(String format, String summary, long offset, int strength, List<Detection> contents) {
    public Detection {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(summary, "summary");
        contents = List.copyOf(contents);
    }

    /** A detection with no nested contents. */
    public static Detection of(String format, String summary, long offset, int strength) {
        return new Detection(format, summary, offset, strength, List.of());
    }

    /** This detection with {@code contents} attached. */
    public Detection withContents(List<Detection> contents) {
        return new Detection(format, summary, offset, strength, contents);
    }
}
