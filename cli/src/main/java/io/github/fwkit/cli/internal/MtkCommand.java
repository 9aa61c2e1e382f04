package io.github.fwkit.cli.internal;

/** The {@code fwkit mtk} group: MediaTek NOR / serial-flash readbacks of feature phones and watches. */
final class MtkCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("mtk",
                "MediaTek readbacks (MT6260, MT6261, MT2502 ...): health, identity, flash IDs, flashable kit.")
                .description("DUMP is a whole-chip Flash Tool Readback (start address 0x0, length the chip size,"
                        + " e.g. 0x1000000 for 16 MiB); info and flash-ids also read single kit files (ROM,"
                        + " EXT_BOOTLOADER, ...). Exit codes: 0 ok, 1 not readable as a MediaTek dump, 2 usage"
                        + " error, 3 the checks found problems.")
                .commands("info", "health", "flash-ids", "extract", "cfg-check")
                .examples(
                        "  fwkit mtk health ROM_0                 is the readback complete and sound?",
                        "  fwkit mtk info ROM_0                   chip, firmware, images, every byte",
                        "  fwkit mtk flash-ids ROM_0              flash chips the firmware supports",
                        "  fwkit mtk extract ROM_0 kit            BOOTLOADER, ROM, VIVA ... and a .cfg",
                        "  fwkit mtk cfg-check kit/*.cfg          will Flash Tool accept this kit?");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "info": return new MtkInfoCommand();
            case "health": return new MtkHealthCommand();
            case "flash-ids": return new MtkFlashIdsCommand();
            case "extract": return new MtkExtractCommand();
            case "cfg-check": return new MtkCfgCheckCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("which mtk command? info, health, flash-ids, extract or cfg-check");
    }
}
