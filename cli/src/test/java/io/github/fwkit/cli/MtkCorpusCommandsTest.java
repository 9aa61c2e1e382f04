package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code fwkit mtk} on the readback composed from the genuine MT2502 kit (corpus README section 4)
 * and its variants, written into a temporary folder. Skipped without the corpus, failed on CI.
 */
class MtkCorpusCommandsTest {
    @TempDir
    Path dir;
    Path dump;
    Path kit;

    @BeforeEach
    void compose() throws IOException {
        kit = MtkCorpus.kit();
        dump = MtkCorpus.writeReadback(dir.resolve("rephone-16m.bin"), MtkCorpus.CHIP);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json, Object... path) {
        return (List<Object>) get(json, path);
    }

    private static List<Object> field(List<Object> objects, String name) {
        List<Object> out = new ArrayList<>();
        for (Object o : objects) {
            out.add(get(o, name));
        }
        return out;
    }

    private static Object item(Object info, String key) {
        for (Object i : list(info, "identification")) {
            if (key.equals(get(i, "key"))) {
                return i;
            }
        }
        throw new AssertionError("no identification item " + key);
    }

    @Test
    void infoNamesChipFirmwareImagesAndEveryByte() throws IOException {
        Run text = run("mtk", "info", dump);
        assertEquals(0, text.code(), text::toString);
        for (String s : List.of("MediaTek serial-flash readback", "MT2502", "SEEED02A_DEMO_HW",
                "MAUI.11CW1418SP5.W15.19", "C2 25 38  Macronix", "EF 60 18  Winbond", "BRLYT at 0x200",
                "EXT_BOOTLOADER", "PHASH_OK", "Regions (every byte)", "FAT  flash 0x500000 + 0xAFE000",
                "Health  HEALTHY, score 100", "fwkit mtk extract")) {
            assertTrue(text.out().contains(s), () -> "no '" + s + "' in\n" + text);
        }

        Run r = run("mtk", "info", "--json", dump);
        assertEquals(0, r.code(), r::toString);
        Object j = r.json();
        assertEquals("readback", get(j, "kind"));
        assertEquals((long) MtkCorpus.CHIP, get(j, "length"));
        assertEquals(0L, get(j, "base"));
        assertEquals("MT2502", get(item(j, "platform"), "value"));
        assertEquals("SEEED02A_DEMO_HW", get(item(j, "hw_version"), "value"));
        assertEquals("MAUI.11CW1418SP5.W15.19", get(item(j, "verno"), "value"));
        long at = (Long) get(item(j, "hw_version"), "offset");
        assertTrue(at > 0x20000 && at < 0x1D60D0, "the HW version is read inside the ROM: " + at);
        assertEquals(List.of("C2 25 38", "EF 60 18"), field(list(j, "flash_ids"), "id"));
        assertEquals(List.of(0x800L, 0x3000L, 0x20000L, 0x1D64D0L), field(list(j, "images"), "flash_offset"));
        assertEquals(List.of(0x1C68L, 0x19F20L, 0x1B60D0L, 0x3016ECL), field(list(j, "images"), "file_len"));
        assertEquals(List.of("phash_ok", "phash_ok", "none", "none"), field(list(j, "images"), "signature"));
        assertEquals(List.of("boot_region", "boot_region", "main_region", "main_region"),
                field(list(j, "images"), "region"));
        assertEquals(2, list(j, "header", "brlyt", "descriptors").size());
        assertEquals((long) MtkCorpus.CHIP, get(j, "chip_size", "bytes"));
        assertEquals(List.of("FAT", "SDS"), field(list(j, "user_data"), "name"));
        assertEquals(List.of(true, true), field(list(j, "user_data"), "covered"));
        long next = 0;
        for (Object region : list(j, "regions")) {
            assertEquals(next, get(region, "offset"), "regions are contiguous");
            next += (Long) get(region, "length");
        }
        assertEquals((long) MtkCorpus.CHIP, next, "regions cover every byte");
        assertEquals("healthy", get(j, "health", "verdict"));
        assertEquals(100L, get(j, "health", "score"));
        assertEquals(0L, get(j, "health", "errors"));
    }

    @Test
    void healthIsCleanForTheWholeChipAndExitThreeForAFourMiBRead() throws IOException {
        Run ok = run("mtk", "health", dump);
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().startsWith(dump + ": HEALTHY, score 100"), ok::toString);
        assertEquals("", ok.err(), ok::toString);

        Path cut = MtkCorpus.writeReadback(dir.resolve("rephone-4m.bin"), 0x400000);
        Run bad = run("mtk", "health", cut);
        assertEquals(3, bad.code(), bad::toString);
        assertTrue(bad.out().contains("DAMAGED"), bad::toString);
        assertTrue(bad.out().contains("ERROR   truncated at 0x400000"), bad::toString);
        assertTrue(bad.out().contains("read the whole chip: Flash Tool Readback, start address 0x0, length 0x1000000"),
                bad::toString);
        assertTrue(bad.err().contains("DAMAGED"), bad::toString);

        Run json = run("mtk", "health", "--json", cut);
        assertEquals(3, json.code(), json::toString);
        Object j = json.json();
        assertEquals("damaged", get(j, "verdict"));
        assertEquals((long) MtkCorpus.CHIP, get(j, "expected_size"));
        List<Object> codes = field(list(j, "findings"), "code");
        assertTrue(codes.contains("truncated") && codes.contains("image-incomplete"), codes::toString);
        for (Object f : list(j, "findings")) {
            if ("truncated".equals(get(f, "code"))) {
                assertEquals("error", get(f, "severity"));
                assertEquals(0x400000L, get(f, "offset"));
            }
        }
        assertTrue(list(j, "hints").get(0).toString().contains("length 0x1000000"), json::toString);
        assertEquals(3, run("mtk", "health", "--fail-on", "error", cut).code());

        // Three MiB is analysed too (the closed tool rejects anything under 4 MiB).
        Path cut3 = MtkCorpus.writeReadback(dir.resolve("rephone-3m.bin"), 0x300000);
        Run three = run("mtk", "info", cut3);
        assertEquals(0, three.code(), three::toString);
        assertTrue(three.out().contains("INCOMPLETE: 0x129B30 bytes present"), three::toString);
    }

    @Test
    void shiftedAndMirroredReadsGetTheirAdvice() throws IOException {
        byte[] f = MtkCorpus.rephone16m();
        byte[] shifted = new byte[MtkCorpus.CHIP];
        Arrays.fill(shifted, 0, 0x200, (byte) 0xFF);
        System.arraycopy(f, 0, shifted, 0x200, MtkCorpus.CHIP - 0x200);
        Path shift = Files.write(dir.resolve("shift-200.bin"), shifted);
        Run s = run("mtk", "health", "--json", shift);
        assertEquals(3, s.code(), s::toString);
        assertTrue(field(list(s.json(), "findings"), "code").contains("starts-early"), s::toString);
        assertTrue(list(s.json(), "hints").get(0).toString().contains("'tail -c +513 " + shift + " > fixed.bin'"),
                s::toString);

        byte[] twice = Arrays.copyOf(f, 2 * MtkCorpus.CHIP);
        System.arraycopy(f, 0, twice, MtkCorpus.CHIP, MtkCorpus.CHIP);
        Path mirror = Files.write(dir.resolve("mirror-32m.bin"), twice);
        Run m = run("mtk", "health", mirror);
        assertEquals(3, m.code(), m::toString);
        assertTrue(m.out().startsWith(mirror + ": USABLE"), m::toString);
        assertTrue(m.out().contains("'head -c 16777216 " + mirror + " > trimmed.bin'"), m::toString);
        Run lenient = run("mtk", "health", "--fail-on", "error", mirror);
        assertEquals(0, lenient.code(), lenient::toString);
        assertEquals("", lenient.err(), lenient::toString);
    }

    @Test
    void flashIdsOfTheDumpAndOfTheRom() throws IOException {
        for (Path input : List.of(dump, kit.resolve("ROM"))) {
            Run text = run("mtk", "flash-ids", input);
            assertEquals(0, text.code(), text::toString);
            assertTrue(text.out().contains("2 flash chips"), text::toString);
            assertTrue(text.out().contains("C2 25 38  Macronix"), text::toString);
            assertTrue(text.out().contains("EF 60 18  Winbond"), text::toString);
            Run json = run("mtk", "flash-ids", "--json", input);
            assertEquals(0, json.code(), json::toString);
            assertEquals(List.of("C2 25 38", "EF 60 18"), field(list(json.json(), "chips"), "id"));
            assertEquals(List.of(16L << 20, 16L << 20), field(list(json.json(), "chips"), "capacity"));
            assertEquals(List.of(3L, 3L), field(list(json.json(), "chips"), "id_length"));
        }
    }

    @Test
    void extractReproducesTheKitByteForByteAndItsCfgPasses() throws IOException {
        Path out = dir.resolve("kit");
        Run r = run("mtk", "extract", dump, out);
        assertEquals(0, r.code(), r::toString);
        for (String name : MtkCorpus.KIT_FILES) {
            byte[] genuine = MtkCorpus.file(name);
            assertArrayEquals(genuine, Files.readAllBytes(out.resolve(name)), name);
            assertTrue(r.out().contains(name + " ") && r.out().contains(" " + genuine.length + " ")
                    && r.out().contains(MtkCorpus.sha256(genuine)), () -> name + " not listed in\n" + r);
        }
        Path cfg = out.resolve(MtkCorpus.CFG);
        assertTrue(r.out().contains("cfg     " + cfg + ": platform MT2502, flash IDs C2 25 38, EF 60 18"), r::toString);
        assertTrue(Files.exists(out.resolve("REPORT.txt")));

        Run check = run("mtk", "cfg-check", "--json", cfg);
        assertEquals(0, check.code(), check::toString);
        assertEquals(Boolean.TRUE, get(check.json(), "kit_checked"));
        assertEquals(0L, get(check.json(), "errors"));
        assertEquals(0L, get(check.json(), "warnings"));
        assertEquals("MT2502", get(check.json(), "platform"));
        // Same regions, files in the same order and the same flash IDs as the genuine build cfg.
        Run genuine = run("mtk", "cfg-check", "--cfg-only", "--json", kit.resolve(MtkCorpus.CFG));
        assertEquals(0, genuine.code(), genuine::toString);
        assertEquals(get(genuine.json(), "regions"), get(check.json(), "regions"));
        assertEquals(field(list(genuine.json(), "flash_infos"), "flash_id"),
                field(list(check.json(), "flash_infos"), "flash_id"));

        // JSON: the same files with their digests; running again replaces the kit.
        Run json = run("mtk", "extract", "--json", dump, out);
        assertEquals(0, json.code(), json::toString);
        List<Object> files = list(json.json(), "files");
        for (int i = 0; i < MtkCorpus.KIT_FILES.length; i++) {
            byte[] genuineFile = MtkCorpus.file(MtkCorpus.KIT_FILES[i]);
            assertEquals(MtkCorpus.KIT_FILES[i], get(files.get(i), "name"));
            assertEquals("image", get(files.get(i), "kind"));
            assertEquals((long) genuineFile.length, get(files.get(i), "size"));
            assertEquals(MtkCorpus.sha256(genuineFile), get(files.get(i), "sha256"));
        }
        assertEquals(cfg.toString(), get(json.json(), "cfg", "path"));
        assertEquals(List.of("C2 25 38", "EF 60 18"), get(json.json(), "cfg", "flash_ids"));
        assertEquals("healthy", get(json.json(), "health", "verdict"));
        assertEquals(List.of(), get(json.json(), "notes"));
    }

    @Test
    void extractInTheReadbackExtractorStyleWithUserData() throws IOException {
        Path out = dir.resolve("re");
        Run r = run("mtk", "extract", "--style", "readback-extractor", "--with-userdata", "--json", dump, out);
        assertEquals(0, r.code(), r::toString);
        String[] names = {"INT_BOOTLOADER", "EXT_BOOTLOADER", "FILE_01_mtk", "FILE_02_mtk"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(MtkCorpus.file(MtkCorpus.KIT_FILES[i]), Files.readAllBytes(out.resolve(names[i])),
                    names[i]);
        }
        assertEquals("readback-extractor", get(r.json(), "style"));
        assertTrue(field(list(r.json(), "files"), "kind").contains("userdata"), r::toString);
        Run check = run("mtk", "cfg-check", "--json", out.resolve("config_mtk.cfg"));
        assertEquals(0, check.code(), check::toString);
        assertEquals(Boolean.TRUE, get(check.json(), "crlf"));
        assertEquals(List.of("FILE_01_mtk", "FILE_02_mtk"), get(check.json(), "regions", "main_region"));
    }

    @Test
    void extractRefusesAShortReadAndSaysHowToReadItAll() throws IOException {
        Path cut = MtkCorpus.writeReadback(dir.resolve("rephone-4m.bin"), 0x400000);
        Path out = dir.resolve("kit4");
        Run r = run("mtk", "extract", cut, out);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("VIVA"), r::toString);
        assertTrue(r.err().contains("hint: read the whole chip: Flash Tool Readback, start address 0x0, length"
                + " 0x1000000"), r::toString);
        assertTrue(r.err().contains("--force"), r::toString);
        assertTrue(!Files.exists(out) || CliTestSupport.list(out).length == 0, "nothing written");
        Run json = run("mtk", "extract", "--json", cut, out);
        assertEquals("mtk-kit", get(json.json(), "error", "format"));

        Run forced = run("mtk", "extract", "--force", "--json", cut, out);
        assertEquals(3, forced.code(), forced::toString);
        assertFalse(Files.exists(out.resolve("VIVA")));
        assertArrayEquals(MtkCorpus.file("ROM"), Files.readAllBytes(out.resolve("ROM")));
        assertTrue(list(forced.json(), "notes").get(0).toString().contains("VIVA"), forced::toString);
        assertEquals("damaged", get(forced.json(), "health", "verdict"));
        assertTrue(forced.err().contains("the kit was written, but"), forced::toString);
    }

    @Test
    void extractNeverOverwritesTheDump() throws IOException {
        Path folder = dir.resolve("phone");
        Files.createDirectory(folder);
        Path rom = Files.copy(dump, folder.resolve("ROM"));
        Run r = run("mtk", "extract", rom, folder);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("refusing to overwrite the input"), r::toString);
        assertTrue(r.err().contains("hint: the dump has the name of a kit file"), r::toString);
        assertEquals(MtkCorpus.REPHONE_SHA256, MtkCorpus.sha256(Files.readAllBytes(rom)));
        assertEquals(List.of("ROM"), List.of(CliTestSupport.list(folder)));
    }

    @Test
    void extractRefusesABootloaderThatFailsItsPhash() throws IOException {
        byte[] f = MtkCorpus.rephone16m();
        f[0x4000] ^= 0x01; // corpus README variant extbl-flip
        Path flipped = Files.write(dir.resolve("extbl-flip.bin"), f);
        Run h = run("mtk", "health", "--json", flipped);
        assertEquals(3, h.code(), h::toString);
        assertTrue(field(list(h.json(), "findings"), "code").contains("phash-mismatch"), h::toString);
        Run r = run("mtk", "extract", flipped, dir.resolve("kit"));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("PHASH"), r::toString);
        assertTrue(r.err().contains("--force writes the image as it is"), r::toString);
    }

    @Test
    void cfgCheckOfTheGenuineKitsAndOfBrokenCopies() throws IOException {
        Path genuine = dir.resolve("genuine");
        Files.createDirectory(genuine);
        for (String name : MtkCorpus.KIT_FILES) {
            Files.copy(kit.resolve(name), genuine.resolve(name));
        }
        Files.copy(kit.resolve(MtkCorpus.CFG), genuine.resolve(MtkCorpus.CFG));
        Run ok = run("mtk", "cfg-check", genuine.resolve(MtkCorpus.CFG));
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("OK: Flash Tool's parser accepts the cfg and the kit files match it"), ok::toString);

        // The Readback Extractor cfg, with the images under its names: passes with a warning.
        Path re = dir.resolve("re");
        Files.createDirectory(re);
        String[] names = {"INT_BOOTLOADER", "EXT_BOOTLOADER", "FILE_01_mtk", "FILE_02_mtk"};
        for (int i = 0; i < names.length; i++) {
            Files.copy(kit.resolve(MtkCorpus.KIT_FILES[i]), re.resolve(names[i]));
        }
        Files.copy(kit.resolve("readback-extractor-kit/config_mtk.cfg"), re.resolve("config_mtk.cfg"));
        Run warn = run("mtk", "cfg-check", "--json", re.resolve("config_mtk.cfg"));
        assertEquals(0, warn.code(), warn::toString);
        assertEquals(List.of("cfg-platform"), field(list(warn.json(), "findings"), "code"));
        assertEquals("warning", get(list(warn.json(), "findings").get(0), "severity"));
        assertEquals(3, run("mtk", "cfg-check", "--fail-on", "warning", re.resolve("config_mtk.cfg")).code());

        String text = Files.readString(kit.resolve(MtkCorpus.CFG));
        Path twoSpaces = genuine.resolve("two-spaces.cfg");
        Files.writeString(twoSpaces, text.replace("id_length: 3", "id_length:  3"));
        Run bad = run("mtk", "cfg-check", twoSpaces);
        assertEquals(3, bad.code(), bad::toString);
        assertTrue(bad.out().contains("ERROR   cfg-id-length line 68"), bad::toString);
        Path trailing = genuine.resolve("trailing.cfg");
        Files.writeString(trailing, text.replace("- file: ROM\n", "- file: ROM \n"));
        Run t = run("mtk", "cfg-check", "--json", trailing);
        assertEquals(3, t.code(), t::toString);
        assertTrue(field(list(t.json(), "findings"), "code").contains("cfg-file-name"), t::toString);
    }

    @Test
    void identifyReportsTheReadbackAndTheKitFiles() {
        Run r = run("identify", dump, kit.resolve("ROM"), kit.resolve("EXT_BOOTLOADER"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("mtk-readback: MediaTek serial-flash readback"), r::toString);
        assertTrue(r.out().contains("mtk-gfh: MediaTek GFH image PRIMARY_MAUI (kit file ROM)"), r::toString);
        assertTrue(r.out().contains("mtk-gfh: MediaTek GFH image ARM_EXT_BL (kit file EXT_BOOTLOADER)"), r::toString);
    }

    @Test
    void everyJsonFieldIsDocumented() throws IOException {
        Path cut = MtkCorpus.writeReadback(dir.resolve("rephone-4m.bin"), 0x400000);
        Path out = dir.resolve("kit");
        List<Run> runs = List.of(
                run("--json", "mtk", "info", dump),
                run("--json", "mtk", "info", cut),
                run("--json", "mtk", "health", cut),
                run("--json", "mtk", "flash-ids", "--all", dump),
                run("--json", "mtk", "extract", "--with-userdata", dump, out),
                run("--json", "mtk", "extract", cut, dir.resolve("refused")),
                run("--json", "mtk", "cfg-check", out.resolve(MtkCorpus.CFG)));
        MtkCommandsTest.assertDocumented(runs);
        assertTrue(runs.get(0).json() instanceof Map);
    }
}
