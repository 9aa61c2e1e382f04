package io.github.fwkit.mtk;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kit extraction from the composed corpus readback and from synthetic dumps. */
class KitTest {

    private static Path dumpFile(Path dir, byte[] dump) throws IOException {
        Path p = dir.resolve("ROM_0");
        Files.write(p, dump);
        return p;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void flashtoolKitReproducesTheGenuineKit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kit");
        MtkKit.Result kit = MtkKit.extract(dumpFile(dir, Corpus.rephone16m()), out, MtkKit.Options.DEFAULTS);
        for (String f : Corpus.KIT_FILES) {
            assertArrayEquals(Corpus.file(f), Files.readAllBytes(out.resolve(f)), f);
        }
        // cfgGen's own file, byte for byte.
        assertArrayEquals(Corpus.file("SEEED02A_DEMO_BB.cfg"), Files.readAllBytes(out.resolve("SEEED02A_DEMO_BB.cfg")));
        assertEquals(List.of("EXT_BOOTLOADER", "REPORT.txt", "ROM", "SEEED02A_DEMO_BB.cfg", Corpus.BOOTLOADER, "VIVA"),
                listing(out));
        assertEquals(List.of(Corpus.BOOTLOADER, "EXT_BOOTLOADER", "ROM", "VIVA", "SEEED02A_DEMO_BB.cfg", "REPORT.txt"),
                kit.files().stream().map(MtkKit.KitFile::name).toList());
        assertEquals("549165e9eed9370e037ca87ae82caddcb59258d5deec4350ef032a25e6237738", kit.files().get(0).sha256());
        assertEquals(List.of(), kit.notes());

        MtkCfg cfg = MtkCfg.parse(out.resolve("SEEED02A_DEMO_BB.cfg")).cfg();
        assertEquals("MT2502", cfg.platform().orElseThrow());
        assertEquals(List.of("C2 25 38", "EF 60 18"), cfg.flashInfos().stream().map(MtkCfg.FlashInfo::hex).toList());
        MtkCfg genuine = MtkCfg.parse(Corpus.kit().resolve("SEEED02A_DEMO_BB.cfg")).cfg();
        assertEquals(genuine, cfg);
        assertEquals(List.of(), MtkCfg.check(out.resolve("SEEED02A_DEMO_BB.cfg")));

        String report = Files.readString(out.resolve("REPORT.txt"));
        for (String s : List.of("MT2502", "SEEED02A_DEMO_HW", "MAUI.11CW1418SP5.W15.19", "HEALTHY", "C2 25 38",
                "549165e9eed9370e037ca87ae82caddcb59258d5deec4350ef032a25e6237738")) {
            assertTrue(report.contains(s), s);
        }
    }

    @Test
    void readbackExtractorKit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kit");
        MtkKit.Options o = MtkKit.Options.DEFAULTS.withStyle(KitStyle.READBACK_EXTRACTOR).withMemoryType(MtkCfg.PSRAM_166);
        MtkKit.extract(dumpFile(dir, Corpus.rephone16m()), out, o);
        String[] names = {"INT_BOOTLOADER", "EXT_BOOTLOADER", "FILE_01_mtk", "FILE_02_mtk"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(Corpus.file(Corpus.KIT_FILES[i]), Files.readAllBytes(out.resolve(names[i])), names[i]);
        }
        // The tool's own cfg, except that the platform is written.
        String genuine = new String(Corpus.file("readback-extractor-kit/config_mtk.cfg"), StandardCharsets.ISO_8859_1);
        String expected = genuine.replace("    platform:              #", "    platform: MT2502       #");
        assertEquals(expected, Files.readString(out.resolve("config_mtk.cfg"), StandardCharsets.ISO_8859_1));
        assertEquals(List.of(), MtkCfg.check(out.resolve("config_mtk.cfg")));
    }

    @Test
    void userDataOnRequest(@TempDir Path dir) throws Exception {
        byte[] dump = Corpus.rephone16m();
        Path out = dir.resolve("kit");
        MtkKit.Result kit = MtkKit.extract(dumpFile(dir, dump), out, MtkKit.Options.DEFAULTS.withUserData(true));
        // FAT (0x500000 + 0xAFE000) and SDS (0xFFE000 + 0x2000) touch: one file.
        Path user = out.resolve("USERDATA_00500000_00B00000.bin");
        assertArrayEquals(Arrays.copyOfRange(dump, 0x500000, 0x1000000), Files.readAllBytes(user));
        assertTrue(Files.readString(out.resolve("USERDATA_README.txt")).contains("SAME phone"));
        assertTrue(kit.files().stream().anyMatch(f -> f.kind().equals("userdata") && f.sourceOffset() == 0x500000));
    }

    @Test
    void truncatedDumpIsRefusedUnlessForced(@TempDir Path dir) throws Exception {
        Path dump = dumpFile(dir, Corpus.variant("trunc-4m"));
        Path out = dir.resolve("kit");
        FormatException e = assertThrows(FormatException.class, () -> MtkKit.extract(dump, out, MtkKit.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("VIVA at 0x1D64D0 is incomplete: 0x229B30 of 0x3016EC"), e::getMessage);
        assertTrue(!Files.exists(out) || listing(out).isEmpty(), "nothing written");

        MtkKit.Result kit = MtkKit.extract(dump, out, MtkKit.Options.DEFAULTS.withForce(true).withUserData(true));
        assertEquals(List.of("EXT_BOOTLOADER", "REPORT.txt", "ROM", "SEEED02A_DEMO_BB.cfg", Corpus.BOOTLOADER),
                listing(out));
        assertEquals(List.of("ROM"), kit.cfg().mainFiles());
        assertTrue(kit.notes().stream().anyMatch(n -> n.contains("VIVA") && n.contains("left out")));
        assertTrue(kit.notes().stream().anyMatch(n -> n.contains("FAT") && n.contains("not in the dump")));
        assertTrue(Files.readString(out.resolve("REPORT.txt")).contains("left out (forced)"));
    }

    @Test
    void brokenSignatureIsRefusedUnlessForced(@TempDir Path dir) throws Exception {
        Path dump = dumpFile(dir, Corpus.variant("extbl-flip"));
        FormatException e = assertThrows(FormatException.class,
                () -> MtkKit.extract(dump, dir.resolve("kit"), MtkKit.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("PHASH"), e::getMessage);
        MtkKit.Result kit = MtkKit.extract(dump, dir.resolve("kit"), MtkKit.Options.DEFAULTS.withForce(true));
        assertEquals(4, kit.cfg().bootFiles().size() + kit.cfg().mainFiles().size());
    }

    @Test
    void shiftedDumpGivesTheSameKit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kit");
        MtkKit.extract(dumpFile(dir, Corpus.variant("shift-3")), out, MtkKit.Options.DEFAULTS);
        for (String f : Corpus.KIT_FILES) {
            assertArrayEquals(Corpus.file(f), Files.readAllBytes(out.resolve(f)), f);
        }
    }

    @Test
    void notAReadbackIsRefused(@TempDir Path dir) throws Exception {
        for (String v : List.of("all-ff", "random")) {
            Path dump = dumpFile(dir, Corpus.variant(v));
            assertThrows(FormatException.class, () -> MtkKit.extract(dump, dir.resolve("kit"), MtkKit.Options.DEFAULTS));
        }
    }

    @Test
    void neverOverwritesTheInput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("kit");
        Files.createDirectories(out);
        Path dump = out.resolve("ROM");
        Files.write(dump, new Synth().dump());
        IOException e = assertThrows(IOException.class, () -> MtkKit.extract(dump, out, MtkKit.Options.DEFAULTS));
        assertTrue(e.getMessage().contains("refusing to overwrite the input"), e::getMessage);
        assertEquals(List.of("ROM"), listing(out), "nothing else written");
    }

    @Test
    void syntheticKit(@TempDir Path dir) throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        Path out = dir.resolve("kit");
        long[] last = {0, 0};
        ProgressListener p = (done, total) -> {
            assertTrue(done >= last[0] && done <= total);
            last[0] = done;
            last[1] = total;
        };
        MtkKit.Result kit = MtkKit.write(ImageReader.of(d), MtkRomLayout.analyze(ImageReader.of(d)), out,
                MtkKit.Options.DEFAULTS.withUserData(true), List.of(), p);
        assertEquals(last[0], last[1]);
        assertArrayEquals(s.bootloader(), Files.readAllBytes(out.resolve(
                "TESTBOARD_BOOTLOADER_V007_MT6261_MAUI_11CW1234SP5_W20_01.bin")));
        assertArrayEquals(s.extBootloader(), Files.readAllBytes(out.resolve("EXT_BOOTLOADER")));
        assertArrayEquals(s.rom(), Files.readAllBytes(out.resolve("ROM")));
        assertArrayEquals(s.viva(), Files.readAllBytes(out.resolve("VIVA")));
        assertEquals("TESTBOARD_BB.cfg", kit.files().get(4).name());
        assertEquals("PSRAM_166MHz", kit.cfg().flashInfos().get(0).memoryType());
        assertEquals(List.of(), MtkCfg.check(out.resolve("TESTBOARD_BB.cfg")));
        assertTrue(Files.exists(out.resolve("USERDATA_00020000_00020000.bin")));
    }

    @Test
    void optionsFillWhatTheDumpLacks() throws Exception {
        Synth s = new Synth();
        byte[] d = s.dump();
        MtkRomLayout l = MtkRomLayout.analyze(ImageReader.of(d));
        FlashId id = new FlashId(3, 3, List.of(0xC2, 0x25, 0x36, 0, 0, 0, 0, 0), -1, "user");
        MtkCfg cfg = MtkKit.cfg(l, MtkKit.Options.DEFAULTS.withPlatform("MT6261D").withFlashIds(List.of(id)));
        assertEquals("MT6261D", cfg.platform().orElseThrow());
        assertEquals(List.of("C2 25 36"), cfg.flashInfos().stream().map(MtkCfg.FlashInfo::hex).toList());
        assertFalse(MtkCfg.parse(cfg.toText(KitStyle.FLASHTOOL)).findings().stream()
                .anyMatch(f -> f.severity() == Finding.Severity.ERROR));
    }
}
