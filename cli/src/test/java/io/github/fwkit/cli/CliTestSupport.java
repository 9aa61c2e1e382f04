package io.github.fwkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

/** Runs the command in-process and builds fixtures. */
final class CliTestSupport {
    private CliTestSupport() {
    }

    /** What one invocation printed and returned. */
    record Run(int code, String out, String err) {
        Object json() {
            return MiniJson.parse(out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(Object... args) {
        String[] a = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(a, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A raw image with a bit of everything img2simg distinguishes: random blocks, zero blocks, a
     * repeating pattern, and a short tail of {@code tail} random bytes.
     */
    static byte[] mixedRaw(long seed, int tail) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(4096 * 20 + tail).order(ByteOrder.LITTLE_ENDIAN);
        byte[] random = new byte[4096 * 3];
        r.nextBytes(random);
        b.put(random);
        b.position(b.position() + 4096 * 10);
        for (int i = 0; i < 4096 * 5 / 4; i++) {
            b.put((byte) 0xde).put((byte) 0xad).put((byte) 0xbe).put((byte) 0xef);
        }
        byte[] more = new byte[4096 * 2 + tail];
        r.nextBytes(more);
        b.put(more);
        return b.array();
    }

    /** {@code data} padded with zeros to whole blocks. */
    static byte[] padded(byte[] data, int blockSize) {
        int len = (data.length + blockSize - 1) / blockSize * blockSize;
        return Arrays.copyOf(data, len);
    }

    static Path write(Path file, byte[] data) throws IOException {
        Files.write(file, data);
        return file;
    }

    /** Names of everything in {@code dir}. */
    static String[] list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /**
     * A hand-made sparse image: 4096-byte blocks; {@code chunks} are complete chunk records
     * (header and data).
     */
    static byte[] sparse(long totalBlocks, byte[]... chunks) {
        int len = 28;
        for (byte[] c : chunks) {
            len += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xED26FF3A).putShort((short) 1).putShort((short) 0).putShort((short) 28).putShort((short) 12)
                .putInt(4096).putInt((int) totalBlocks).putInt(chunks.length).putInt(0);
        for (byte[] c : chunks) {
            b.put(c);
        }
        return b.array();
    }

    /** A chunk record: 12-byte header and {@code data}. */
    static byte[] chunk(int type, long blocks, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) 0).putInt((int) blocks).putInt(12 + data.length).put(data);
        return b.array();
    }

    static byte[] u32le(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }
}
