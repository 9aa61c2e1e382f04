package io.github.fwkit.cli.internal;

import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.VolumeInfo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** {@code fwkit ext4 info}: what the superblock says. */
final class Ext4InfoCommand extends BaseCommand {
    boolean lenient;
    Path file;

    @Override
    CommandSpec spec() {
        return new CommandSpec("info", "Show what an ext2/3/4 image's superblock says: label, UUID, sizes, counts,"
                + " features, times.")
                .description("Works on raw images, Android sparse images and .flag read-backs. The file system"
                        + " size comes from the superblock; bytes after it (Android verity data) are reported.")
                .flag("--lenient", Ext4Support.LENIENT_HELP)
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .examples(
                        "  fwkit ext4 info system.img",
                        "  fwkit ext4 info --json system.img.flag | jq .features");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "IMAGE" -> file = Path.of(value);
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        VolumeInfo v;
        try (Ext4Volume vol = Ext4Support.open(file, lenient)) {
            v = vol.info();
        }
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject()
                    .field("path", file.toString())
                    .field("kind", v.kind())
                    .field("label", v.label())
                    .field("uuid", v.uuid().toString())
                    .field("last_mounted_on", v.lastMounted())
                    .field("block_size", v.blockSize())
                    .field("cluster_size", v.clusterSize())
                    .field("blocks_count", v.blocksCount())
                    .field("free_blocks", v.freeBlocks())
                    .field("reserved_blocks", v.reservedBlocks())
                    .field("inodes_count", v.inodesCount())
                    .field("free_inodes", v.freeInodes())
                    .field("inode_size", v.inodeSize())
                    .field("groups", v.groups())
                    .field("blocks_per_group", v.blocksPerGroup())
                    .field("inodes_per_group", v.inodesPerGroup())
                    .field("first_data_block", v.firstDataBlock())
                    .field("descriptor_size", v.descriptorSize());
            j.name("features").beginArray();
            for (String f : v.features()) {
                j.value(f);
            }
            j.endArray()
                    .field("feature_compat", v.compat())
                    .field("feature_incompat", v.incompat())
                    .field("feature_ro_compat", v.roCompat())
                    .field("state", v.state())
                    .field("revision", v.revision())
                    .field("creator_os", v.creatorOs());
            time(j, "create_time", v.created());
            time(j, "mount_time", v.lastMountTime());
            time(j, "write_time", v.lastWriteTime());
            j.field("fs_bytes", v.filesystemBytes())
                    .field("image_bytes", v.imageBytes());
            j.name("warnings").beginArray();
            for (String w : v.warnings()) {
                j.value(w);
            }
            j.endArray().endObject();
            ctx.out.println();
            return Cli.EXIT_OK;
        }
        PrintWriter out = ctx.out;
        out.println(file + ": " + v.kind() + (v.label().isEmpty() ? "" : " \"" + v.label() + "\"") + ", "
                + Units.bytes(v.filesystemBytes()));
        out.println("  UUID          " + v.uuid());
        if (!v.lastMounted().isEmpty()) {
            out.println("  last mounted  " + v.lastMounted());
        }
        out.println("  blocks        " + v.blocksCount() + " of " + v.blockSize() + " bytes, " + v.freeBlocks()
                + " free (" + Units.percent(v.freeBlocks(), v.blocksCount()) + "), " + v.reservedBlocks()
                + " reserved" + (v.clusterSize() != v.blockSize() ? ", clusters of " + v.clusterSize() + " bytes" : ""));
        out.println("  inodes        " + v.inodesCount() + " of " + v.inodeSize() + " bytes, "
                + (v.inodesCount() - v.freeInodes()) + " used");
        out.println("  groups        " + v.groups() + " (" + v.blocksPerGroup() + " blocks, " + v.inodesPerGroup()
                + " inodes each)");
        out.println("  features      " + String.join(" ", v.features()));
        out.println("  state         " + state(v.state()) + ", revision " + v.revision());
        printTime(out, "  created       ", v.created());
        printTime(out, "  last mount    ", v.lastMountTime());
        printTime(out, "  last write    ", v.lastWriteTime());
        out.println("  size          file system " + v.filesystemBytes() + " bytes, image " + v.imageBytes() + " bytes"
                + (v.imageBytes() > v.filesystemBytes() ? " (" + Units.bytes(v.imageBytes() - v.filesystemBytes())
                + " after the file system, e.g. verity data)" : ""));
        for (String w : v.warnings()) {
            out.println("  warning: " + w);
        }
        String f = Cli.quote(file.toString());
        out.println("Next: 'fwkit ext4 ls -l " + f + " /' lists the top folder; 'fwkit ext4 extract " + f
                + " OUT_DIR' writes every file.");
        return Cli.EXIT_OK;
    }

    private static String state(int s) {
        String r = (s & 1) != 0 ? "clean" : "not clean";
        return (s & 2) != 0 ? r + ", errors detected" : r;
    }

    private static void time(Json j, String name, Optional<Instant> t) {
        j.name(name);
        if (t.isPresent()) {
            j.value(t.get().getEpochSecond());
        } else {
            j.nullValue();
        }
    }

    private static void printTime(PrintWriter out, String label, Optional<Instant> t) {
        if (t.isPresent()) {
            out.println(label + Ext4Support.full(t.get()).replace(".000000000", ""));
        }
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, lenient);
        return h != null ? h : super.hint(e);
    }
}
