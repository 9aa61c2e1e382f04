package io.github.fwkit.ext4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs many debugfs commands in one process ({@code -f}) and parses {@code ls -p} and {@code stat}. */
final class Debugfs {
    private Debugfs() {
    }

    /** Each command's output, by command, in order. */
    static Map<String, String> batch(Path image, List<String> commands) throws IOException {
        Path cmds = Files.createTempFile("debugfs", ".cmds");
        try {
            Files.write(cmds, commands, StandardCharsets.UTF_8);
            Tools.Run r = Tools.run("debugfs", "-f", cmds, image);
            Map<String, String> out = new LinkedHashMap<>();
            String current = null;
            StringBuilder sb = new StringBuilder();
            for (String line : r.output().split("\n", -1)) {
                if (line.startsWith("debugfs: ") && commands.contains(line.substring(9))) {
                    if (current != null) {
                        out.put(current, sb.toString());
                    }
                    current = line.substring(9);
                    sb.setLength(0);
                } else if (current != null) {
                    sb.append(line).append('\n');
                }
            }
            if (current != null) {
                out.put(current, sb.toString());
            }
            return out;
        } finally {
            Files.deleteIfExists(cmds);
        }
    }

    static String quote(String path) {
        return "\"" + path + "\"";
    }

    /** One line of {@code ls -p}: {@code /ino/mode/uid/gid/name/size/} (size empty for directories). */
    record LsEntry(long inode, int mode, long uid, long gid, String name, String size) {
    }

    static List<LsEntry> parseLs(String out) {
        List<LsEntry> list = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.startsWith("/") || !line.endsWith("/")) {
                continue;
            }
            String[] f = line.substring(1, line.length() - 1).split("/", -1);
            // The name may not contain '/', so exactly 6 fields.
            list.add(new LsEntry(Long.parseLong(f[0]), Integer.parseInt(f[1], 8), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), f[4], f[5]));
        }
        return list;
    }

    private static final Pattern TIME = Pattern.compile("^\\s*(\\w+): 0x([0-9a-f]+)(?::([0-9a-f]+))? --", Pattern.MULTILINE);
    private static final List<String> KEYS = List.of("Inode", "Mode", "Flags", "Generation", "User", "Group", "Size",
            "File ACL", "Links", "Blockcount");

    /** The numeric fields of {@code stat} ("Inode", "Mode", "Flags", "Links", ...) and the raw times. */
    static Map<String, String> parseStat(String out) {
        Map<String, String> m = new HashMap<>();
        for (String key : KEYS) {
            Matcher k = Pattern.compile("(?m)(?:^|\\s)" + Pattern.quote(key) + ":\\s+(\\S+)").matcher(out);
            if (k.find()) {
                m.put(key, k.group(1));
            }
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("Fast link dest: ")) {
                m.put("Fast link dest", line.substring(16));
            }
        }
        Matcher t = TIME.matcher(out);
        while (t.find()) {
            m.put(t.group(1) + ".sec", t.group(2));
            if (t.group(3) != null) {
                m.put(t.group(1) + ".extra", t.group(3));
            }
        }
        return m;
    }
}
