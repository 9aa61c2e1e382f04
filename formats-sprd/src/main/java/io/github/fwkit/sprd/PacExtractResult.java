package io.github.fwkit.sprd;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Pac#extract} wrote and what it left out.
 *
 * @param files the files written, in table order
 * @param skipped selected entries that were not written, with the reason
 * @since 0.1.0
 */
public record PacExtractResult(List<ExtractedFile> files, List<SkippedEntry> skipped) {

    public PacExtractResult {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /**
     * One file written.
     *
     * @param entry the entry it came from
     * @param path where it was written
     * @param bytes its length
     * @param expanded whether a sparse blob was expanded to raw
     */
    public record ExtractedFile(PacEntry entry, Path path, long bytes, boolean expanded) {
    }

    /**
     * A selected entry that was not written.
     *
     * @param entry the entry
     * @param reason why, for people
     */
    public record SkippedEntry(PacEntry entry, String reason) {
    }

    /** Bytes written in all. */
    public long totalBytes() {
        return files.stream().mapToLong(ExtractedFile::bytes).sum();
    }
}
