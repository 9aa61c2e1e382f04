package io.github.fwkit.cli.internal;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The state of one invocation: the output streams and the global flags, which may be given
 * before or after the subcommand name (every command mixes in {@link CommonOptions}, whose setters
 * write here). Not thread-safe; one per run.
 */
final class Context {
    final PrintWriter out;
    final PrintWriter err;
    /**
     * Standard output as bytes, for commands that print file contents ({@code ext4 cat}); flush
     * {@link #out} before writing here. Null when the invocation has no byte stream (tests of the parser).
     */
    final OutputStream bytes;
    private final boolean debugFromEnv;
    private final boolean progressFromLauncher;
    boolean json;
    boolean debug;
    /** {@code --progress} / {@code --no-progress}, or null when neither was given. */
    Boolean progress;

    Context(PrintWriter out, PrintWriter err, boolean debugFromEnv, boolean progressFromLauncher) {
        this(out, null, err, debugFromEnv, progressFromLauncher);
    }

    Context(PrintWriter out, OutputStream bytes, PrintWriter err, boolean debugFromEnv, boolean progressFromLauncher) {
        this.out = out;
        this.bytes = bytes;
        this.err = err;
        this.debugFromEnv = debugFromEnv;
        this.progressFromLauncher = progressFromLauncher;
    }

    boolean debug() {
        return debug || debugFromEnv;
    }

    /** Whether to draw a progress bar: never with --json, else the flag, else the launcher's guess. */
    boolean showProgress() {
        return !json && (progress != null ? progress : progressFromLauncher);
    }

    /** A progress bar for one operation; draws nothing when progress is off. Close it when done. */
    ProgressBar progressBar(ProgressBar.Unit unit, String label) {
        return new ProgressBar(showProgress(), err, unit, label, null);
    }
}
