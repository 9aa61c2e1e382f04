package io.github.fwkit.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeOutputTest {
    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void commitMovesTheFinishedFileIntoPlace() throws IOException {
        Path target = dir.resolve("out.img");
        Files.writeString(target, "old");
        try (SafeOutput out = SafeOutput.create(target, List.of())) {
            out.channel().write(ByteBuffer.wrap("new".getBytes()));
            assertEquals("old", Files.readString(target), "the target is untouched until commit");
            out.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(1, entries());
    }

    @Test
    void failureLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("out.img");
        assertThrows(IllegalStateException.class, () -> {
            try (SafeOutput out = SafeOutput.create(target, List.of())) {
                out.channel().write(ByteBuffer.wrap(new byte[100]));
                throw new IllegalStateException("boom");
            }
        });
        assertFalse(Files.exists(target));
        assertEquals(0, entries());
    }

    @Test
    void targetsWithNamesNearTheLimitStillGetATemporaryFile() throws IOException {
        Path target = dir.resolve("é".repeat(127)); // 254 bytes in UTF-8
        try (SafeOutput out = SafeOutput.create(target, List.of())) {
            out.channel().write(ByteBuffer.wrap(new byte[] {1}));
            out.commit();
        }
        assertEquals(1, Files.size(target));
    }

    @Test
    void neverOverwritesAnInput() throws IOException {
        Path in = Files.writeString(dir.resolve("in.img"), "data");
        IOException e = assertThrows(IOException.class, () -> SafeOutput.create(in, List.of(in)));
        assertTrue(e.getMessage().contains("refusing to overwrite the input"));
        // also through another spelling of the same file, and through a link
        assertThrows(IOException.class, () -> SafeOutput.create(dir.resolve("x/../in.img"), List.of(in)));
        Path link = Files.createSymbolicLink(dir.resolve("link.img"), in);
        assertThrows(IOException.class, () -> SafeOutput.create(link, List.of(in)));
        assertEquals("data", Files.readString(in));
    }

    @Test
    void refusesDirectoriesAndMissingFolders() throws IOException {
        assertThrows(IOException.class, () -> SafeOutput.create(dir, List.of()));
        assertThrows(IOException.class, () -> SafeOutput.create(dir.resolve("no/such/out.img"), List.of()));
    }

    @Test
    void extractionRootRejectsEscapes() throws IOException {
        ExtractionRoot root = ExtractionRoot.of(dir.resolve("out"));
        for (String bad : List.of("", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a\\b", "C:x", "a\u0000b",
                "a\nb", "x".repeat(256), "..", ".")) {
            assertThrows(FormatException.class, () -> root.resolve(bad), bad);
        }
        assertEquals(root.path().resolve("system/app/a.apk"), root.resolve("system/app/a.apk"));
        assertNull(ExtractionRoot.unsafeReason("ünïcödé/名前.txt"));
    }

    @Test
    void extractionRootRefusesToWriteThroughLinks() throws IOException {
        ExtractionRoot root = ExtractionRoot.of(dir.resolve("out"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(root.path().resolve("evil"), outside);
        assertThrows(IOException.class, () -> root.resolve("evil/file"));
        assertThrows(IOException.class, () -> root.resolve("evil"));
    }
}
