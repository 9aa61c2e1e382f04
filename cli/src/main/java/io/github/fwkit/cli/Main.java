package io.github.fwkit.cli;

import io.github.fwkit.cli.internal.Cli;

import java.io.PrintStream;

/**
 * Entry point of the {@code fwkit} command.
 *
 * <p>{@link #run} runs one invocation in-process, writing to the given streams, and returns the
 * exit code: 0 ok, 1 an input is not readable as the format asked for (or another I/O problem),
 * 2 usage error, 3 checks ran and found problems. Stack traces are printed only with
 * {@code --debug} or the environment variable {@code FWKIT_DEBUG=1}. A progress bar is drawn on
 * the error stream when the system property {@code fwkit.progress} is {@code true} (the
 * {@code ./fwkit} launcher sets it when standard error is a terminal) or {@code --progress} is
 * given.
 *
 * @since 0.1.0
 */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one invocation of the command.
     *
     * @param args the command-line arguments, e.g. {@code identify system.img}
     * @param out where results go (text, or one JSON object with {@code --json})
     * @param err where messages, hints and the progress bar go
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, out, err, System.getenv(), Boolean.parseBoolean(System.getProperty("fwkit.progress")));
    }
}
