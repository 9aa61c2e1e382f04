package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagTest {
    @TempDir
    Path tmp;
    Path src;

    @BeforeEach
    void files() throws IOException {
        src = Files.createDirectories(tmp.resolve("src/app/lib"));
        Random rnd = new Random(3);
        byte[] big = new byte[300_000];
        rnd.nextBytes(big);
        Files.write(src.resolve("libbig.so"), big);
        Files.writeString(tmp.resolve("src/build.prop"), "ro.build.id=FWKIT\n");
        src = tmp.resolve("src");
    }

    @Test
    void namesAreDecoded() throws IOException {
        FlagFile f = FlagFile.inspect("System.img_COM5.flag", ImageReader.of(new byte[0]));
        assertEquals(FlagFile.Kind.PLACEHOLDER, f.kind());
        assertEquals("System.img", f.imageName());
        assertEquals("system", f.partition());
        assertEquals(5, f.comPort());
        assertEquals(".flag", f.flagSuffix());
        assertEquals(ImageContent.EMPTY, f.content());
        FlagFile g = FlagFile.inspect("dir/super.img.flag.FLAG", ImageReader.of(new byte[0]));
        assertEquals("super.img", g.imageName());
        assertEquals(".flag.FLAG", g.flagSuffix());
        FlagFile h = FlagFile.inspect("system.img(1).flag", ImageReader.of(new byte[0]));
        assertEquals(1, h.duplicateIndex());
        assertEquals("system.img", h.imageName());
        assertEquals(-1, h.comPort());
        FlagFile i = FlagFile.inspect("vendor_COM12.img", ImageReader.of(new byte[8192]));
        assertEquals(FlagFile.Kind.OTHER, i.kind());
        assertEquals("vendor.img", i.imageName());
        assertEquals(12, i.comPort());
        assertEquals(ImageContent.ZEROS, i.content());
    }

    @Test
    void sniffsSignatures() throws IOException {
        assertEquals(ImageContent.ANDROID_BOOT, sniff(at(0, "ANDROID!", 4096)));
        assertEquals(ImageContent.AVB_VBMETA, sniff(at(0, "AVB0", 4096)));
        assertEquals(ImageContent.UBI, sniff(at(0, "UBI#", 4096)));
        byte[] dhtb = at(0, "DHTB", 8192);
        System.arraycopy("ANDROID!".getBytes(StandardCharsets.US_ASCII), 0, dhtb, 512, 8);
        FlagFile d = FlagFile.inspect("boot.img_COM3.flag", ImageReader.of(dhtb));
        assertEquals(ImageContent.DHTB, d.content());
        assertEquals(ImageContent.ANDROID_BOOT, d.payload());
        assertEquals(ImageContent.LP_SUPER, sniff(bytesAt(4096, new byte[] {0x67, 0x44, 0x6C, 0x61}, 16384)));
        assertEquals(ImageContent.F2FS, sniff(bytesAt(0x400, new byte[] {0x10, 0x20, (byte) 0xF5, (byte) 0xF2}, 8192)));
        assertEquals(ImageContent.EROFS, sniff(bytesAt(0x400, new byte[] {(byte) 0xE2, (byte) 0xE1, (byte) 0xF5,
            (byte) 0xE0}, 8192)));
        byte[] ff = new byte[65536];
        Arrays.fill(ff, (byte) 0xFF);
        assertEquals(ImageContent.ERASED, sniff(ff));
        byte[] junk = new byte[65536];
        new Random(1).nextBytes(junk);
        assertEquals(ImageContent.UNKNOWN, sniff(junk));
        // ext4 magic with an impossible block size is not ext4
        byte[] fake = bytesAt(0x438, new byte[] {0x53, (byte) 0xEF}, 8192);
        fake[1024 + 0x18] = 9;
        FlagFile x = FlagFile.inspect("x.img.flag", ImageReader.of(fake));
        assertEquals(ImageContent.UNKNOWN, x.content());
        assertTrue(x.notes().stream().anyMatch(n -> n.contains("s_log_block_size")));
    }

    private static ImageContent sniff(byte[] b) throws IOException {
        return FlagFile.inspect("x.flag", ImageReader.of(b)).content();
    }

    private static byte[] at(int off, String sig, int len) {
        return bytesAt(off, sig.getBytes(StandardCharsets.US_ASCII), len);
    }

    private static byte[] bytesAt(int off, byte[] sig, int len) {
        byte[] b = new byte[len];
        System.arraycopy(sig, 0, b, off, sig.length);
        return b;
    }

    /** An 8 MiB ext4 read-back followed by 1 MiB of unused partition space. */
    private Path readBack(String name) throws IOException {
        Path img = Tools.mkfs(src, tmp.resolve(name), 2048, "system");
        byte[] tail = new byte[1 << 20];
        Files.write(img, tail, java.nio.file.StandardOpenOption.APPEND);
        return img;
    }

    @Test
    void readBackIsDescribed() throws IOException {
        Path flag = readBack("system.img_COM5.flag");
        FlagFile f = FlagFile.inspect(flag);
        assertEquals(FlagFile.Kind.READ_BACK, f.kind());
        assertEquals(ImageContent.EXT4, f.content());
        Ext4Summary e = f.ext4().orElseThrow();
        assertEquals("system", e.label());
        assertEquals("/system", e.lastMountedOn());
        assertEquals("11111111-2222-3333-4444-555555555555", e.uuid());
        assertEquals(4096, e.blockSize());
        assertEquals(2048, e.blocksCount());
        assertEquals(8 << 20, e.fsBytes());
        assertTrue(e.features().containsAll(List.of("has_journal", "extent", "filetype")), e.features().toString());
        assertTrue(f.notes().stream().anyMatch(n -> n.contains("Init BMFiles")));
        assertTrue(f.notes().stream().anyMatch(n -> n.contains("--trim")));
    }

    @Test
    void convertsToSparseLikeImg2simg() throws IOException {
        Path flag = readBack("system.img_COM5.flag");
        Path out = Files.createDirectories(tmp.resolve("out"));
        FlagConverter.Result r = FlagConverter.convert(flag, out, FlagConverter.Options.DEFAULT, ProgressListener.NONE);
        assertEquals(out.resolve("system.img"), r.output());
        assertTrue(r.sparse());
        assertEquals(Files.size(flag), r.imageBytes());
        // the oracles: simg2img expands it back to the read-back, img2simg makes the same bytes
        Path back = tmp.resolve("back.raw");
        Tools.check("simg2img", r.output(), back);
        assertEquals(-1, Files.mismatch(flag, back));
        Path ref = tmp.resolve("ref.simg");
        Tools.check("img2simg", flag, ref);
        assertEquals(-1, Files.mismatch(ref, r.output()));
        try (SparseImage img = SparseImage.open(r.output())) {
            assertTrue(img.chunks().stream().noneMatch(c -> c.type() == io.github.fwkit.sparse.SparseChunk.Type.DONT_CARE));
        }
    }

    @Test
    void emptyFileSystemMatchesTheSpecFigure() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path flag = Tools.mkfs(empty, tmp.resolve("system.img.flag"), 2048, "system");
        Path out = tmp.resolve("system.img");
        FlagConverter.Result r = FlagConverter.convert(flag, out, FlagConverter.Options.DEFAULT, ProgressListener.NONE);
        try (SparseImage img = SparseImage.open(out)) {
            assertEquals(0x800, img.header().totalBlocks());
        }
        // spec 13.1 measured 45,168 bytes, 3 RAW + 3 FILL with e2fsprogs 1.47.0; img2simg is the oracle
        Path ref = tmp.resolve("ref.simg");
        Tools.check("img2simg", flag, ref);
        assertEquals(-1, Files.mismatch(ref, out));
        assertEquals(Files.size(ref), r.outputBytes());
    }

    @Test
    void rawAndTrim() throws IOException {
        Path flag = readBack("vendor.img_COM7.flag");
        Path out = tmp.resolve("vendor.img");
        FlagConverter.Result r = FlagConverter.convert(flag, out, FlagConverter.Options.DEFAULT.withRaw(true).withTrim(true),
                ProgressListener.NONE);
        assertFalse(r.sparse());
        assertTrue(r.trimmed());
        assertEquals(8 << 20, Files.size(out));
        assertEquals(-1, Files.mismatch(out, flag) == 8 << 20 ? -1 : Files.mismatch(out, flag));
        // sparse + trim: the sparse image expands to the file system alone
        Path s = tmp.resolve("vendor-sparse.img");
        FlagConverter.convert(flag, s, FlagConverter.Options.DEFAULT.withTrim(true), ProgressListener.NONE);
        try (SparseImage img = SparseImage.open(s)) {
            assertEquals(8 << 20, img.expandedSize());
        }
    }

    @Test
    void avbFooterPreventsTrim() throws IOException {
        Path flag = readBack("system.img.flag");
        long len = Files.size(flag);
        try (var ch = java.nio.channels.FileChannel.open(flag, java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer footer = ByteBuffer.allocate(64).put("AVBf".getBytes(StandardCharsets.US_ASCII)).putInt(1)
                    .putInt(0).putLong(8 << 20).putLong(8 << 20).putLong(4096).clear();
            ch.write(footer, len - 64);
        }
        FlagFile f = FlagFile.inspect(flag);
        assertEquals(8 << 20, f.avbFooter().orElseThrow().originalImageSize());
        FlagConverter.Result r = FlagConverter.convert(flag, tmp.resolve("system.img"),
                FlagConverter.Options.DEFAULT.withRaw(true).withTrim(true), ProgressListener.NONE);
        assertFalse(r.trimmed());
        assertEquals(len, Files.size(r.output()));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("AVB")));
    }

    @Test
    void placeholdersAndBadNamesAreExplained() throws IOException {
        Path flag = Files.createFile(tmp.resolve("system.img.flag"));
        FormatException e = assertThrows(FormatException.class,
                () -> FlagConverter.convert(flag, tmp.resolve("x.img"), FlagConverter.Options.DEFAULT, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("fwkit pac extract"), e.getMessage());
        Path rb = readBack("userdata.img_COM1.flag");
        assertThrows(IllegalArgumentException.class, () -> FlagConverter.convert(rb, tmp.resolve("userdata.img.flag"),
                FlagConverter.Options.DEFAULT, ProgressListener.NONE));
        assertFalse(Files.exists(tmp.resolve("x.img")));
    }

    @Test
    void oddLengthsPickASmallerBlockOrRefuse() throws IOException {
        byte[] b = new byte[4096 * 3 + 1024];
        new Random(5).nextBytes(b);
        Path in = Files.write(tmp.resolve("misc.bin_COM2.flag"), b);
        FlagConverter.Result r = FlagConverter.convert(in, tmp.resolve("misc.bin"), FlagConverter.Options.DEFAULT,
                ProgressListener.NONE);
        assertEquals(1024, r.blockSize());
        try (SparseImage img = SparseImage.open(r.output())) {
            assertArrayEquals(b, img.expanded().readBytes(0, b.length));
        }
        Path odd = Files.write(tmp.resolve("odd.bin.flag"), Arrays.copyOf(b, 5000));
        assertThrows(FormatException.class, () -> FlagConverter.convert(odd, tmp.resolve("odd.bin"),
                FlagConverter.Options.DEFAULT, ProgressListener.NONE));
        FlagConverter.Result raw = FlagConverter.convert(odd, tmp.resolve("odd.bin"),
                FlagConverter.Options.DEFAULT.withRaw(true), ProgressListener.NONE);
        assertEquals(5000, Files.size(raw.output()));
    }

    @Test
    void sparseInputIsCopiedOrExpanded() throws IOException {
        Path flag = readBack("system.img_COM5.flag");
        Path simg = tmp.resolve("s.img");
        FlagConverter.convert(flag, simg, FlagConverter.Options.DEFAULT, ProgressListener.NONE);
        Path renamed = Files.copy(simg, tmp.resolve("product.img.flag"));
        FlagFile f = FlagFile.inspect(renamed);
        assertEquals(ImageContent.ANDROID_SPARSE, f.content());
        assertEquals(ImageContent.EXT4, f.payload());
        assertEquals("system", f.ext4().orElseThrow().label());
        FlagConverter.Result copy = FlagConverter.convert(renamed, tmp.resolve("product.img"), FlagConverter.Options.DEFAULT,
                ProgressListener.NONE);
        assertEquals(-1, Files.mismatch(simg, copy.output()));
        FlagConverter.Result raw = FlagConverter.convert(renamed, tmp.resolve("product.raw"),
                FlagConverter.Options.DEFAULT.withRaw(true), ProgressListener.NONE);
        assertEquals(-1, Files.mismatch(flag, raw.output()));
    }
}
