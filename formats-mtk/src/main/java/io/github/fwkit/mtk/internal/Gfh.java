package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.GfhRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reading GFH headers: FILE_INFO decoding, MediaTek's validity rules, and the record-chain walk.
 */
public final class Gfh {
    /**
     * What a FILE_INFO starts with: "MMM", version 1, size 0x38, type 0, "FILE_INFO\0\0\0".
     * "FILE_INFO" alone is not enough: bootloader code contains that string too (three false hits
     * in the corpus EXT_BOOTLOADER).
     */
    public static final byte[] FILE_INFO_KEY = {'M', 'M', 'M', 1, 0x38, 0, 0, 0,
        'F', 'I', 'L', 'E', '_', 'I', 'N', 'F', 'O', 0, 0, 0};
    /** The common-header magic, {@code u32 & 0x00FFFFFF}. */
    static final int MAGIC = 0x004D4D4D;
    static final long UNSET = 0xFFFFFFFFL;
    /** MediaTek's upper bound for {@code content_offset} ({@code GFH_FILE_INFO_BasicCheck}). */
    static final long MAX_CONTENT_OFFSET = 0x100000;
    /** MediaTek's upper bound for {@code file_len}. */
    static final long MAX_FILE_LEN = 0x80000000L;

    private Gfh() {
    }

    /** Decodes the 0x38 bytes of a FILE_INFO at {@code b[off]} (the key is assumed to match). */
    public static FileInfo fileInfo(byte[] b, int off) {
        ByteBuffer x = ByteBuffer.wrap(b, off, FileInfo.SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new FileInfo(u32(x, 0x14), x.getShort(0x18) & 0xffff, x.get(0x1A) & 0xff, x.get(0x1B) & 0xff,
                u32(x, 0x1C), u32(x, 0x20), u32(x, 0x24), u32(x, 0x28), u32(x, 0x2C), u32(x, 0x30), u32(x, 0x34));
    }

    private static long u32(ByteBuffer x, int off) {
        return x.getInt(off) & 0xffffffffL;
    }

    /**
     * The first rule of MediaTek's {@code GFH_FILE_INFO_BasicCheck} / {@code GFH_FILE_INFO_IsValid}
     * (spec §4.2, rules 2 to 6; rule 1 is the key) that {@code fi} breaks, or {@code null}.
     * Each message names the field so a user can find it with a hex editor.
     */
    public static String violation(FileInfo fi) {
        long len = fi.fileLength();
        long content = fi.contentOffset();
        if (content == 0 || content > MAX_CONTENT_OFFSET) {
            return "rule 2: content_offset " + Text.hex(content) + " not in 1..0x100000";
        }
        if (len == UNSET) {
            return "rule 3: file_len unset (0xFFFFFFFF): a build intermediate before post-build";
        }
        if (len == 0 || len > MAX_FILE_LEN) {
            return "rule 3: file_len " + Text.hex(len) + " not in 1..0x80000000";
        }
        if (content > len) {
            return "rule 3: content_offset " + Text.hex(content) + " beyond file_len " + Text.hex(len);
        }
        if (fi.maxSize() != UNSET && len > fi.maxSize()) {
            return "rule 4: file_len " + Text.hex(len) + " above max_size " + Text.hex(fi.maxSize());
        }
        long sig = fi.signatureLength();
        if (fi.signatureType() == 0) {
            if (sig != 0) {
                return "rule 5: sig_type 0 but sig_len " + Text.hex(sig);
            }
        } else if (sig == 0 || sig >= len || content > len - sig) {
            return "rule 5: sig_len " + Text.hex(sig) + " does not fit sig_type " + fi.signatureType()
                    + " and file_len " + Text.hex(len);
        }
        long jump = fi.jumpOffset();
        if (jump != 0 && (jump < content || jump >= len - sig)) {
            return "rule 6: jump_offset " + Text.hex(jump) + " outside the code " + Text.hex(content) + ".."
                    + Text.hex(len - sig);
        }
        return null;
    }

    /** The result of walking a chain: the records and, if the walk stopped early or broke a rule, why. */
    public record Chain(List<GfhRecord> records, List<String> problems, long end) {
    }

    /**
     * Walks the records of the image at {@code start} up to {@code start + contentOffset}: each
     * must have the magic, a size of at least 8 and end by {@code content_offset}. The walk stops
     * at the first record that breaks a rule, at the end of the input, or after
     * {@code maxRecords} records.
     */
    public static Chain walk(ImageReader r, long start, long contentOffset, int maxRecords) throws IOException {
        long limit = start + contentOffset;
        long available = Math.min(limit, r.size()) - start;
        // content_offset is at most 1 MiB (rule 2), so the whole header area is read at once.
        byte[] b = r.readBytes(start, (int) available);
        List<GfhRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // Sizes of at least 8 already force progress; the sets catch what a linked walk must
        // never do (revisit an offset) and what a chain should not do (repeat a record type,
        // which would make "find the record by type" ambiguous).
        Set<Long> visited = new HashSet<>();
        Set<Integer> types = new HashSet<>();
        long pos = 0;
        while (pos < contentOffset) {
            if (records.size() >= maxRecords) {
                problems.add("more than " + maxRecords + " records; the rest was not read");
                break;
            }
            if (pos + 8 > available) {
                problems.add("the input ends inside the GFH chain at " + Text.hex(start + pos));
                break;
            }
            int p = (int) pos;
            int word = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16;
            int version = b[p + 3] & 0xff;
            int size = (b[p + 4] & 0xff) | (b[p + 5] & 0xff) << 8;
            int type = (b[p + 6] & 0xff) | (b[p + 7] & 0xff) << 8;
            if (word != MAGIC) {
                // 0x45454545 "EEEE" is MediaTek's end mark; anything else is damage.
                boolean endMark = (word | version << 24) == 0x45454545;
                problems.add((endMark ? "end mark" : "no GFH magic") + " at " + Text.hex(start + pos) + ", "
                        + Text.hex(contentOffset - pos) + " bytes before content_offset");
                break;
            }
            if (size < 8) {
                problems.add("record at " + Text.hex(start + pos) + " has size " + size + " (< 8)");
                break;
            }
            if (pos + size > contentOffset) {
                problems.add("record " + GfhNames.recordType(type) + " at " + Text.hex(start + pos) + " (size "
                        + Text.hex(size) + ") overruns content_offset " + Text.hex(contentOffset));
                break;
            }
            if (pos + size > available) {
                problems.add("the input ends inside the " + GfhNames.recordType(type) + " record at "
                        + Text.hex(start + pos));
                break;
            }
            if (!visited.add(pos)) {
                problems.add("chain revisits " + Text.hex(start + pos));
                break;
            }
            if (!types.add(type)) {
                problems.add("second " + GfhNames.recordType(type) + " record at " + Text.hex(start + pos));
            }
            records.add(new GfhRecord(start + pos, version, size, type));
            pos += size;
        }
        if (!records.isEmpty() && records.get(0).type() != GfhNames.REC_FILE_INFO) {
            problems.add("the first record is not FILE_INFO");
        }
        return new Chain(records, problems, start + pos);
    }

    /** The bytes of a record (its size is at most 0xFFFF, checked by the walk to lie inside the input). */
    public static byte[] body(ImageReader r, GfhRecord rec) throws IOException {
        return r.readBytes(rec.offset(), rec.size());
    }
}
