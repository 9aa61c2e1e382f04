package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input: random and mutated headers and tables must give {@link FormatException} (or a
 * readable package), never another exception, and extraction must stay inside its folder.
 */
class PacHostileProperties {
    private static Path dir;

    @BeforeContainer
    static void mkdir() throws IOException {
        dir = Files.createTempDirectory("fwkit-pac-props");
    }

    @AfterContainer
    static void rmdir() {
        TempDirs.delete(dir);
    }

    /** One change to a valid package: a 32-bit value written at a field, or a name. */
    record Mutation(int field, int row, long value, String name) {
    }

    private static final int[] HEADER_FIELDS = {44, 48, 1076, 1080, 1316, 1318, 1320, 1324, 2116};
    private static final int[] ENTRY_FIELDS = {0, 1532, 1536, 1540, 1544, 1552, 1560};
    private static final String[] NAMES = {"../../escape.bin", "/abs/path", "C:\\x\\y", "a\\..\\b", "..", ".", "x\u0000y",
        "nul", "COM1.txt", "dir/sub/file", "name.img.flag", " ", "\u202Eexe.txt", "\uD800broken", "a:b", "x".repeat(255)};

    @Provide
    Arbitrary<Mutation> mutation() {
        Arbitrary<Long> values = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 2L, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 2124L, 2580L, 5L, 6L, 1024L, 1025L,
                        0xFFFAFFFAL, 2124L + 6 * 2580, 20000L, 19999L),
                Arbitraries.longs().between(0, 0xFFFFFFFFL));
        return Combinators.combine(Arbitraries.integers().between(0, HEADER_FIELDS.length + ENTRY_FIELDS.length + 2),
                Arbitraries.integers().between(0, 5), values, Arbitraries.of(NAMES))
                .as(Mutation::new);
    }

    static byte[] base(boolean v2, boolean encrypted) {
        MiniPac m = PacReadTest.sample();
        if (v2) {
            m.version = "BP_R2.0.1";
        }
        m.encrypt = encrypted;
        return m.build();
    }

    static void apply(byte[] b, Mutation m) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int k = m.field();
        if (k < HEADER_FIELDS.length) {
            buf.putInt(HEADER_FIELDS[k], (int) m.value());
        } else if (k < HEADER_FIELDS.length + ENTRY_FIELDS.length) {
            int at = 2124 + m.row() * 2580 + ENTRY_FIELDS[k - HEADER_FIELDS.length];
            if (at + 4 <= b.length) {
                buf.putInt(at, (int) m.value());
            }
        } else if (k == HEADER_FIELDS.length + ENTRY_FIELDS.length) {
            int at = 2124 + m.row() * 2580 + 516;
            byte[] name = m.name().getBytes(StandardCharsets.UTF_16LE);
            if (at + 512 <= b.length) {
                java.util.Arrays.fill(b, at, at + 512, (byte) 0);
                System.arraycopy(name, 0, b, at, Math.min(510, name.length));
            }
        } else {
            int at = (int) Long.remainderUnsigned(m.value(), b.length);
            b[at] ^= (byte) (m.value() >>> 8 | 1);
        }
    }

    @Property(tries = 600)
    void mutatedPackagesAreReadOrRefused(@ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("mutation") Mutation> ms,
                                         @ForAll boolean v2, @ForAll boolean encrypted, @ForAll boolean lenient)
            throws IOException {
        byte[] b = base(v2, encrypted);
        for (Mutation m : ms) {
            apply(b, m);
        }
        exercise(b, lenient);
    }

    @Property(tries = 300)
    void randomBytesAreRefused(@ForAll @Size(max = 12000) byte[] tail, @ForAll @IntRange(max = 3) int prefix)
            throws IOException {
        byte[] b = new byte[Math.max(tail.length, prefix == 0 ? 0 : 2124)];
        System.arraycopy(tail, 0, b, 0, tail.length);
        if (prefix >= 1) {
            System.arraycopy("BP_R2.0.1".getBytes(StandardCharsets.UTF_16LE), 0, b, 0, 18);
            b[18] = 0;
            b[19] = 0;
        }
        if (prefix >= 2) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(2116, 0xFFFAFFFA).putInt(1080, 2124);
        }
        if (prefix == 3) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(1076, Math.max(1, (b.length - 2124) / 2580));
        }
        exercise(b, true);
        exercise(b, false);
    }

    /** Reads, verifies and extracts; only FormatException may escape, nothing lands outside the folder. */
    static void exercise(byte[] b, boolean lenient) throws IOException {
        Pac pac;
        try {
            pac = Pac.read(ImageReader.of(b), lenient ? PacReadOptions.LENIENT : PacReadOptions.STRICT);
        } catch (FormatException expected) {
            assertTrue(expected.getMessage().startsWith("sprd-pac"), expected.getMessage());
            Statistics.label("outcome").collect("refused");
            return;
        }
        Statistics.label("outcome").collect(pac.findings().isEmpty() ? "read clean" : "read with findings");
        try (pac) {
            pac.verify(ProgressListener.NONE);
            for (PacEntry e : pac.entries()) {
                if (e.hasData() && e.intact()) {
                    assertTrue(e.end() <= b.length);
                }
            }
            Path box = Files.createTempDirectory(dir, "x");
            Path out = box.resolve("out");
            try {
                PacExtractResult r = pac.extract(out, PacExtractOptions.DEFAULT, ProgressListener.NONE);
                for (PacExtractResult.ExtractedFile f : r.files()) {
                    assertEquals(out.toRealPath(), f.path().getParent());
                }
                assertEquals(List.of("out"), TempDirs.list(box).stream().filter(s -> !s.contains("/")).toList());
                assertEquals(r.files().size(), TempDirs.list(out).size());
            } catch (FormatException expected) {
                // a blob that claims to be sparse may be damaged; nothing else
                assertTrue(expected.getMessage().contains("android-sparse") || expected.getMessage().startsWith("sprd-pac"),
                        expected.getMessage());
            } finally {
                TempDirs.delete(box);
            }
        }
    }
}
