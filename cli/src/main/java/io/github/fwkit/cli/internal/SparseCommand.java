package io.github.fwkit.cli.internal;

import picocli.CommandLine.Command;

/** The {@code fwkit sparse} group: Android sparse images. */
@Command(sortOptions = false,
        name = "sparse",
        subcommands = {SparseEncodeCommand.class, SparseDecodeCommand.class, SparseInfoCommand.class,
            SparseAppendCommand.class, SparseSplitCommand.class},
        abbreviateSynopsis = true,
        synopsisSubcommandLabel = "COMMAND",
        header = "Android sparse images: convert like img2simg, simg2img, append2simg and simg2simg; inspect.",
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwkit sparse encode system.raw system.img      raw -> sparse (img2simg)",
            "  fwkit sparse decode system.img system.raw      sparse -> raw (simg2img)",
            "  fwkit sparse info --chunks system.img          what is inside",
            "  fwkit sparse split --max-size 512M system.img system.part",
            "                                                 pieces for fastboot (simg2simg)"
        })
final class SparseCommand extends BaseCommand {
    @Override
    int execute(Context ctx) {
        ctx.err.println("fwkit: which sparse command? encode, decode, info, append or split");
        spec.commandLine().usage(ctx.err);
        return Cli.EXIT_USAGE;
    }
}
