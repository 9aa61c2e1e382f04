package io.github.fwkit.cli.internal;

/**
 * The top-level {@code fwkit} command: only a group of subcommands. Format groups (ext4, pac,
 * flag, mtk) join {@link #spec()}'s list and {@link #subcommand}.
 */
final class FwkitCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("fwkit",
                "Rescue and inspect firmware images (Android sparse, ext4, PAC, .flag, MediaTek).")
                .commands("identify", "sparse", "ext4", "pac", "flag", "mtk", "help")
                .examples(
                        "  fwkit identify backup/*.img               what are these files?",
                        "  fwkit sparse info system.img              what is in this sparse image?",
                        "  fwkit sparse encode system.raw system.img make a flashable sparse image",
                        "  fwkit ext4 ls -l system.img.flag /etc     what is in this ext4 image?",
                        "  fwkit pac list firmware.pac               what is in this Spreadtrum package?",
                        "  fwkit flag info system.img_COM5.flag      what is this .flag backup?",
                        "  fwkit mtk health ROM_0                    is this MediaTek readback sound?",
                        "  fwkit sparse encode --help                every command explains itself",
                        "",
                        "Exit codes: 0 ok, 1 an input is not readable as that format, 2 usage error,",
                        "3 a check found problems. --json output fields are described in cli/JSON.md.");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "identify": return new IdentifyCommand();
            case "sparse": return new SparseCommand();
            case "ext4": return new Ext4Command();
            case "pac": return new PacCommand();
            case "flag": return new FlagCommand();
            case "mtk": return new MtkCommand();
            case "help": return new HelpCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("no command given");
    }
}
