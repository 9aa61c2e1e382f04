package io.github.fwkit.cli.internal;

import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Stat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code fwkit ext4 ls}: the entries of a folder in an image, like {@code ls -A}, {@code -l}, {@code -R}. */
final class Ext4LsCommand extends BaseCommand {
    boolean longFormat;
    boolean recursive;
    boolean lenient;
    Path file;
    String path;

    @Override
    CommandSpec spec() {
        return new CommandSpec("ls", "List a folder inside an ext2/3/4 image, like ls -A (-l: details, -R: below too).")
                .description("Names are sorted; . and .. are left out, names starting with a dot are shown. With -l:"
                        + " mode, links, uid, gid, size (major, minor for devices), modification time (UTC), name and"
                        + " -> target for symbolic links. A symbolic link given as PATH is followed. Entries whose inode"
                        + " cannot be read are shown with ? and the exit code is 3.")
                .flag("-l", "Long format: one line of details per entry.")
                .flag("-R", "Recurse into subfolders (symbolic links are not followed).")
                .flag("--lenient", Ext4Support.LENIENT_HELP)
                .positional("IMAGE", "The ext4 image (raw, sparse or .flag).")
                .optionalPositionals("PATH", "The folder (or file) inside the image; default: /.")
                .examples(
                        "  fwkit ext4 ls system.img",
                        "  fwkit ext4 ls -l system.img /system/etc",
                        "  fwkit ext4 ls -l -R system.img.flag / | less",
                        "  fwkit ext4 ls --json -R system.img | jq -r '.entries[].path'");
    }

    @Override
    void set(String name, String value) {
        switch (name) {
            case "-l" -> longFormat = true;
            case "-R" -> recursive = true;
            case "--lenient" -> lenient = true;
            case "IMAGE" -> file = Path.of(value);
            case "PATH" -> {
                if (path != null) {
                    throw new IllegalArgumentException("ls takes one PATH; list one folder at a time, or use -R");
                }
                path = value;
            }
            default -> super.set(name, value);
        }
    }

    /** One listed entry: its path, directory entry and inode, or the error reading the inode. */
    private static final class Row {
        final String path;
        final DirEntry entry;
        final Stat stat;
        final String error;

        Row(String path, DirEntry entry, Stat stat, String error) {
            this.path = path;
            this.entry = entry;
            this.stat = stat;
            this.error = error;
        }

        String name() {
            return entry == null ? path : entry.name();
        }
    }

    private static final class ByName implements Comparator<DirEntry> {
        @Override
        public int compare(DirEntry a, DirEntry b) {
            return a.name().compareTo(b.name());
        }
    }

    private int failures;
    private boolean firstSection = true;

    @Override
    int execute(Context ctx) throws Exception {
        currentFile = file;
        String start = path == null ? "/" : path;
        Json j = null;
        try (Ext4Volume vol = Ext4Support.open(file, lenient)) {
            Stat st = Ext4Support.lookup(vol, file, start);
            if (ctx.json) {
                j = new Json(ctx.out);
                j.beginObject().field("path", file.toString()).field("dir", start).field("recursive", recursive)
                        .name("entries").beginArray();
            }
            if (!st.isDirectory()) {
                emit(ctx, j, vol, null, List.of(new Row(start, null, st, null)));
            } else if (!recursive) {
                emit(ctx, j, vol, null, rows(vol, start, st.inode()));
            } else {
                walk(ctx, j, vol, start, st.inode());
            }
            if (j != null) {
                j.endArray().field("unreadable", failures).endObject();
                ctx.out.println();
            }
        }
        if (failures > 0) {
            ctx.err.println("fwkit: " + file + ": " + Ext4Support.plural(failures, "entry", "entries")
                    + " could not be read");
            ctx.err.println("hint: 'fwkit ext4 check " + Cli.quote(file.toString()) + "' lists the damage");
            return Cli.EXIT_PROBLEMS;
        }
        return Cli.EXIT_OK;
    }

    /** ls -R: each folder's section, then its subfolders' in name order (depth first). */
    private void walk(Context ctx, Json j, Ext4Volume vol, String start, long inode) throws IOException {
        Deque<Object[]> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.push(new Object[] {start, inode, 0});
        while (!todo.isEmpty()) {
            Object[] d = todo.pop();
            String dir = (String) d[0];
            long ino = (Long) d[1];
            int depth = (Integer) d[2];
            if (!seen.add(ino) || depth >= Ext4Volume.MAX_WALK_DEPTH) {
                failures++;
                ctx.err.println("fwkit: " + dir + ": not entered (" + (depth >= Ext4Volume.MAX_WALK_DEPTH
                        ? "nested too deep" : "a folder loop") + ")");
                continue;
            }
            List<Row> rows;
            try {
                rows = rows(vol, dir, ino);
            } catch (IOException e) {
                failures++;
                ctx.err.println("fwkit: " + dir + ": " + Cli.describe(e, null));
                continue;
            }
            emit(ctx, j, vol, dir, rows);
            for (int i = rows.size() - 1; i >= 0; i--) {
                Row r = rows.get(i);
                if (r.stat != null && r.stat.isDirectory()) {
                    todo.push(new Object[] {r.path, r.entry.inode(), depth + 1});
                }
            }
        }
    }

    private List<Row> rows(Ext4Volume vol, String dir, long inode) throws IOException {
        List<DirEntry> entries = new ArrayList<>(vol.list(inode));
        entries.sort(new ByName());
        List<Row> rows = new ArrayList<>(entries.size());
        for (DirEntry e : entries) {
            String n = e.name();
            if (n.equals(".") || n.equals("..")) {
                continue;
            }
            String p = dir.endsWith("/") ? dir + n : dir + "/" + n;
            try {
                rows.add(new Row(p, e, vol.stat(e.inode()), null));
            } catch (IOException ex) {
                failures++;
                rows.add(new Row(p, e, null, Cli.describe(ex, null)));
            }
        }
        return rows;
    }

    /** Prints one folder's rows; {@code section} is the folder's path for -R headers, else null. */
    private void emit(Context ctx, Json j, Ext4Volume vol, String section, List<Row> rows) {
        if (j != null) {
            for (Row r : rows) {
                j.beginObject();
                if (r.stat != null) {
                    Ext4Support.writeEntry(j, vol, r.path, r.entry, r.stat);
                } else {
                    j.field("name", r.name()).field("path", r.path).field("inode", r.entry.inode())
                            .field("error", r.error);
                }
                j.endObject();
            }
            return;
        }
        PrintWriter out = ctx.out;
        if (section != null) {
            if (!firstSection) {
                out.println();
            }
            firstSection = false;
            out.println(Ext4Support.printable(section) + ":");
        }
        if (!longFormat) {
            for (Row r : rows) {
                out.println(Ext4Support.printable(r.name()));
            }
            return;
        }
        int linksW = 1;
        int uidW = 1;
        int gidW = 1;
        int sizeW = 1;
        for (Row r : rows) {
            if (r.stat != null) {
                linksW = Math.max(linksW, Integer.toString(r.stat.links()).length());
                uidW = Math.max(uidW, Long.toString(r.stat.uid()).length());
                gidW = Math.max(gidW, Long.toString(r.stat.gid()).length());
                sizeW = Math.max(sizeW, Ext4Support.sizeColumn(r.stat).length());
            }
        }
        for (Row r : rows) {
            String name = Ext4Support.printable(r.name());
            if (r.stat == null) {
                out.println("?????????? " + PacSupport.right("?", linksW) + " " + PacSupport.left("?", uidW) + " "
                        + PacSupport.left("?", gidW) + " " + PacSupport.right("?", sizeW) + " ????-??-?? ??:?? "
                        + name + "  (" + r.error + ")");
                continue;
            }
            Stat s = r.stat;
            StringBuilder sb = new StringBuilder(80).append(s.modeString()).append(' ')
                    .append(PacSupport.right(Integer.toString(s.links()), linksW)).append(' ')
                    .append(PacSupport.left(Long.toString(s.uid()), uidW)).append(' ')
                    .append(PacSupport.left(Long.toString(s.gid()), gidW)).append(' ')
                    .append(PacSupport.right(Ext4Support.sizeColumn(s), sizeW)).append(' ')
                    .append(Ext4Support.minutes(s.lastModifiedTime())).append(' ').append(name);
            if (s.isSymbolicLink()) {
                sb.append(" -> ").append(Ext4Support.printable(Ext4Support.target(vol, s)));
            }
            out.println(sb);
        }
    }

    @Override
    String hint(Exception e) {
        String h = Ext4Support.hint(e, file, lenient);
        return h != null ? h : super.hint(e);
    }
}
