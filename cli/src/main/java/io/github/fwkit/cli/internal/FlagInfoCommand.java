package io.github.fwkit.cli.internal;

import io.github.fwkit.sprd.AvbFooter;
import io.github.fwkit.sprd.Ext4Summary;
import io.github.fwkit.sprd.FlagConverter;
import io.github.fwkit.sprd.FlagFile;
import io.github.fwkit.sprd.ImageContent;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacEntry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code fwkit flag info}: what a {@code .flag} file is and what to do with it. */
final class FlagInfoCommand extends BaseCommand {
    final List<Path> files = new ArrayList<>();
    Path pacFile;

    @Override
    CommandSpec spec() {
        return new CommandSpec("info", "Explain Spreadtrum .flag files: placeholder or backup, content, next step.")
                .description("A 0-byte .flag is a placeholder ResearchDownload leaves when it unpacks a PAC: the"
                        + " data is the PAC entry of the same name (with --pac, which one is shown). A non-empty"
                        + " .flag is a 'Read flash' backup of a partition: its content is identified (ext4 with"
                        + " label, size, last mount point and features; Android sparse, boot, DHTB, f2fs, EROFS,"
                        + " UBI, super, ...) and the partition guessed from the name. Also works on other images.")
                .option("--pac", "PAC", "The package the folder was unpacked from: name the entry each file stands"
                        + " for.")
                .positionals("FILE", "The .flag files (or other images).")
                .examples(
                        "  fwkit flag info system.img_COM5.flag",
                        "  fwkit flag info --pac firmware.pac unpacked/*.flag");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--pac" -> pacFile = Path.of(value);
            case "FILE" -> files.add(Path.of(value));
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        List<FlagFile> infos = new ArrayList<>();
        for (Path f : files) {
            currentFile = f;
            checkInput(f);
            infos.add(FlagFile.inspect(f));
        }
        PacEntry[] entries = new PacEntry[files.size()];
        Pac pac = null;
        try {
            if (pacFile != null) {
                currentFile = pacFile;
                pac = PacSupport.open(pacFile, false);
                for (int i = 0; i < infos.size(); i++) {
                    entries[i] = infos.get(i).placeholderEntry(pac).orElse(null);
                }
            }
        } finally {
            if (pac != null) {
                pac.close();
            }
        }
        if (ctx.json) {
            Json j = new Json(ctx.out);
            j.beginObject().name("files").beginArray();
            for (int i = 0; i < infos.size(); i++) {
                writeJson(j, files.get(i), infos.get(i), entries[i]);
            }
            j.endArray().endObject();
            ctx.out.println();
        } else {
            for (int i = 0; i < infos.size(); i++) {
                printText(ctx, files.get(i), infos.get(i), entries[i]);
            }
        }
        return Cli.EXIT_OK;
    }

    /** What to run next, for people. */
    private String next(Path file, FlagFile info, PacEntry entry) {
        String pacArg = pacFile == null ? "PAC" : PacSupport.q(pacFile);
        switch (info.kind()) {
            case PLACEHOLDER:
                return "fwkit pac extract " + pacArg + " OUT_DIR "
                        + PacSupport.q(entry != null ? entry.label() : info.imageName());
            case READ_BACK:
                if (info.content() == ImageContent.EMPTY || info.content() == ImageContent.ZEROS
                        || info.content() == ImageContent.ERASED) {
                    return null;
                }
                String id = entry != null ? entry.label() : "ID";
                return "fwkit flag convert " + PacSupport.q(file) + " " + PacSupport.q(FlagConverter.outputName(info))
                        + "   or put it back into the package: fwkit pac repack " + pacArg + " NEW.pac --replace "
                        + PacSupport.q(id + "=" + file);
            default:
                return null;
        }
    }

    private void printText(Context ctx, Path file, FlagFile info, PacEntry entry) {
        var out = ctx.out;
        String what;
        switch (info.kind()) {
            case PLACEHOLDER: what = "0-byte placeholder for PAC entry \"" + info.imageName() + "\""; break;
            case READ_BACK: what = "read-back (backup) of partition " + info.partition()
                    + (info.comPort() >= 0 ? " via COM" + info.comPort() : "") + ", " + Units.bytes(info.size()); break;
            default: what = Units.bytes(info.size()) + " image"; break;
        }
        out.println(file + ": " + what);
        if (info.size() > 0) {
            out.println("  content    " + describe(info.content())
                    + (info.payload() != ImageContent.UNKNOWN && info.payload() != info.content()
                    ? ", holding " + describe(info.payload()) : ""));
        }
        if (info.ext4().isPresent()) {
            Ext4Summary e = info.ext4().get();
            out.println("  ext4       label \"" + e.label() + "\", " + Units.bytes(e.fsBytes()) + " (" + e.blocksCount()
                    + " x " + e.blockSize() + "), " + Units.bytes(e.freeBlocks() * e.blockSize()) + " free, "
                    + e.inodesCount() + " inodes" + (e.state() == 1 ? ", clean" : e.state() == 2 ? ", has errors" : ""));
            out.println("  last mount " + (e.lastMountedOn().isEmpty() ? "-" : e.lastMountedOn())
                    + (e.mountTime() > 0 ? " at " + Instant.ofEpochSecond(e.mountTime()) : ", never mounted"));
            out.println("  features   " + String.join(" ", e.features()));
        }
        if (info.avbFooter().isPresent()) {
            AvbFooter a = info.avbFooter().get();
            out.println("  AVB footer version " + a.majorVersion() + "." + a.minorVersion() + ", image "
                    + a.originalImageSize() + " bytes, vbmeta at " + a.vbmetaOffset());
        }
        if (entry != null) {
            out.println("  PAC entry  " + entry.label() + " (" + entry.name() + ", " + Units.bytes(entry.size()) + ")"
                    + (info.kind() == FlagFile.Kind.READ_BACK ? ": the flash tool would flash this instead of the"
                    + " backup" : ""));
        } else if (pacFile != null && info.kind() != FlagFile.Kind.OTHER) {
            out.println("  PAC entry  none named " + info.imageName() + " in " + pacFile);
        }
        for (String n : info.notes()) {
            out.println("  note: " + n);
        }
        String next = next(file, info, entry);
        if (next != null) {
            out.println("  next: " + next);
        }
    }

    private void writeJson(Json j, Path file, FlagFile info, PacEntry entry) {
        j.beginObject()
                .field("path", file.toString())
                .field("file_name", info.fileName())
                .field("size", info.size())
                .field("kind", PacSupport.snake(info.kind()))
                .field("image_name", info.imageName())
                .field("partition", info.partition().isEmpty() ? null : info.partition())
                .fieldOrNull("com_port", info.comPort())
                .field("duplicate_index", info.duplicateIndex())
                .field("content", PacSupport.snake(info.content()))
                .field("payload", info.payload() == ImageContent.UNKNOWN ? null : PacSupport.snake(info.payload()))
                .field("suggested_name", FlagConverter.outputName(info));
        j.name("ext4");
        if (info.ext4().isEmpty()) {
            j.nullValue();
        } else {
            Ext4Summary e = info.ext4().get();
            j.beginObject()
                    .field("label", e.label())
                    .field("uuid", e.uuid())
                    .field("block_size", e.blockSize())
                    .field("blocks_count", e.blocksCount())
                    .field("free_blocks", e.freeBlocks())
                    .field("inodes_count", e.inodesCount())
                    .field("fs_bytes", e.fsBytes())
                    .field("last_mounted_on", e.lastMountedOn())
                    .field("mount_time", e.mountTime())
                    .field("write_time", e.writeTime())
                    .field("create_time", e.createTime())
                    .field("state", e.state());
            j.name("features").beginArray();
            for (String f : e.features()) {
                j.value(f);
            }
            j.endArray().endObject();
        }
        j.name("avb_footer");
        if (info.avbFooter().isEmpty()) {
            j.nullValue();
        } else {
            AvbFooter a = info.avbFooter().get();
            j.beginObject()
                    .field("major_version", a.majorVersion())
                    .field("minor_version", a.minorVersion())
                    .field("original_image_size", a.originalImageSize())
                    .field("vbmeta_offset", a.vbmetaOffset())
                    .field("vbmeta_size", a.vbmetaSize())
                    .endObject();
        }
        j.name("pac_entry");
        if (entry == null) {
            j.nullValue();
        } else {
            j.beginObject()
                    .field("index", entry.index())
                    .field("id", entry.id())
                    .field("name", entry.name())
                    .field("size", entry.size())
                    .endObject();
        }
        j.name("notes").beginArray();
        for (String n : info.notes()) {
            j.value(n);
        }
        j.endArray().field("next", next(file, info, entry)).endObject();
    }

    private static String describe(ImageContent c) {
        switch (c) {
            case EMPTY: return "empty";
            case ANDROID_SPARSE: return "Android sparse image";
            case DHTB: return "Spreadtrum signed image (DHTB header)";
            case ANDROID_BOOT: return "Android boot image";
            case AVB_VBMETA: return "AVB vbmeta image";
            case LP_SUPER: return "dynamic-partition super image (liblp)";
            case EXT4: return "ext4 file system";
            case F2FS: return "F2FS file system";
            case EROFS: return "EROFS file system";
            case UBI: return "raw UBI flash";
            case UBIFS: return "UBIFS volume";
            case ZEROS: return "all zeros (an unused partition, or a failed read)";
            case ERASED: return "all FF (erased flash)";
            default: return "not recognised";
        }
    }

    @Override
    String hint(Exception e) {
        String h = PacSupport.hint(e, pacFile != null && pacFile.equals(currentFile) ? pacFile : null, false);
        return h != null ? h : super.hint(e);
    }
}
