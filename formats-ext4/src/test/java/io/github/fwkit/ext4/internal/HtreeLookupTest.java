package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.ext4.Ext4Options;
import io.github.fwkit.ext4.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lookups through the htree index agree with a linear scan, for every hash e2fsck can build
 * indexes with (legacy, half_md4, tea) and both byte signednesses (s_flags), on images whose
 * directories {@code e2fsck -fyD} turned into htrees: two levels on 1 KiB blocks, names with
 * bytes above 0x7F (where signed and unsigned hashes differ).
 */
class HtreeLookupTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, s_flags {1}")
    @CsvSource({"legacy,1", "legacy,2", "half_md4,1", "half_md4,2", "tea,1", "tea,2"})
    void indexAnswersLikeALinearScan(String alg, int flags) throws IOException {
        Tools.require("mke2fs");
        Tools.require("e2fsck");
        Tools.require("tune2fs");
        Tools.require("debugfs");
        Path src = Files.createDirectories(tmp.resolve("src/big"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Long names fill 1 KiB leaves fast, so the index needs two levels.
            String n = (i % 3 == 0 ? "caf\u00e9-\u00fcber-" : "file-") + i + "-" + "x".repeat(40 + i % 50);
            names.add(n);
            Files.writeString(src.resolve(n), "");
        }
        Files.writeString(tmp.resolve("src/top"), "top");
        Path img = tmp.resolve("fs.img");
        Tools.check("mke2fs", "-q", "-t", "ext4", "-b", "1024", "-E", "hash_seed=66666666-7777-8888-9999-000000000000",
                "-d", tmp.resolve("src"), img, "32M");
        Tools.check("tune2fs", "-E", "hash_alg=" + alg, img);
        Tools.check("debugfs", "-w", "-R", "ssv flags " + flags, img);
        Tools.Run fix = Tools.run("e2fsck", "-fyD", img);
        assertTrue(fix.exit() <= 1, fix.output());
        String dump = Tools.check("debugfs", "-R", "htree_dump /big", img);
        assertTrue(dump.contains("Indirect levels: 1"), dump.lines().limit(9).toList().toString());

        try (Fs fs = Fs.open(ImageReader.openRaw(img), Ext4Options.STRICT, true)) {
            Inode dir = fs.inode(fs.resolve("/big", false));
            assertTrue(HtreeLookup.applies(fs, dir));
            // Every name through the index finds what the linear scan finds.
            DirCursor c = fs.cursor(dir);
            int seen = 0;
            for (RawEntry e = c.next(); e != null; e = c.next()) {
                if (e.isDot() || e.isDotDot()) {
                    continue;
                }
                RawEntry viaIndex = HtreeLookup.find(fs, dir, e.name(), Reporter.THROW);
                assertNotSame(HtreeLookup.UNUSABLE, viaIndex, "index unusable for " + new String(e.name(),
                        StandardCharsets.UTF_8));
                assertNotSame(HtreeLookup.ABSENT, viaIndex, new String(e.name(), StandardCharsets.UTF_8));
                assertEquals(e.inode(), viaIndex.inode());
                seen++;
            }
            assertEquals(names.size(), seen);
            // Names that are not there: the index says so without falling back.
            for (String n : List.of("nope", "caf\u00e9-\u00fcber-3-", names.get(0) + "y", "file-1-" + "x".repeat(39))) {
                assertSame(HtreeLookup.ABSENT, HtreeLookup.find(fs, dir, n.getBytes(StandardCharsets.UTF_8),
                        Reporter.THROW), n);
            }
            // Path resolution goes through the index, and ".." still works in an indexed folder.
            assertEquals(2, fs.find(dir, "..".getBytes(StandardCharsets.US_ASCII)).inode());
            assertEquals(dir.number, fs.find(dir, ".".getBytes(StandardCharsets.US_ASCII)).inode());
            assertEquals(fs.find(dir, names.get(1234).getBytes(StandardCharsets.UTF_8)).inode(),
                    fs.resolve("/big/" + names.get(1234), false));
            assertEquals(fs.resolve("/top", false), fs.resolve("/big/../top", false));
            assertNull(fs.find(dir, "nope".getBytes(StandardCharsets.US_ASCII)));
            int version = Le.u8(fs.readBlock(fs.runs(dir, Reporter.THROW).physical(0), ""), 0x1C);
            assertEquals(List.of("legacy", "half_md4", "tea").indexOf(alg), version, "hash version in the root");
        }
    }
}
