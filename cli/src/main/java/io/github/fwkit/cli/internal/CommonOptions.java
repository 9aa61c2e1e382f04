package io.github.fwkit.cli.internal;

import java.util.List;

/**
 * Options every command takes: {@code -h/--help}, {@code --json}, {@code --[no-]progress} and
 * {@code --debug}, plus {@code -V/--version} on {@code fwkit} itself. They set the invocation's
 * {@link Context}, so {@code fwkit --json identify x} and {@code fwkit identify --json x} mean the
 * same. {@code --json} and {@code --debug} only switch on; of {@code --progress} and
 * {@code --no-progress}, the last one given wins.
 *
 * <p>The parser applies them with {@link #apply} instead of a setter per command (no lambda to
 * link on the way to {@code fwkit --version}).
 */
final class CommonOptions {
    private static final CommandSpec.Option HELP = common(List.of("-h", "--help"), "-h, --help",
            "Show this help and exit.");
    private static final CommandSpec.Option JSON = common(List.of("--json"), "--json",
            "Print one JSON object on standard output instead of text (fields: cli/JSON.md).");
    private static final CommandSpec.Option PROGRESS = common(List.of("--progress", "--no-progress"),
            "--[no-]progress", "Show (or hide) a progress bar on standard error. Default: shown when standard error"
                    + " is a terminal.");
    private static final CommandSpec.Option DEBUG = common(List.of("--debug"), "--debug",
            "Print the stack trace of an error (also: FWKIT_DEBUG=1).");
    private static final CommandSpec.Option VERSION = common(List.of("-V", "--version"), "-V, --version",
            "Print the version and exit.");

    private static final List<CommandSpec.Option> ALL = List.of(HELP, JSON, PROGRESS, DEBUG);
    private static final List<CommandSpec.Option> TOP = List.of(HELP, JSON, PROGRESS, DEBUG, VERSION);

    /** What the command line asked for besides running a command. */
    enum Request {
        NONE, HELP, VERSION
    }

    private CommonOptions() {
    }

    private static CommandSpec.Option common(List<String> names, String display, String description) {
        return new CommandSpec.Option(names, display, null, description, false, true);
    }

    /** The common options of a command; {@code -V/--version} only on {@code fwkit} itself. */
    static List<CommandSpec.Option> forCommand(boolean top) {
        return top ? TOP : ALL;
    }

    /** Applies the common option spelled {@code name}; returns whether it asks for help or the version. */
    static Request apply(String name, Context ctx) {
        switch (name) {
            case "-h":
            case "--help":
                return Request.HELP;
            case "-V":
            case "--version":
                return Request.VERSION;
            case "--json":
                ctx.json = true;
                break;
            case "--debug":
                ctx.debug = true;
                break;
            case "--progress":
                ctx.progress = true;
                break;
            case "--no-progress":
                ctx.progress = false;
                break;
            default:
                throw new IllegalStateException("not a common option: " + name);
        }
        return Request.NONE;
    }
}
