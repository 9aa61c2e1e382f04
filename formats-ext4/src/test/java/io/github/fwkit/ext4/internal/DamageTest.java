package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.CheckReport;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.Finding;
import io.github.fwkit.ext4.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One byte flipped in each checksummed structure of a valid image: strict reading refuses
 * (naming the structure), lenient reading goes on, and {@code check()} reports a finding with the
 * right code and location. Where e2fsck is installed it must agree that the image is damaged.
 */
class DamageTest {
    @TempDir
    Path tmp;

    enum Target {
        SUPERBLOCK("superblock-checksum"),
        DESCRIPTOR("descriptor-checksum"),
        BLOCK_BITMAP("block-bitmap-checksum"),
        INODE_BITMAP("inode-bitmap-checksum"),
        INODE("inode-checksum"),
        EXTENT_BLOCK("extent-block-checksum"),
        DIR_LEAF("dir-block-checksum"),
        HTREE_NODE("htree-checksum"),
        XATTR_BLOCK("xattr-block-checksum");

        final String code;

        Target(String code) {
            this.code = code;
        }
    }

    /** The byte to flip for a target in base-a, and the inode concerned (0 if none). */
    private static long[] where(Target t, byte[] img) throws IOException {
        try (Fs fs = Fs.open(ImageReader.of(img), Ext4Options.STRICT, false)) {
            int bs = fs.blockSize;
            long hello = fs.resolve("/hello", false);
            long frag = fs.resolve("/frag", false);
            long dir = fs.resolve("/dir", false);
            long big = fs.resolve("/big", false);
            return switch (t) {
                // s_volume_name: no reader check depends on it, only the checksum.
                case SUPERBLOCK -> new long[] {1024 + 0x78, 0};
                // bg_free_inodes_count of group 0.
                case DESCRIPTOR -> new long[] {fs.groups.offset[0] + 0x0E, 0};
                case BLOCK_BITMAP -> new long[] {fs.groups.blockBitmap[0] * bs + 3, 0};
                case INODE_BITMAP -> new long[] {fs.groups.inodeBitmap[0] * bs + 1, 0};
                // i_atime: only the checksum covers it.
                case INODE -> new long[] {fs.inodeOffset(hello) + 0x08, hello};
                case EXTENT_BLOCK -> new long[] {BlockMaps.mapBlocks(fs, fs.inode(frag)).iterator().next() * bs + 8,
                        frag};
                // A byte of the name of the first real entry ("." is at 0, ".." at 12).
                case DIR_LEAF -> new long[] {fs.runs(fs.inode(dir), Reporter.IGNORE).physical(0) * bs + 24 + 8,
                        dir};
                // dt_reserved of the htree root's tail (8 bytes before the block's end): covered by
                // the checksum, checked by nothing else.
                case HTREE_NODE -> new long[] {fs.runs(fs.inode(big), Reporter.IGNORE).physical(0) * bs + bs - 8, big};
                case XATTR_BLOCK -> new long[] {fs.inode(hello).fileAcl * bs + 0x40, hello};
            };
        }
    }

    static byte[] baseA() {
        return HostileProperties.base("base-a").bytes().clone();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void flippedByteIsFoundAndNamed(Target t) throws IOException {
        byte[] img = baseA();
        long[] w = where(t, img);
        img[(int) w[0]] ^= 0x01;

        CheckReport report;
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            report = vol.check();
        }
        List<Finding> hits = report.findings().stream().filter(f -> f.code().equals(t.code)).toList();
        assertEquals(1, hits.size(), report.findings().toString());
        Finding f = hits.get(0);
        assertEquals(Finding.Severity.ERROR, f.severity());
        assertEquals(w[1], f.inode(), f.toString());
        assertTrue(f.offset() >= 0 && Math.abs(f.offset() - w[0]) < 4096, f + " vs 0x" + Long.toHexString(w[0]));
        // A flipped bitmap bit is also a pass-5 difference (as e2fsck reports it too), and only that.
        boolean bitmap = t == Target.BLOCK_BITMAP || t == Target.INODE_BITMAP;
        long others = report.errors().stream().filter(x -> !x.code().equals(t.code)).filter(x -> !bitmap
                || !x.code().equals(t == Target.BLOCK_BITMAP ? "block-bitmap" : "inode-bitmap")).count();
        assertEquals(0, others, report.findings().toString());

        // Strict reading refuses wherever the structure is read.
        FormatException e = assertThrows(FormatException.class, () -> {
            try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
                vol.walk("/", (p, en, s) -> {
                    vol.xattrs(s.inode());
                    if (s.isRegularFile()) {
                        vol.open(s.inode()).readBytes(0, (int) Math.min(s.size(), 1 << 16));
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                });
                if (t == Target.BLOCK_BITMAP || t == Target.INODE_BITMAP) {
                    // The reader never needs bitmaps; only check() looks at them.
                    throw new FormatException("ext4", -1, "", "bitmaps are not read");
                }
            }
        });
        assertTrue(e.getMessage().contains("checksum") || t == Target.BLOCK_BITMAP || t == Target.INODE_BITMAP,
                e.getMessage());

        if (Tools.find("e2fsck") != null) {
            Path p = tmp.resolve("damaged.img");
            Files.write(p, img);
            Tools.Run fsck = Tools.run("e2fsck", "-fn", p);
            assertNotEquals(0, fsck.exit(), "e2fsck does not see the damage: " + fsck.output());
        }
    }

    @Test
    void undamagedBaseIsClean() throws IOException {
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(baseA()))) {
            CheckReport r = vol.check();
            assertEquals(List.of(), r.findings());
            assertTrue(r.directoriesChecked() >= 4 && r.inodesChecked() > 100, r.toString());
        }
    }

    /** Two index levels where the root says one: the htree structure check sees it, and so does e2fsck. */
    @Test
    void htreeLevelsAreChecked() throws IOException {
        byte[] img = baseA();
        try (Fs fs = Fs.open(ImageReader.of(img.clone()), Ext4Options.STRICT, false)) {
            long big = fs.resolve("/big", false);
            long at = fs.runs(fs.inode(big), Reporter.IGNORE).physical(0) * fs.blockSize + 0x1E;
            img[(int) at] = 1;
        }
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            List<String> codes = vol.check().findings().stream().map(Finding::code).toList();
            assertTrue(codes.contains("htree"), codes.toString());
            assertTrue(codes.contains("htree-checksum"), codes.toString());
            // Listing does not need the index: a linear scan still finds every name.
            assertEquals(90, vol.list("/big").size());
        }
        if (Tools.find("e2fsck") != null) {
            Path p = Files.write(tmp.resolve("htree.img"), img);
            assertNotEquals(0, Tools.run("e2fsck", "-fn", p).exit());
        }
    }

    /** base-c (ext2, no checksums): a wrong link count is a structural finding, as in e2fsck's pass 4. */
    @Test
    void wrongLinkCountIsFound() throws IOException {
        byte[] img = HostileProperties.base("base-c").bytes().clone();
        long ino;
        try (Fs fs = Fs.open(ImageReader.of(img), Ext4Options.STRICT, false)) {
            ino = fs.resolve("/hello", false);
            int at = (int) fs.inodeOffset(ino) + 0x1A;
            assertEquals(2, img[at]);
            img[at] = 3;
        }
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            CheckReport r = vol.check();
            assertEquals(List.of("link-count"), r.findings().stream().map(Finding::code).toList(), r.toString());
            assertEquals(ino, r.findings().get(0).inode());
        }
    }
}
