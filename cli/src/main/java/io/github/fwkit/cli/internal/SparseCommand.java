package io.github.fwkit.cli.internal;

/** The {@code fwkit sparse} group: Android sparse images. */
final class SparseCommand extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("sparse",
                "Android sparse images: convert like img2simg, simg2img, append2simg and simg2simg; inspect.")
                .commands("encode", "decode", "info", "append", "split")
                .examples(
                        "  fwkit sparse encode system.raw system.img      raw -> sparse (img2simg)",
                        "  fwkit sparse decode system.img system.raw      sparse -> raw (simg2img)",
                        "  fwkit sparse info --chunks system.img          what is inside",
                        "  fwkit sparse split --max-size 512M system.img system.part",
                        "                                                 pieces for fastboot (simg2simg)");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "encode": return new SparseEncodeCommand();
            case "decode": return new SparseDecodeCommand();
            case "info": return new SparseInfoCommand();
            case "append": return new SparseAppendCommand();
            case "split": return new SparseSplitCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("which sparse command? encode, decode, info, append or split");
    }
}
