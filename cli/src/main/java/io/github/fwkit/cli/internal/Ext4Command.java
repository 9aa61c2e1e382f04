package io.github.fwkit.cli.internal;

/** The {@code fwkit ext4} group: read-only ext2/3/4 images (raw, Android sparse or .flag). */
final class Ext4Command extends BaseCommand {
    @Override
    CommandSpec spec() {
        return new CommandSpec("ext4",
                "ext2/3/4 images (raw, Android sparse or .flag read-backs): info, ls, stat, cat, extract, check.")
                .description("Read-only: nothing is ever written into the image. Paths inside the image are"
                        + " absolute and /-separated, e.g. /etc/hosts.")
                .commands("info", "ls", "stat", "cat", "extract", "check")
                .examples(
                        "  fwkit ext4 info system.img.flag              label, size, features, counts",
                        "  fwkit ext4 ls -l system.img /system/etc      a folder, like ls -l",
                        "  fwkit ext4 cat system.img /system/build.prop  a file's bytes to stdout",
                        "  fwkit ext4 extract system.img out            the whole file system",
                        "  fwkit ext4 check system.img                  checksums (exit 3 if bad)");
    }

    @Override
    BaseCommand subcommand(String name) {
        switch (name) {
            case "info": return new Ext4InfoCommand();
            case "ls": return new Ext4LsCommand();
            case "stat": return new Ext4StatCommand();
            case "cat": return new Ext4CatCommand();
            case "extract": return new Ext4ExtractCommand();
            case "check": return new Ext4CheckCommand();
            default: return null;
        }
    }

    @Override
    int execute(Context ctx) {
        throw Parser.UsageException.withHelp("which ext4 command? info, ls, stat, cat, extract or check");
    }
}
