package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
        Context ctx = new Context(o, e, "1".equals(env.get("FWKIT_DEBUG")), progressDefault);
        // --json is needed before parsing succeeds, to report a usage error as JSON too.
        boolean jsonRequested = Arrays.asList(args).contains("--json");
        try {
            CommandLine cl = new CommandLine(new FwkitCommand(ctx));
            cl.setOut(o);
            cl.setErr(e);
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            layOut(cl);
            cl.setParameterExceptionHandler((ex, a) -> usageError(ctx, ex, jsonRequested));
            cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> failure(ctx, ex, cmd, parseResult));
            return cl.execute(args);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError t) {
            // Only reached for failures outside a command (picocli itself, or an Error).
            return internalError(ctx, t, jsonRequested, null);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The same help layout for every command: blank lines around the synopsis. */
    private static void layOut(CommandLine cl) {
        CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        usage.synopsisHeading("%nUsage: ");
        if (usage.description().length > 0) {
            usage.descriptionHeading("%n");
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            layOut(sub);
        }
    }

    private static int usageError(Context ctx, ParameterException ex, boolean jsonRequested) {
        CommandLine cmd = ex.getCommandLine();
        ctx.err.println("fwkit: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, ctx.err);
        printUsageHint(ctx, cmd);
        if (jsonRequested || ctx.json) {
            printJsonError(ctx, "usage", null, -1, null, null, ex.getMessage(), null, EXIT_USAGE);
        }
        return EXIT_USAGE;
    }

    private static void printUsageHint(Context ctx, CommandLine cmd) {
        CommandLine.Help help = cmd.getHelp();
        ctx.err.print("Usage: " + help.synopsis(0));
        ctx.err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    }

    private static int failure(Context ctx, Exception ex, CommandLine cmd, ParseResult parseResult) {
        BaseCommand command = cmd.getCommand() instanceof BaseCommand ? (BaseCommand) cmd.getCommand() : null;
        Path file = command == null ? null : command.currentFile;
        Exception cause = ex instanceof UncheckedIOException ? ((UncheckedIOException) ex).getCause() : ex;
        if (cause instanceof IllegalArgumentException) {
            ctx.err.println("fwkit: " + cause.getMessage());
            printTrace(ctx, cause);
            printUsageHint(ctx, cmd);
            if (ctx.json) {
                printJsonError(ctx, "usage", null, -1, null, null, cause.getMessage(), null, EXIT_USAGE);
            }
            return EXIT_USAGE;
        }
        if (cause instanceof IOException) {
            String message = describe((IOException) cause, file);
            String hint = command == null ? null : command.hint(cause);
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
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The version from the build, e.g. {@code fwkit 0.1.0}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"fwkit " + p.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
