package io.github.fwkit.ext4;

import io.github.fwkit.core.ProgressListener;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Ext4Volume#extract} writes files.
 *
 * @param permissions set the rwx permission bits where the output file system supports POSIX
 *     permissions (setuid, setgid and sticky are never set)
 * @param times set modification times (files, directories and, where the OS allows, symbolic
 *     links)
 * @param hardLinks recreate hard links as hard links (else each name gets its own copy)
 * @param maxDataBytes the most data bytes to write in total (holes do not count); a guard against
 *     hostile images whose files share blocks many times over. Exceeding it is a
 *     {@link io.github.fwkit.core.LimitExceededException}
 * @param threads how many threads write files at once (the walk itself is one thread); writing
 *     many small files is bound by system calls, which run in parallel
 * @param xattrFile where to write the extended attributes of what was extracted, in the format of
 *     {@code getfattr --dump -e hex} with paths relative to the output folder (so
 *     {@code cd OUT && setfattr --restore=FILE} applies them); empty for none. Written whole or not
 *     at all; it may not be the image
 * @param progress receives the bytes of regular files done out of the bytes of all regular files to
 *     extract (holes count as done; each hard-linked file once); a quick first pass over the
 *     metadata finds the total
 * @since 0.1.0
 */
public record ExtractOptions(boolean permissions, boolean times, boolean hardLinks, long maxDataBytes, int threads,
                             Optional<Path> xattrFile, ProgressListener progress) {

    /** Default {@link #threads()}: the processors, at most 4. */
    public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Everything preserved, no data limit, {@link #DEFAULT_THREADS}, no progress. */
    public static final ExtractOptions DEFAULTS = new ExtractOptions(true, true, true, Long.MAX_VALUE, DEFAULT_THREADS,
            Optional.empty(), ProgressListener.NONE);

    public ExtractOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(xattrFile, "xattrFile");
        if (maxDataBytes < 0) {
            throw new IllegalArgumentException("maxDataBytes < 0");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads < 1");
        }
    }

    /** These options with another progress listener. */
    public ExtractOptions withProgress(ProgressListener listener) {
        return new ExtractOptions(permissions, times, hardLinks, maxDataBytes, threads, xattrFile, listener);
    }

    /** These options with another data limit. */
    public ExtractOptions withMaxDataBytes(long max) {
        return new ExtractOptions(permissions, times, hardLinks, max, threads, xattrFile, progress);
    }

    /** These options with permissions preserved or not. */
    public ExtractOptions withPermissions(boolean set) {
        return new ExtractOptions(set, times, hardLinks, maxDataBytes, threads, xattrFile, progress);
    }

    /** These options with times preserved or not. */
    public ExtractOptions withTimes(boolean set) {
        return new ExtractOptions(permissions, set, hardLinks, maxDataBytes, threads, xattrFile, progress);
    }

    /** These options with another number of writing threads. */
    public ExtractOptions withThreads(int n) {
        return new ExtractOptions(permissions, times, hardLinks, maxDataBytes, n, xattrFile, progress);
    }

    /** These options with the extended attributes written to {@code file} (getfattr dump format). */
    public ExtractOptions withXattrFile(Path file) {
        return new ExtractOptions(permissions, times, hardLinks, maxDataBytes, threads, Optional.of(file), progress);
    }

    /** These options with hard links recreated or copied. */
    public ExtractOptions withHardLinks(boolean links) {
        return new ExtractOptions(permissions, times, links, maxDataBytes, threads, xattrFile, progress);
    }
}
