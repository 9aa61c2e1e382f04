package io.github.fwkit.cli;

import static io.github.fwkit.cli.CliTestSupport.run;
import static io.github.fwkit.cli.CliTestSupport.write;
import static io.github.fwkit.cli.MiniJson.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fwkit.cli.CliTestSupport.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fwkit mtk} on inputs built here: not MediaTek at all, a lone GFH image, cfg text, and
 * command-line mistakes. The real readback is in {@link MtkCorpusCommandsTest}.
 */
class MtkCommandsTest {
    static final String[] DUMP_COMMANDS = {"info", "health", "flash-ids"};

    @TempDir
    Path dir;

    /** A post-built GFH image of {@code fileType} with a lone FILE_INFO and random code (like VIVA). */
    static byte[] gfhImage(int fileType, long loadAddress, int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, new byte[] {'M', 'M', 'M', 1, 0x38, 0, 0, 0});
        h.put(8, Arrays.copyOf("FILE_INFO".getBytes(StandardCharsets.US_ASCII), 12));
        h.putInt(0x14, 1).putShort(0x18, (short) fileType).put(0x1A, (byte) 7).put(0x1B, (byte) 0)
                .putInt(0x1C, (int) loadAddress).putInt(0x20, length).putInt(0x24, -1).putInt(0x28, 0x38)
                .putInt(0x2C, 0).putInt(0x30, 0).putInt(0x34, 3);
        return b;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void randomBytesAreNotMediaTekForEveryCommand() throws IOException {
        Path f = write(dir.resolve("random.bin"), random(1 << 20, 0x5EED));
        for (String c : DUMP_COMMANDS) {
            Run r = run("mtk", c, f);
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("not a MediaTek NOR readback"), r::toString);
            assertTrue(r.err().contains("hint: 'fwkit identify"), r::toString);
            assertEquals("", r.out(), r::toString);
            Run j = run("mtk", c, "--json", f);
            assertEquals(1, j.code(), j::toString);
            assertEquals("format", get(j.json(), "error", "kind"));
            assertEquals("mtk", get(j.json(), "error", "format"));
            assertEquals(f.toString(), get(j.json(), "error", "file"));
        }
        Path kit = dir.resolve("kit");
        Run x = run("mtk", "extract", f, kit);
        assertEquals(1, x.code(), x::toString);
        assertFalse(Files.exists(kit), "nothing is written for a file that is not a readback");
    }

    @Test
    void extractIntoAFileIsExitOne() throws IOException {
        Path f = write(dir.resolve("random.bin"), random(4096, 1));
        Path notADir = write(dir.resolve("kit"), new byte[1]);
        Run r = run("mtk", "extract", f, notADir);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("kit: is a file, not a folder"), r::toString);
    }

    @Test
    void aBlankDumpSaysSoAndHowToReadAgain() throws IOException {
        byte[] ff = new byte[1 << 20];
        Arrays.fill(ff, (byte) 0xFF);
        Path f = write(dir.resolve("ff.bin"), ff);
        Run r = run("mtk", "info", f);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("blank / erased"), r::toString);
        assertTrue(r.err().contains("Flash Tool Readback, start address 0x0"), r::toString);
        Run h = run("mtk", "health", "--json", f);
        assertEquals(1, h.code(), h::toString);
        assertTrue(((String) get(h.json(), "error", "hint")).contains("read the whole chip"), h::toString);
    }

    @Test
    void missingAndDirectoryInputsAreExitOne() {
        Path missing = dir.resolve("nope.bin");
        for (String c : DUMP_COMMANDS) {
            Run r = run("mtk", c, missing);
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("nope.bin: no such file"), r::toString);
            Run d = run("mtk", c, dir);
            assertEquals(1, d.code(), d::toString);
            assertTrue(d.err().contains("is a directory"), d::toString);
        }
        Run x = run("mtk", "extract", "--json", missing, dir.resolve("kit"));
        assertEquals(1, x.code(), x::toString);
        assertEquals("io", get(x.json(), "error", "kind"));
        Run c = run("mtk", "cfg-check", missing);
        assertEquals(1, c.code(), c::toString);
    }

    @Test
    void aLoneKitFileIsIdentifiedButNotExtracted() throws IOException {
        Path viva = write(dir.resolve("VIVA"), gfhImage(0x0108, 0x101D64D0L, 0x8000, 1));
        Run info = run("mtk", "info", viva);
        assertEquals(0, info.code(), info::toString);
        assertTrue(info.out().contains("MediaTek GFH image (a kit file)"), info::toString);
        assertTrue(info.out().contains("VIVA"), info::toString);
        Run json = run("mtk", "info", "--json", viva);
        assertEquals(0, json.code(), json::toString);
        assertEquals("image", get(json.json(), "kind"));
        assertEquals("VIVA", get(json.json(), "images", 0, "type_name"));
        assertEquals(0x8000L, get(json.json(), "images", 0, "file_len"));
        assertEquals(0x1D64D0L, get(json.json(), "images", 0, "flash_offset"));

        Run ids = run("mtk", "flash-ids", viva);
        assertEquals(3, ids.code(), ids::toString);
        assertTrue(ids.err().contains("flash-ids ROM"), ids::toString);

        Run x = run("mtk", "extract", viva, dir.resolve("kit"));
        assertEquals(1, x.code(), x::toString);
        assertTrue(x.err().contains("single kit file"), x::toString);
        assertTrue(x.err().contains("whole-chip readback"), x::toString);
        assertFalse(Files.exists(dir.resolve("kit")));
    }

    /** A cfg as cfgGen writes it, for the parser rules only (no kit beside it). */
    static String cfg(String idLength, String romLine) {
        return String.join("\n",
                "############################################################################################################",
                "#",
                "#  General Setting",
                "#",
                "############################################################################################################",
                "general:",
                "    config_version: V1.1.2",
                "    platform: MT2502",
                "",
                "boot_region:",
                "    alignment: block",
                "    rom:",
                "      - file: BOOTLOADER",
                "      - file: EXT_BOOTLOADER",
                "",
                "control_block_region:",
                "    rom:",
                "",
                "main_region:",
                "    alignment: block",
                "    rom:",
                romLine,
                "      - file: VIVA",
                "",
                "file_system_region:",
                "    rom:",
                "",
                "external_memory:",
                "    parameters_version: v1",
                "    parameters:",
                "      - flash_info:",
                "            flash_type: SF",
                "            " + idLength,
                "            flash_id: [0xC2, 0x25, 0x38, 0x00, 0x00, 0x00, 0x00, 0x00]",
                "        memory_type: PSRAM_130MHz",
                "");
    }

    @Test
    void cfgCheckFollowsMediaTeksParser() throws IOException {
        Path good = dir.resolve("good.cfg");
        Files.writeString(good, cfg("id_length: 3", "      - file: ROM"));
        Run ok = run("mtk", "cfg-check", "--cfg-only", good);
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("OK: Flash Tool's parser accepts the cfg"), ok::toString);
        assertTrue(ok.out().contains("SF C2 25 38"), ok::toString);

        Run json = run("mtk", "cfg-check", "--cfg-only", "--json", good);
        assertEquals(0, json.code(), json::toString);
        assertEquals("MT2502", get(json.json(), "platform"));
        assertEquals(List.of("ROM", "VIVA"), get(json.json(), "regions", "main_region"));
        assertEquals("C2 25 38", get(json.json(), "flash_infos", 0, "flash_id"));
        assertEquals(Boolean.TRUE, get(json.json(), "ok"));
        assertEquals(Boolean.FALSE, get(json.json(), "kit_checked"));

        // The same cfg with its kit checked: the files are not there.
        Run kit = run("mtk", "cfg-check", good);
        assertEquals(3, kit.code(), kit::toString);
        assertTrue(kit.out().contains("cfg-file-missing"), kit::toString);
        assertTrue(kit.err().contains("--cfg-only"), kit::toString);

        Path twoSpaces = dir.resolve("two-spaces.cfg");
        Files.writeString(twoSpaces, cfg("id_length:  3", "      - file: ROM"));
        Run r = run("mtk", "cfg-check", "--cfg-only", "--json", twoSpaces);
        assertEquals(3, r.code(), r::toString);
        assertEquals(Boolean.FALSE, get(r.json(), "ok"));
        assertTrue(codes(r).contains("cfg-id-length"), r::toString);
        assertEquals(33L, lineOf(r, "cfg-id-length"), r::toString);

        Path trailing = dir.resolve("trailing.cfg");
        Files.writeString(trailing, cfg("id_length: 3", "      - file: ROM "));
        Run t = run("mtk", "cfg-check", "--cfg-only", trailing);
        assertEquals(3, t.code(), t::toString);
        assertTrue(t.out().contains("cfg-file-name line 22"), t::toString);
        assertTrue(t.out().contains("FAILED"), t::toString);

        Path empty = write(dir.resolve("empty.cfg"), new byte[0]);
        assertEquals(3, run("mtk", "cfg-check", "--cfg-only", empty).code());
    }

    @Test
    void cfgCheckFailOnWarning() throws IOException {
        Path noPlatform = dir.resolve("no-platform.cfg");
        Files.writeString(noPlatform, cfg("id_length: 3", "      - file: ROM").replace("platform: MT2502", "platform:"));
        Run r = run("mtk", "cfg-check", "--cfg-only", noPlatform);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("WARNING cfg-platform"), r::toString);
        Run strict = run("mtk", "cfg-check", "--cfg-only", "--fail-on", "warning", noPlatform);
        assertEquals(3, strict.code(), strict::toString);
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Run r) {
        List<String> out = new ArrayList<>();
        for (Object f : (List<Object>) get(r.json(), "findings")) {
            out.add((String) get(f, "code"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object lineOf(Run r, String code) {
        for (Object f : (List<Object>) get(r.json(), "findings")) {
            if (code.equals(get(f, "code"))) {
                return get(f, "line");
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mtk",
        "mtk bogus",
        "mtk info",
        "mtk info a b",
        "mtk extract only-one-arg",
        "mtk extract --style foo a b",
        "mtk extract --flash-id ZZ a b",
        "mtk extract --flash-id C2253800112233445566 a b",
        "mtk extract --platform M/T a b",
        "mtk health --fail-on maybe a",
        "mtk cfg-check --fail-on never a.cfg",
        "mtk flash-ids --chunks a",
        "mtk cfg-check"})
    void usageErrorsAreExitTwo(String line) {
        Run r = run((Object[]) line.split(" "));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("fwkit: "), r::toString);
        Run j = run((Object[]) (line + " --json").split(" "));
        assertEquals(2, j.code(), j::toString);
        assertEquals("usage", get(j.json(), "error", "kind"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "health", "flash-ids", "extract", "cfg-check"})
    void everyCommandHasHelpWithExamples(String command) {
        Run r = run("mtk", command, "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Usage: fwkit mtk " + command), r::toString);
        assertTrue(r.out().contains("Examples:\n  fwkit mtk " + command), r::toString);
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 80, () -> "too long: " + line);
        }
    }

    @Test
    void theGroupIsListed() {
        Run top = run("--help");
        assertTrue(top.out().contains("  mtk "), top::toString);
        Run group = run("mtk", "--help");
        assertEquals(0, group.code(), group::toString);
        for (String c : List.of("info", "health", "flash-ids", "extract", "cfg-check")) {
            assertTrue(group.out().contains("  " + c + " "), c);
        }
        Run typo = run("mtk", "helth", "x");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean: fwkit mtk health?"), typo::toString);
    }

    @Test
    void flashIdOptionAcceptsCommonSpellings() throws IOException {
        // The option is parsed before the dump is read: a missing dump is then exit 1, not 2.
        for (String id : List.of("C22538", "C2:25:38", "c2 25 38", "0xC2,0x25,0x38")) {
            Run r = run("mtk", "extract", "--flash-id", id, dir.resolve("missing"), dir.resolve("kit"));
            assertEquals(1, r.code(), r::toString);
        }
    }

    @Test
    void everyJsonFieldIsDocumented() throws IOException {
        Path random = write(dir.resolve("random.bin"), random(4096, 3));
        Path viva = write(dir.resolve("VIVA"), gfhImage(0x0108, 0x101D64D0L, 0x8000, 1));
        Path good = dir.resolve("good.cfg");
        Files.writeString(good, cfg("id_length: 3", "      - file: ROM"));
        List<Run> runs = List.of(
                run("--json", "mtk", "info", viva),
                run("--json", "mtk", "health", viva),
                run("--json", "mtk", "flash-ids", viva),
                run("--json", "mtk", "info", random),
                run("--json", "mtk", "extract", viva, dir.resolve("kit")),
                run("--json", "mtk", "cfg-check", good),
                run("--json", "mtk", "cfg-check", "--cfg-only", good));
        assertDocumented(runs);
    }

    /**
     * Every field name in the JSON of {@code runs} appears in cli/JSON.md (the rule of
     * {@link JsonDocTest}, for the mtk commands).
     */
    static void assertDocumented(List<Run> runs) throws IOException {
        String doc = Files.readString(Path.of("JSON.md"));
        Set<String> keys = new TreeSet<>();
        for (Run r : runs) {
            assertTrue(r.code() <= 3, r::toString);
            collect(r.json(), keys);
        }
        for (String k : keys) {
            assertTrue(doc.contains("`" + k + "`") || doc.contains("." + k + "`") || doc.contains("." + k + ",")
                    || doc.contains("`" + k + ",") || doc.contains("`" + k + ".") || doc.contains("." + k + " "),
                    "JSON.md lacks " + k);
        }
    }

    private static void collect(Object v, Set<String> keys) {
        if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                keys.add((String) e.getKey());
                collect(e.getValue(), keys);
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                collect(o, keys);
            }
        }
    }
}
