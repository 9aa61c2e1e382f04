package io.github.fwkit.cli.internal;

/** The {@code fwkit flag} group: the {@code .flag} files of Spreadtrum's ResearchDownload. */
final class FlagCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("flag",
                "Spreadtrum .flag files (ResearchDownload): explain them, turn read-backs into flashable images.")
                .description("A .flag file is either a 0-byte placeholder (the data is in the PAC entry of the"
                        + " same name) or a 'Read flash' backup of a partition (e.g. system.img_COM5.flag), which the"
                        + " flash tool refuses (\"Init BMFiles failed!\") or silently swaps for the PAC's own image.")
                .commands("info", "convert")
                .examples(
                        "  fwkit flag info backup/*.flag                 what each file is, what to do",
                        "  fwkit flag convert system.img_COM5.flag out   -> out/system.img (sparse)",
                        "  fwkit flag convert --raw --trim system.img.flag system.raw");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "info": return new FlagInfoCommand();
            case "convert": return new FlagConvertCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("which flag command? info or convert");
    }
}
