package io.github.fwkit.ext4;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.Extent;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.Formats;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Features and situations the main variants do not cover, each on an image made for it with
 * mke2fs and debugfs: preallocated (uninitialised) extents, a depth-2 extent tree, ea_inode
 * values, encrypted inodes, a journal needing recovery, shared_blocks, casefolded lookups,
 * images shorter or longer than their file system, and a volume inside a larger image.
 */
class SpecialCasesTest {
    @TempDir
    Path tmp;

    private Path mkfs(String name, Path src, String size, String... options) throws IOException {
        Path img = tmp.resolve(name + ".img");
        List<Object> args = new ArrayList<>(List.of("-q", "-t", "ext4", "-U", Fixtures.UUID));
        args.addAll(List.of(options));
        args.addAll(List.of("-d", src, img, size));
        Tools.check("mke2fs", args.toArray());
        return img;
    }

    private static void debugfsW(Path img, String cmd) throws IOException {
        Tools.check("debugfs", "-w", "-R", cmd, img);
    }

    private Path tree() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("hello"), "hello\n");
        Files.write(src.resolve("prealloc"), new byte[0]);
        Files.createDirectories(src.resolve("cf"));
        Files.writeString(src.resolve("cf/Lorem.TXT"), "lorem\n");
        return src;
    }

    @Test
    void uninitialisedExtentsReadAsZeros() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("prealloc", tree(), "16M", "-b", "4096");
        debugfsW(img, "sif /prealloc size 40960");
        debugfsW(img, "fallocate /prealloc 0 9");
        // Past i_size, as with fallocate --keep-size.
        debugfsW(img, "fallocate /hello 5 8");
        assertEquals(0, Tools.run("e2fsck", "-fn", img).exit());
        try (Ext4Volume vol = Ext4Volume.open(img); ImageReader r = vol.open("/prealloc")) {
            assertEquals(40960, r.size());
            assertArrayEquals(new byte[40960], r.readBytes(0, 40960));
            assertEquals(List.of(new Extent(0, 40960, Extent.Kind.ZERO)), r.extents());
            assertEquals("hello\n", new String(vol.open("/hello").readBytes(0, 6), StandardCharsets.US_ASCII));
            assertEquals(6, vol.open("/hello").size());
            assertTrue(vol.check().isClean(), vol.check().toString());
        }
    }

    @Test
    void depthTwoExtentTree() throws IOException {
        Tools.require("mke2fs");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path f = src.resolve("fragmented");
        Random rnd = new Random(7);
        byte[] expected = new byte[2400 * 1024];
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            for (int i = 0; i < 1200; i++) {
                byte[] blk = new byte[1024];
                rnd.nextBytes(blk);
                System.arraycopy(blk, 0, expected, i * 2048, 1024);
                raf.seek(i * 2048L);
                raf.write(blk);
            }
            raf.setLength(expected.length);
        }
        Path img = mkfs("depth2", src, "16M", "-b", "1024");
        String ex = Tools.check("debugfs", "-R", "ex /fragmented", img);
        assertTrue(ex.contains(" 2/ 2 "), "expected a depth-2 tree: " + ex);
        try (Ext4Volume vol = Ext4Volume.open(img); ImageReader r = vol.open("/fragmented")) {
            assertArrayEquals(expected, r.readBytes(0, expected.length));
            long data = r.extents().stream().filter(e -> e.kind() == Extent.Kind.DATA).mapToLong(Extent::length).sum();
            assertEquals(1200 * 1024, data);
            assertEquals(List.of(), vol.check().findings());
        }
    }

    @Test
    void valueInAnEaInode() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("eainode", tree(), "16M", "-b", "4096", "-O", "ea_inode");
        byte[] value = new byte[6000];
        new Random(3).nextBytes(value);
        Path v = Files.write(tmp.resolve("value"), value);
        debugfsW(img, "ea_set -f " + v + " /hello user.huge");
        // debugfs 1.47.0 reads at most 4096 bytes of the file; ask it what it stored.
        Path got = tmp.resolve("got");
        Tools.check("debugfs", "-R", "ea_get -f " + got + " /hello user.huge", img);
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            Xattr x = vol.xattrs("/hello").stream().filter(a -> a.name().equals("user.huge")).findFirst().orElseThrow();
            assertArrayEquals(Files.readAllBytes(got), x.value());
            assertTrue(x.size() >= 4096, x.toString());
        }
    }

    @Test
    void encryptedInodesAreListedButNotRead() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("encrypt", tree(), "16M", "-b", "4096", "-O", "encrypt");
        debugfsW(img, "sif /hello flags 0x80800");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            Stat s = vol.lookup("/hello");
            assertTrue(s.isEncrypted());
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> vol.open("/hello"));
            assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
            ExtractResult r = vol.extract("/", tmp.resolve("out"));
            assertEquals(1, r.errors(), r.notes().toString());
            assertTrue(r.notes().get(0).message().contains("encrypted"));
        }
    }

    @Test
    void journalNeedingRecoveryIsAWarning() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("recover", tree(), "16M", "-b", "4096");
        debugfsW(img, "feature needs_recovery");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            assertTrue(vol.info().warnings().toString().contains("recovery"), vol.info().toString());
            assertEquals("hello\n", new String(vol.open("/hello").readBytes(0, 6), StandardCharsets.US_ASCII));
            CheckReport r = vol.check();
            assertTrue(r.isClean());
            assertEquals(Finding.Severity.WARNING, r.findings().get(0).severity());
        }
    }

    @Test
    void sharedBlocksAreFine() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("shared", tree(), "16M", "-b", "4096");
        debugfsW(img, "feature shared_blocks");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            assertTrue(vol.info().hasFeature("shared_blocks"));
            assertEquals(List.of(), vol.check().findings());
        }
    }

    @Test
    void casefoldedDirectoriesIgnoreCaseInLookups() throws IOException {
        Tools.require("mke2fs");
        Path img = mkfs("casefold", tree(), "16M", "-b", "4096", "-O", "casefold");
        debugfsW(img, "sif /cf flags 0x40080000");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            long ino = vol.lookup("/cf/Lorem.TXT").inode();
            assertEquals(ino, vol.lookup("/cf/lorem.txt").inode());
            assertEquals(ino, vol.lookup("/cf/LOREM.txt").inode());
            assertThrows(java.nio.file.NoSuchFileException.class, () -> vol.lookup("/HELLO"));
        }
    }

    @Test
    void shortImageIsRefusedStrictlyAndReadLeniently() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-4k"));
        byte[] all = Files.readAllBytes(b.image());
        Path cut = Files.write(tmp.resolve("cut.img"), java.util.Arrays.copyOf(all, all.length / 2));
        FormatException e = assertThrows(FormatException.class, () -> Ext4Volume.open(cut));
        assertTrue(e.getMessage().contains("leniently"), e.getMessage());
        try (Ext4Volume vol = Ext4Volume.open(cut, Ext4Options.LENIENT)) {
            assertTrue(vol.info().warnings().toString().contains("missing blocks read as zeros"));
            assertEquals("hello, ext4\n", new String(vol.open("/hello.txt").readBytes(0, 12),
                    StandardCharsets.US_ASCII));
            vol.walk("/", (p, en, s) -> java.nio.file.FileVisitResult.CONTINUE);
        }
    }

    /** Android partition images carry verity data and an AVB footer after the file system. */
    @Test
    void dataAfterTheFileSystemIsIgnored() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("android"));
        byte[] all = Files.readAllBytes(b.image());
        byte[] longer = java.util.Arrays.copyOf(all, all.length + (1 << 20));
        java.util.Arrays.fill(longer, all.length, longer.length, (byte) 0xA5);
        Path p = Files.write(tmp.resolve("system.img"), longer);
        try (Ext4Volume vol = Ext4Volume.open(p)) {
            assertEquals(all.length, vol.info().filesystemBytes());
            assertEquals(longer.length, vol.info().imageBytes());
            assertEquals("/system", vol.info().lastMounted());
            assertEquals("system", vol.info().label());
            assertTrue(vol.check().isClean());
        }
        Detection d = Formats.detect(p).get(0);
        assertEquals("ext4", d.format());
        assertTrue(d.summary().contains("1.0 MiB after the file system"), d.summary());
        assertTrue(d.summary().contains("last mounted on \"/system\""), d.summary());
    }

    /** A volume inside a larger image (a partition, a container entry) through a slice. */
    @Test
    void volumeInASlice() throws IOException {
        Fixtures.Built b = Fixtures.build(Fixtures.variant("ext4-1k"));
        byte[] fs = Files.readAllBytes(b.image());
        byte[] disk = new byte[fs.length + 3 * 512 * 1024];
        System.arraycopy(fs, 0, disk, 1 << 20, fs.length);
        try (ImageReader r = ImageReader.of(disk);
             Ext4Volume vol = Ext4Volume.open(r.slice(1 << 20, fs.length))) {
            assertEquals("hello, ext4\n", new String(vol.open("/hello.txt").readBytes(0, 12),
                    StandardCharsets.US_ASCII));
            assertTrue(vol.check().isClean());
        }
    }

    @Test
    void notExt4() {
        assertThrows(FormatException.class, () -> Ext4Volume.open(ImageReader.of(new byte[4096])));
        assertThrows(FormatException.class, () -> Ext4Volume.open(ImageReader.of(new byte[100])));
    }
}
