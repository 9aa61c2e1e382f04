package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.ext4.CheckReport;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.ExtractResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile structures built on purpose from the committed base images: each defence named
 * (loops, out-of-range blocks, absurd sizes, nesting). Counterexamples that
 * {@link HostileProperties} shrinks go here too, as {@code crash<seed>} tests with their
 * mutations. base-a has checksums, so its cases are read leniently (checksums not verified) to
 * reach the structure behind them.
 */
class HostileRegressionTest {
    @TempDir
    Path tmp;

    /**
     * Found in review: the recent-inode cache keeps a copy of each inode, and an image may declare
     * 32 KiB inodes (mke2fs -b 65536 -I 32768): 4096 slots held 128 MiB, and {@code ls -lR} of a
     * folder of 4500 files ran out of a 100 MiB heap. The cache is now bounded in bytes.
     */
    @Test
    void recentInodeCacheIsBoundedInBytes() {
        for (int size = 128; size <= 65536; size <<= 1) {
            int slots = Fs.recentSlots(size);
            assertTrue(Integer.bitCount(slots) == 1, "power of two: " + slots);
            assertTrue((long) slots * size <= Fs.RECENT_BYTES, size + "-byte inodes: " + slots + " slots");
            assertTrue(slots >= 64, size + "-byte inodes: " + slots + " slots");
        }
        assertEquals(4096, Fs.recentSlots(256));
    }

    private static byte[] base(String name) {
        return HostileProperties.base(name).bytes().clone();
    }

    private static void put32(byte[] b, long off, long v) {
        Le.put32(b, (int) off, (int) v);
    }

    private static void put16(byte[] b, long off, int v) {
        b[(int) off] = (byte) v;
        b[(int) off + 1] = (byte) (v >>> 8);
    }

    private interface Edit {
        void apply(Fs fs, byte[] img) throws IOException;
    }

    private static byte[] edit(String base, Edit e) throws IOException {
        byte[] img = base(base);
        try (Fs fs = Fs.open(ImageReader.of(img.clone()), Ext4Options.LENIENT, false)) {
            e.apply(fs, img);
        }
        return img;
    }

    /** Everything the hostile properties do; returns the messages of what failed. */
    private List<String> exercise(byte[] img) throws IOException {
        List<String> failures = new ArrayList<>();
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            vol.walk("/", new io.github.fwkit.ext4.WalkVisitor() {
                @Override
                public FileVisitResult visit(String p, io.github.fwkit.ext4.DirEntry e, io.github.fwkit.ext4.Stat s) {
                    try {
                        if (s.isRegularFile()) {
                            ImageReader r = vol.open(s.inode());
                            r.readBytes(0, (int) Math.min(r.size(), 1 << 16));
                            r.extents();
                        }
                    } catch (IOException ex) {
                        failures.add(p + ": " + ex.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFailed(String p, io.github.fwkit.ext4.DirEntry e, IOException ex) {
                    failures.add(p + ": " + ex.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
            CheckReport r = vol.check();
            assertTrue(!r.isClean(), r.toString());
            ExtractResult x = vol.extract("/", tmp.resolve("out"));
            assertTrue(x.errors() > 0, x.toString());
        }
        return failures;
    }

    /** An extent index node whose child is itself: the visited set stops it. */
    @Test
    void extentTreeLoop() throws IOException {
        byte[] img = edit("base-a", (fs, b) -> {
            Inode frag = fs.inode(fs.resolve("/frag", false));
            long leaf = BlockMaps.mapBlocks(fs, frag).iterator().next();
            long root = fs.inodeOffset(frag.number) + Inode.I_BLOCK;
            put16(b, root + 6, 2);
            long node = leaf * fs.blockSize;
            put16(b, node + 6, 1);
            put16(b, node + 2, 1);
            put32(b, node + 12, 0);
            put32(b, node + 16, leaf);
            put16(b, node + 20, 0);
        });
        List<String> f = exercise(img);
        assertTrue(f.toString().contains("referenced twice"), f.toString());
    }

    /** A leaf extent pointing past the end of the volume. */
    @Test
    void extentOutsideTheVolume() throws IOException {
        byte[] img = edit("base-a", (fs, b) -> {
            Inode hello = fs.inode(fs.resolve("/hello", false));
            put32(b, fs.inodeOffset(hello.number) + Inode.I_BLOCK + 12 + 8, fs.sb.blocksCount + 5);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            FormatException e = assertThrows(FormatException.class, () -> vol.open("/hello"));
            assertTrue(e.path().endsWith("/extent[0]/ee_start"), e.path());
            assertTrue(e.getMessage().contains("outside the file system"), e.getMessage());
        }
    }

    /** A double-indirect entry pointing at the file's single-indirect block again. */
    @Test
    void indirectBlockReferencedTwice() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode f = fs.inode(fs.resolve("/indirect", false));
            long ind = f.iBlock(12);
            long dind = f.iBlock(13);
            put32(b, dind * fs.blockSize, ind);
        });
        List<String> f = exercise(img);
        assertTrue(f.toString().contains("referenced twice"), f.toString());
    }

    /** A subdirectory entry pointing back at the root: the walk sees the directory again and stops there. */
    @Test
    void directoryLoop() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode dir = fs.inode(fs.resolve("/dir", false));
            long sub = fs.resolve("/dir/sub", false);
            long blk = fs.runs(dir, Reporter.IGNORE).physical(0);
            long at = blk * fs.blockSize;
            for (int o = 0; o < fs.blockSize; o += 4) {
                if (Le.u32(b, (int) at + o) == sub && b[(int) at + o + 8] == 's') {
                    put32(b, at + o, 2);
                    return;
                }
            }
            throw new AssertionError("entry not found");
        });
        List<String> f = exercise(img);
        assertTrue(f.toString().contains("reached a second time"), f.toString());
    }

    /** A symbolic link whose target is itself plus a slash: lookups give up after 40 links. */
    @Test
    void symlinkLoop() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode fast = fs.inode(fs.resolve("/fast", false));
            long at = fs.inodeOffset(fast.number) + Inode.I_BLOCK;
            byte[] t = "fast/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, b, (int) at, t.length);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> vol.lookup("/fast/x"));
            assertTrue(e.getMessage().contains("too many levels"), e.getMessage());
            assertEquals("fast/", vol.readSymbolicLink("/fast"));
        }
    }

    /** A fast symbolic link with the EXTENTS flag (damage e2fsck repairs) still reads as a link. */
    @Test
    void fastSymlinkWithExtentsFlag() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode fast = fs.inode(fs.resolve("/fast", false));
            long at = fs.inodeOffset(fast.number) + 0x20;
            put32(b, at, fast.flags | Fs.EXTENTS_FL);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            assertEquals("hello", vol.readSymbolicLink("/fast"));
            assertEquals(vol.lookup("/hello").inode(), vol.lookup("/fast").inode());
        }
    }

    /** i_size near 2^63 over a few blocks: reading and mapping stay proportional to the extents, not the size. */
    @Test
    void absurdSize() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode f = fs.inode(fs.resolve("/dir/text", false));
            put32(b, fs.inodeOffset(f.number) + 0x6C, 0x7FFFFFFF);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            ImageReader r = vol.open("/dir/text");
            assertTrue(r.size() > 1L << 62);
            List<Extent> ex = r.extents();
            assertTrue(ex.size() <= 3, ex.toString());
            assertEquals(Extent.Kind.ZERO, ex.get(ex.size() - 1).kind());
        }
    }

    /** A size with the sign bit set is refused for reading. */
    @Test
    void negativeSize() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode f = fs.inode(fs.resolve("/dir/text", false));
            put32(b, fs.inodeOffset(f.number) + 0x6C, 0x80000000L);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            FormatException e = assertThrows(FormatException.class, () -> vol.open("/dir/text"));
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
    }

    /** A volume claiming a million groups in a tiny image: refused before any allocation, by limit. */
    @Test
    void groupCountIsLimited() throws IOException {
        byte[] img = base("base-a");
        // 4 Gi blocks of 1 KiB in groups of 8: 512 Mi groups, with 4 inodes each to match.
        put32(img, 1024 + 0x04, 0xFFFFFFFFL);
        put32(img, 1024 + 0x20, 8);
        put32(img, 1024 + 0x24, 8);
        put32(img, 1024 + 0x28, 4);
        put32(img, 1024 + 0x00, 0x80000000L);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Ext4Volume.open(
                ImageReader.of(img), Ext4Options.LENIENT));
        assertEquals("maxGroups", e.limit());
    }

    /** A directory entry whose rec_len runs past its block: strict refuses, lenient keeps what came before. */
    @Test
    void brokenDirectoryEntry() throws IOException {
        byte[] img = edit("base-c", (fs, b) -> {
            Inode dir = fs.inode(fs.resolve("/dir", false));
            long at = fs.runs(dir, Reporter.IGNORE).physical(0) * fs.blockSize;
            // The third entry ("hard", after "." and ".."): rec_len far beyond the block.
            put16(b, at + 24 + 4, 4000);
        });
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img))) {
            FormatException e = assertThrows(FormatException.class, () -> vol.list("/dir"));
            assertTrue(e.getMessage().contains("bad rec_len"), e.getMessage());
        }
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            assertEquals(List.of(), vol.list("/dir"));
            assertTrue(vol.check().findings().stream().anyMatch(f -> f.code().equals("dir-entry")));
        }
    }

    /**
     * Every check of an extent node, with the location and message it reports. The messages
     * are built out of line from the checks (so the JIT does not compile their text); this pins
     * them to the checks that fire.
     */
    @Test
    void eachExtentNodeProblemSaysWhereAndWhat() throws IOException {
        // /hello: a leaf root in i_block (capacity 4); /frag: an index root over one leaf block
        long[] hello = new long[1];
        edit("base-a", (fs, b) -> hello[0] = fs.inodeOffset(fs.resolve("/hello", false)) + Inode.I_BLOCK);
        long root = hello[0];
        assertExtentProblem("/hello", root, "/i_block/eh_magic", "extent header magic 0x1234, expected 0xf30a",
                (fs, b) -> put16(b, root, 0x1234));
        assertExtentProblem("/hello", root + 4, "/i_block/eh_max", "eh_max 5 does not fit a node of 4 entries",
                (fs, b) -> put16(b, root + 4, 5));
        assertExtentProblem("/hello", root + 2, "/i_block/eh_entries", "5 entries but room for 4",
                (fs, b) -> put16(b, root + 2, 5));
        assertExtentProblem("/hello", root + 6, "/i_block/eh_depth", "depth 6, above 5",
                (fs, b) -> put16(b, root + 6, 6));
        assertExtentProblem("/hello", root + 12 + 4, "/i_block/extent[0]/ee_len", "zero-length extent",
                (fs, b) -> put16(b, root + 12 + 4, 0));
        assertExtentProblem("/hello", root + 12, "/i_block/extent[0]/ee_block",
                "extent at logical block 4294967295+2 overlaps or is out of order (allowed 0..4294967296)",
                (fs, b) -> {
                    put32(b, root + 12, 0xFFFFFFFFL);
                    put16(b, root + 12 + 4, 2);
                });
        long[] frag = new long[2];
        edit("base-a", (fs, b) -> {
            frag[0] = fs.inodeOffset(fs.resolve("/frag", false)) + Inode.I_BLOCK;
            frag[1] = fs.sb.blocksCount;
        });
        long idx = frag[0];
        assertExtentProblem("/frag", idx + 12 + 4, "/i_block/index[0]/ei_leaf",
                "child block " + (frag[1] + 5) + " outside the file system", (fs, b) -> {
                    put32(b, idx + 12 + 4, frag[1] + 5);
                    put16(b, idx + 12 + 8, 0);
                });
        assertExtentProblem("/frag", idx + 12, "/i_block/index[0]/ei_block",
                "index entry for logical block 0 is out of order", (fs, b) -> {
                    // a second entry for logical block 0 again: the first one's range is empty
                    put16(b, idx + 2, 2);
                    System.arraycopy(b, (int) idx + 12, b, (int) idx + 24, 12);
                });
    }

    private static void assertExtentProblem(String file, long offset, String pathEnd, String message, Edit e)
            throws IOException {
        byte[] img = edit("base-a", e);
        try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT)) {
            FormatException x = assertThrows(FormatException.class, () -> vol.open(file).close());
            assertTrue(x.path().endsWith(pathEnd), x.path());
            assertEquals(offset, x.offset(), x.toString());
            assertTrue(x.getMessage().contains(message), x.getMessage());
        }
    }

    /**
     * A folder naming a file twice, extracted with the remembered names capped (a hostile
     * folder of millions of entries must not fill the heap with them): past the cap the create
     * refuses the second copy instead, so the first entry still wins and is noted once (one
     * writer, so that the creates come in walk order).
     */
    @Test
    void repeatedNamePastTheRememberedNames() throws IOException {
        String first = "a-rather-long-file-name-number-11";
        byte[] to = first.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] from = "a-rather-long-file-name-number-12".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] img = edit("base-c", (fs, b) -> {
            for (int i = 2; i + from.length <= b.length; i++) {
                if (java.util.Arrays.equals(b, i, i + from.length, from, 0, from.length)
                        && (b[i - 2] & 0xff) == from.length) {
                    System.arraycopy(to, 0, b, i, to.length);
                    return;
                }
            }
            throw new AssertionError("entry not found");
        });
        for (int cap : new int[] {0, 5, 200_000}) {
            Path out = tmp.resolve("out" + cap);
            try (Ext4Volume vol = Ext4Volume.open(ImageReader.of(img), Ext4Options.LENIENT);
                 Fs fs = Fs.open(ImageReader.of(img), Ext4Options.LENIENT, false)) {
                String want = null;
                for (io.github.fwkit.ext4.DirEntry e : vol.list("/big")) {
                    if (want == null && e.name().equals(first)) {
                        try (ImageReader d = vol.open(e.inode())) {
                            want = new String(d.readBytes(0, (int) d.size()),
                                    java.nio.charset.StandardCharsets.US_ASCII);
                        }
                    }
                }
                Extractor x = new Extractor(vol, fs, out, io.github.fwkit.ext4.ExtractOptions.DEFAULTS.withThreads(1),
                        List.of());
                x.maxTrackedNames = cap;
                ExtractResult r = x.run("/");
                assertEquals(want, java.nio.file.Files.readString(out.resolve("big/" + first)), "cap " + cap);
                assertEquals(1, r.notes().stream().filter(n -> n.message().contains("already exists")).count(),
                        r.notes().toString());
            }
        }
    }
}
