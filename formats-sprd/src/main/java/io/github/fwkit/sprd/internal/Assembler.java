package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.sparse.SparseWriter;
import io.github.fwkit.sprd.ImageContent;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacReadOptions;
import io.github.fwkit.sprd.PacWriteResult;
import io.github.fwkit.sprd.PacWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.github.fwkit.sprd.internal.Layout.*;

/**
 * Writes a PAC front to back in one pass over the blobs.
 *
 * <pre>
 *   0      header        written last, once sizes and CRCs are known
 *   2124   table         written last
 *   2124 + n*2580        blobs in table order, back to back (streamed, CRC'd on the way)
 * </pre>
 *
 * {@code wCRC2} covers table and blobs, but the table is only known at the end (a converted image
 * has its size only once encoded). Since CRC-16/ARC is linear, the blobs' CRC is accumulated piece
 * by piece and joined to the table's CRC with {@link Crc16#combine}: no second pass over the file.
 */
public final class Assembler {
    private Assembler() {
    }

    /** One entry being written (mutable, inside the writer only). */
    public static final class Item {
        public String id;
        public String name;
        public String outputName = "";
        int flag;
        long check;
        long omit;
        List<Long> addrs = List.of();
        /** The source record, kept so that a repack changes only what it must. */
        byte[] record;
        /** Data from the source PAC (repack, unchanged). */
        public PacEntry pacEntry;
        /** Data from a file. */
        public Path file;
        /** Data in memory (the config XML of a new package). */
        byte[] bytes;
        boolean isConfig;
        long size;
        long offset;
        boolean converted;

        public static Item fromPac(PacEntry e, byte[] record) {
            Item it = new Item();
            it.id = e.id();
            it.name = e.name();
            it.outputName = e.outputName();
            it.flag = e.fileFlag();
            it.check = e.checkFlag();
            it.omit = e.canOmitFlag();
            it.addrs = e.addresses();
            it.record = record;
            it.pacEntry = e.hasData() ? e : null;
            return it;
        }

        public static Item fromSpec(PacWriter.EntrySpec s) {
            Item it = new Item();
            it.id = s.id();
            it.name = s.name();
            it.flag = s.fileFlag();
            it.check = s.checkFlag();
            it.omit = s.canOmitFlag();
            it.addrs = s.addresses();
            it.file = s.file().orElse(null);
            return it;
        }

        public static Item config(String name, byte[] xml) {
            Item it = new Item();
            int len = xml.length;
            // fwkit rule: store no trailing NUL (Unisoc's readers drop one when writing the XML out)
            while (len > 0 && xml[len - 1] == 0) {
                len--;
            }
            it.id = "";
            it.name = name;
            it.flag = 2;
            it.bytes = Arrays.copyOf(xml, len);
            it.isConfig = true;
            return it;
        }

        public PacWriter.EntrySpec spec() {
            return new PacWriter.EntrySpec(id, name, flag, check, omit, addrs, Optional.ofNullable(file));
        }
    }

    /** Header inputs: the source header bytes for a repack, else the fields of a new package. */
    public record Header(byte[] template, String productName, String productVersion, boolean sourceV2, long flashType,
                         long mode) {
    }

    /** A stored name made clean: no folders, no {@code .flag}, no {@code name(n)} artefact. */
    static String clean(String name, List<String> notes, String label) {
        String s = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (Names.hasFlagSuffix(s)) {
            // a read-back's name: system.img_COM5.flag stands for system.img
            s = (String) Names.splitComPort(Names.stripFlag(s))[0];
        }
        Object[] dup = Names.splitDuplicate(s);
        if ((Integer) dup[1] > 0) {
            s = (String) dup[0];
        }
        s = Names.stripFlag(s);
        if (!s.equals(name)) {
            notes.add("entry " + label + ": stored name \"" + PacParser.printable(name) + "\" written as \"" + s
                    + "\" (no folders, .flag, _COM<n> or (n) in stored names)");
        }
        return s;
    }

    public static PacWriteResult write(Header h, List<Item> items, ImageReader src, Path output, List<Path> inputs,
                                       PacWriter.Options o, List<String> notes, ProgressListener progress)
            throws IOException {
        int n = items.size();
        if (n > PacReadOptions.DEFAULT_MAX_ENTRIES) {
            throw new IllegalArgumentException(n + " entries; readers accept at most " + PacReadOptions.DEFAULT_MAX_ENTRIES);
        }
        long dataStart = HEADER_SIZE + (long) n * ENTRY_SIZE;
        long planned = 0;
        for (Item it : items) {
            it.name = clean(it.name, notes, it.id.isEmpty() ? "#" + items.indexOf(it) : it.id);
            if (it.pacEntry != null) {
                if (!it.pacEntry.intact()) {
                    throw new FormatException(FORMAT, it.pacEntry.recordOffset(), "/pac/entries[" + it.pacEntry.index()
                            + "]", "the source blob of " + it.pacEntry.label() + " is not inside the source file;"
                            + " replace this entry to repack");
                }
                planned += it.pacEntry.size();
            } else if (it.file != null) {
                planned += java.nio.file.Files.size(it.file);
            } else if (it.bytes != null) {
                planned += it.bytes.length;
            }
        }
        Copy.Meter meter = new Copy.Meter(progress, Math.max(1, planned));
        try (SafeOutput out = SafeOutput.create(output, inputs)) {
            FileChannel ch = out.channel();
            ch.truncate(0);
            long pos = dataStart;
            int crcBlobs = 0;
            for (Item it : items) {
                int crc = 0;
                long size = 0;
                if (it.bytes != null) {
                    size = it.bytes.length;
                    write(ch, ByteBuffer.wrap(it.bytes), pos);
                    crc = Crc16.of(it.bytes);
                    meter.add(size);
                } else if (it.pacEntry != null) {
                    size = it.pacEntry.size();
                    crc = Copy.crcCopy(src, it.pacEntry.offset(), size, ch, pos, meter);
                } else if (it.file != null) {
                    try (ImageReader f = ImageReader.openRaw(it.file)) {
                        if (!o.rawReplacements() && f.size() > 0 && Sniffer.kind(f) == ImageContent.EXT4) {
                            SparseEmbed.Plan plan = SparseEmbed.plan(f, false, true, it.file.getFileName().toString());
                            long[] last = {0};
                            SparseWriter.Result r = SparseEmbed.encode(f.slice(0, plan.length()), plan.blockSize(), ch, pos,
                                    (d, t) -> {
                                        meter.add((d - last[0]) / 2);
                                        last[0] = d - (d - last[0]) % 2;
                                    });
                            size = r.bytes();
                            crc = CrcScanner.crc(ImageReader.of(ch, pos + size, output.toString()), pos, pos + size,
                                    ProgressListener.NONE);
                            it.converted = true;
                            notes.add("entry " + it.id + ": raw ext4 image " + it.file.getFileName() + " ("
                                    + plan.length() + " bytes) stored as Android sparse (" + size + " bytes, verified)");
                        } else {
                            size = f.size();
                            crc = Copy.crcCopy(f, 0, size, ch, pos, meter);
                        }
                    }
                }
                it.size = size;
                it.offset = size > 0 ? pos : 0;
                pos += size;
                crcBlobs = Crc16.combine(crcBlobs, crc, size);
            }
            long total = pos;
            boolean needV2 = total >= 1L << 32 || o.encrypt();
            boolean v2;
            switch (o.version()) {
                case V1:
                    if (needV2) {
                        throw new IOException("the package would be " + (o.encrypt() ? "encrypted" : total + " bytes")
                                + "; " + V1 + " cannot hold that (32-bit sizes, no encryption): use " + V2);
                    }
                    v2 = false;
                    break;
                case V2:
                    v2 = true;
                    break;
                default:
                    v2 = needV2 || h.sourceV2();
                    if (needV2 && !h.sourceV2()) {
                        notes.add(total >= 1L << 32 ? "written as " + V2 + ": the package reaches 4 GiB"
                                : "written as " + V2 + ": encrypted tables need it");
                    }
            }
            byte[] table = new byte[(int) (dataStart - HEADER_SIZE)];
            for (int i = 0; i < n; i++) {
                record(items.get(i), table, i * ENTRY_SIZE, v2);
            }
            int tableCrc = Crc16.of(table);
            int key = o.key() == 0 ? DEFAULT_KEY : o.key();
            if (o.encrypt()) {
                scramble(table, 0, table.length, key);
            }
            int crc2 = Crc16.combine(Crc16.of(table), crcBlobs, total - dataStart);
            byte[] head = header(h, n, total, v2, o.encrypt(), tableCrc, table.length);
            int crc1 = Crc16.of(head, 0, H_CRC1);
            put16(head, H_CRC1, crc1);
            put16(head, H_CRC2, crc2);
            write(ch, ByteBuffer.wrap(head), 0);
            write(ch, ByteBuffer.wrap(table), HEADER_SIZE);
            if (ch.size() < total) {
                // the last blob ended in zeros that were left as a hole: give the file its length
                write(ch, ByteBuffer.allocate(1), total - 1);
            }
            if (ch.size() != total) {
                throw new IOException("wrote " + ch.size() + " bytes, expected " + total);
            }
            // Read the result back the strict way before it appears (header and table only).
            Pac check = Pac.read(ImageReader.of(ch, total, output.toString()),
                    PacReadOptions.STRICT.withKey(o.key()));
            for (io.github.fwkit.sprd.PacFinding f : check.findings()) {
                if (List.of("non-contiguous", "overlap", "size-sum", "entry-range", "empty-offset").contains(f.code())) {
                    throw new IOException("the package written does not read back canonically (" + f
                            + "); nothing was kept. This is a bug: please report it");
                }
            }
            out.commit();
            List<PacWriteResult.Written> written = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Item it = items.get(i);
                String from = it.bytes != null ? "config XML" : it.pacEntry != null ? "source PAC"
                        : it.file != null ? it.file.toString() : "";
                written.add(new PacWriteResult.Written(i, it.id, it.name, it.size, it.offset, from, it.converted));
            }
            return new PacWriteResult(output, v2 ? V2 : V1, total, written, crc1, crc2, notes);
        }
    }

    private static void write(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }

    private static void record(Item it, byte[] t, int base, boolean v2) {
        byte[] r = it.record != null ? it.record.clone() : new byte[ENTRY_SIZE];
        put32(r, E_SIZE_FIELD, ENTRY_SIZE);
        if (it.record == null) {
            putUtf16(r, E_ID, STRING_LEN, it.id, "ID");
            put32(r, E_FLAG, it.flag);
            put32(r, E_CHECK, it.check);
            put32(r, E_OMIT, it.omit);
            put32(r, E_ADDR_NUM, it.addrs.size());
            for (int k = 0; k < it.addrs.size(); k++) {
                put32(r, E_ADDR + 4 * k, it.addrs.get(k));
            }
        }
        if (it.record == null || !utf16(r, E_NAME, STRING_LEN).equals(it.name)) {
            putUtf16(r, E_NAME, STRING_LEN, it.name, "file name");
        }
        put32(r, E_HI_SIZE, it.size >>> 32);
        put32(r, E_HI_OFFSET, it.offset >>> 32);
        put32(r, E_LO_SIZE, it.size);
        put32(r, E_LO_OFFSET, it.offset);
        System.arraycopy(r, 0, t, base, ENTRY_SIZE);
    }

    private static byte[] header(Header h, int n, long total, boolean v2, boolean encrypt, int tableCrc, int tableSize) {
        byte[] b = h.template() != null ? h.template().clone() : new byte[HEADER_SIZE];
        Arrays.fill(b, H_VERSION, H_VERSION + H_VERSION_LEN_V1, (byte) 0);
        putUtf16(b, H_VERSION, v2 ? H_VERSION_LEN_V2 : H_VERSION_LEN_V1, v2 ? V2 : V1, "version");
        put32(b, H_HI_SIZE, v2 ? total >>> 32 : 0);
        put32(b, H_LO_SIZE, total);
        if (h.template() == null) {
            putUtf16(b, H_PRODUCT, STRING_LEN, h.productName(), "product name");
            putUtf16(b, H_ALIAS, H_ALIAS_LEN, h.productName().length() < H_ALIAS_LEN / 2 ? h.productName() : "",
                    "product alias");
            put32(b, H_FLASH_TYPE, h.flashType());
            put32(b, H_MODE, h.mode());
        }
        if (h.template() == null || !utf16(b, H_PRODUCT_VERSION, STRING_LEN).equals(h.productVersion())) {
            putUtf16(b, H_PRODUCT_VERSION, STRING_LEN, h.productVersion(), "product version");
        }
        put32(b, H_FILE_COUNT, n);
        put32(b, H_FILE_OFFSET, HEADER_SIZE);
        Arrays.fill(b, H_ENCRYPTED, H_V2_FIELDS_END, (byte) 0);
        if (encrypt) {
            put16(b, H_ENCRYPTED, 1);
            put16(b, H_FT_CRC, tableCrc);
            put32(b, H_FT_ORG_SIZE, tableSize);
            put32(b, H_FT_ENC_SIZE, tableSize);
        }
        put32(b, H_MAGIC, MAGIC);
        put16(b, H_CRC1, 0);
        put16(b, H_CRC2, 0);
        return b;
    }
}
