package io.github.fwkit.core;

/**
 * Receives progress from long operations, as {@code done} out of {@code total} units (usually
 * bytes). Called from the thread doing the work; implementations should be quick.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = new ProgressListener() {
        // not a lambda: no method-handle set-up for a command that reports no progress
        @Override
        public void progress(long done, long total) {
            // ignored
        }
    };

    /**
     * @param done units finished so far, {@code 0 <= done <= total}
     * @param total units in the whole operation
     */
    void progress(long done, long total);
}
