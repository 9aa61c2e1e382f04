package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.ImageReader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds test images field by field; every writer names its byte order. */
final class Img {
    final byte[] b;

    Img(int size) {
        b = new byte[size];
    }

    Img(byte[] b) {
        this.b = b;
    }

    Img u8(int off, int v) {
        b[off] = (byte) v;
        return this;
    }

    Img u16le(int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        return this;
    }

    Img u32le(int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> 8 * i);
        }
        return this;
    }

    Img u64le(int off, long v) {
        return u32le(off, v).u32le(off + 4, v >>> 32);
    }

    Img u32be(int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> 8 * (3 - i));
        }
        return this;
    }

    Img u64be(int off, long v) {
        return u32be(off, v >>> 32).u32be(off + 4, v);
    }

    Img ascii(int off, String s) {
        return bytes(off, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    Img utf16le(int off, String s) {
        return bytes(off, s.getBytes(StandardCharsets.UTF_16LE));
    }

    Img bytes(int off, byte[] data) {
        System.arraycopy(data, 0, b, off, data.length);
        return this;
    }

    Img fill(int off, int len, int v) {
        Arrays.fill(b, off, off + len, (byte) v);
        return this;
    }

    byte[] bytes() {
        return b;
    }

    ImageReader reader() {
        return ImageReader.of(b);
    }
}
