package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs one invocation of the command line and maps every outcome to an exit code, a message on
 * standard error (with a hint of what to do next) and, with {@code --json}, an {@code error}
 * object on standard output. Stack traces only with {@code --debug} or {@code FWKIT_DEBUG=1}.
 */
public final class Cli {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** An input is not readable as the format asked for, or another I/O problem. */
    public static final int EXIT_INPUT = 1;
    /** The command line is wrong. */
    public static final int EXIT_USAGE = 2;
    /** A check ran and found problems. */
    public static final int EXIT_PROBLEMS = 3;

    private Cli() {
    }

    /**
     * Runs {@code args}.
     *
     * @param env the environment ({@code FWKIT_DEBUG=1} turns on stack traces)
     * @param progressDefault whether to draw a progress bar when neither {@code --progress} nor
     *     {@code --no-progress} is given (the launcher passes {@code -Dfwkit.progress=true} when
     *     standard error is a terminal)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
                          boolean progressDefault) {
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        Context ctx = new Context(o, out, e, "1".equals(env.get("FWKIT_DEBUG")), progressDefault);
        // --json is needed before parsing succeeds, to report a usage error as JSON too.
        boolean jsonRequested = Arrays.asList(args).contains("--json");
        Parser.Invocation inv;
        try {
            try {
                inv = Parser.parse(new FwkitCommand(), args, ctx);
            } catch (Parser.UsageException ex) {
                return usageError(ctx, ex, null, jsonRequested);
            }
            if (inv.request() == CommonOptions.Request.HELP) {
                printHelp(ctx.out, inv.helpFor());
                return EXIT_OK;
            }
            if (inv.request() == CommonOptions.Request.VERSION) {
                for (String line : version()) {
                    ctx.out.println(line);
                }
                return EXIT_OK;
            }
            try {
                return inv.command().execute(ctx);
            } catch (Exception ex) {
                return failure(ctx, ex, inv);
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError t) {
            // Only reached for failures outside a command (the parser itself, or an Error).
            return internalError(ctx, t, jsonRequested, null);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** Prints the help of the command {@code spec} belongs to. */
    static void printHelp(PrintWriter out, CommandSpec spec) {
        for (String line : spec.help()) {
            out.println(line);
        }
    }

    /**
     * Reports a wrong command line: the message, a suggestion, then the usage line (or the whole
     * help) of the command being parsed or run: the exception's, else {@code spec}.
     */
    private static int usageError(Context ctx, IllegalArgumentException ex, CommandSpec spec, boolean json) {
        Parser.UsageException ue = ex instanceof Parser.UsageException ? (Parser.UsageException) ex : null;
        if (ue != null && ue.spec != null) {
            spec = ue.spec;
        }
        ctx.err.println("fwkit: " + ex.getMessage());
        if (ue != null && ue.suggestion != null) {
            ctx.err.println(ue.suggestion);
        }
        if (ue == null) {
            printTrace(ctx, ex);
        }
        if (ue != null && ue.showHelp) {
            printHelp(ctx.err, spec);
        } else {
            ctx.err.println("Usage: " + spec.synopsis());
            ctx.err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
        }
        if (json || ctx.json) {
            printJsonError(ctx, "usage", null, -1, null, null, ex.getMessage(), null, EXIT_USAGE);
        }
        return EXIT_USAGE;
    }

    private static int failure(Context ctx, Exception ex, Parser.Invocation inv) {
        BaseCommand command = inv.command();
        Path file = command.currentFile;
        Exception cause = ex instanceof UncheckedIOException ? ((UncheckedIOException) ex).getCause() : ex;
        if (cause instanceof IllegalArgumentException) {
            return usageError(ctx, (IllegalArgumentException) cause, inv.spec(), false);
        }
        if (cause instanceof IOException) {
            String message = describe((IOException) cause, file);
            String hint = command.hint(cause);
            ctx.err.println("fwkit: " + message);
            if (hint != null) {
                ctx.err.println("hint: " + hint);
            }
            printTrace(ctx, cause);
            if (ctx.json) {
                FormatException fe = cause instanceof FormatException ? (FormatException) cause : null;
                printJsonError(ctx, kind(cause), fe == null ? null : fe.format(), fe == null ? -1 : fe.offset(),
                        fe == null || fe.path().isEmpty() ? null : fe.path(), file, message, hint, EXIT_INPUT);
            }
            return EXIT_INPUT;
        }
        return internalError(ctx, cause, ctx.json, file);
    }

    private static int internalError(Context ctx, Throwable t, boolean json, Path file) {
        String message = "internal error: " + t;
        ctx.err.println("fwkit: " + message);
        String hint = ctx.debug() ? "this is a bug in fwkit; please report it with the stack trace above"
                : "this is a bug in fwkit; please report it with the output of the same command run with --debug";
        printTrace(ctx, t);
        ctx.err.println("hint: " + hint);
        if (json) {
            printJsonError(ctx, "internal", null, -1, null, file, message, hint, EXIT_INPUT);
        }
        return EXIT_INPUT;
    }

    private static void printTrace(Context ctx, Throwable t) {
        if (ctx.debug()) {
            t.printStackTrace(ctx.err);
        }
    }

    /** The error kind in JSON: format, unsupported, limit, io, usage or internal. */
    static String kind(Throwable t) {
        if (t instanceof LimitExceededException) {
            return "limit";
        }
        if (t instanceof UnsupportedFormatException) {
            return "unsupported";
        }
        if (t instanceof FormatException) {
            return "format";
        }
        return "io";
    }

    /** A one-line message for an I/O failure, naming the file when the exception does not. */
    static String describe(IOException e, Path file) {
        if (e instanceof NoSuchFileException) {
            return ((NoSuchFileException) e).getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return ((AccessDeniedException) e).getFile() + ": permission denied";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof FileSystemException) {
            FileSystemException fse = (FileSystemException) e;
            if (fse.getFile() != null && fse.getReason() != null) {
                return fse.getFile() + ": " + fse.getReason();
            }
        }
        // A FormatException names a position, not the file; other I/O errors name their files.
        if (e instanceof FormatException && file != null && !message.contains(file.toString())) {
            return file + ": " + message;
        }
        return message;
    }

    private static void printJsonError(Context ctx, String kind, String format, long offset, String path, Path file,
                                       String message, String hint, int exitCode) {
        Json j = new Json(ctx.out);
        j.beginObject().name("error").beginObject()
                .field("kind", kind)
                .field("format", format)
                .fieldOrNull("offset", offset)
                .field("path", path)
                .field("file", file == null ? null : file.toString())
                .field("message", message)
                .field("hint", hint)
                .field("exit_code", exitCode)
                .endObject().endObject();
        ctx.out.println();
    }

    /** {@code s} quoted for a POSIX shell when it needs it, for hints people copy. */
    static String quote(String s) {
        if (isShellWord(s)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Whether {@code s} is non-empty and only {@code [A-Za-z0-9_./:=+,@%-]}: tested by hand, a regex costs ~10 ms of start-up. */
    static boolean isShellWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "_./:=+,@%-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The version from the build, e.g. {@code fwkit 0.1.0}, and the Java running it. */
    static List<String> version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version stays unknown
        }
        return List.of("fwkit " + p.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    }
}
