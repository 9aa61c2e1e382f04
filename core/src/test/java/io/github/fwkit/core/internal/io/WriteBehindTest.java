package io.github.fwkit.core.internal.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WriteBehindTest {
    @TempDir
    Path dir;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void writesLandInSubmissionOrder() throws IOException {
        Path f = dir.resolve("out");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             WriteBehind w = new WriteBehind(ch, 2)) {
            for (int i = 0; i < 1000; i++) {
                // each write overwrites the previous one's first bytes: only order gives "999..."
                w.write(ascii(String.format("%03d-%s", i, "x".repeat(i % 7))), 0);
            }
            long t = w.write(ascii("END"), 100);
            w.await(t);
            w.drain();
        }
        String s = Files.readString(f, StandardCharsets.US_ASCII);
        assertEquals("999-" + "x".repeat(999 % 7), s.substring(0, 4 + 999 % 7));
        assertEquals("END", s.substring(100));
    }

    @Test
    void aFailedWriteIsReportedAndLaterWritesAreDropped() throws IOException {
        Path f = dir.resolve("ro");
        Files.write(f, new byte[10]);
        // a read-only channel: the write throws NonWritableChannelException on the writer thread
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
             WriteBehind w = new WriteBehind(ch, 4)) {
            long t = w.write(ascii("abc"), 0);
            IOException e = assertThrows(IOException.class, () -> w.await(t));
            assertFalse(e.getMessage().isEmpty());
            assertThrows(IOException.class, () -> w.write(ascii("def"), 0));
            assertThrows(IOException.class, w::drain);
        }
        assertEquals(10, Files.size(f));
    }

    @Test
    void closeStopsTheThreadAfterTheQueuedWrites() throws Exception {
        Path f = dir.resolve("out");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteBehind w = new WriteBehind(ch, 8);
            for (int i = 0; i < 8; i++) {
                w.write(ByteBuffer.allocate(1 << 16), (long) i << 16);
            }
            w.close();
            w.close();
            assertEquals(8L << 16, ch.size());
            assertThrows(IllegalStateException.class, () -> w.write(ascii("x"), 0));
        }
        boolean alive = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("fwkit-write-behind") && t.isAlive());
        assertFalse(alive, "write-behind thread still running after close");
    }
}
