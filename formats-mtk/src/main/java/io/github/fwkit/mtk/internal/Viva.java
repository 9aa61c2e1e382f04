package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.FileInfo;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.VivaPart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The address table of a VIVA image (spec §9): right after FILE_INFO, five u32 absolute
 * addresses {VIVA base (= load address), ZIMAGE, BOOT_ZIMAGE, DCM, ALICE}, 0 for a part the
 * build does not have. Each part runs to the next one (or to the end of the image). Addresses
 * come from strangers, so each is checked against the image before anything is read there.
 */
public final class Viva {
    private static final String[] NAMES = {"ZIMAGE", "BOOT_ZIMAGE", "DCM", "ALICE"};
    private static final int TABLE = 5 * 4;
    /** A ZIMAGE section record: type, offset, size, destination, output size (u32 each). */
    private static final int SECTION = 5 * 4;
    private static final int LZMA = 3;
    /** More sections than this is not a ZIMAGE header (real builds have a handful). */
    private static final long MAX_SECTIONS = 4096;

    private Viva() {
    }

    /**
     * @param offset where the VIVA image starts in the input
     * @param present how many of its bytes the input holds
     * @param findings receives notes about a table that does not fit the image
     */
    public static List<VivaPart> parts(ImageReader r, long offset, FileInfo info, long present, String path,
                                       Consumer<Finding> findings) throws IOException {
        long table = info.contentOffset();
        if (table < FileInfo.SIZE || table + TABLE > present) {
            return List.of();
        }
        ByteBuffer b = read(r, offset + table, TABLE);
        long load = info.loadAddress();
        long len = info.fileLength();
        long baseAddr = Integer.toUnsignedLong(b.getInt(0));
        if (baseAddr != load) {
            return List.of();  // not the table this layout describes (another VIVA format?): nothing to list
        }
        record Entry(String name, long address, long rel) {
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            long a = Integer.toUnsignedLong(b.getInt(4 + 4 * i));
            if (a == 0) {
                continue;
            }
            long rel = a - load;
            if (rel < table + TABLE || rel >= len) {
                findings.accept(new Finding(Severity.INFO, "viva-table", "the VIVA address table puts "
                        + NAMES[i] + " at " + Text.hex(a) + ", outside the image (" + Text.hex(load) + ".."
                        + Text.hex(load + len) + ")", offset + table + 4 + 4L * i, path));
                continue;
            }
            entries.add(new Entry(NAMES[i], a, rel));
        }
        entries.sort(Comparator.comparingLong(Entry::rel));
        List<VivaPart> parts = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            // up to the next part that starts further on (two names may share an address)
            long end = len;
            for (int j = i + 1; j < entries.size(); j++) {
                if (entries.get(j).rel() > e.rel()) {
                    end = entries.get(j).rel();
                    break;
                }
            }
            long size = end - e.rel();
            long avail = Math.max(0, Math.min(size, present - e.rel()));
            parts.add(new VivaPart(e.name(), e.address(), offset + e.rel(), size,
                    detail(r, e.name(), offset + e.rel(), avail, load, len)));
        }
        return List.copyOf(parts);
    }

    private static String detail(ImageReader r, String name, long at, long avail, long load, long len)
            throws IOException {
        switch (name) {
            case "ALICE": {
                if (avail < 20) {
                    return "not in the input";
                }
                ByteBuffer b = read(r, at, 20);
                String magic = ascii(b, 0, 8);
                if (!magic.startsWith("ALICE_")) {
                    return "no ALICE header";
                }
                // base of the compressed code, mapping table, dictionary (inferred meaning)
                long[] a = {Integer.toUnsignedLong(b.getInt(8)), Integer.toUnsignedLong(b.getInt(12)),
                        Integer.toUnsignedLong(b.getInt(16))};
                StringBuilder s = new StringBuilder(magic.trim());
                if (a[0] < a[1] && a[1] < a[2] && a[0] >= load && a[2] < load + len) {
                    s.append(": code ").append(Text.hex(a[1] - a[0])).append(" bytes, table ")
                            .append(Text.hex(a[2] - a[1])).append(", dictionary ")
                            .append(Text.hex(load + len - a[2]));
                }
                return s.toString();
            }
            case "DCM":
                if (avail < 8) {
                    return "not in the input";
                }
                return ascii(read(r, at, 8), 0, 8).equals("DCMGBODY") ? "DCMGBODY" : "no DCMGBODY header";
            default: {
                // ZIMAGE, BOOT_ZIMAGE: u32 count, then the sections
                if (avail < 4) {
                    return "not in the input";
                }
                long count = Integer.toUnsignedLong(read(r, at, 4).getInt(0));
                if (count == 0 || count > MAX_SECTIONS || 4 + count * SECTION > avail) {
                    return "no section table (count " + count + ")";
                }
                ByteBuffer b = read(r, at + 4, (int) (count * SECTION));
                long packed = 0;
                long unpacked = 0;
                int lzma = 0;
                for (int i = 0; i < count; i++) {
                    int o = i * SECTION;
                    if (b.getInt(o) == LZMA) {
                        lzma++;
                    }
                    packed += Integer.toUnsignedLong(b.getInt(o + 8));
                    unpacked += Integer.toUnsignedLong(b.getInt(o + 16));
                }
                return count + " section" + (count == 1 ? "" : "s") + " (" + lzma + " LZMA), "
                        + Text.hex(packed) + " bytes packed, " + Text.hex(unpacked) + " unpacked";
            }
        }
    }

    private static String ascii(ByteBuffer b, int from, int n) {
        byte[] a = new byte[n];
        b.get(from, a);
        StringBuilder s = new StringBuilder();
        for (byte x : a) {
            s.append(x >= 0x20 && x < 0x7f ? (char) x : x == 0 ? ' ' : '?');
        }
        return s.toString().stripTrailing();
    }

    private static ByteBuffer read(ImageReader r, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        r.readFully(at, b);
        return b.flip();
    }
}
