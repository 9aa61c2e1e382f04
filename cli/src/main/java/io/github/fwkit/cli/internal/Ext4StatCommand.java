package io.github.fwkit.cli.internal;

import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Stat;
import io.github.fwkit.ext4.Xattr;

import java.io.PrintWriter;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code fwkit ext4 stat}: everything the inode of one path says, like {@code stat}. */
final class Ext4StatCommand extends BaseCommand {
    boolean lenient;
    Path file;
    String path;

    @Override
    CommandSpec spec() {
        return new CommandSpec("stat", "Show the inode of one path inside an ext2/3/4 image, like stat: type, mode,"
                + " owner, size, times, flags, extended attributes.")
                .description("A symbolic link is shown itself, not followed (as stat does). Times are UTC with"
                        + " nanoseconds where the inode has them.")
                .flag("--lenient", Ext4Support.LENIENT_HELP)
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .positional("PATH", "The path inside the image, e.g. /system/build.prop.")
                .examples(
                        "  fwkit ext4 stat system.img /system/build.prop",
                        "  fwkit ext4 stat --json system.img / | jq .links");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "--lenient" -> lenient = true;
            case "IMAGE" -> file = Path.of(value);
            case "PATH" -> path = value;
            default -> super.set(name, value);
        }
    }

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        try (Ext4Volume vol = Ext4Support.open(file, lenient)) {
            Stat s = Ext4Support.lookup(vol, file, path, LinkOption.NOFOLLOW_LINKS);
            List<Xattr> xattrs = vol.xattrs(s.inode());
            String target = s.isSymbolicLink() ? Ext4Support.target(vol, s) : null;
            if (ctx.json) {
                Json j = new Json(ctx.out);
                j.beginObject().field("image", file.toString());
                Ext4Support.writeEntry(j, vol, path, null, s);
                j.field("mtime_nanos", s.lastModifiedTime().getNano())
                        .field("atime", s.lastAccessTime().getEpochSecond())
                        .field("atime_nanos", s.lastAccessTime().getNano())
                        .field("ctime", s.changeTime().getEpochSecond())
                        .field("ctime_nanos", s.changeTime().getNano());
                j.name("crtime");
                if (s.creationTime().isPresent()) {
                    j.value(s.creationTime().get().getEpochSecond());
                } else {
                    j.nullValue();
                }
                j.name("crtime_nanos");
                if (s.creationTime().isPresent()) {
                    j.value(s.creationTime().get().getNano());
                } else {
                    j.nullValue();
                }
                j.field("flags", s.flags())
                        .field("generation", s.generation())
                        .field("blocks", s.blocks())
                        .field("device_major", s.deviceMajor())
                        .field("device_minor", s.deviceMinor())
                        .field("xattr_block", s.xattrBlock());
                j.name("xattrs").beginArray();
                for (Xattr x : xattrs) {
                    j.beginObject().field("name", x.name()).field("size", x.size())
                            .field("value_hex", hex(x.value())).endObject();
                }
                j.endArray().endObject();
                ctx.out.println();
                return Cli.EXIT_OK;
            }
            PrintWriter out = ctx.out;
            out.println("  File: " + Ext4Support.printable(path) + (target == null ? ""
                    : " -> " + Ext4Support.printable(target)));
            out.println("  Size: " + s.size() + "  Blocks: " + s.blocks() + "  " + describe(s.type()));
            out.println(" Inode: " + s.inode() + "  Links: " + s.links() + "  Generation: " + s.generation()
                    + (s.type() == FileType.CHAR_DEVICE || s.type() == FileType.BLOCK_DEVICE
                    ? "  Device type: " + s.deviceMajor() + "," + s.deviceMinor() : ""));
            out.println("Access: (" + Ext4Support.octal(s.mode()) + "/" + s.modeString() + ")  Uid: " + s.uid()
                    + "  Gid: " + s.gid());
            out.println("Access: " + Ext4Support.full(s.lastAccessTime()));
            out.println("Modify: " + Ext4Support.full(s.lastModifiedTime()));
            out.println("Change: " + Ext4Support.full(s.changeTime()));
            out.println(" Birth: " + (s.creationTime().isPresent() ? Ext4Support.full(s.creationTime().get()) : "-"));
            out.println(" Flags: 0x" + Long.toHexString(s.flags()) + flagNames(s.flags())
                    + (s.xattrBlock() != 0 ? "  xattr block: " + s.xattrBlock() : ""));
            for (Xattr x : xattrs) {
                out.println(" Xattr: " + Ext4Support.printable(x.name()) + " (" + Ext4Support.plural(x.size(), "byte")
                        + ")" + preview(x.value()));
            }
        }
        return Cli.EXIT_OK;
    }

    private static String describe(FileType t) {
        switch (t) {
            case REGULAR: return "regular file";
            case DIRECTORY: return "directory";
            case SYMLINK: return "symbolic link";
            case CHAR_DEVICE: return "character special file";
            case BLOCK_DEVICE: return "block special file";
            case FIFO: return "fifo";
            case SOCKET: return "socket";
            default: return "unknown type";
        }
    }

    private static String flagNames(long f) {
        StringBuilder sb = new StringBuilder();
        name(sb, f, Stat.FLAG_EXTENTS, "extents");
        name(sb, f, Stat.FLAG_INDEX, "htree");
        name(sb, f, Stat.FLAG_INLINE_DATA, "inline_data");
        name(sb, f, Stat.FLAG_ENCRYPT, "encrypted");
        name(sb, f, Stat.FLAG_VERITY, "verity");
        name(sb, f, Stat.FLAG_EA_INODE, "ea_inode");
        name(sb, f, Stat.FLAG_CASEFOLD, "casefold");
        return sb.length() == 0 ? "" : " (" + sb + ")";
    }

    private static void name(StringBuilder sb, long flags, long bit, String name) {
        if ((flags & bit) != 0) {
            sb.append(sb.length() == 0 ? "" : " ").append(name);
        }
    }

    /** The value as text when it is printable ASCII (a trailing NUL allowed), else empty. */
    private static String preview(byte[] v) {
        int n = v.length > 0 && v[v.length - 1] == 0 ? v.length - 1 : v.length;
        if (n == 0 || n > 200) {
            return "";
        }
        for (int i = 0; i < n; i++) {
            if (v[i] < 0x20 || v[i] > 0x7e) {
                return "";
            }
        }
        return ": \"" + new String(v, 0, n, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }

    static String hex(byte[] v) {
        StringBuilder sb = new StringBuilder(v.length * 2);
        for (byte b : v) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, lenient);
        return h != null ? h : super.hint(e);
    }
}
