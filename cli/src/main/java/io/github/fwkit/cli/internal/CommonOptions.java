package io.github.fwkit.cli.internal;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command takes: {@code --help}, {@code --json}, {@code --debug} and
 * {@code --[no-]progress}. The setters store into the invocation's {@link Context}, so
 * {@code fwkit --json identify x} and {@code fwkit identify --json x} mean the same. They only
 * ever switch a flag on, so a subcommand's defaults never undo what the parent command line said.
 */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 90, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--json", order = 91, description = "Print one JSON object on standard output instead of text"
            + " (fields: cli/JSON.md).")
    void setJson(boolean json) {
        if (json) {
            context().json = true;
        }
    }

    @Option(names = "--debug", order = 93, description = "Print the stack trace of an error (also: FWKIT_DEBUG=1).")
    void setDebug(boolean debug) {
        if (debug) {
            context().debug = true;
        }
    }

    @Option(names = "--progress", order = 92, negatable = true, description = "Show (or hide) a progress bar on standard"
            + " error. Default: shown when standard error is a terminal.")
    void setProgress(Boolean progress) {
        if (progress != null) {
            context().progress = progress;
        }
    }

    private Context context() {
        return ((FwkitCommand) mixee.root().userObject()).invocation();
    }
}
