package io.github.fwkit.mtk;

import io.github.fwkit.mtk.Finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cfg model: MediaTek's parser rules, both layouts, and checks against a kit folder. */
class CfgTest {
    private static final String GENUINE = "SEEED02A_DEMO_BB.cfg";
    private static final String RE = "readback-extractor-kit/config_mtk.cfg";

    private static String corpusText(String name) throws IOException {
        return new String(Corpus.file(name), StandardCharsets.ISO_8859_1);
    }

    private static List<String> codes(List<Finding> f) {
        return f.stream().map(Finding::code).collect(Collectors.toList());
    }

    private static List<String> errors(List<Finding> f) {
        return f.stream().filter(x -> x.severity() == Severity.ERROR).map(Finding::code).collect(Collectors.toList());
    }

    @Test
    void genuineCfg() throws Exception {
        MtkCfg.Parsed p = MtkCfg.parse(Corpus.kit().resolve(GENUINE));
        assertEquals(List.of(), p.findings());
        assertFalse(p.crlf());
        MtkCfg c = p.cfg();
        assertEquals("MT2502", c.platform().orElseThrow());
        assertEquals(List.of(Corpus.BOOTLOADER, "EXT_BOOTLOADER"), c.bootFiles());
        assertEquals(List.of("ROM", "VIVA"), c.mainFiles());
        assertTrue(c.controlBlockFiles().isEmpty() && c.fileSystemFiles().isEmpty());
        assertEquals("v1", c.parametersVersion());
        assertEquals(List.of("C2 25 38", "EF 60 18"), c.flashInfos().stream().map(MtkCfg.FlashInfo::hex).toList());
        assertTrue(c.flashInfos().stream().allMatch(f -> f.flashType().equals("SF") && f.idLength() == 3
                && f.memoryType().equals("PSRAM_130MHz")));
        // Written back in cfgGen's layout, it is the same file.
        assertEquals(corpusText(GENUINE), c.toText(KitStyle.FLASHTOOL));
    }

    @Test
    void readbackExtractorCfg() throws Exception {
        MtkCfg.Parsed p = MtkCfg.parse(Corpus.kit().resolve(RE));
        assertEquals(List.of("cfg-platform"), codes(p.findings()));
        assertEquals(Severity.WARNING, p.findings().get(0).severity());
        assertTrue(p.crlf());
        assertTrue(p.valid());
        MtkCfg c = p.cfg();
        assertTrue(c.platform().isEmpty());
        assertEquals(List.of("INT_BOOTLOADER", "EXT_BOOTLOADER"), c.bootFiles());
        assertEquals(List.of("FILE_01_mtk", "FILE_02_mtk"), c.mainFiles());
        assertEquals("PSRAM_166MHz", c.flashInfos().get(0).memoryType());
        assertEquals(corpusText(RE), c.toText(KitStyle.READBACK_EXTRACTOR));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "two spaces after id_length | id_length: 3 | id_length:  3 | cfg-id-length",
        "trailing space after a file | - file: ROM\\n | - file: ROM \\n | cfg-file-name",
        "comment after a file | - file: VIVA\\n | - file: VIVA   # the VIVA\\n | cfg-file-name",
        "two spaces after file: | - file: ROM\\n | - file:  ROM\\n | cfg-file-name",
        "unknown parameters_version | parameters_version: v1 | parameters_version: v4 | cfg-parameters-version",
        "no parameters_version | parameters_version: v1 | parameters: v1 | cfg-parameters-version",
        "no control block region | control_block_region: | control_region: | cfg-region-missing",
        "indented main region | \\nmain_region: | \\n main_region: | cfg-region-missing",
        "id_length zero | id_length: 3 | id_length: 0 | cfg-id-length",
        "id_length nine | id_length: 3 | id_length: 9 | cfg-id-length",
        "short flash_id | 0x25, 0x38, 0x00, 0x00, 0x00, 0x00, 0x00] | 0x25] | cfg-flash-id",
        "bad memory type | memory_type: PSRAM_130MHz | memory_type: SRAM | cfg-memory-type",
        "bad flash type | flash_type: SF | flash_type: EMMC | cfg-flash-type"})
    void parserRules(String what, String from, String to, String code) throws Exception {
        String text = corpusText(GENUINE);
        assertTrue(text.contains(from.replace("\\n", "\n")), what);
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(from.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
        MtkCfg.Parsed p = MtkCfg.parse(broken);
        assertFalse(p.valid(), () -> what + ": " + p.findings());
        assertTrue(errors(p.findings()).contains(code), () -> what + ": " + p.findings());
    }

    @Test
    void trailingSpaceBecomesPartOfTheName() throws Exception {
        MtkCfg.Parsed p = MtkCfg.parse(corpusText(GENUINE).replace("- file: ROM\n", "- file: ROM \n"));
        assertEquals("ROM ", p.cfg().mainFiles().get(0));
        Finding f = p.findings().get(0);
        assertEquals(43, f.offset(), "line number");
        assertEquals("/main_region/rom[0]", f.path());
    }

    @Test
    void longLinesAreSplitLikeTheParserDoes() {
        String name = "A".repeat(300);
        MtkCfg.Parsed p = MtkCfg.parse("boot_region:\n  rom:\n    - file: " + name + "\ncontrol_block_region:\n"
                + "main_region:\nexternal_memory:\n    parameters_version: v1\n");
        assertTrue(errors(p.findings()).contains("cfg-line-too-long"));
        assertEquals(255 - "    - file: ".length(), p.cfg().bootFiles().get(0).length());
        // The rest of the line was read as another line: 'A's, not a file.
        assertEquals(1, p.cfg().bootFiles().size());
    }

    @Test
    void duplicatesAndCrlfAndHexWithoutPrefix() {
        String text = "general:\r\n    platform: MT6260\r\nboot_region:\r\n  rom:\r\n    - file: INT_BOOTLOADER\r\n"
                + "control_block_region:\r\n  rom:\r\nmain_region:\r\n  rom:\r\n    - file: ROM\r\n    - file: VIVA\r\n"
                + "    - file: VIVA\r\nfile_system_region:\r\n  rom:\r\nexternal_memory:\r\n    parameters_version: v3.1\r\n"
                + "    parameters:\r\n      - flash_info:\r\n          flash_type: SF\r\n          id_length: 3\r\n"
                + "          flash_id: [EF, 60, 18, 00, 00, 00, 00, 00]\r\n        memory_type: PSRAM\r\n";
        MtkCfg.Parsed p = MtkCfg.parse(text);
        assertTrue(p.valid(), p.findings()::toString);
        assertTrue(p.crlf());
        assertEquals(List.of("cfg-duplicate"), codes(p.findings()));
        assertEquals("EF 60 18", p.cfg().flashInfos().get(0).hex());
        assertEquals("MT6260", p.cfg().platform().orElseThrow());
        assertEquals("v3.1", p.cfg().parametersVersion());
    }

    @Test
    void hostileText() {
        for (String t : List.of("", "\n\n\n", "#".repeat(10000), "- file: x\n", "id_length: 7\n",
                "parameters_version: v1\n- flash_info:\nflash_id: [zz]\nid_length: \n", "\r\r\r\0\0\0",
                "parameters_version: v1\n- flash_info:\nid_length: 8\nflash_id: [0x1FF, 2]\n",
                "x".repeat(100000))) {
            MtkCfg.Parsed p = MtkCfg.parse(t);
            assertFalse(p.valid());
        }
    }

    @Test
    void writerRefusesNamesTheParserCannotRead() {
        MtkCfg c = new MtkCfg(java.util.Optional.of("MT2502"), List.of("BOOT LOADER"), List.of(), List.of("ROM"),
                List.of(), "v1", List.of());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> c.toText(KitStyle.FLASHTOOL));
    }

    /** A kit folder with the genuine files under the names a cfg uses. */
    private static Path kitFolder(Path dir, String cfgText, String... names) throws IOException {
        String[] sources = Corpus.KIT_FILES;
        for (int i = 0; i < names.length; i++) {
            Files.write(dir.resolve(names[i]), Corpus.file(sources[i]));
        }
        Path cfg = dir.resolve("kit.cfg");
        Files.writeString(cfg, cfgText, StandardCharsets.ISO_8859_1);
        return cfg;
    }

    @Test
    void checkGenuineKits(@TempDir Path dir) throws Exception {
        Path genuine = dir.resolve("genuine");
        Files.createDirectories(genuine);
        assertEquals(List.of(), MtkCfg.check(kitFolder(genuine, corpusText(GENUINE), Corpus.KIT_FILES)));
        Path re = dir.resolve("re");
        Files.createDirectories(re);
        assertEquals(List.of("cfg-platform"), codes(MtkCfg.check(kitFolder(re, corpusText(RE), "INT_BOOTLOADER",
                "EXT_BOOTLOADER", "FILE_01_mtk", "FILE_02_mtk"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file | - file: VIVA | - file: VIVA2 | cfg-file-missing",
        "bootloaders swapped | - file: " + Corpus.BOOTLOADER + "\\n    - file: EXT_BOOTLOADER | - file: EXT_BOOTLOADER\\n    - file: " + Corpus.BOOTLOADER + " | cfg-bl-order",
        "ROM in the boot region | - file: EXT_BOOTLOADER | - file: ROM | cfg-region-type",
        "platform mismatch | platform: MT2502 | platform: MT6261 | cfg-platform",
        "escaping name | - file: VIVA | - file: ../VIVA | cfg-file-missing"})
    void checkFindsKitProblems(String what, String from, String to, String code, @TempDir Path dir) throws Exception {
        String text = corpusText(GENUINE).replaceFirst(java.util.regex.Pattern.quote(from.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
        List<Finding> f = MtkCfg.check(kitFolder(dir, text, Corpus.KIT_FILES));
        assertTrue(errors(f).contains(code), () -> what + ": " + f);
    }

    @Test
    void checkComparesFlashIdsBothWays(@TempDir Path dir) throws Exception {
        String text = corpusText(GENUINE).replace("0xEF, 0x60, 0x18", "0xEF, 0x40, 0x18");
        List<Finding> f = MtkCfg.check(kitFolder(dir, text, Corpus.KIT_FILES));
        assertEquals(List.of("cfg-id-missing", "cfg-id-extra"), codes(f));
        assertTrue(f.get(0).message().contains("EF 60 18 (Winbond)"), f.get(0)::message);
    }

    @Test
    void checkFindsWrongLengthAndNonGfhFiles(@TempDir Path dir) throws Exception {
        Path cfg = kitFolder(dir, corpusText(GENUINE), Corpus.KIT_FILES);
        byte[] rom = Corpus.file("ROM");
        Files.write(dir.resolve("ROM"), java.util.Arrays.copyOf(rom, rom.length + 0x10));
        Files.write(dir.resolve("VIVA"), new byte[100]);
        List<String> errors = errors(MtkCfg.check(cfg));
        assertTrue(errors.contains("cfg-file-length"), errors::toString);
        assertTrue(errors.contains("cfg-file-not-gfh"), errors::toString);
    }
}
