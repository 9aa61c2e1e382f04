package io.github.fwkit.mtk;

import io.github.fwkit.core.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashIdScannerTest {

    private static List<String> hex(List<FlashId> ids) {
        return ids.stream().map(FlashId::hex).toList();
    }

    @Test
    void corpusReadbackAndRomFile() throws Exception {
        FlashIdScanner.Result dump = FlashIdScanner.scan(ImageReader.of(Corpus.rephone16m()));
        assertEquals(List.of("C2 25 38", "EF 60 18"), hex(dump.ids()));
        assertEquals(List.of(0x20234L, 0x2023EL), dump.ids().stream().map(FlashId::offset).toList());
        assertEquals("ROM CMEM_ID_INFO[0]", dump.ids().get(0).source());
        assertEquals(3, dump.ids().get(0).deviceType());
        assertEquals("SF", dump.ids().get(0).flashType());
        assertTrue(dump.findings().isEmpty());
        assertTrue(dump.supports(List.of(0xEF, 0x60, 0x18)));
        assertFalse(dump.supports(List.of(0xC2, 0x25, 0x35)));

        FlashIdScanner.Result rom = FlashIdScanner.scan(Corpus.kit().resolve("ROM"));
        assertEquals(List.of(0x234L, 0x23EL), rom.ids().stream().map(FlashId::offset).toList());
        assertTrue(FlashIdScanner.scan(Corpus.kit().resolve(Corpus.BOOTLOADER)).ids().isEmpty());

        FlashIdScanner.Result mirror = FlashIdScanner.scan(ImageReader.of(Corpus.variant("mirror-32m")));
        assertEquals(4, mirror.ids().size());
        assertEquals(List.of("C2 25 38", "EF 60 18"), hex(mirror.chips()));

        // The analysis agrees with the fast path.
        assertEquals(dump.ids(), MtkRomLayout.analyze(ImageReader.of(Corpus.rephone16m())).flashIds());
    }

    @Test
    void synthetic() throws Exception {
        Synth s = new Synth();
        FlashIdScanner.Result r = FlashIdScanner.scan(ImageReader.of(s.dump()));
        assertEquals(List.of("EF 40 12", "C8 40 12"), hex(r.ids()));
        assertEquals(List.of("Winbond", "GigaDevice"), r.ids().stream().map(f -> f.manufacturer().orElseThrow()).toList());
    }

    @Test
    void flashInfoWhenThereIsNoCmemList() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        // Turn the CMEM_ID_INFO record into an unknown type.
        int cmem = (int) s.romAt + 0x38 + 0x130 + 0x7C;
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putShort(cmem + 6, (short) 0x0777);
        FlashIdScanner.Result r = FlashIdScanner.scan(ImageReader.of(d));
        assertEquals(List.of("EF 40 12"), hex(r.ids()));
        assertEquals("ROM FLASH_INFO[0]", r.ids().get(0).source());
        assertEquals(-1, r.ids().get(0).deviceType());
        assertEquals(r.ids(), MtkRomLayout.analyze(ImageReader.of(d)).flashIds());
    }

    @Test
    void nothingInRandomBytes() throws Exception {
        byte[] b = new byte[0x20000];
        new Random(7).nextBytes(b);
        assertTrue(FlashIdScanner.scan(ImageReader.of(b)).ids().isEmpty());
        assertTrue(FlashIdScanner.scan(ImageReader.of(new byte[0])).ids().isEmpty());
    }

    @Test
    void cmemCountLie() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        int cmem = (int) s.romAt + 0x38 + 0x130 + 0x7C;
        ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(cmem + 12, 0x7FFFFFFF);
        FlashIdScanner.Result r = FlashIdScanner.scan(ImageReader.of(d));
        assertEquals(2, r.ids().size());
        assertEquals("cmem-size", r.findings().get(0).code());
    }

    @ParameterizedTest
    @CsvSource({
        "C2 25 38, Macronix, 16",
        "C2 25 36, Macronix, 4",
        "EF 60 18, Winbond, 16",
        "EF 40 16, Winbond, 4",
        "C8 40 17, GigaDevice, 8",
        "20 BA 20, Micron/XMC, 64",
        "1C 30 15, EON, 2"})
    void jedecDecoding(String id, String vendor, int mib) {
        List<Integer> bytes = new ArrayList<>();
        for (String b : id.split(" ")) {
            bytes.add(Integer.parseInt(b, 16));
        }
        while (bytes.size() < 8) {
            bytes.add(0);
        }
        FlashId f = new FlashId(3, 3, bytes, 0, "test");
        assertEquals(vendor, f.manufacturer().orElseThrow());
        assertEquals((long) mib << 20, f.capacity().getAsLong());
        assertEquals(id, f.hex());
    }

    @Test
    void unknownCapacityScheme() {
        FlashId f = new FlashId(3, 3, Arrays.asList(0x12, 0x34, 0x99, 0, 0, 0, 0, 0), 0, "test");
        assertTrue(f.manufacturer().isEmpty());
        assertTrue(f.capacity().isEmpty());
    }
}
