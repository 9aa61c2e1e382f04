package io.github.fwkit.sprd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent, deliberately plain PAC builder for tests: it writes the structure the way
 * Unisoc's Perl packer does (header, table, blobs back to back, XML last, CRCs at the end), with
 * its own bit-by-bit CRC-16, sharing no code with the library. Knobs allow the malformed variants.
 */
final class MiniPac {
    static final int HEADER = 2124;
    static final int ENTRY = 2580;

    /** One table row. {@code data == null} means no blob (size 0, offset 0). */
    static final class Row {
        String id;
        String name;
        byte[] data;
        int flag;
        int check = 1;
        int omit;
        long[] addrs = {};
        Long offsetOverride;
        Long sizeOverride;
        Integer recordSize;

        Row(String id, String name, byte[] data, int flag) {
            this.id = id;
            this.name = name;
            this.data = data;
            this.flag = flag;
        }
    }

    String version = "BP_R1.0.0";
    String product = "TestProduct";
    String productVersion = "W1.0";
    String alias = "TestProduct";
    boolean magic = true;
    boolean encrypt;
    boolean computeCrcs = true;
    Long totalOverride;
    Integer countOverride;
    long tableOffset = HEADER;
    final List<Row> rows = new ArrayList<>();

    Row file(String id, String name, byte[] data) {
        Row r = new Row(id, name, data, 1);
        rows.add(r);
        return r;
    }

    Row operation(String id) {
        Row r = new Row(id, "", null, 0);
        rows.add(r);
        return r;
    }

    Row xml(String text) {
        Row r = new Row("", product + ".xml", text.getBytes(StandardCharsets.UTF_8), 2);
        r.check = 0;
        rows.add(r);
        return r;
    }

    static int crc16(byte[] b, int off, int len) {
        int c = 0;
        for (int i = off; i < off + len; i++) {
            c ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
            }
        }
        return c;
    }

    static void utf16(ByteBuffer b, int at, String s) {
        byte[] e = s.getBytes(StandardCharsets.UTF_16LE);
        b.put(at, e);
    }

    byte[] build() {
        int n = rows.size();
        long dataLen = 0;
        for (Row r : rows) {
            dataLen += r.data == null ? 0 : r.data.length;
        }
        int total = (int) (HEADER + (long) n * ENTRY + dataLen);
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        utf16(b, 0, version);
        long size = totalOverride != null ? totalOverride : total;
        if (version.equals("BP_R2.0.1")) {
            b.putInt(44, (int) (size >>> 32));
        }
        b.putInt(48, (int) size);
        utf16(b, 52, product);
        utf16(b, 564, productVersion);
        b.putInt(1076, countOverride != null ? countOverride : n);
        b.putInt(1080, (int) tableOffset);
        b.putInt(1088, 1);
        utf16(b, 1104, alias);
        if (magic) {
            b.putInt(2116, 0xFFFAFFFA);
        }
        long off = HEADER + (long) n * ENTRY;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            int e = HEADER + i * ENTRY;
            b.putInt(e, r.recordSize != null ? r.recordSize : ENTRY);
            utf16(b, e + 4, r.id);
            utf16(b, e + 516, r.name);
            long sz = r.data == null ? 0 : r.data.length;
            long o = sz == 0 ? 0 : off;
            if (r.sizeOverride != null) {
                sz = r.sizeOverride;
            }
            if (r.offsetOverride != null) {
                o = r.offsetOverride;
            }
            b.putInt(e + 1532, (int) (sz >>> 32));
            b.putInt(e + 1536, (int) (o >>> 32));
            b.putInt(e + 1540, (int) sz);
            b.putInt(e + 1544, r.flag);
            b.putInt(e + 1548, r.check);
            b.putInt(e + 1552, (int) o);
            b.putInt(e + 1556, r.omit);
            b.putInt(e + 1560, r.addrs.length);
            for (int k = 0; k < Math.min(5, r.addrs.length); k++) {
                b.putInt(e + 1564 + 4 * k, (int) r.addrs[k]);
            }
            if (r.data != null) {
                b.put((int) off, r.data);
                off += r.data.length;
            }
        }
        byte[] out = b.array();
        if (encrypt) {
            int plainCrc = crc16(out, HEADER, n * ENTRY);
            b.putShort(1316, (short) 1);
            b.putShort(1318, (short) plainCrc);
            b.putInt(1320, n * ENTRY);
            b.putInt(1324, n * ENTRY);
            for (int i = HEADER; i < HEADER + n * ENTRY; i++) {
                out[i] ^= (byte) 0xF8;
            }
        }
        if (computeCrcs) {
            b.putShort(2120, (short) crc16(out, 0, 2120));
            b.putShort(2122, (short) crc16(out, HEADER, total - HEADER));
        }
        return out;
    }

    static String xmlFor(String product, String... rowIds) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BMAConfig><ProductList>"
                + "<Product name=\"" + product + "\"><SchemeName>" + product + "</SchemeName><FlashTypeID>1</FlashTypeID>"
                + "<Mode>0</Mode><Partitions><Partition id=\"system\" size=\"1200\"/><Partition id=\"userdata\""
                + " size=\"0xFFFFFFFF\"/></Partitions></Product></ProductList><SchemeList><Scheme name=\"" + product + "\">");
        for (String id : rowIds) {
            sb.append("<File><ID>").append(id).append("</ID><IDAlias>").append(id).append("</IDAlias><Type>")
                    .append(id.startsWith("FDL") ? "FDL" : id.startsWith("Erase") ? "EraseFlash2" : "CODE2")
                    .append("</Type><Block id=\"").append(id.toLowerCase()).append("\"><Base>0x0</Base><Size>0x0</Size>"
                            + "</Block><Flag>1</Flag><CheckFlag>1</CheckFlag><Description>").append(id)
                    .append(" image</Description></File>");
        }
        return sb.append("</Scheme></SchemeList></BMAConfig>").toString();
    }
}
