package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.chunk;
import static io.github.fwkit.cli.CliTestSupport.list;
import static io.github.fwkit.cli.CliTestSupport.mixedRaw;
import static io.github.fwkit.cli.CliTestSupport.padded;
import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.CliTestSupport.sparse;
import static io.github.fwkit.cli.CliTestSupport.u32le;
import static io.github.fwkit.cli.CliTestSupport.write;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

class SparseCommandsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "--profile=legacy", "--no-fill", "--zero-as-dont-care", "--block-size=1K"})
    void encodeThenDecodeGivesTheInputPaddedToTheBlock(String option) throws IOException {
        byte[] raw = mixedRaw(1, 1000);
        Path in = write(dir.resolve("in.raw"), raw);
        Path img = dir.resolve("out.img");
        Path back = dir.resolve("back.raw");
        Run enc = option.isEmpty() ? run("sparse", "encode", in, img) : run("sparse", "encode", option, in, img);
        assertEquals(0, enc.code(), enc::toString);
        assertTrue(enc.out().contains("chunks"), enc::toString);
        Run dec = run("sparse", "decode", img, back);
        assertEquals(0, dec.code(), dec::toString);
        int bs = option.equals("--block-size=1K") ? 1024 : 4096;
        assertArrayEquals(padded(raw, bs), Files.readAllBytes(back));
        assertEquals("", dec.err());
    }

    @Test
    void encodeJsonReportsTheResult() throws IOException {
        Path in = write(dir.resolve("in.raw"), mixedRaw(2, 0));
        Run r = run("sparse", "encode", "--json", in, dir.resolve("out.img"));
        assertEquals(0, r.code(), r::toString);
        Object j = r.json();
        assertEquals(4096L, get(j, "block_size"));
        assertEquals(20L, get(j, "total_blocks"));
        assertEquals(5L, get(j, "raw_blocks"));
        assertEquals(15L, get(j, "fill_blocks"));
        assertEquals(Files.size(dir.resolve("out.img")), get(j, "output_size"));
        assertEquals("aosp", get(j, "profile"));
    }

    @Test
    void infoShowsHeaderStatisticsAndChunks() throws IOException {
        Path img = encoded("s.img");
        Run r = run("sparse", "info", "--chunks", img);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("block size   4096"), r::toString);
        assertTrue(r.out().contains("de ad be ef"), r::toString);
        assertTrue(r.out().contains("00 00 00 00"), r::toString);
        assertTrue(r.out().contains("2 RAW, 2 FILL"), r::toString);
    }

    @Test
    void infoJsonParsesAndHasTheDocumentedFields() throws IOException {
        Path img = encoded("s.img");
        Run r = run("sparse", "info", "--json", "--chunks", img);
        assertEquals(0, r.code(), r::toString);
        Object j = r.json();
        assertEquals(img.toString(), get(j, "path"));
        assertEquals(Files.size(img), get(j, "file_size"));
        assertEquals(1L, get(j, "header", "major_version"));
        assertEquals(4096L, get(j, "header", "block_size"));
        assertEquals(20L, get(j, "header", "total_blocks"));
        assertEquals(2L, get(j, "chunk_counts", "raw"));
        assertEquals(2L, get(j, "chunk_counts", "fill"));
        assertEquals(5L, get(j, "blocks", "raw"));
        assertEquals(5L * 4096, get(j, "data_bytes"));
        assertEquals(20L * 4096, get(j, "expanded_size"));
        assertTrue(get(j, "sparse_ratio") instanceof Double);
        assertEquals(List.of(), get(j, "warnings"));
        assertEquals("fill", get(j, "chunks", 2, "type"));
        assertEquals("de ad be ef", get(j, "chunks", 2, "fill"));
        assertEquals(13L, get(j, "chunks", 2, "start_block"));
        assertEquals(5L, get(j, "chunks", 2, "blocks"));
        assertEquals(28L, get(j, "chunks", 0, "header_offset"));
    }

    @Test
    void aWrongMajorVersionIsExitOneWithTheOffsetAndNoStackTrace() throws IOException {
        Path img = corrupted();
        Run r = run("sparse", "info", img);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().startsWith("fwkit: "), r::toString);
        assertTrue(r.err().contains("at 0x4"), r::toString);
        assertTrue(r.err().contains("major_version"), r::toString);
        assertTrue(r.err().contains(img.toString()), r::toString);
        assertTrue(r.err().contains("hint: "), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void errorsInJsonModeAlsoPrintAnErrorObject() throws IOException {
        Run r = run("sparse", "info", "--json", corrupted());
        assertEquals(1, r.code(), r::toString);
        Object j = r.json();
        assertEquals("format", get(j, "error", "kind"));
        assertEquals("android-sparse", get(j, "error", "format"));
        assertEquals(4L, get(j, "error", "offset"));
        assertEquals("/sparse/header/major_version", get(j, "error", "path"));
        assertEquals(1L, get(j, "error", "exit_code"));
        assertTrue(r.err().contains("at 0x4"), r::toString);
    }

    @Test
    void debugPrintsTheStackTrace() throws IOException {
        Run r = run("--debug", "sparse", "info", corrupted());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("\tat "), r::toString);
    }

    @Test
    void aFailedDecodeLeavesNoOutputAndNoTemporaryFile() throws IOException {
        Path good = encoded("good.img");
        Path bad = corrupted();
        Path out = dir.resolve("out.raw");
        Run r = run("sparse", "decode", good, bad, out);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains(bad.toString()), "names the bad input: " + r);
        assertTrue(r.err().contains("0x4"), r::toString);
        assertFalse(Files.exists(out));
        assertFalse(Arrays.stream(list(dir)).anyMatch(n -> n.endsWith(".fwkit-tmp")), Arrays.toString(list(dir)));
    }

    @Test
    void aDecodeWhoseDataIsCutShortLeavesNothing() throws IOException {
        // The header promises a RAW block whose data is missing: strict reading refuses it.
        byte[] img = sparse(2, chunk(0xCAC1, 2, new byte[4096]));
        Path in = write(dir.resolve("short.img"), img);
        Path out = dir.resolve("out.raw");
        Run r = run("sparse", "decode", in, out);
        assertEquals(1, r.code(), r::toString);
        assertEquals(List.of("short.img"), List.of(list(dir)));
    }

    @Test
    void decodeOfAMissingFileIsExitOne() {
        Run r = run("sparse", "decode", dir.resolve("nope.img"), dir.resolve("out.raw"));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("nope.img: no such file"), r::toString);
    }

    @Test
    void anUnknownOptionIsAUsageError() throws IOException {
        Run r = run("sparse", "encode", "--bogus", encoded("a.img"), dir.resolve("b.img"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r::toString);
        assertTrue(r.err().contains("fwkit sparse encode --help"), r::toString);
        assertFalse(Files.exists(dir.resolve("b.img")));
    }

    @Test
    void aBadBlockSizeIsAUsageError() throws IOException {
        Path in = write(dir.resolve("in.raw"), mixedRaw(3, 0));
        Run r = run("sparse", "encode", "--block-size", "1000", in, dir.resolve("out.img"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("block size 1000"), r::toString);
        assertTrue(r.err().contains("Usage: fwkit sparse encode"), r::toString);
        assertFalse(Files.exists(dir.resolve("out.img")));
        Run json = run("sparse", "encode", "--json", "--block-size", "1000", in, dir.resolve("out.img"));
        assertEquals(2, json.code(), json::toString);
        assertEquals("usage", get(json.json(), "error", "kind"));
    }

    @Test
    void aBadSizeOrProfileIsAUsageError() throws IOException {
        Path in = encoded("in.img");
        Run size = run("sparse", "split", "--max-size", "12X", in, dir.resolve("p"));
        assertEquals(2, size.code(), size::toString);
        assertTrue(size.err().contains("'12X' is not a size"), size::toString);
        Run profile = run("sparse", "encode", "--profile", "new", in, dir.resolve("o"));
        assertEquals(2, profile.code(), profile::toString);
        assertTrue(profile.err().contains("use aosp or legacy"), profile::toString);
        Run tooSmall = run("sparse", "split", "--max-size", "1K", in, dir.resolve("p"));
        assertEquals(2, tooSmall.code(), tooSmall::toString);
        assertTrue(tooSmall.err().contains("max size 1024"), tooSmall::toString);
    }

    @Test
    void splitThenDecodeGivesTheWholeImage() throws IOException {
        byte[] raw = new byte[4096 * 60];
        new Random(4).nextBytes(raw);
        Arrays.fill(raw, 4096 * 20, 4096 * 30, (byte) 0);
        Path in = write(dir.resolve("in.raw"), raw);
        Path img = dir.resolve("in.img");
        assertEquals(0, run("sparse", "encode", in, img).code());
        Run r = run("sparse", "split", "--json", "--max-size", "64K", img, dir.resolve("part"));
        assertEquals(0, r.code(), r::toString);
        List<?> pieces = (List<?>) get(r.json(), "pieces");
        assertTrue(pieces.size() >= 3, r::toString);
        Object[] args = new Object[pieces.size() + 3];
        args[0] = "sparse";
        args[1] = "decode";
        for (int i = 0; i < pieces.size(); i++) {
            Path p = Path.of((String) get(pieces.get(i), "path"));
            assertEquals(dir.resolve("part." + i), p);
            assertTrue(Files.size(p) <= 64 * 1024, p + " is too big");
            assertEquals(Files.size(p), get(pieces.get(i), "size"));
            args[i + 2] = p;
        }
        Path back = dir.resolve("back.raw");
        args[args.length - 1] = back;
        Run dec = run(args);
        assertEquals(0, dec.code(), dec::toString);
        assertArrayEquals(raw, Files.readAllBytes(back));
    }

    @Test
    void splitPrintsThePieces() throws IOException {
        byte[] raw = new byte[4096 * 40];
        new Random(5).nextBytes(raw);
        Path in = write(dir.resolve("in.raw"), raw);
        Run r = run("sparse", "split", "--max-size", "100000", in, dir.resolve("part"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("part.0"), r::toString);
        assertTrue(r.out().contains("part.1"), r::toString);
    }

    @Test
    void appendAddsRawBlocks() throws IOException {
        byte[] a = padded(mixedRaw(6, 0), 4096);
        byte[] b = new byte[4096 * 3];
        new Random(7).nextBytes(b);
        Path img = dir.resolve("a.img");
        assertEquals(0, run("sparse", "encode", write(dir.resolve("a.raw"), a), img).code());
        Run r = run("sparse", "append", "--json", img, write(dir.resolve("b.raw"), b));
        assertEquals(0, r.code(), r::toString);
        assertEquals((long) (a.length + b.length) / 4096, get(r.json(), "total_blocks"));
        Path back = dir.resolve("back.raw");
        assertEquals(0, run("sparse", "decode", img, back).code());
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(both, Files.readAllBytes(back));
    }

    @Test
    void appendOfDataNotInWholeBlocksIsExitOneWithAHint() throws IOException {
        Path img = encoded("a.img");
        Run r = run("sparse", "append", img, write(dir.resolve("b.raw"), new byte[100]));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("not a multiple"), r::toString);
    }

    @Test
    void verifyCrcReportsAMismatchWithExitThree() throws IOException {
        byte[] data = new byte[4096];
        new Random(8).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] good = sparse(1, chunk(0xCAC1, 1, data), chunk(0xCAC4, 0, u32le(crc.getValue())));
        byte[] bad = sparse(1, chunk(0xCAC1, 1, data), chunk(0xCAC4, 0, u32le(crc.getValue() ^ 1)));
        Run ok = run("sparse", "info", "--verify-crc", write(dir.resolve("good.img"), good));
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("1 CRC32 chunks match"), ok::toString);
        Run mismatch = run("sparse", "info", "--verify-crc", write(dir.resolve("bad.img"), bad));
        assertEquals(3, mismatch.code(), mismatch::toString);
        assertTrue(mismatch.out().contains("MISMATCH"), mismatch::toString);
        Run json = run("sparse", "info", "--json", "--verify-crc", dir.resolve("bad.img"));
        assertEquals(3, json.code(), json::toString);
        assertEquals(Boolean.FALSE, get(json.json(), "crc", "ok"));
    }

    @Test
    void lenientReadsAnUnknownChunkTypeWithAWarning() throws IOException {
        byte[] img = sparse(2, chunk(0xCAC1, 1, new byte[4096]), chunk(0xCAC5, 1, new byte[8]));
        Path in = write(dir.resolve("vendor.img"), img);
        Run strict = run("sparse", "info", in);
        assertEquals(1, strict.code(), strict::toString);
        assertTrue(strict.err().contains("--lenient"), strict::toString);
        Run lenient = run("sparse", "info", "--lenient", "--json", in);
        assertEquals(0, lenient.code(), lenient::toString);
        assertFalse(((List<?>) get(lenient.json(), "warnings")).isEmpty(), lenient::toString);
        assertEquals(1L, get(lenient.json(), "chunk_counts", "unknown"));
    }

    @Test
    void infoOnARawFileSaysItIsNotSparse() throws IOException {
        Path raw = write(dir.resolve("x.raw"), mixedRaw(9, 0));
        Run r = run("sparse", "info", raw);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("is not an Android sparse image"), r::toString);
    }

    @Test
    void theOutputMayNotBeTheInput() throws IOException {
        byte[] raw = mixedRaw(10, 0);
        Path in = write(dir.resolve("in.raw"), raw);
        Run r = run("sparse", "encode", in, in);
        assertEquals(1, r.code(), r::toString);
        assertArrayEquals(raw, Files.readAllBytes(in));
    }

    @Test
    void progressIsDrawnOnlyWhenAskedAndNeverWithJson() throws IOException {
        Path in = write(dir.resolve("in.raw"), mixedRaw(11, 0));
        Run bar = run("--progress", "sparse", "encode", in, dir.resolve("a.img"));
        assertEquals(0, bar.code(), bar::toString);
        assertTrue(bar.err().contains("\rencoding ["), bar::toString);
        assertTrue(bar.err().endsWith("\r"), "the bar is erased at the end: " + bar);
        Run none = run("sparse", "encode", in, dir.resolve("b.img"));
        assertEquals("", none.err());
        Run json = run("--progress", "sparse", "encode", "--json", in, dir.resolve("c.img"));
        assertEquals("", json.err());
        json.json();
    }

    private Path encoded(String name) throws IOException {
        Path raw = write(dir.resolve(name + ".raw"), mixedRaw(12, 0));
        Path img = dir.resolve(name);
        Run r = run("sparse", "encode", raw, img);
        assertEquals(0, r.code(), r::toString);
        Files.delete(raw);
        return img;
    }

    /** A valid image whose major version is 2. */
    private Path corrupted() throws IOException {
        Path img = encoded("bad.img");
        byte[] b = Files.readAllBytes(img);
        b[4] = 2;
        return write(img, b);
    }
}
