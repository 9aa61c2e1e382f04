package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code fwkit ext4 ...} over images that mke2fs builds from a generated tree, as raw, Android
 * sparse (img2simg) and {@code .flag} files.
 */
class Ext4CommandsTest {
    static final String UNICODE = "h\u00e9llo w\u00f6rld \u6587\u4ef6.txt";

    @TempDir
    static Path shared;
    static Path src;
    static Path raw;
    static Path sparse;
    static Path flag;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        src = Files.createDirectories(shared.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "hello\nworld\n");
        Files.write(src.resolve("blob.bin"), random(7, 300_000));
        Files.createFile(src.resolve("empty"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("hello.txt"));
        Path sub = Files.createDirectories(src.resolve("sub/deeper"));
        Files.writeString(sub.resolve("note.txt"), "deep\n");
        Files.writeString(src.resolve("sub").resolve(UNICODE), "unicode\n");
        raw = mke2fs(src, shared.resolve("system.img"));
        sparse = shared.resolve("system.sparse.img");
        String img2simg = tool("img2simg");
        if (img2simg != null) {
            exec(img2simg, raw.toString(), sparse.toString());
        } else {
            sparse = null;
        }
        flag = Files.copy(raw, shared.resolve("system.img.flag"));
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A tool from e2fsprogs or android-sdk-libsparse-utils, or null. */
    static String tool(String name) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** {@code tool}, or a skipped test (a failure when CI=true: a silently skipped oracle is no oracle). */
    static String required(String name) {
        String t = tool(name);
        if (t == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(name + " is not installed; CI must install it");
            }
            Assumptions.assumeTrue(false, name + " is not installed");
        }
        return t;
    }

    static Path mke2fs(Path tree, Path image) throws Exception {
        exec(required("mke2fs"), "-q", "-F", "-t", "ext4", "-L", "system", "-d", tree.toString(), image.toString(),
                "16M");
        return image;
    }

    static String exec(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("E2FSPROGS_FAKE_TIME", "1577836800");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), cmd[0] + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** Standard output as bytes (for cat). */
    static byte[] runBytes(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(a, o, e);
        }
        assertEquals(0, code, () -> err.toString(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    List<Path> images() {
        List<Path> l = new ArrayList<>(List.of(raw, flag));
        if (sparse != null) {
            l.add(sparse);
        } else if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("img2simg is not installed; CI must install android-sdk-libsparse-utils");
        }
        return l;
    }

    @Test
    void infoShowsTheSuperblockOfRawSparseAndFlagImages() {
        for (Path img : images()) {
            Run r = run("ext4", "info", img);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("ext4 \"system\"") && r.out().contains("metadata_csum"), r::toString);
            Run j = run("ext4", "info", "--json", img);
            assertEquals(0, j.code(), j::toString);
            Object o = j.json();
            assertEquals("system", get(o, "label"));
            assertEquals("ext4", get(o, "kind"));
            assertEquals(16L << 20, get(o, "fs_bytes"));
            assertEquals(1577836800L, get(o, "create_time"));
            assertTrue(((List<?>) get(o, "features")).contains("extent"));
        }
    }

    @Test
    void lsLongLooksLikeLsAndShowsLinkTargets() {
        for (Path img : images()) {
            Run r = run("ext4", "ls", "-l", img);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().matches("(?s).*lrwxrwxrwx 1 \\d+ +\\d+ +9 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d link -> hello\\.txt\n.*"),
                    r::toString);
            assertTrue(r.out().matches("(?s).*-rw-r--r-- 1 \\d+ +\\d+ +300000 .*"), r::toString);
            assertTrue(r.out().contains(" empty\n") && r.out().contains("drwxr-xr-x "), r::toString);
        }
        Run plain = run("ext4", "ls", raw, "/sub");
        assertEquals("deeper\n" + UNICODE + "\n", plain.out(), plain::toString);
    }

    @Test
    void lsRecursiveListsEveryFolderInSections() {
        Run r = run("ext4", "ls", "-R", raw);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("/:\n"), r::toString);
        assertTrue(r.out().contains("\n/sub:\ndeeper\n" + UNICODE + "\n\n/sub/deeper:\nnote.txt\n"), r::toString);
        Run j = run("ext4", "ls", "-R", "--json", raw);
        Set<String> paths = new TreeSet<>();
        for (Object e : (List<?>) get(j.json(), "entries")) {
            paths.add((String) get(e, "path"));
        }
        assertTrue(paths.containsAll(List.of("/hello.txt", "/link", "/sub/deeper/note.txt", "/sub/" + UNICODE)),
                paths::toString);
        assertEquals(0L, get(j.json(), "unreadable"));
    }

    @Test
    void lsJsonCarriesTheInode() {
        Run j = run("--json", "ext4", "ls", raw, "/");
        assertEquals(0, j.code(), j::toString);
        for (Object e : (List<?>) get(j.json(), "entries")) {
            if ("link".equals(get(e, "name"))) {
                assertEquals("symlink", get(e, "type"));
                assertEquals("hello.txt", get(e, "target"));
                assertEquals("lrwxrwxrwx", get(e, "mode_string"));
            }
            if ("blob.bin".equals(get(e, "name"))) {
                assertEquals(300_000L, get(e, "size"));
                assertEquals((long) 0100644, get(e, "mode"));
                assertEquals(1L, get(e, "links"));
            }
        }
    }

    @Test
    void statShowsTheInodeWithoutFollowingALink() {
        Run r = run("ext4", "stat", sparse != null ? sparse : raw, "/link");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("File: /link -> hello.txt") && r.out().contains("symbolic link")
                && r.out().contains("(0777/lrwxrwxrwx)"), r::toString);
        Run j = run("ext4", "stat", "--json", flag, "/blob.bin");
        assertEquals(0, j.code(), j::toString);
        assertEquals(300_000L, get(j.json(), "size"));
        assertEquals("regular", get(j.json(), "type"));
        assertTrue((Long) get(j.json(), "inode") > 11);
    }

    @Test
    void catWritesTheBytes() throws IOException {
        for (Path img : images()) {
            assertArrayEquals(Files.readAllBytes(src.resolve("blob.bin")), runBytes("ext4", "cat", img, "/blob.bin"));
            assertArrayEquals("hello\nworld\n".getBytes(StandardCharsets.US_ASCII),
                    runBytes("ext4", "cat", img, "/link"));
            assertEquals(0, runBytes("ext4", "cat", img, "/empty").length);
            assertArrayEquals("unicode\n".getBytes(StandardCharsets.US_ASCII),
                    runBytes("ext4", "cat", img, "/sub/" + UNICODE));
        }
        Run j = run("ext4", "cat", "--json", raw, "/hello.txt");
        assertEquals("aGVsbG8Kd29ybGQK", get(j.json(), "content_base64"));
    }

    @Test
    void catOfAFolderOrAMissingFileSaysWhatToDo() {
        Run folder = run("ext4", "cat", raw, "/sub");
        assertEquals(2, folder.code(), folder::toString);
        assertTrue(folder.err().contains("is a folder; 'fwkit ext4 ls "), folder::toString);
        Run missing = run("ext4", "cat", raw, "/nope");
        assertEquals(1, missing.code(), missing::toString);
        assertTrue(missing.err().contains("/nope: no such file") && missing.err().contains("hint: 'fwkit ext4 ls"),
                missing::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void extractWritesTheSourceTree(int which) throws Exception {
        List<Path> imgs = images();
        Assumptions.assumeTrue(which < imgs.size());
        Path out = dir.resolve("out");
        Run r = run("ext4", "extract", imgs.get(which), out);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("5 files, ") && r.out().contains("1 symbolic link"), r::toString);
        assertSameTree(src, out);
        Run j = run("ext4", "extract", "--json", imgs.get(which), dir.resolve("out2"), "/sub");
        assertEquals(0, j.code(), j::toString);
        assertEquals(2L, get(j.json(), "files"));
        assertEquals("deep\n", Files.readString(dir.resolve("out2/deeper/note.txt")));
    }

    /** --threads picks the number of writers: one writer gives the same tree; 0 is a usage error. */
    @Test
    void extractThreadsOption() throws Exception {
        List<Path> imgs = images();
        Run one = run("ext4", "extract", "--threads", "1", imgs.get(0), dir.resolve("one"));
        assertEquals(0, one.code(), one::toString);
        assertSameTree(src, dir.resolve("one"));
        Run many = run("ext4", "extract", "--threads=8", imgs.get(0), dir.resolve("many"));
        assertEquals(0, many.code(), many::toString);
        assertSameTree(src, dir.resolve("many"));
        Run bad = run("ext4", "extract", "--threads", "0", imgs.get(0), dir.resolve("bad"));
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--threads takes 1 to 64"), bad::toString);
        assertFalse(Files.exists(dir.resolve("bad")), "nothing written on a usage error");
    }

    /** Every file, folder and link of {@code a} is in {@code b} with the same content (b may have lost+found). */
    static void assertSameTree(Path a, Path b) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(a)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path q = b.resolve(a.relativize(p).toString());
            if (Files.isSymbolicLink(p)) {
                assertEquals(Files.readSymbolicLink(p), Files.readSymbolicLink(q), q::toString);
            } else if (Files.isDirectory(p)) {
                assertTrue(Files.isDirectory(q), q::toString);
            } else {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(q), q::toString);
                assertEquals(Files.getLastModifiedTime(p).toMillis() / 1000,
                        Files.getLastModifiedTime(q).toMillis() / 1000, q::toString);
            }
        }
        assertTrue(Files.isDirectory(b.resolve("lost+found")));
    }

    @Test
    void checkIsCleanOnAFreshImage() {
        for (Path img : images()) {
            Run r = run("ext4", "check", img);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().endsWith("OK\n"), r::toString);
        }
        Run j = run("ext4", "check", "--json", raw);
        assertEquals(true, get(j.json(), "ok"));
        assertEquals(0L, get(j.json(), "errors"));
    }

    /** A copy of the image with one byte of hello.txt's inode changed (i_generation), so its checksum fails. */
    Path corruptInode() throws Exception {
        String debugfs = required("debugfs");
        Path img = Files.copy(raw, dir.resolve("bad.img"));
        String imap = exec(debugfs, "-R", "imap /hello.txt", img.toString());
        Matcher m = Pattern.compile("located at block (\\d+), offset 0x([0-9a-f]+)").matcher(imap);
        assertTrue(m.find(), imap);
        long at = Long.parseLong(m.group(1)) * 1024 + Long.parseLong(m.group(2), 16) + 0x64;
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        return img;
    }

    @Test
    void checkExitsThreeOnABadInodeChecksumAndReadingSuggestsLenient() throws Exception {
        Path bad = corruptInode();
        Run r = run("ext4", "check", bad);
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.out().contains("PROBLEMS: ") && r.err().contains("hint: 'fwkit ext4 extract --lenient"),
                r::toString);
        Run j = run("ext4", "check", "--json", bad);
        assertEquals(3, j.code(), j::toString);
        assertEquals(false, get(j.json(), "ok"));
        assertTrue((Long) get(j.json(), "errors") >= 1, j::toString);
        Run strict = run("ext4", "cat", bad, "/hello.txt");
        assertEquals(1, strict.code(), strict::toString);
        assertTrue(strict.err().contains("--lenient"), strict::toString);
        assertArrayEquals("hello\nworld\n".getBytes(StandardCharsets.US_ASCII),
                runBytes("ext4", "cat", "--lenient", bad, "/hello.txt"));
    }

    @Test
    void notExt4SaysToIdentify() throws IOException {
        Path rnd = CliTestSupport.write(dir.resolve("random.bin"), random(3, 1 << 20));
        for (String cmd : List.of("info", "ls", "check")) {
            Run r = run("ext4", cmd, rnd);
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("hint: this is not an ext2/3/4 file system image; 'fwkit identify"),
                    r::toString);
        }
        Run j = run("--json", "ext4", "info", rnd);
        assertEquals("format", get(j.json(), "error", "kind"));
        assertEquals(1L, get(j.json(), "error", "exit_code"));
    }

    @Test
    void anEmptyFlagFileIsExplainedAsAPlaceholder() throws IOException {
        Path empty = Files.createFile(dir.resolve("system.img.flag"));
        Run r = run("ext4", "extract", empty, dir.resolve("out"));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("0-byte placeholder") && r.err().contains("fwkit pac extract"), r::toString);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void usageErrorsExitTwo() {
        for (Object[] args : List.of(new Object[] {"ext4"}, new Object[] {"ext4", "ls"},
                new Object[] {"ext4", "stat", raw}, new Object[] {"ext4", "ls", "-x", raw},
                new Object[] {"ext4", "ls", raw, "/a", "/b"}, new Object[] {"ext4", "bogus"})) {
            Run r = run(args);
            assertEquals(2, r.code(), r::toString);
        }
        Run help = run("ext4", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("extract") && help.out().contains("check"), help::toString);
        assertTrue(run("--help").out().contains("ext4 "));
    }

    @Test
    void identifyShowsExt4DetailsInsideSparseAndFlagFiles() {
        Run r = run("identify", raw, flag);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("ext4: ext4, label \"system\""), r::toString);
        if (sparse != null) {
            Run s = run("--json", "identify", sparse);
            assertEquals("ext4", get(s.json(), "files", 0, "detections", 0, "contents", 0, "format"));
        }
    }

    @Test
    void everyJsonFieldIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("JSON.md"));
        int from = doc.indexOf("## `fwkit ext4");
        assertNotEquals(-1, from, "JSON.md has no ext4 section");
        String section = doc.substring(from);
        Path bad = tool("debugfs") != null ? corruptInode() : raw;
        List<Run> runs = List.of(
                run("--json", "ext4", "info", raw),
                run("--json", "ext4", "ls", "-R", raw),
                run("--json", "ext4", "stat", raw, "/link"),
                run("--json", "ext4", "cat", raw, "/hello.txt"),
                run("--json", "ext4", "extract", raw, dir.resolve("x")),
                run("--json", "ext4", "check", bad));
        Set<String> keys = new TreeSet<>();
        for (Run r : runs) {
            assertTrue(r.code() == 0 || r.code() == 3, r::toString);
            collect(r.json(), keys);
        }
        for (String k : keys) {
            assertTrue(section.contains("`" + k + "`") || section.contains("." + k + "`"), "JSON.md lacks " + k);
        }
    }

    private static void collect(Object v, Set<String> keys) {
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                keys.add((String) e.getKey());
                collect(e.getValue(), keys);
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                collect(o, keys);
            }
        }
    }
}
