package io.github.fwkit.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** {@code fwkit help [COMMAND...]}: the same as {@code fwkit [COMMAND...] --help}. */
final class HelpCommand extends BaseCommand {
    final List<String> words = new ArrayList<>();

    @Override
    CommandSpec spec() {
        return new CommandSpec("help", "Display help information about the specified command.")
                .optionalPositionals("COMMAND", "The command to explain, e.g. sparse encode.")
                .examples("  fwkit help sparse encode");
    }

    @Override
    void set(String name, String value) {
        words.add(value);
    }

    @Override
    int execute(Context ctx) {
        words.add("--help");
        Parser.Invocation help = Parser.parse(new FwkitCommand(), words.toArray(new String[0]), ctx);
        Cli.printHelp(ctx.out, help.helpFor() != null ? help.helpFor() : help.spec());
        return Cli.EXIT_OK;
    }
}
