package io.github.fwkit.mtk;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.github.fwkit.mtk.Layouts.analyze;
import static io.github.fwkit.mtk.Layouts.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VIVA address table and its parts (spec §9). */
class VivaTest {
    private static final long LOAD = 0x10100000L;
    private static final int TABLE = 0x38;

    /** A VIVA kit file of {@code length} bytes whose content (from 0x38) is {@code content}. */
    private static byte[] viva(byte[] content) {
        return new GfhBuilder(0x0108, LOAD).code(content).patch(0x30, 0).build();
    }

    /** Code-like bytes: all-zero 4 KiB sectors would be findings of their own. */
    private static ByteBuffer filler(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putAscii(ByteBuffer b, int at, String s) {
        b.put(at, s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void listsEveryPartInAddressOrderWithWhatItsHeaderSays() throws Exception {
        int len = 0x4000;
        ByteBuffer c = filler(len - TABLE);
        // table: base, ZIMAGE, BOOT_ZIMAGE, DCM, ALICE (listed out of address order on purpose)
        long zimage = 0x100;
        long bootZimage = 0x3000;
        long dcm = 0x800;
        long alice = 0x1000;
        c.putInt(0, (int) LOAD).putInt(4, (int) (LOAD + zimage)).putInt(8, (int) (LOAD + bootZimage))
                .putInt(12, (int) (LOAD + dcm)).putInt(16, (int) (LOAD + alice));
        int z = (int) zimage - TABLE;
        c.putInt(z, 2);
        c.putInt(z + 4, 3).putInt(z + 8, 0x40).putInt(z + 12, 0x200).putInt(z + 16, 0x7000).putInt(z + 20, 0x800);
        c.putInt(z + 24, 1).putInt(z + 28, 0x240).putInt(z + 32, 0x100).putInt(z + 36, 0x8000).putInt(z + 40, 0x100);
        putAscii(c, (int) dcm - TABLE, "DCMGBODY");
        putAscii(c, (int) alice - TABLE, "ALICE_2\0");
        c.putInt((int) alice - TABLE + 8, (int) (LOAD + 0x1100)).putInt((int) alice - TABLE + 12, (int) (LOAD + 0x2000))
                .putInt((int) alice - TABLE + 16, (int) (LOAD + 0x2800));
        c.putInt((int) bootZimage - TABLE, 0x7fffffff);  // a count no section table has
        MtkRomLayout l = analyze(viva(c.array()));
        assertEquals(MtkRomLayout.Kind.IMAGE, l.kind());
        List<VivaPart> p = l.viva();
        assertEquals(List.of("ZIMAGE", "DCM", "ALICE", "BOOT_ZIMAGE"), p.stream().map(VivaPart::name).toList());
        assertEquals(List.of(0x100L, 0x800L, 0x1000L, 0x3000L), p.stream().map(VivaPart::offset).toList());
        assertEquals(List.of(0x700L, 0x800L, 0x2000L, 0x1000L), p.stream().map(VivaPart::size).toList());
        assertEquals(LOAD + 0x800, p.get(1).address());
        assertEquals("2 sections (1 LZMA), 0x300 bytes packed, 0x900 unpacked", p.get(0).detail());
        assertEquals("DCMGBODY", p.get(1).detail());
        assertEquals("ALICE_2: code 0xF00 bytes, table 0x800, dictionary 0x1800", p.get(2).detail());
        assertEquals("no section table (count 2147483647)", p.get(3).detail());
        assertEquals(List.of(), codes(l));
    }

    @Test
    void anAddressOutsideTheImageIsANoteAndThePartIsLeftOut() throws Exception {
        ByteBuffer c = filler(0x1000);
        c.putInt(0, (int) LOAD).putInt(4, 0).putInt(8, 0).putInt(12, (int) (LOAD + 0x10_0000)).putInt(16, (int) (LOAD + 0x80));
        putAscii(c, 0x80 - TABLE, "nothing here");
        MtkRomLayout l = analyze(viva(c.array()));
        assertEquals(List.of("ALICE"), l.viva().stream().map(VivaPart::name).toList());
        assertEquals("no ALICE header", l.viva().get(0).detail());
        assertEquals(List.of("viva-table"), codes(l));
        assertEquals(TABLE + 12, Layouts.only(l, "viva-table").offset());
    }

    @Test
    void aTableThatDoesNotStartWithTheLoadAddressListsNothing() throws Exception {
        ByteBuffer c = filler(0x1000);
        c.putInt(0, 0x12345678).putInt(16, (int) (LOAD + 0x80));
        MtkRomLayout l = analyze(viva(c.array()));
        assertEquals(List.of(), l.viva());
        assertEquals(List.of(), codes(l));
    }

    /** Found by {@link #randomTablesStayInsideTheImage}: two names at one address got a size of 0. */
    @Test
    void partsSharingAnAddressBothRunToTheNextPart() throws Exception {
        ByteBuffer c = filler(0x1000);
        c.putInt(0, (int) LOAD).putInt(4, (int) (LOAD + 0x100)).putInt(8, 0).putInt(12, (int) (LOAD + 0x100))
                .putInt(16, (int) (LOAD + 0x800));
        MtkRomLayout l = analyze(viva(c.array()));
        assertEquals(List.of("ZIMAGE", "DCM", "ALICE"), l.viva().stream().map(VivaPart::name).toList());
        assertEquals(List.of(0x700L, 0x700L, 0x1038L - 0x800), l.viva().stream().map(VivaPart::size).toList());
    }

    @Test
    void syntheticReadbackListsItsVivaParts() throws Exception {
        Synth s = new Synth();
        MtkRomLayout l = analyze(s.dump());
        assertEquals(1, l.viva().size());
        VivaPart alice = l.viva().get(0);
        assertEquals("ALICE", alice.name());
        assertEquals(s.vivaAt() + 0x4C, alice.offset());
        assertEquals(s.viva().length - 0x4C, alice.size());
        assertEquals("ALICE_1", alice.detail());
    }

    @Test
    void corpusVivaIsOneAlicePart() throws Exception {
        String expected = "ALICE_1: code 0x2DDFE4 bytes, table 0x1C7F4, dictionary 0x6EA0";
        MtkRomLayout alone = analyze(Corpus.file("VIVA"));
        assertEquals(List.of(new VivaPart("ALICE", 0x101D651CL, 0x4C, 0x3016A0, expected)), alone.viva());
        MtkRomLayout dump = analyze(Corpus.rephone16m());
        assertEquals(List.of(new VivaPart("ALICE", 0x101D651CL, 0x1D64D0 + 0x4C, 0x3016A0, expected)), dump.viva());
    }

    /** Random tables and contents: parts stay inside the image and nothing but the layout comes back. */
    @Property(tries = 300)
    void randomTablesStayInsideTheImage(@ForAll long seed, @ForAll @IntRange(min = 0x20, max = 0x3000) int length) throws Exception {
        Random rnd = new Random(seed);
        byte[] content = new byte[length];
        rnd.nextBytes(content);
        ByteBuffer c = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        c.putInt(0, (int) LOAD);
        for (int i = 1; i < 5; i++) {
            int pick = rnd.nextInt(4);
            long a = pick == 0 ? 0 : pick == 1 ? LOAD + rnd.nextInt(length + 0x100) : rnd.nextInt();
            c.putInt(4 * i, (int) a);
        }
        byte[] file = viva(content);
        MtkRomLayout l = analyze(file);
        for (VivaPart p : l.viva()) {
            assertTrue(p.offset() >= TABLE + 20 && p.offset() + p.size() <= file.length, p.toString());
            assertTrue(p.size() > 0, p.toString());
        }
    }
}
