package io.github.fwkit.ext4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Describes trees as sorted {@code path -> "type perms uid:gid size mtime content"} lines, in the
 * manner of ext4-view-rs' differential tests, so an image and a folder can be compared in one
 * assertion with a readable diff.
 */
final class Trees {
    private Trees() {
    }

    /** One file's description; {@code content} is a SHA-256 for files, the target for links. */
    record Desc(char type, int perms, long uid, long gid, long size, long mtime, String content) {
        @Override
        public String toString() {
            return type + " " + Integer.toOctalString(perms) + " " + uid + ":" + gid + " " + size + " " + mtime + " "
                    + content;
        }
    }

    /** The tree under {@code path} in a volume (lost+found left out), with hard-link groups in {@code links}. */
    static Map<String, Desc> ofVolume(Ext4Volume vol, String path, Map<Long, Set<String>> links) throws IOException {
        Map<String, Desc> out = new TreeMap<>();
        String base = path.equals("/") ? "" : path;
        vol.walk(path, (p, e, s) -> {
            if (p.equals(path)) {
                return FileVisitResult.CONTINUE;
            }
            String rel = p.substring(base.length() + 1);
            if (rel.equals("lost+found")) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            String content = "";
            if (s.isRegularFile()) {
                try (InputStream in = vol.open(s.inode()).openStream()) {
                    content = sha256(in);
                }
            } else if (s.isSymbolicLink()) {
                content = "-> " + new String(vol.readSymbolicLink(s.inode()), java.nio.charset.StandardCharsets.UTF_8);
            } else if (s.type() == FileType.CHAR_DEVICE || s.type() == FileType.BLOCK_DEVICE) {
                content = "dev " + s.deviceMajor() + "," + s.deviceMinor();
            }
            long size = s.isDirectory() ? -1 : s.size();
            out.put(rel, new Desc(s.type().letter(), s.permissionBits(), s.uid(), s.gid(), size,
                    s.lastModifiedTime().getEpochSecond(), content));
            if (links != null && !s.isDirectory()) {
                links.computeIfAbsent(s.inode(), k -> new HashSet<>()).add(rel);
            }
            return FileVisitResult.CONTINUE;
        });
        return out;
    }

    /** A folder described the same way (no symlinks followed). */
    static Map<String, Desc> ofFolder(Path root, Map<Long, Set<String>> links, boolean owners) throws IOException {
        Map<String, Desc> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : all) {
            String rel = root.relativize(p).toString();
            if (rel.equals("lost+found") || rel.startsWith("lost+found/")) {
                continue;
            }
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            char type = FileType.ofMode(mode).letter();
            String content = "";
            if (type == '-') {
                try (InputStream in = Files.newInputStream(p)) {
                    content = sha256(in);
                }
            } else if (type == 'l') {
                content = "-> " + Files.readSymbolicLink(p);
            } else if (type == 'c' || type == 'b') {
                long rdev = (Long) a.get("rdev");
                long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
                long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
                content = "dev " + major + "," + minor;
            }
            long size = type == 'd' ? -1 : (Long) a.get("size");
            long uid = owners ? ((Integer) a.get("uid")) & 0xffffffffL : 0;
            long gid = owners ? ((Integer) a.get("gid")) & 0xffffffffL : 0;
            out.put(rel, new Desc(type, mode & 07777, uid, gid, size, ((FileTime) a.get("lastModifiedTime")).toInstant()
                    .getEpochSecond(), content));
            if (links != null && type != 'd') {
                links.computeIfAbsent((Long) a.get("ino"), k -> new HashSet<>()).add(rel);
            }
        }
        return out;
    }

    /** The hard-link groups (more than one name) as a set of sorted name lists. */
    static Set<List<String>> groups(Map<Long, Set<String>> links) {
        Set<List<String>> g = new HashSet<>();
        for (Set<String> s : links.values()) {
            if (s.size() > 1) {
                List<String> l = new ArrayList<>(s);
                l.sort(null);
                g.add(l);
            }
        }
        return g;
    }

    /** Lines {@code path: desc}, for a readable assertEquals diff. */
    static String lines(Map<String, Desc> tree) {
        StringBuilder sb = new StringBuilder();
        tree.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** Fails with only the differing lines when the trees differ. */
    static void assertSame(Map<String, Desc> expected, Map<String, Desc> actual) {
        StringBuilder diff = new StringBuilder();
        int shown = 0;
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            Desc e = expected.get(k);
            Desc a = actual.get(k);
            if (!java.util.Objects.equals(e, a) && shown++ < 40) {
                diff.append("  ").append(k).append("\n    expected ").append(e).append("\n    actual   ").append(a)
                        .append('\n');
            }
        }
        if (shown > 0) {
            throw new AssertionError(shown + " of " + keys.size() + " paths differ:\n" + diff);
        }
    }

    /** Replaces fields of each description, for comparisons that must ignore them. */
    static Map<String, Desc> map(Map<String, Desc> t, java.util.function.UnaryOperator<Desc> f) {
        Map<String, Desc> out = new TreeMap<>();
        t.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

}
