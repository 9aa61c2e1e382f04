package io.github.fwkit.mtk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds GFH images in test code: a FILE_INFO, the records after it, the code, and a PHASH
 * trailer the way MediaTek's signer (and {@code mtk_sign}) appends it.
 */
final class GfhBuilder {
    int fileType;
    long loadAddress;
    long attr = 3;
    int flashDev = 7;
    int sigType;
    long maxSize = 0xFFFFFFFFL;
    boolean jumpToContent = true;
    final List<byte[]> records = new ArrayList<>();
    byte[] code = new byte[0];
    /** Overrides applied to the FILE_INFO after layout: field offset to u32 value. */
    final List<long[]> patches = new ArrayList<>();

    GfhBuilder(int fileType, long loadAddress) {
        this.fileType = fileType;
        this.loadAddress = loadAddress;
    }

    GfhBuilder phash() {
        sigType = 1;
        return this;
    }

    GfhBuilder record(int version, int type, byte[] payload) {
        records.add(record8(version, 8 + payload.length, type, payload));
        return this;
    }

    GfhBuilder code(byte[] code) {
        this.code = code;
        return this;
    }

    GfhBuilder patch(int field, long value) {
        patches.add(new long[] {field, value});
        return this;
    }

    static byte[] record8(int version, int size, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').put((byte) 'M').put((byte) version).putShort((short) size)
                .putShort((short) type).put(payload);
        return b.array();
    }

    byte[] build() {
        ByteArrayOutputStream gfh = new ByteArrayOutputStream();
        for (byte[] r : records) {
            gfh.writeBytes(r);
        }
        int content = 0x38 + gfh.size();
        int sigLen = sigType == 1 ? 0x20 : 0;
        // PHASH: the end marker is part of the hashed body; then SHA-1 and 12 zero bytes.
        int body = content + code.length + (sigType == 1 ? 4 : 0);
        int fileLen = body + sigLen;
        ByteBuffer b = ByteBuffer.allocate(fileLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'M', 'M', 'M', 1, 0x38, 0, 0, 0});
        b.put("FILE_INFO\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putInt(1).putShort((short) fileType).put((byte) flashDev).put((byte) sigType).putInt((int) loadAddress)
                .putInt(fileLen).putInt((int) maxSize).putInt(content).putInt(sigLen)
                .putInt(jumpToContent ? content : 0).putInt((int) attr);
        b.put(gfh.toByteArray());
        b.put(code);
        for (long[] p : patches) {
            b.putInt((int) p[0], (int) p[1]);
        }
        if (sigType == 1) {
            b.put(new byte[] {0, 'D', 'N', 'E'});
            b.put(sha1(b.array(), body));
        }
        return b.array();
    }

    static byte[] sha1(byte[] b, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(b, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Little-endian u32s. */
    static byte[] u32s(long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** An ASCII field of {@code size} bytes, NUL padded. */
    static byte[] field(String s, int size) {
        byte[] b = new byte[size];
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, size));
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
