package io.github.fwkit.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/**
 * The top-level {@code fwkit} command; it only holds the subcommands and the invocation's
 * {@link Context}. Format groups (ext4, pac, flag, mtk) join the {@code subcommands} list.
 */
@Command(sortOptions = false,
        name = "fwkit",
        subcommands = {IdentifyCommand.class, SparseCommand.class, HelpCommand.class},
        versionProvider = Cli.Version.class,
        abbreviateSynopsis = true,
        header = "Rescue and inspect firmware images (Android sparse, ext4, PAC, .flag, MediaTek).",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwkit identify backup/*.img               what are these files?",
            "  fwkit sparse info system.img              what is in this sparse image?",
            "  fwkit sparse encode system.raw system.img make a flashable sparse image",
            "  fwkit sparse encode --help                every command explains itself",
            "",
            "Exit codes: 0 ok, 1 an input is not readable as that format, 2 usage error,",
            "3 a check found problems. --json output fields are described in cli/JSON.md."
        })
final class FwkitCommand extends BaseCommand {
    private final Context context;

    @Option(names = {"-V", "--version"}, versionHelp = true, order = 94, description = "Print the version and exit.")
    boolean version;

    FwkitCommand(Context context) {
        this.context = context;
    }

    /** The invocation's state, shared with every subcommand. */
    Context invocation() {
        return context;
    }

    @Override
    int execute(Context ctx) {
        ctx.err.println("fwkit: no command given");
        spec.commandLine().usage(ctx.err);
        return Cli.EXIT_USAGE;
    }
}
