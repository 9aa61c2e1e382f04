package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sprd.AvbFooter;
import io.github.fwkit.sprd.Ext4Summary;
import io.github.fwkit.sprd.ImageContent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises what a partition image holds (spec {@code spreadtrum-pac.md} section 12) and reads
 * the few structures {@code .flag} handling needs: the ext4 superblock and the AVB footer. Reads a
 * handful of small ranges, never the whole image (the "all zero / all FF" test samples 64 blocks).
 *
 * <pre>
 * offset  bytes            content
 *      0  3A FF 26 ED      Android sparse
 *      0  "DHTB"           Spreadtrum signed image; the payload starts at 512
 *      0  "ANDROID!"       boot image (also at 512 behind DHTB)
 *      0  "AVB0"           vbmeta
 *      0  "UBI#"           raw UBI;  31 18 10 06  UBIFS
 *   4096  67 44 6C 61      liblp super geometry
 *  0x438  53 EF            ext2/3/4 (superblock at 1024)
 *  0x400  10 20 F5 F2      f2fs;  E2 E1 F5 E0  EROFS
 * len-64  "AVBf"           AVB footer (big-endian)
 * </pre>
 */
public final class Sniffer {
    static final int DHTB_SIZE = 512;
    private static final int SAMPLES = 64;

    private Sniffer() {
    }

    /** What was found. {@code payload} is the content behind a DHTB header or inside a sparse image. */
    public record Result(ImageContent content, ImageContent payload, Optional<Ext4Summary> ext4,
                         Optional<AvbFooter> avb, List<String> notes) {
    }

    public static Result sniff(ImageReader r) throws IOException {
        List<String> notes = new ArrayList<>();
        if (r.size() == 0) {
            return new Result(ImageContent.EMPTY, ImageContent.EMPTY, Optional.empty(), Optional.empty(), notes);
        }
        ImageContent c = kind(r);
        ImageContent payload = ImageContent.UNKNOWN;
        Optional<Ext4Summary> ext4 = Optional.empty();
        Optional<AvbFooter> avb = avbFooter(r);
        if (c == ImageContent.ANDROID_SPARSE) {
            try {
                SparseImage img = SparseImage.read(r);
                ImageReader x = img.expanded();
                payload = kind(x);
                if (payload == ImageContent.EXT4) {
                    ext4 = ext4(x, notes);
                }
                avb = avbFooter(x);
                notes.add("sparse image of " + x.size() + " bytes expanded (" + img.chunks().size() + " chunks)");
            } catch (FormatException e) {
                notes.add("sparse magic, but damaged: " + e.problem());
            }
        } else if (c == ImageContent.DHTB) {
            if (r.size() > DHTB_SIZE) {
                payload = kind(r.slice(DHTB_SIZE, r.size() - DHTB_SIZE));
            }
        } else if (c == ImageContent.EXT4) {
            ext4 = ext4(r, notes);
            if (ext4.isEmpty()) {
                c = ImageContent.UNKNOWN;
            }
        }
        return new Result(c, payload, ext4, avb, notes);
    }

    static ImageContent kind(ImageReader r) throws IOException {
        byte[] h = head(r, 0, 16);
        if (starts(h, new byte[] {0x3A, (byte) 0xFF, 0x26, (byte) 0xED})) {
            return ImageContent.ANDROID_SPARSE;
        }
        if (starts(h, ascii("DHTB"))) {
            return ImageContent.DHTB;
        }
        if (starts(h, ascii("ANDROID!"))) {
            return ImageContent.ANDROID_BOOT;
        }
        if (starts(h, ascii("AVB0"))) {
            return ImageContent.AVB_VBMETA;
        }
        if (starts(h, ascii("UBI#"))) {
            return ImageContent.UBI;
        }
        if (starts(h, new byte[] {0x31, 0x18, 0x10, 0x06})) {
            return ImageContent.UBIFS;
        }
        if (starts(head(r, 4096, 4), new byte[] {0x67, 0x44, 0x6C, 0x61})) {
            return ImageContent.LP_SUPER;
        }
        if (starts(head(r, 0x438, 2), new byte[] {0x53, (byte) 0xEF})) {
            return ImageContent.EXT4;
        }
        byte[] at400 = head(r, 0x400, 4);
        if (starts(at400, new byte[] {0x10, 0x20, (byte) 0xF5, (byte) 0xF2})) {
            return ImageContent.F2FS;
        }
        if (starts(at400, new byte[] {(byte) 0xE2, (byte) 0xE1, (byte) 0xF5, (byte) 0xE0})) {
            return ImageContent.EROFS;
        }
        return uniform(r);
    }

    /** Samples blocks spread over the image: all zero → ZEROS, all FF → ERASED. */
    private static ImageContent uniform(ImageReader r) throws IOException {
        long len = r.size();
        if (len == 0) {
            return ImageContent.EMPTY;
        }
        int block = (int) Math.min(4096, len);
        int samples = (int) Math.min(SAMPLES, Math.max(1, len / block));
        boolean zeros = true;
        boolean ff = true;
        byte[] b = new byte[block];
        for (int i = 0; i < samples && (zeros || ff); i++) {
            long at = samples == 1 ? 0 : (len - block) / (samples - 1) * i;
            r.readFully(at, b, 0, block);
            for (byte x : b) {
                zeros &= x == 0;
                ff &= x == (byte) 0xFF;
            }
        }
        return zeros ? ImageContent.ZEROS : ff ? ImageContent.ERASED : ImageContent.UNKNOWN;
    }

    /**
     * Reads the primary superblock at 1024. Empty (with a note) when the block size field is out
     * of the range e2fsprogs accepts (0..6), which means the magic was a coincidence or the
     * superblock is damaged.
     */
    public static Optional<Ext4Summary> ext4(ImageReader r, List<String> notes) throws IOException {
        if (r.size() < 2048) {
            notes.add("ext4 magic, but the image ends before the end of the superblock");
            return Optional.empty();
        }
        ByteBuffer s = ByteBuffer.wrap(r.readBytes(1024, 1024)).order(ByteOrder.LITTLE_ENDIAN);
        long logBlock = u32(s, 0x18);
        if (logBlock > 6) {
            notes.add("ext4 magic, but s_log_block_size " + logBlock + " is outside 0..6: not a usable superblock");
            return Optional.empty();
        }
        long incompat = u32(s, 0x60);
        long blocks = u32(s, 0x04);
        long free = u32(s, 0x0C);
        if ((incompat & 0x80) != 0) {
            blocks |= u32(s, 0x150) << 32;
            free |= u32(s, 0x158) << 32;
        }
        int bs = 1024 << logBlock;
        if (blocks > Long.MAX_VALUE / bs) {
            notes.add("ext4 block count " + Long.toUnsignedString(blocks) + " is impossible");
            return Optional.empty();
        }
        byte[] u = new byte[16];
        s.get(0x68, u);
        String uuid = String.format(Locale.ROOT, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
        List<String> features = new ArrayList<>();
        names(features, "compat", u32(s, 0x5C), COMPAT);
        names(features, "incompat", incompat, INCOMPAT);
        names(features, "ro_compat", u32(s, 0x64), RO_COMPAT);
        return Optional.of(new Ext4Summary(cString(s, 0x78, 16), uuid, bs, blocks, free, u32(s, 0x00),
                cString(s, 0x88, 64), u32(s, 0x2C), u32(s, 0x30), u32(s, 0x108), s.getShort(0x3A) & 0xffff, features));
    }

    private static final String[] COMPAT = {"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr",
        "resize_inode", "dir_index", "lazy_bg", null, "exclude_bitmap", "sparse_super2", "fast_commit",
        "stable_inodes", "orphan_file"};
    private static final String[] INCOMPAT = {"compression", "filetype", "needs_recovery", "journal_dev", "meta_bg",
        null, "extent", "64bit", "mmp", "flex_bg", "ea_inode", null, "dirdata", "metadata_csum_seed", "large_dir",
        "inline_data", "encrypt", "casefold"};
    private static final String[] RO_COMPAT = {"sparse_super", "large_file", null, "huge_file", "uninit_bg",
        "dir_nlink", "extra_isize", "snapshot", "quota", "bigalloc", "metadata_csum", "replica", "read-only",
        "project", "shared_blocks", "verity", "orphan_present"};

    private static void names(List<String> out, String kind, long bits, String[] names) {
        for (int i = 0; i < 32; i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(i < names.length && names[i] != null ? names[i] : kind + "_0x" + Long.toHexString(1L << i));
            }
        }
    }

    /** The AVB footer in the last 64 bytes, if any. */
    public static Optional<AvbFooter> avbFooter(ImageReader r) throws IOException {
        if (r.size() < 64) {
            return Optional.empty();
        }
        ByteBuffer f = ByteBuffer.wrap(r.readBytes(r.size() - 64, 64)); // big-endian, as avbtool writes it
        if (f.getInt(0) != 0x41564266) { // "AVBf"
            return Optional.empty();
        }
        return Optional.of(new AvbFooter(f.getInt(4) & 0xffffffffL, f.getInt(8) & 0xffffffffL, f.getLong(12),
                f.getLong(20), f.getLong(28)));
    }

    private static long u32(ByteBuffer b, int off) {
        return b.getInt(off) & 0xffffffffL;
    }

    /** A NUL-terminated 8-bit field, UTF-8 with bad bytes replaced, control characters escaped. */
    private static String cString(ByteBuffer b, int off, int len) {
        int end = off;
        while (end < off + len && b.get(end) != 0) {
            end++;
        }
        byte[] raw = new byte[end - off];
        b.get(off, raw);
        return PacParser.printable(new String(raw, StandardCharsets.UTF_8));
    }

    private static byte[] head(ImageReader r, long at, int n) throws IOException {
        if (r.size() < at + n) {
            return new byte[0];
        }
        return r.readBytes(at, n);
    }

    private static boolean starts(byte[] h, byte[] sig) {
        if (h.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (h[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
