package io.github.fwkit.ext4;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names as text: ASCII (the fast path), other UTF-8, and bytes that are not UTF-8. */
class DirEntryTest {
    @Test
    void asciiUtf8AndMalformedNames() {
        DirEntry a = DirEntry.of("build.prop".getBytes(StandardCharsets.US_ASCII), 12, FileType.REGULAR);
        assertEquals("build.prop", a.name());
        assertTrue(a.isUtf8());
        DirEntry u = DirEntry.of("Ünïcödé-名前".getBytes(StandardCharsets.UTF_8), 13, FileType.REGULAR);
        assertEquals("Ünïcödé-名前", u.name());
        assertTrue(u.isUtf8());
        DirEntry bad = DirEntry.of(new byte[] {'a', (byte) 0xff, 'b'}, 14, FileType.REGULAR);
        assertEquals("a\uFFFDb", bad.name());
        assertFalse(bad.isUtf8());
    }

    /** Whatever the bytes, the text and the flag are what a strict UTF-8 decoder says. */
    @Property(tries = 500)
    void nameIsTheStrictDecoding(@ForAll @Size(min = 1, max = 255) byte[] name) {
        DirEntry e = DirEntry.of(name, 11, FileType.UNKNOWN);
        boolean strict;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name));
            strict = true;
        } catch (CharacterCodingException x) {
            strict = false;
        }
        assertEquals(strict, e.isUtf8());
        assertEquals(new String(name, StandardCharsets.UTF_8), e.name());
    }
}
