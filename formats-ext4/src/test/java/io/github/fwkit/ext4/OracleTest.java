package io.github.fwkit.ext4;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images built by mke2fs from a generated tree, read by us and compared with the tree itself and
 * with debugfs ({@code ls -p}, {@code stat}, {@code ea_list}), e2fsck ({@code -fn}) and
 * img2simg copies. Skipped without e2fsprogs, except on CI.
 */
class OracleTest {
    static List<Fixtures.Variant> variants() {
        return Fixtures.variants();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void treeEqualsSource(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        Map<Long, Set<String>> ourLinks = new HashMap<>();
        Map<Long, Set<String>> srcLinks = new HashMap<>();
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            Map<String, Trees.Desc> ours = Trees.ofVolume(vol, "/", ourLinks);
            Map<String, Trees.Desc> src = Trees.ofFolder(b.source(), srcLinks, root());
            Trees.assertSame(src, ours);
            assertEquals(Trees.groups(srcLinks), Trees.groups(ourLinks));
            assertTrue(Trees.groups(ourLinks).contains(List.of("hard/one", "hard/two", "text/three")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void sparseCopyReadsTheSame(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        Tools.require("img2simg");
        try (Ext4Volume raw = Ext4Volume.open(b.image()); Ext4Volume sparse = Ext4Volume.open(b.sparse())) {
            assertEquals(raw.info(), sparse.info());
            Trees.assertSame(Trees.ofVolume(raw, "/", null), Trees.ofVolume(sparse, "/", null));
            assertEquals(raw.check(), sparse.check());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void listingsEqualDebugfs(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            List<String> dirs = new ArrayList<>();
            vol.walk("/", (p, e, s) -> {
                if (s.isDirectory()) {
                    dirs.add(p);
                }
                return FileVisitResult.CONTINUE;
            });
            Map<String, String> out = Debugfs.batch(b.image(), dirs.stream().map(d -> "ls -p " + Debugfs.quote(d))
                    .toList());
            assertEquals(dirs.size(), out.size());
            for (String d : dirs) {
                List<String> expected = new ArrayList<>();
                for (Debugfs.LsEntry e : Debugfs.parseLs(out.get("ls -p " + Debugfs.quote(d)))) {
                    // debugfs also lists unused slots (inode 0), e.g. the empty blocks of lost+found.
                    if (e.inode() != 0 && !e.name().equals(".") && !e.name().equals("..")) {
                        expected.add(e.inode() + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + " " + e.gid()
                                + " " + e.name() + " " + e.size());
                    }
                }
                List<String> actual = new ArrayList<>();
                for (DirEntry e : vol.list(d)) {
                    Stat s = vol.stat(e.inode());
                    actual.add(e.inode() + " " + Integer.toOctalString(s.mode()) + " " + s.uid() + " " + s.gid() + " "
                            + e.name() + " " + (s.isDirectory() ? "" : Long.toString(s.size())));
                }
                assertEquals(expected, actual, d);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void statEqualsDebugfs(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            Map<String, Stat> stats = new HashMap<>();
            vol.walk("/", (p, e, s) -> {
                if (p.startsWith("/many/")) {
                    return FileVisitResult.SKIP_SIBLINGS;
                }
                stats.put(p, s);
                return FileVisitResult.CONTINUE;
            });
            Map<String, String> out = Debugfs.batch(b.image(), stats.keySet().stream()
                    .map(p -> "stat " + Debugfs.quote(p)).toList());
            boolean hugeFile = vol.info().hasFeature("huge_file");
            for (Map.Entry<String, Stat> en : stats.entrySet()) {
                Stat s = en.getValue();
                Map<String, String> d = Debugfs.parseStat(out.get("stat " + Debugfs.quote(en.getKey())));
                String where = en.getKey() + " " + d;
                assertEquals(s.inode(), Long.parseLong(d.get("Inode")), where);
                assertEquals(s.permissionBits(), Integer.parseInt(d.get("Mode"), 8), where);
                assertEquals(s.flags(), Long.decode(d.get("Flags")), where);
                assertEquals(s.generation(), Long.parseLong(d.get("Generation")), where);
                assertEquals(s.uid(), Long.parseLong(d.get("User")), where);
                assertEquals(s.gid(), Long.parseLong(d.get("Group")), where);
                assertEquals(s.size(), Long.parseLong(d.get("Size")), where);
                assertEquals(s.links(), Integer.parseInt(d.get("Links")), where);
                if (!hugeFile || (s.flags() & 0x40000) == 0) {
                    assertEquals(s.blocks(), Long.parseLong(d.get("Blockcount")), where);
                }
                assertEquals(s.xattrBlock(), Long.parseLong(d.get("File ACL")), where);
                assertEquals(time(d, "mtime"), s.lastModifiedTime(), where);
                assertEquals(time(d, "atime"), s.lastAccessTime(), where);
                assertEquals(time(d, "ctime"), s.changeTime(), where);
                assertEquals(d.containsKey("crtime.sec") ? time(d, "crtime") : null, s.creationTime().orElse(null),
                        where);
                if (d.containsKey("Fast link dest")) {
                    assertEquals(d.get("Fast link dest"), "\"" + vol.readSymbolicLink(en.getKey()) + "\"", where);
                }
            }
        }
    }

    /** debugfs prints {@code 0xSECONDS:EXTRA}; decode the way the kernel documents it. */
    private static Instant time(Map<String, String> d, String name) {
        long sec = (int) Long.parseLong(d.get(name + ".sec"), 16);
        long nanos = 0;
        String extra = d.get(name + ".extra");
        if (extra != null) {
            long x = Long.parseLong(extra, 16);
            sec += (x & 3) << 32;
            nanos = x >>> 2;
        }
        return Instant.ofEpochSecond(sec, nanos);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void xattrsEqualDebugfs(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            List<String> paths = List.of("/hello.txt", "/bin/random.bin", "/text", "/perm/exec.sh");
            Map<String, String> out = Debugfs.batch(b.image(), paths.stream().map(p -> "ea_list " + Debugfs.quote(p))
                    .toList());
            for (String p : paths) {
                List<String> expected = new ArrayList<>();
                for (String line : out.get("ea_list " + Debugfs.quote(p)).split("\n")) {
                    if (line.startsWith("  ")) {
                        // "  name (size)" or "  name (size) = \"value\""
                        String t = line.trim();
                        int sp = t.indexOf(" (");
                        int close = t.indexOf(')', sp);
                        expected.add(t.substring(0, sp) + " " + t.substring(sp + 2, close));
                    }
                }
                List<String> actual = new ArrayList<>();
                for (Xattr x : vol.xattrs(p)) {
                    actual.add(x.name() + " " + x.size());
                }
                expected.sort(null);
                actual.sort(null);
                assertEquals(expected, actual, p);
            }
            if (v.xattrBlockValue() > 0) {
                Map<String, byte[]> x = new HashMap<>();
                for (Xattr a : vol.xattrs("/bin/random.bin")) {
                    x.put(a.name(), a.value());
                }
                String big = new String(x.get("user.big"), java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals(v.xattrBlockValue(), big.length());
                assertTrue(big.endsWith("-the-end"));
                assertEquals("hello-xattr", new String(vol.xattrs("/hello.txt").stream()
                        .filter(a -> a.name().equals("user.comment")).findFirst().orElseThrow().value(),
                        java.nio.charset.StandardCharsets.US_ASCII));
                assertTrue(vol.lookup("/bin/random.bin").xattrBlock() != 0, "user.big should be in an xattr block");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void checkIsCleanWhereE2fsckIs(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        Tools.Run fsck = Tools.run("e2fsck", "-fn", b.image());
        assertEquals(0, fsck.exit(), fsck.output());
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            CheckReport r = vol.check();
            assertTrue(r.isClean(), r.findings().toString());
            assertEquals(List.of(), r.findings());
            assertTrue(r.inodesChecked() > v.many(), r.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void holesAreZeroExtents(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        if (!v.holes()) {
            return;
        }
        try (Ext4Volume vol = Ext4Volume.open(b.image()); ImageReader r = vol.open("/sparse/holey")) {
            List<Extent> ex = r.extents();
            long data = ex.stream().filter(e -> e.kind() == Extent.Kind.DATA).mapToLong(Extent::length).sum();
            assertTrue(data <= 8192 + 2L * Math.max(4096, vol.info().clusterSize()), ex.toString());
            assertEquals(Extent.Kind.ZERO, ex.get(ex.size() - 1).kind(), ex.toString());
            assertEquals(12L << 20, ex.get(ex.size() - 1).end());
            byte[] mid = r.readBytes(5L << 20, 4096);
            assertTrue(java.util.Arrays.equals(mid, new byte[4096]));
            byte[] expected = Files.readAllBytes(b.source().resolve("sparse/holey"));
            assertTrue(java.util.Arrays.equals(expected, r.readBytes(0, expected.length)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void lookupFollowsLinksLikeNio(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            assertEquals(vol.lookup("/hello.txt").inode(), vol.lookup("/links/short").inode());
            assertEquals(vol.lookup("/hello.txt").inode(), vol.lookup("/links/abs").inode());
            assertTrue(vol.lookup("/links/short", LinkOption.NOFOLLOW_LINKS).isSymbolicLink());
            assertEquals(vol.lookup("/text/lorem.txt").inode(), vol.lookup("/links/dir/lorem.txt").inode());
            assertEquals(vol.lookup("/").inode(), vol.lookup("/text/..").inode());
            assertEquals(vol.lookup("/text").inode(), vol.lookup("/deep/d1/../../text/./").inode());
            assertEquals("../hello.txt", vol.readSymbolicLink("/links/short"));
            assertEquals(Files.readSymbolicLink(b.source().resolve("links/long")).toString(),
                    vol.readSymbolicLink("/links/long"));
            assertThrowsNoSuchFile(vol, "/links/dangling");
            assertThrowsNoSuchFile(vol, "/nope");
            assertFalse(vol.lookup("/links/dangling", LinkOption.NOFOLLOW_LINKS).isDirectory());
            StringBuilder sb = new StringBuilder("/deep");
            for (int i = 1; i <= 40; i++) {
                sb.append("/d").append(i);
            }
            assertEquals("deep leaf\n", new String(vol.open(sb + "/leaf.txt").readBytes(0, 10),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(Files.size(b.source().resolve("unicode/日本語のファイル.txt")),
                    vol.lookup("/unicode/日本語のファイル.txt").size());
            assertEquals(v.many(), vol.list("/many").size());
            assertEquals(vol.list("/many").get(v.many() / 2).inode(), vol.lookup("/many/"
                    + vol.list("/many").get(v.many() / 2).name()).inode());
        }
    }

    private static void assertThrowsNoSuchFile(Ext4Volume vol, String path) {
        org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.NoSuchFileException.class, () -> vol.lookup(path));
    }
}
