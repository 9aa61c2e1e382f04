package io.github.fwkit.ext4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check()'s pass-5 comparison of the bitmaps with what is in use: bits flipped in a clean image
 * (without metadata_csum, so no bitmap checksum gives the damage away) are found, and e2fsck -fn
 * disagrees with the image too.
 */
class BitmapCheckTest {
    @TempDir
    Path tmp;

    @Test
    void flippedBitmapBitsAreFoundAsE2fsckFindsThem() throws IOException {
        Tools.require("mke2fs");
        Tools.require("e2fsck");
        Tools.require("debugfs");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("data.bin"), new byte[200_000]);
        Files.writeString(src.resolve("small.txt"), "small");
        Path img = tmp.resolve("fs.img");
        Tools.check("mke2fs", "-q", "-t", "ext4", "-b", "4096", "-O", "^metadata_csum", "-d", src, img, "16M");
        assertEquals(0, Tools.run("e2fsck", "-fn", img).exit());
        long dataBlock;
        long bitmapBlock;
        long lastBlock;
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            assertEquals(List.of(), vol.check().findings(), "clean before the flips");
            lastBlock = vol.info().blocksCount() - 1;
        }
        dataBlock = Long.parseLong(Tools.check("debugfs", "-R", "bmap /data.bin 10", img).lines()
                .filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
        Matcher m = Pattern.compile("Block bitmap at (\\d+)").matcher(Tools.check("dumpe2fs", img));
        assertTrue(m.find());
        bitmapBlock = Long.parseLong(m.group(1));
        // All in group 0 (32768 blocks per group): clear the data block's bit, set the last block's.
        flip(img, bitmapBlock * 4096 + dataBlock / 8, (int) (dataBlock % 8));
        flip(img, bitmapBlock * 4096 + lastBlock / 8, (int) (lastBlock % 8));
        // and mark a free inode (inode 100; the image uses about 13) in use
        Matcher im = Pattern.compile("Inode bitmap at (\\d+)").matcher(Tools.check("dumpe2fs", img));
        assertTrue(im.find());
        flip(img, Long.parseLong(im.group(1)) * 4096 + 99 / 8, 99 % 8);

        Tools.Run fsck = Tools.run("e2fsck", "-fn", img);
        assertNotEquals(0, fsck.exit(), fsck.output());
        assertTrue(fsck.output().contains("Block bitmap differences"), fsck.output());
        assertTrue(fsck.output().contains("Inode bitmap differences"), fsck.output());

        try (Ext4Volume vol = Ext4Volume.open(img)) {
            CheckReport r = vol.check();
            List<Finding> blocks = r.findings().stream().filter(f -> f.code().equals("block-bitmap")).toList();
            assertEquals(2, blocks.size(), r.findings().toString());
            assertTrue(blocks.stream().anyMatch(f -> f.block() == dataBlock && f.message().contains("marked free")),
                    blocks.toString());
            assertTrue(blocks.stream().anyMatch(f -> f.block() == lastBlock && f.message().contains("used by nothing")),
                    blocks.toString());
            List<Finding> inodes = r.findings().stream().filter(f -> f.code().equals("inode-bitmap")).toList();
            assertEquals(1, inodes.size(), r.findings().toString());
            assertEquals(100, inodes.get(0).inode());
        }
    }

    /**
     * A group marked BLOCK_UNINIT has no block bitmap to read; blocks that files own there are the
     * difference e2fsck reports as "block(s) in use but group is marked BLOCK_UNINIT".
     */
    @Test
    void blocksInUseInABlockUninitGroupAreFound() throws IOException {
        Tools.require("mke2fs");
        Tools.require("e2fsck");
        Tools.require("debugfs");
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] data = new byte[6_000_000];
        new java.util.Random(1).nextBytes(data);
        Files.write(src.resolve("big.bin"), data);
        Path img = tmp.resolve("fs.img");
        // 4 groups of 1024 blocks: the file fills group 0 and runs into group 1
        Tools.check("mke2fs", "-q", "-t", "ext4", "-b", "4096", "-g", "1024", "-d", src, img, "16M");
        try (Ext4Volume vol = Ext4Volume.open(img)) {
            assertEquals(List.of(), vol.check().findings(), "clean before");
        }
        // INODE_UNINIT | BLOCK_UNINIT | ITABLE_ZEROED, then a valid descriptor checksum again
        Tools.check("debugfs", "-w", "-n", "-R", "set_bg 1 flags 7", img);
        Tools.check("debugfs", "-w", "-n", "-R", "set_bg 1 checksum calc", img);
        Tools.Run fsck = Tools.run("e2fsck", "-fn", img);
        assertTrue(fsck.output().contains("in use but group is marked BLOCK_UNINIT"), fsck.output());

        try (Ext4Volume vol = Ext4Volume.open(img)) {
            List<Finding> f = vol.check().findings();
            assertEquals(List.of("block-bitmap"), f.stream().map(Finding::code).toList(), f.toString());
            assertTrue(f.get(0).message().contains("group 1 is marked BLOCK_UNINIT"), f.toString());
            assertTrue(f.get(0).block() >= 1024 && f.get(0).block() < 2048, f.toString());
        }
    }

    private static void flip(Path img, long offset, int bit) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ (1 << bit));
        }
    }
}
