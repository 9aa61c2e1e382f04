package io.github.fwkit.core;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link ExtractionRoot#unsafeReason} walks the components by hand (no split, no getBytes); it
 * must answer exactly what the plain version below answers, reason text included.
 */
class UnsafeNameProperties {
    private static final int MAX = 255;

    /** The straightforward version the fast one replaced. */
    private static String reference(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.startsWith("/")) {
            return "absolute";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return "contains NUL";
            }
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '\\') {
                return "contains a backslash";
            }
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty()) {
                return "empty path component";
            }
            if (part.equals(".") || part.equals("..")) {
                return "contains \"" + part + "\"";
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX) {
                return "component longer than " + MAX + " bytes";
            }
        }
        return null;
    }

    @Property(tries = 5000)
    void sameAnswerAsTheReference(@ForAll("names") String name) {
        assertEquals(reference(name), ExtractionRoot.unsafeReason(name), () -> "for " + escape(name));
    }

    @Provide
    Arbitrary<String> names() {
        // few distinct characters, so dots, slashes, surrogate halves and pairs meet often
        Arbitrary<String> parts = Arbitraries.of("a", "b", ".", "..", "/", "//", "é", "名", "\uD83D\uDE00", "\uD83D",
                "\uDE00", "\\", "\u0000", "\u001f", ":", " ").list().ofMaxSize(12).map(l -> String.join("", l));
        Arbitrary<String> longOnes = Arbitraries.of("x", "é", "名", "\uD83D\uDE00", "\uD83D", "/").list()
                .ofMinSize(60).ofMaxSize(300).map(l -> String.join("", l));
        return Arbitraries.oneOf(parts, longOnes, Arbitraries.strings().ofMaxLength(40));
    }

    @Test
    void componentLengthLimitCountsUtf8Bytes() {
        String ok = "é".repeat(127) + "a";       // 255 bytes
        String tooLong = "é".repeat(128);        // 256 bytes
        String pairs = "\uD83D\uDE00".repeat(64); // 256 bytes in 128 chars
        assertNull(ExtractionRoot.unsafeReason("d/" + ok));
        assertEquals("component longer than 255 bytes", ExtractionRoot.unsafeReason("d/" + tooLong + "/e"));
        assertEquals("component longer than 255 bytes", ExtractionRoot.unsafeReason(pairs));
        // a lone surrogate is one byte ('?'), as String.getBytes writes it
        assertNull(ExtractionRoot.unsafeReason("\uD83D".repeat(255)));
        assertEquals(reference("\uD83D".repeat(256)), ExtractionRoot.unsafeReason("\uD83D".repeat(256)));
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
