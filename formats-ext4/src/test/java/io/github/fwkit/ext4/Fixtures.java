package io.github.fwkit.ext4;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Source trees and the ext2/3/4 images mke2fs builds from them, once per JVM and variant, under
 * {@code target/ext4-fixtures}. The tree has what the issue asks for: text, binary, empty and
 * pattern files, files with large holes (one deep enough for triple-indirect blocks on 1 KiB
 * ext2), short, long, absolute, dangling and directory symlinks, hard links, a 40-level path,
 * Unicode names, permissions with setuid and sticky bits, owners, fifos and devices (when
 * running as root), times before 1970 and after 2038, and a directory with many entries.
 */
public final class Fixtures {
    /** 2020-01-01T00:00:00Z: every file gets this time plus a small offset. */
    public static final long BASE_TIME = 1577836800L;
    public static final String UUID = "11111111-2222-3333-4444-555555555555";
    /** 2100-01-01T03:25:45Z, after the 32-bit seconds of ext4 run out. */
    public static final long AFTER_2038 = 4_102_444_800L + 12345;
    public static final String HASH_SEED = "66666666-7777-8888-9999-000000000000";

    private static final Path ROOT = Path.of("target", "ext4-fixtures").toAbsolutePath();
    private static final Map<String, Built> CACHE = new HashMap<>();

    private Fixtures() {
    }

    /**
     * How an image is made.
     *
     * @param name short name, also the folder name
     * @param type {@code ext2}, {@code ext3} or {@code ext4}
     * @param size image size for mke2fs, e.g. {@code 64M}
     * @param options extra mke2fs options
     * @param many entries in {@code /many}
     * @param holes whether the tree has sparse and zero files (not with inline_data on Debian's
     *     mke2fs 1.47.0, which mishandles them: spec section 15)
     * @param after2038 whether a file has a date after 2038 (not with 128-byte inodes)
     * @param htree run {@code e2fsck -fyD} after building, to turn large directories into htrees
     * @param androidConfig use Android's mke2fs.conf (spec section 13)
     * @param xattrBlockValue size of a {@code user.big} attribute to force into an xattr block,
     *     0 for none
     */
    public record Variant(String name, String type, String size, List<String> options, int many, boolean holes,
                          boolean after2038, boolean htree, boolean androidConfig, int xattrBlockValue) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A built image and the tree it came from. */
    public record Built(Variant variant, Path source, Path image, Path sparse) {
    }

    /** All variants, or those named in the system property {@code ext4.variants} (comma-separated), for quick runs. */
    public static List<Variant> variants() {
        String only = System.getProperty("ext4.variants", "");
        List<Variant> all = allVariants();
        return only.isEmpty() ? all : all.stream().filter(v -> List.of(only.split(",")).contains(v.name())).toList();
    }

    private static List<Variant> allVariants() {
        return List.of(
                new Variant("ext4-4k", "ext4", "64M", List.of("-b", "4096"), 3000, true, true, false, false, 2000),
                new Variant("ext4-1k", "ext4", "64M", List.of("-b", "1024"), 1500, true, true, false, false, 700),
                new Variant("ext4-htree", "ext4", "64M", List.of("-b", "1024"), 10050, true, true, true, false, 700),
                new Variant("ext4-32bit-gdtcsum", "ext4", "64M",
                        List.of("-b", "4096", "-O", "^metadata_csum,uninit_bg,^64bit"), 500, true, true, false, false,
                        2000),
                new Variant("ext4-blockmap", "ext4", "64M", List.of("-b", "4096", "-O", "^extent,^64bit"), 500, true,
                        true, false, false, 2000),
                new Variant("ext4-inline", "ext4", "64M", List.of("-b", "4096", "-O", "inline_data"), 300, false, true,
                        false, false, 2000),
                new Variant("ext4-metabg", "ext4", "64M",
                        List.of("-b", "1024", "-g", "1024", "-O", "meta_bg,^resize_inode"), 300,
                        true, true, false, false, 700),
                new Variant("ext4-bigalloc", "ext4", "64M", List.of("-b", "4096", "-O", "bigalloc", "-C", "16384"), 300,
                        true, true, false, false, 2000),
                new Variant("ext4-csumseed", "ext4", "64M", List.of("-b", "4096", "-O", "metadata_csum_seed"), 300,
                        true, true, false, false, 2000),
                new Variant("ext4-64k", "ext4", "64M", List.of("-F", "-b", "65536"), 300, true, true, false, false,
                        20000),
                new Variant("ext2", "ext2", "128M", List.of("-b", "1024"), 500, true, false, false, false, 700),
                new Variant("ext3", "ext3", "64M", List.of(), 500, true, false, false, false, 700),
                new Variant("android", "ext4", "64M", List.of("-b", "4096", "-I", "128", "-O", "^has_journal", "-M",
                        "/system", "-L", "system"), 500, true, false, false, true, 2000));
    }

    public static Variant variant(String name) {
        return allVariants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /** Builds (once per JVM) the image of a variant. Skips the test when e2fsprogs is missing. */
    public static synchronized Built build(Variant v) throws IOException {
        String mke2fs = Tools.require("mke2fs");
        Built b = CACHE.get(v.name());
        if (b != null) {
            return b;
        }
        Path dir = ROOT.resolve(v.name());
        deleteTree(dir);
        Files.createDirectories(dir);
        Path src = dir.resolve("src");
        makeTree(src, v);
        Path img = dir.resolve("fs.img");
        List<Object> args = new ArrayList<>(List.of("-q", "-t", v.type(), "-U", UUID, "-E", "hash_seed=" + HASH_SEED));
        args.addAll(v.options());
        args.addAll(List.of("-d", src, img, v.size()));
        Map<String, String> env = new HashMap<>();
        env.put("E2FSPROGS_FAKE_TIME", Long.toString(BASE_TIME));
        if (v.androidConfig()) {
            Path conf = dir.resolve("mke2fs.conf");
            Files.writeString(conf, ANDROID_CONF);
            env.put("MKE2FS_CONFIG", conf.toString());
        }
        Tools.Run r = Tools.run(env, "mke2fs", args.toArray());
        if (r.exit() != 0) {
            throw new AssertionError("mke2fs " + args + " failed: " + r.output());
        }
        if (v.xattrBlockValue() > 0) {
            Path val = dir.resolve("xattr-value");
            Files.writeString(val, "v".repeat(v.xattrBlockValue() - 8) + "-the-end");
            debugfsWrite(img, "ea_set /hello.txt user.comment hello-xattr");
            debugfsWrite(img, "ea_set -f " + val + " /bin/random.bin user.big");
            debugfsWrite(img, "ea_set /text trusted.dir-attr on-a-directory");
        }
        if (v.after2038()) {
            // Debian's mke2fs 1.47.0 -d stores only the low 32 bits of the seconds (a 2100 date
            // becomes 1963); debugfs sets the epoch bits of i_mtime_extra properly.
            debugfsWrite(img, "sif /perm/readonly mtime @" + AFTER_2038);
            debugfsWrite(img, "sif /perm/readonly atime @" + (AFTER_2038 + 1));
            // Nanoseconds (mke2fs -d copies whole seconds only).
            debugfsWrite(img, "sif /hello.txt mtime_extra 0x12345678");
        }
        if (v.htree()) {
            Tools.run("e2fsck", "-fyD", img);
        }
        Path sparse = null;
        if (Tools.find("img2simg") != null) {
            sparse = dir.resolve("fs.simg");
            Tools.check("img2simg", img, sparse);
        }
        b = new Built(v, src, img, sparse);
        CACHE.put(v.name(), b);
        assert mke2fs != null;
        return b;
    }

    private static void debugfsWrite(Path img, String cmd) throws IOException {
        Tools.Run r = Tools.run("debugfs", "-w", "-R", cmd, img);
        if (r.output().contains("while") || r.output().contains("rror")) {
            throw new AssertionError("debugfs " + cmd + ": " + r.output());
        }
    }

    /** The names in {@code /many}. */
    public static String manyName(int i) {
        return String.format("entry-with-a-longish-name-%05d", i);
    }

    static void makeTree(Path src, Variant v) throws IOException {
        Random rnd = new Random(42);
        Files.createDirectories(src);
        write(src.resolve("hello.txt"), "hello, ext4\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(src.resolve("text"));
        StringBuilder lorem = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            lorem.append("Line ").append(i).append(": lorem ipsum dolor sit amet, consectetur adipiscing elit.\n");
        }
        write(src.resolve("text/lorem.txt"), lorem.toString().getBytes(StandardCharsets.UTF_8));
        write(src.resolve("text/tiny"), "x".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(src.resolve("bin"));
        write(src.resolve("bin/random.bin"), random(rnd, 300_000));
        write(src.resolve("bin/big.bin"), random(rnd, 3_000_000));
        byte[] pattern = new byte[1 << 20];
        for (int i = 0; i < pattern.length; i += 4) {
            pattern[i] = (byte) 0xDE;
            pattern[i + 1] = (byte) 0xAD;
            pattern[i + 2] = (byte) 0xBE;
            pattern[i + 3] = (byte) 0xEF;
        }
        write(src.resolve("bin/pattern.bin"), pattern);
        if (v.holes()) {
            write(src.resolve("empty"), new byte[0]);
            Files.createDirectories(src.resolve("sparse"));
            try (RandomAccessFile f = new RandomAccessFile(src.resolve("sparse/holey").toFile(), "rw")) {
                f.write(random(rnd, 4096));
                f.seek(8L << 20);
                f.write(random(rnd, 4096));
                f.setLength(12L << 20);
            }
            // Data past 64.3 MiB: triple-indirect blocks with 1 KiB ext2 blocks.
            try (RandomAccessFile f = new RandomAccessFile(src.resolve("sparse/far").toFile(), "rw")) {
                f.seek(70L << 20);
                f.write(random(rnd, 1000));
            }
            write(src.resolve("sparse/zeros"), new byte[100_000]);
        }
        Files.createDirectories(src.resolve("links"));
        Files.createSymbolicLink(src.resolve("links/short"), Path.of("../hello.txt"));
        Files.createSymbolicLink(src.resolve("links/long"), Path.of("../" + "long-target-component/".repeat(6)
                + "file"));
        Files.createSymbolicLink(src.resolve("links/abs"), Path.of("/hello.txt"));
        Files.createSymbolicLink(src.resolve("links/dangling"), Path.of("does/not/exist"));
        Files.createSymbolicLink(src.resolve("links/dir"), Path.of("../text"));
        Files.createDirectories(src.resolve("hard"));
        write(src.resolve("hard/one"), "linked three times\n".getBytes(StandardCharsets.UTF_8));
        Files.createLink(src.resolve("hard/two"), src.resolve("hard/one"));
        Files.createLink(src.resolve("text/three"), src.resolve("hard/one"));
        Path deep = src.resolve("deep");
        for (int i = 1; i <= 40; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        write(deep.resolve("leaf.txt"), "deep leaf\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(src.resolve("unicode"));
        for (String n : List.of("héllo wörld.txt", "日本語のファイル.txt", "emoji-😀.txt", "Ünïcödé")) {
            write(src.resolve("unicode").resolve(n), n.getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(src.resolve("perm"));
        perm(write(src.resolve("perm/exec.sh"), "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)), "rwxr-xr-x");
        perm(write(src.resolve("perm/secret"), "s".getBytes(StandardCharsets.UTF_8)), "rw-------");
        perm(write(src.resolve("perm/readonly"), "r".getBytes(StandardCharsets.UTF_8)), "r--r--r--");
        Path setuid = write(src.resolve("perm/setuid"), "u".getBytes(StandardCharsets.UTF_8));
        Files.setAttribute(setuid, "unix:mode", 04755);
        Path sticky = Files.createDirectories(src.resolve("perm/sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.createDirectories(src.resolve("owners"));
            Path a = write(src.resolve("owners/u1000"), "a".getBytes(StandardCharsets.UTF_8));
            Files.setAttribute(a, "unix:uid", 1000);
            Files.setAttribute(a, "unix:gid", 1000);
            Path b = write(src.resolve("owners/big-ids"), "b".getBytes(StandardCharsets.UTF_8));
            Files.setAttribute(b, "unix:uid", 123456);
            Files.setAttribute(b, "unix:gid", 654321);
            Files.createDirectories(src.resolve("special"));
            Tools.run("mkfifo", src.resolve("special/fifo"));
            Tools.run("mknod", src.resolve("special/null"), "c", "1", "3");
            Tools.run("mknod", src.resolve("special/loop"), "b", "7", "300");
        }
        Files.createDirectories(src.resolve("many"));
        for (int i = 0; i < v.many(); i++) {
            Files.write(src.resolve("many").resolve(manyName(i)), i % 7 == 0 ? new byte[0]
                    : Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
        // Times last: creating entries changes their folders' mtimes.
        List<Path> all;
        try (Stream<Path> s = Files.walk(src)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        int i = 0;
        for (Path p : all) {
            long t = BASE_TIME + (i++ % 1000) * 3601L;
            setTimes(p, t);
        }
        setTimes(src.resolve("text/tiny"), -86_400L * 365);
        if (v.after2038()) {
            setTimes(src.resolve("perm/readonly"), AFTER_2038);
        }
    }

    private static void setTimes(Path p, long t) throws IOException {
        if (!Files.isSymbolicLink(p) && !Files.isDirectory(p) && !Files.isRegularFile(p)) {
            // Java opens the file to set its times, and opening a fifo blocks: let touch do it.
            Tools.check("touch", "-h", "-m", "-d", "@" + t, p);
            Tools.check("touch", "-h", "-a", "-d", "@" + (t + 1), p);
            return;
        }
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(java.time.Instant.ofEpochSecond(t)),
                FileTime.from(java.time.Instant.ofEpochSecond(t + 1)), null);
    }

    private static Path write(Path p, byte[] data) throws IOException {
        return Files.write(p, data);
    }

    private static void perm(Path p, String rwx) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(rwx));
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    p.toFile().setWritable(true);
                }
                Files.delete(p);
            }
        }
    }

    /** Android's mke2fs.conf (AOSP system/extras ext4_utils/mke2fs.conf), spec section 13. */
    static final String ANDROID_CONF = """
            [defaults]
                base_features = sparse_super,large_file,filetype,dir_index,ext_attr
                default_mntopts = acl,user_xattr
                enable_periodic_fsck = 0
                blocksize = 4096
                inode_size = 256
                inode_ratio = 16384
                reserved_ratio = 1.0

            [fs_types]
                ext3 = {
                    features = has_journal
                }
                ext4 = {
                    features = ext_attr,^resize_inode,^has_journal,extents,huge_file,flex_bg,uninit_bg,dir_nlink,sparse_super
                    inode_size = 128
                    inode_ratio = 20480
                    hash_alg = half_md4
                }
            """;
}
