package io.github.fwkit.ext4;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extraction compared with the source tree and with {@code debugfs rdump}, and with hostile names. */
class ExtractTest {
    @TempDir
    Path tmp;

    static List<Fixtures.Variant> variants() {
        return Fixtures.variants();
    }

    /** What extraction cannot reproduce: owners (not root-only), setuid/setgid/sticky bits, special files. */
    private static Map<String, Trees.Desc> extractable(Map<String, Trees.Desc> t) {
        Map<String, Trees.Desc> out = new java.util.TreeMap<>();
        t.forEach((k, d) -> {
            if ("-dl".indexOf(d.type()) >= 0) {
                out.put(k, new Trees.Desc(d.type(), d.type() == 'l' ? 0 : d.perms() & 0777, 0, 0, d.size(), d.mtime(),
                        d.content()));
            }
        });
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void extractionEqualsSource(Fixtures.Variant v) throws IOException {
        Fixtures.Built b = Fixtures.build(v);
        Path out = tmp.resolve("out");
        ExtractResult r;
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            r = vol.extract("/", out);
        }
        Map<Long, Set<String>> srcLinks = new HashMap<>();
        Map<Long, Set<String>> outLinks = new HashMap<>();
        Map<String, Trees.Desc> src = extractable(Trees.ofFolder(b.source(), srcLinks, false));
        Map<String, Trees.Desc> got = extractable(Trees.ofFolder(out, outLinks, false));
        Trees.assertSame(src, got);
        assertEquals(Trees.groups(srcLinks), Trees.groups(outLinks));
        assertEquals(0, r.errors(), r.notes().toString());
        long specials = r.notes().stream().filter(n -> n.message().endsWith(" skipped")).count();
        assertEquals(r.skipped(), specials, r.notes().toString());
        assertEquals(2, r.hardLinks(), r.toString());
        if (v.holes()) {
            long allocated = Long.parseLong(Tools.check("stat", "-c", "%b", out.resolve("sparse/holey")).trim()) * 512;
            // Two data blocks, plus the block of the zero byte that sets the length.
            long unit;
            try (Ext4Volume vol = Ext4Volume.open(b.image())) {
                unit = Math.max(vol.info().blockSize(), vol.info().clusterSize());
            }
            assertTrue(allocated <= 2 * unit + 65536, "holey file allocates " + allocated + " bytes");
            assertEquals(12L << 20, Files.size(out.resolve("sparse/holey")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void extractionEqualsDebugfsRdump(Fixtures.Variant v) throws IOException {
        // rdump writes 10 000 files slowly (about a minute); the htree variant's tree is checked
        // against its source instead.
        org.junit.jupiter.api.Assumptions.assumeFalse(v.htree(), "covered by extractionEqualsSource");
        Fixtures.Built b = Fixtures.build(v);
        Path ours = tmp.resolve("ours");
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            vol.extract("/", ours);
        }
        Tools.check("debugfs", "-R", "rdump / " + theirs, b.image());
        // rdump copies hard links and skips special files, like us; it leaves symlink and
        // directory times alone, so compare the times of regular files only. It also takes the
        // 32-bit seconds as unsigned (a 1969 date becomes 2105), and dumps every inline-data file
        // as the 60 bytes of i_block whatever its size (debugfs 1.47.0), so with inline data only
        // the shape of the tree is compared.
        boolean inline = v.options().contains("inline_data");
        java.util.function.UnaryOperator<Trees.Desc> norm = d -> new Trees.Desc(d.type(), d.type() == 'l' ? 0
                : d.perms() & 0777, 0, 0, inline && d.type() == '-' ? 0 : d.size(), d.type() == '-'
                ? d.mtime() & 0xffffffffL : 0, inline && d.type() == '-' ? "" : d.content());
        Trees.assertSame(Trees.map(Trees.ofFolder(theirs, null, false), norm), Trees.map(Trees.ofFolder(ours, null,
                false), norm));
    }

    @Test
    void subtreeAndSingleFile() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            ExtractResult r = vol.extract("/text", tmp.resolve("text"));
            assertEquals(3, r.files());
            assertEquals(Files.readString(b.source().resolve("text/lorem.txt")),
                    Files.readString(tmp.resolve("text/lorem.txt")));
            r = vol.extract("/links/short", tmp.resolve("one"));
            assertEquals(1, r.symlinks());
            assertEquals("../hello.txt", Files.readSymbolicLink(tmp.resolve("one/short")).toString());
            r = vol.extract("/hello.txt", tmp.resolve("one"));
            assertEquals(1, r.files());
            assertEquals("hello, ext4\n", Files.readString(tmp.resolve("one/hello.txt")));
        }
    }

    @Test
    void xattrsGoToASidecarInGetfattrFormat() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        Path side = tmp.resolve("xattrs.txt");
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            vol.extract("/", tmp.resolve("out"), ExtractOptions.DEFAULTS.withXattrFile(side));
        }
        String dump = Files.readString(side);
        assertTrue(dump.contains("# file: hello.txt\nuser.comment=0x" + java.util.HexFormat.of().formatHex(
                "hello-xattr".getBytes(StandardCharsets.US_ASCII)) + "\n\n"), dump);
        assertTrue(dump.contains("# file: text\ntrusted.dir-attr=0x"), dump);
        assertTrue(dump.contains("# file: bin/random.bin\nuser.big=0x"), dump);
        assertEquals(3, dump.split("# file: ", -1).length - 1, dump);
        if (Tools.find("setfattr") != null) {
            Tools.Run r = Tools.run("sh", "-c", "cd \"$1\" && setfattr --restore=\"$2\"", "sh", tmp.resolve("out"), side);
            assertEquals(0, r.exit(), r.output());
        }
    }

    @Test
    void extractingTwiceReplacesTheFirstResult() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-1k"));
        Path out = tmp.resolve("out");
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            vol.extract("/", out);
            Files.writeString(out.resolve("hello.txt"), "changed");
            ExtractResult r = vol.extract("/", out);
            assertEquals(0, r.errors(), r.notes().toString());
        }
        assertEquals("hello, ext4\n", Files.readString(out.resolve("hello.txt")));
        assertEquals("../hello.txt", Files.readSymbolicLink(out.resolve("links/short")).toString());
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".fwkit-tmp")).toList());
        }
    }

    @Test
    void progressIsMonotonicAndEndsAtTheTotal() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        List<long[]> calls = new ArrayList<>();
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            vol.extract("/", tmp.resolve("out"), ExtractOptions.DEFAULTS.withProgress((d, t) -> calls.add(new long[] {d,
                    t})));
        }
        assertTrue(calls.size() > 10);
        long total = calls.get(0)[1];
        long prev = -1;
        for (long[] c : calls) {
            assertEquals(total, c[1]);
            assertTrue(c[0] >= prev && c[0] <= total);
            prev = c[0];
        }
        assertEquals(total, prev);
        // 3 MB + 1 MB + 300 kB + 12 MiB + 70 MiB + ... of regular files, each hard-linked one once.
        assertTrue(total > 80_000_000L, Long.toString(total));
    }

    @Test
    void dataLimitStopsExtraction() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> vol.extract("/bin",
                    tmp.resolve("out"), ExtractOptions.DEFAULTS.withMaxDataBytes(1_000_000)));
            assertEquals("maxDataBytes", e.limit());
        }
        try (Stream<Path> s = Files.walk(tmp.resolve("out"))) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".fwkit-tmp")).toList());
        }
    }

    /**
     * Files are written in place (no temporary name); one that fails half-way must be deleted.
     * Through the sparse image the copy goes in 1 MiB steps, so the limit trips inside a file,
     * after part of it is on disk.
     */
    @Test
    void aFailureInsideAFileLeavesNoPartialFile() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        Path out = tmp.resolve("out");
        for (int threads : new int[] {1, 2}) {
            Fixtures.deleteTree(out);
            try (Ext4Volume vol = Ext4Volume.open(b.sparse())) {
                assertThrows(LimitExceededException.class, () -> vol.extract("/", out, ExtractOptions.DEFAULTS
                        .withThreads(threads).withMaxDataBytes(2_500_000)));
            }
            assertEquals(List.of(), incomplete(b.source(), out), threads + " threads");
            assertFalse(Files.exists(out.resolve("bin/big.bin")), threads + " threads");
            assertTrue(Files.exists(out.resolve(Ext4Volume.INCOMPLETE_MARKER)), "the folder is marked incomplete");
        }
    }

    /** Stopping the JVM (SIGTERM runs the shutdown hooks, as Ctrl-C does) deletes the file being written. */
    @Test
    void stoppingTheJvmLeavesNoPartialFile() throws Exception {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        Path out = tmp.resolve("out");
        stopMidFile(b, out, false);
        assertEquals(List.of(), incomplete(b.source().resolve("bin"), out));
        assertFalse(Files.exists(out.resolve("big.bin")));
        assertTrue(Files.exists(out.resolve(Ext4Volume.INCOMPLETE_MARKER)), "the folder is marked incomplete");
    }

    /**
     * {@code kill -9} runs nothing: the half-written file stays, but the marker says the folder is
     * incomplete. A later complete extraction into a fresh folder has no marker.
     */
    @Test
    void killingTheJvmLeavesTheIncompleteMarker() throws Exception {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        Path out = tmp.resolve("out");
        stopMidFile(b, out, true);
        assertTrue(Files.exists(out.resolve(Ext4Volume.INCOMPLETE_MARKER)), "the folder is marked incomplete");
        Path again = tmp.resolve("again");
        try (Ext4Volume vol = Ext4Volume.open(b.image())) {
            vol.extract("/bin", again);
        }
        assertFalse(Files.exists(again.resolve(Ext4Volume.INCOMPLETE_MARKER)));
        assertEquals(List.of(), incomplete(b.source().resolve("bin"), again));
    }

    /**
     * Extracts the image's /bin into {@code out} in a child JVM and stops it (SIGTERM, or SIGKILL
     * when {@code kill}) once big.bin (3 MB, first in /bin) has its first MiB on disk.
     */
    private static void stopMidFile(Fixtures.Built b, Path out, boolean kill) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                ExtractUntilStopped.class.getName(), b.sparse().toString(), out.toString(), "/bin")
                .redirectErrorStream(true).start();
        try {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            assertEquals("writing", line, "child said " + line);
            assertEquals(List.of("big.bin"), incomplete(b.source().resolve("bin"), out));
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child did not stop");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Regular files under {@code out} (but the marker) whose contents differ from the same name under {@code source}. */
    private static List<String> incomplete(Path source, Path out) throws IOException {
        List<String> bad = new ArrayList<>();
        if (!Files.exists(out)) {
            return bad;
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && !p.equals(out.resolve(Ext4Volume.INCOMPLETE_MARKER))) {
                    String rel = out.relativize(p).toString();
                    Path src = source.resolve(rel);
                    if (Files.mismatch(p, src) != -1) {
                        bad.add(rel);
                    }
                }
            }
        }
        return bad;
    }

    /**
     * An image whose directory entries were patched after mke2fs: a name with slashes
     * ({@code ../../ev}), a symbolic link and a directory under the same name {@code esc} (in both
     * orders), a link pointing out of the tree, names with a backslash, a newline and bytes that
     * are not UTF-8. Nothing may land outside the output folder.
     */
    @Test
    void hostileNamesNeverWriteOutside() throws IOException {
        Tools.require("mke2fs");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("evil-sla"), "slash");
        Files.createDirectories(src.resolve("esc/payload-dir"));
        Files.writeString(src.resolve("esc/payload"), "payload");
        Files.createSymbolicLink(src.resolve("esd"), tmp.resolve("outside"));
        Files.createSymbolicLink(src.resolve("fsc"), tmp.resolve("outside"));
        Files.createDirectories(src.resolve("fsd"));
        Files.writeString(src.resolve("fsd/payload"), "payload");
        Files.writeString(src.resolve("back\\slash"), "b");
        Files.writeString(src.resolve("new\nline"), "n");
        Tools.check("sh", "-c", "printf x > \"$1/$(printf 'bad\\377name')\"", "sh", src);
        Files.writeString(src.resolve("fine"), "fine");
        Path img = tmp.resolve("evil.img");
        // No metadata_csum, so the patched directory blocks need no new checksums.
        Tools.check("mke2fs", "-q", "-t", "ext4", "-b", "1024", "-O", "^metadata_csum", "-d", src, img, "4M");
        patch(img, "evil-sla", "../../ev");
        patch(img, "esd", "esc");
        patch(img, "fsd", "fsc");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path out = tmp.resolve("out");
        ExtractResult r;
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            r = vol.extract("/", out);
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList(), "wrote outside the output folder");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(Set.of("src", "evil.img", "outside", "out"), Set.copyOf(s.map(p -> p.getFileName().toString())
                    .toList()));
        }
        String notes = r.notes().toString();
        assertTrue(notes.contains("contains \"/\""), notes);
        assertTrue(notes.contains("backslash"), notes);
        assertTrue(notes.contains("control character"), notes);
        assertTrue(notes.contains("not valid UTF-8"), notes);
        assertTrue(notes.contains("already exists"), notes);
        assertEquals("fine", Files.readString(out.resolve("fine")));
        // Whichever of the two came first stays; the other is refused.
        assertTrue(Files.isSymbolicLink(out.resolve("esc")) || Files.isDirectory(out.resolve("esc"),
                LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(tmp.resolve("outside/payload")));
    }

    /**
     * A damaged folder that names the same file twice, three times over. Each first copy comes
     * right after a 3 MiB file in one writer's batch (under the batch's byte limit, so they stay
     * together), each second copy four entries later, in a batch the other writer takes while the
     * first is still busy: the first copy must win the name on every run, and the other is noted as
     * skipped. A folder named like a file just before it is skipped with its contents. (Before the
     * walk kept each folder's names, 8 runs in 10 got a second copy.)
     */
    @Test
    void firstOfTwoEqualNamesWins() throws IOException {
        Tools.require("mke2fs");
        Tools.require("debugfs");
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 12));
        }
        Files.write(src.resolve("big"), big);
        // debugfs links the names in the order given, so the folder lists them in that order
        StringBuilder cmds = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            Files.writeString(src.resolve("a" + k), "dup" + k + " first");
            Files.writeString(src.resolve("b" + k), "dup" + k + " second");
            cmds.append("write ").append(src.resolve("big")).append(" big").append(k).append('\n');
            cmds.append("write ").append(src.resolve("a" + k)).append(" dup").append(k).append('\n');
            for (int i = 0; i < 4; i++) {
                String n = String.format("f%d%02d", k, i);
                Files.writeString(src.resolve(n), "file " + n);
                cmds.append("write ").append(src.resolve(n)).append(' ').append(n).append('\n');
            }
            cmds.append("write ").append(src.resolve("b" + k)).append(" zzz").append(k).append('\n');
        }
        // and a folder named like a file met just before it, behind a large file: the file wins
        Files.writeString(src.resolve("c"), "file first");
        cmds.append("write ").append(src.resolve("big")).append(" big3\n");
        cmds.append("write ").append(src.resolve("c")).append(" dupf\n");
        cmds.append("mkdir zzzf\n");
        cmds.append("write ").append(src.resolve("c")).append(" zzzf/inner\n");
        Path img = tmp.resolve("dupes.img");
        // No metadata_csum, so the patched directory block needs no new checksum.
        Tools.check("mke2fs", "-q", "-t", "ext4", "-O", "^metadata_csum", img, "64M");
        Path script = tmp.resolve("cmds");
        Files.writeString(script, cmds);
        Tools.check("debugfs", "-w", "-f", script, img);
        for (int k = 0; k < 3; k++) {
            patch(img, "zzz" + k, "dup" + k);
        }
        patch(img, "zzzf", "dupf");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            List<String> order = new ArrayList<>();
            for (DirEntry e : vol.list("/")) {
                order.add(e.name());
            }
            assertEquals(List.of("big0", "dup0"), order.subList(order.indexOf("big0"), order.indexOf("big0") + 2));
            for (int run = 0; run < 6; run++) {
                Path out = tmp.resolve("out" + run);
                ExtractResult r = vol.extract("/", out, ExtractOptions.DEFAULTS.withThreads(2));
                for (int k = 0; k < 3; k++) {
                    assertEquals("dup" + k + " first", Files.readString(out.resolve("dup" + k)), "run " + run);
                }
                assertEquals("file first", Files.readString(out.resolve("dupf")), "run " + run);
                assertEquals(4, r.notes().stream().filter(n -> n.message().contains("already exists")).count(),
                        r.notes().toString());
                assertEquals(3 * (2 + 4) + 2, r.files(), r.toString());
            }
        }
    }

    /** Replaces the only occurrence of a name in the image with another of the same length. */
    static void patch(Path img, String from, String to) throws IOException {
        byte[] all = Files.readAllBytes(img);
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        int found = -1;
        for (int i = 0; i + f.length <= all.length; i++) {
            if (java.util.Arrays.equals(all, i, i + f.length, f, 0, f.length)) {
                // A directory entry: name_len byte 2 before type byte just ahead of the name.
                if (i >= 2 && (all[i - 2] & 0xff) == f.length) {
                    assertEquals(-1, found, "name " + from + " occurs twice");
                    found = i;
                }
            }
        }
        assertTrue(found >= 0, from);
        try (RandomAccessFile raf = new RandomAccessFile(img.toFile(), "rw")) {
            raf.seek(found);
            raf.write(t);
        }
    }
}
