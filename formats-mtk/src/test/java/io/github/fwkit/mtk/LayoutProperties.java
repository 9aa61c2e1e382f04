package io.github.fwkit.mtk;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.internal.Gfh;
import io.github.fwkit.mtk.internal.Scan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input: random and mutated dumps give a layout (with findings) or a
 * {@link FormatException}, never another exception, and every layout accounts for every byte.
 * Time is bounded by construction (each input is read a fixed number of times); these
 * properties run thousands of dumps in seconds.
 */
class LayoutProperties {
    private static final byte[] SYNTH = new Synth().dump();
    private static final Synth SHAPE = new Synth();

    private static void survive(byte[] dump) throws IOException {
        survive(dump, true);
    }

    private static void survive(byte[] dump, boolean detect) throws IOException {
        try {
            Layouts.checkInvariants(MtkRomLayout.analyze(ImageReader.of(dump)));
        } catch (FormatException expected) {
            // allowed: the only exception a parser lets out for bad input
        }
        if (!detect) {
            return;
        }
        // Formats.detect turns a probe's RuntimeException into a "probe failed" detection.
        for (io.github.fwkit.core.Detection d : io.github.fwkit.core.Formats.detect(ImageReader.of(dump))) {
            assertTrue(!d.summary().startsWith("probe failed"), d::summary);
        }
    }

    @Property(tries = 300)
    void randomBytes(@ForAll @Size(max = 0x4000) byte[] dump) throws IOException {
        survive(dump);
    }

    @Property(tries = 300)
    void randomBytesAfterAHeaderBlock(@ForAll @Size(min = 0x14, max = 0x3000) byte[] dump) throws IOException {
        System.arraycopy("SF_BOOT\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, dump, 0, 8);
        survive(dump);
    }

    /** Mutations aimed at the structures: header block, BRLYT, the GFH chains of all four images. */
    @Provide
    Arbitrary<int[]> mutation() {
        Arbitrary<Integer> where = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x2C0),
                Arbitraries.integers().between((int) SHAPE.blAt, (int) SHAPE.blAt + 0x100),
                Arbitraries.integers().between((int) SHAPE.extAt, (int) SHAPE.extAt + 0x80),
                Arbitraries.integers().between((int) SHAPE.romAt, (int) SHAPE.romAt + 0x400),
                Arbitraries.integers().between((int) SHAPE.vivaAt(), (int) SHAPE.vivaAt() + 0x40),
                Arbitraries.integers().between(0, SYNTH.length - 1));
        Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.integers().between(0, 255),
                Arbitraries.of(0, 0xFF, 0x7F, 0x80, 0x38, 0x4D, 0x01, 0x10));
        return Combinators.combine(where, value).as((w, v) -> new int[] {w, v});
    }

    @Property(tries = 600)
    void mutatedDumps(@ForAll @Size(min = 1, max = 12) List<@net.jqwik.api.From("mutation") int[]> mutations,
                      @ForAll @IntRange(min = 0, max = 4) int cut) throws IOException {
        byte[] d = SYNTH.clone();
        for (int[] m : mutations) {
            d[m[0]] = (byte) m[1];
        }
        // Sometimes also cut the read short, inside one of the structures.
        int length = cut == 0 ? d.length : Math.max(0, mutations.get(0)[0] + cut * 7);
        // Detection (which analyses again) on a quarter of them keeps the run short.
        survive(Arrays.copyOf(d, Math.min(length, d.length)), mutations.size() % 4 == 0);
    }

    /** Whole u32 fields of FILE_INFO and the chain replaced by extreme values. */
    @Property(tries = 300)
    void extremeFields(@ForAll @IntRange(min = 0, max = 0x3FF) int field,
                       @ForAll("extremes") int value) throws IOException {
        byte[] d = SYNTH.clone();
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt((int) SHAPE.romAt + (field & ~3), value);
        survive(d, false);
        d = SYNTH.clone();
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt((field & ~3) % 0x2C0, value);
        survive(d, true);
    }

    @Provide
    Arbitrary<Integer> extremes() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 7, 8, 0x38, 0x200, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
                0x10000000, 0x100000, 0x42424242, 0x004D4D4D, 0x454E4400), Arbitraries.integers());
    }

    /** Chains of records with any sizes and magics: the walk ends, stays inside content_offset, never throws. */
    @Property(tries = 1000)
    void chainsEndInsideContentOffset(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 0x1FF) Integer> sizes,
                                      @ForAll @IntRange(min = 1, max = 0x2000) int contentOffset,
                                      @ForAll boolean magic) throws IOException {
        byte[] b = new byte[0x2000];
        ByteBuffer x = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        for (int size : sizes) {
            if (pos + 8 > b.length) {
                break;
            }
            x.put(pos, new byte[] {'M', 'M', magic ? (byte) 'M' : (byte) 'X', 1}).putShort(pos + 4, (short) size)
                    .putShort(pos + 6, (short) 0x200);
            pos += Math.max(size, 1);
        }
        Gfh.Chain c = Gfh.walk(ImageReader.of(b), 0, contentOffset, 256);
        long sum = c.records().stream().mapToLong(GfhRecord::size).sum();
        assertTrue(sum <= contentOffset);
        assertTrue(c.records().size() <= 256);
        assertEquals(c.end(), sum);
        assertTrue(c.end() == contentOffset || !c.problems().isEmpty(), c::toString);
    }

    @Property(tries = 1000)
    void indexOfMatchesNaive(@ForAll @Size(max = 200) byte[] hay, @ForAll @Size(min = 1, max = 4) byte[] needle,
                             @ForAll @IntRange(max = 40) int from) {
        int to = hay.length;
        int expected = -1;
        for (int i = from; i + needle.length <= to && expected < 0; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                expected = i;
            }
        }
        assertEquals(expected, Scan.indexOf(hay, from, to, needle));
    }

    /** Mostly-erased input with a few keys, some straddling 4 KiB chunk edges. */
    @Property(tries = 300)
    void skippingErasedFindsWhatIndexOfFinds(@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 0x3000) Integer> at,
                                             @ForAll @IntRange(max = 0x100) int from) {
        byte[] hay = new byte[0x3000 + 0x20];
        Arrays.fill(hay, (byte) 0xFF);
        for (int a : at) {
            System.arraycopy(Gfh.FILE_INFO_KEY, 0, hay, a, Gfh.FILE_INFO_KEY.length);
        }
        for (int i = from; i >= 0 && i < hay.length; i++) {
            int expected = Scan.indexOf(hay, i, hay.length, Gfh.FILE_INFO_KEY);
            assertEquals(expected, Scan.indexOfSkippingErased(hay, i, hay.length, Gfh.FILE_INFO_KEY));
            if (expected < 0) {
                break;
            }
            i = expected;
        }
    }

    @Property(tries = 1000)
    void countMatchesNaive(@ForAll @Size(max = 100) byte[] b, @ForAll byte value) {
        int expected = 0;
        for (byte x : b) {
            expected += x == value ? 1 : 0;
        }
        assertEquals(expected, Scan.count(b, 0, b.length, value));
    }

    @Property(tries = 200)
    void findAllAcrossWindowSeams(@ForAll @IntRange(min = 0, max = 40) int before) throws IOException {
        // A key straddling the 1 MiB window boundary must be found exactly once.
        byte[] b = new byte[Scan.WINDOW + 64];
        int at = Scan.WINDOW - before;
        System.arraycopy(Gfh.FILE_INFO_KEY, 0, b, at, Gfh.FILE_INFO_KEY.length);
        List<Long> hits = new java.util.ArrayList<>();
        Scan.findAll(ImageReader.of(b), 0, b.length, Gfh.FILE_INFO_KEY, h -> hits.add(h));
        assertEquals(List.of((long) at), hits);
    }
}
