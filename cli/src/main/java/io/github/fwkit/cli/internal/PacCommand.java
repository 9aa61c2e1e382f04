package io.github.fwkit.cli.internal;

/** The {@code fwkit pac} group: Spreadtrum/Unisoc {@code .pac} firmware packages. */
final class PacCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("pac",
                "Spreadtrum/Unisoc .pac firmware packages: list, check, extract, repack and create.")
                .commands("list", "check", "extract", "repack", "create")
                .examples(
                        "  fwkit pac list firmware.pac                   header, entries, config",
                        "  fwkit pac check firmware.pac                  CRCs and layout (exit 3 if bad)",
                        "  fwkit pac extract firmware.pac out System     one entry (or all, or globs)",
                        "  fwkit pac repack old.pac new.pac --replace System=system.img_COM5.flag",
                        "                                                a backup back into the package",
                        "  fwkit pac create --xml Watch.xml --dir files Watch.pac");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "list": return new PacListCommand();
            case "check": return new PacCheckCommand();
            case "extract": return new PacExtractCommand();
            case "repack": return new PacRepackCommand();
            case "create": return new PacCreateCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("which pac command? list, check, extract, repack or create");
    }
}
