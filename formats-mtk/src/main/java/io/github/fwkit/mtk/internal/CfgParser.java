package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.Finding.Severity;
import io.github.fwkit.mtk.MtkCfg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a cfg the way MediaTek's native downloader does ({@code cfg_reader.c}, spec §8.1), and
 * notes where a more forgiving reader (the Windows GUI, a person) would see something else:
 *
 * <ol>
 *   <li>lines go through a 256-byte buffer: longer ones are split; everything from the first
 *       {@code #} is dropped, then a trailing CR/LF — spaces and tabs are never trimmed;</li>
 *   <li>{@code boot_region:}, {@code control_block_region:}, {@code main_region:} at column 0 start
 *       a region; in it every line containing {@code "- file: "} adds the rest of the line; the
 *       region ends at the next line containing {@code _region};</li>
 *   <li>all three regions must exist;</li>
 *   <li>a {@code parameters_version: v} line is required: v1, v2, v3, v3.1;</li>
 *   <li>after it, {@code - flash_info:} starts an entry; {@code flash_type: } (SF, NAND, NOR),
 *       {@code id_length: } (one digit right after one space), {@code flash_id: } (tokens split on
 *       space, brackets and commas, hex), {@code memory_type: } (DDR_166, DDR_200, DDR2_166,
 *       DDR2_200 or PSRAM).</li>
 * </ol>
 */
public final class CfgParser {
    /** fgets with a 256-byte buffer takes at most 255 characters per read. */
    static final int LINE_BUFFER = 255;
    static final long MAX_FILE = 1L << 20;
    private static final String FILE_KEY = "- file: ";
    private static final List<String> MEMORY_TYPES = List.of("DDR_166", "DDR_200", "DDR2_166", "DDR2_200", "PSRAM");

    private final List<Finding> findings = new ArrayList<>();
    private final List<List<String>> regions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
    private final boolean[] seen = new boolean[4];
    private final List<MtkCfg.FlashInfo> infos = new ArrayList<>();
    private String platform;
    private String parametersVersion = "";
    private Entry entry;
    private int line;

    /** A flash_info entry being read. */
    private static final class Entry {
        final int line;
        String type;
        int length = -1;
        List<Integer> id;
        String memory;

        Entry(int line) {
            this.line = line;
        }
    }

    private CfgParser() {
    }

    public static MtkCfg.Parsed parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new LimitExceededException("mtk-cfg", -1, "/", "cfg size", MAX_FILE);
        }
        return parse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
    }

    public static MtkCfg.Parsed parse(String text) {
        return new CfgParser().run(text);
    }

    private void add(Severity s, String code, String message, String path) {
        findings.add(new Finding(s, code, message, line, path));
    }

    private MtkCfg.Parsed run(String text) {
        boolean crlf = text.contains("\r\n");
        int region = -1;
        boolean parameters = false;
        int pos = 0;
        line = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            line++;
            if (end - pos > LINE_BUFFER) {
                add(Severity.ERROR, "cfg-line-too-long", "line " + line + " has " + (end - pos) + " characters;"
                        + " MediaTek's parser reads 255 at a time and takes the rest as another line", "");
            }
            for (int chunk = pos; chunk < end; chunk += LINE_BUFFER) {
                String raw = text.substring(chunk, Math.min(end, chunk + LINE_BUFFER));
                String s = significant(raw);
                if (s.startsWith("boot_region:")) {
                    region = 0;
                    seen[0] = true;
                } else if (s.startsWith("control_block_region:")) {
                    region = 1;
                    seen[1] = true;
                } else if (s.startsWith("main_region:")) {
                    region = 2;
                    seen[2] = true;
                } else if (s.startsWith("file_system_region:")) {
                    // MediaTek's parser ends the main region here and reads nothing more; the
                    // model keeps these files for kit checks and for writing.
                    region = 3;
                } else if (s.contains("_region")) {
                    region = -1;
                    if (s.trim().endsWith("_region:") && !s.startsWith(" ")) {
                        add(Severity.WARNING, "cfg-region-unknown", "unknown region \"" + Text.cString(
                                s.trim().getBytes(StandardCharsets.ISO_8859_1), 0, 80) + "\"", "");
                    }
                } else if (region >= 0 && s.contains(FILE_KEY)) {
                    file(region, raw, s);
                }
                if (s.contains("platform:") && platform == null) {
                    platform = s.substring(s.indexOf("platform:") + 9).trim();
                }
                if (s.contains("parameters_version: v")) {
                    parameters = true;
                    parametersVersion(s);
                } else if (parameters) {
                    flashInfo(s);
                }
            }
            pos = end;
        }
        finishEntry();
        String[] names = {"boot_region", "control_block_region", "main_region"};
        for (int i = 0; i < 3; i++) {
            if (!seen[i]) {
                line = -1;
                add(Severity.ERROR, "cfg-region-missing", names[i] + ": not found; MediaTek's parser fails with"
                        + " S_FT_INVALID_CFG_FILE (\"Region not found\") even when the region would be empty", "/" + names[i]);
            }
        }
        line = -1;
        if (!parameters) {
            add(Severity.ERROR, "cfg-parameters-version", "no \"parameters_version: v\" line: the external memory"
                    + " settings (flash IDs) cannot be read", "/external_memory");
        }
        if (platform == null || platform.isEmpty()) {
            add(Severity.WARNING, "cfg-platform", "no platform: the native downloader reads it (\"Platform = 0x2502\""
                    + " from \"platform: MT2502\"); the effect of an empty value is unknown", "/general/platform");
        }
        if (infos.isEmpty() && parameters) {
            add(Severity.WARNING, "cfg-no-flash-info", "no flash_info block: the downloader cannot check the"
                    + " phone's flash chip", "/external_memory/parameters");
        }
        for (int i = 0; i < 4; i++) {
            List<String> files = regions.get(i);
            for (int a = 0; a < files.size(); a++) {
                if (files.indexOf(files.get(a)) != a) {
                    add(Severity.WARNING, "cfg-duplicate", "\"" + files.get(a) + "\" is listed twice", "");
                }
            }
        }
        MtkCfg cfg = new MtkCfg(Optional.ofNullable(platform).filter(p -> !p.isEmpty()), regions.get(0),
                regions.get(1), regions.get(2), regions.get(3), parametersVersion, infos);
        return new MtkCfg.Parsed(cfg, findings, crlf);
    }

    /** Rule 1: drop everything from '#', then a trailing CR and/or LF; nothing else. */
    static String significant(String raw) {
        int hash = raw.indexOf('#');
        String s = hash >= 0 ? raw.substring(0, hash) : raw;
        for (int k = 0; k < 2 && !s.isEmpty(); k++) {
            char c = s.charAt(s.length() - 1);
            if (c == '\n' || c == '\r') {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    private void file(int region, String raw, String s) {
        String name = s.substring(s.indexOf(FILE_KEY) + FILE_KEY.length());
        String path = "/" + new String[] {"boot_region", "control_block_region", "main_region",
            "file_system_region"}[region] + "/rom[" + regions.get(region).size() + "]";
        regions.get(region).add(name);
        String shown = Text.cString(name.getBytes(StandardCharsets.ISO_8859_1), 0, 200);
        if (name.isEmpty() || name.isBlank()) {
            add(Severity.ERROR, "cfg-file-name", "empty file name", path);
        } else if (!name.equals(name.stripTrailing())) {
            add(Severity.ERROR, "cfg-file-name", "\"" + shown + "\" ends in spaces or tabs"
                    + (raw.indexOf('#') >= 0 ? " (before a comment)" : "") + ": MediaTek's parser keeps them in the"
                    + " file name and will not find the file", path);
        } else if (name.startsWith(" ") || name.startsWith("\t")) {
            add(Severity.ERROR, "cfg-file-name", "\"" + shown + "\" starts with a space (more than one space after"
                    + " \"- file:\"): the space becomes part of the file name", path);
        } else if (name.indexOf(' ') >= 0) {
            add(Severity.WARNING, "cfg-file-name", "\"" + shown + "\" contains a space", path);
        }
    }

    private void parametersVersion(String s) {
        String v = s.substring(s.indexOf("parameters_version: ") + "parameters_version: ".length());
        parametersVersion = v.trim();
        if (!MtkCfg.PARAMETER_VERSIONS.contains(v)) {
            if (MtkCfg.PARAMETER_VERSIONS.contains(v.trim())) {
                add(Severity.WARNING, "cfg-parameters-version", "parameters_version \"" + v + "\" has spaces around"
                        + " the value", "/external_memory/parameters_version");
            } else {
                add(Severity.ERROR, "cfg-parameters-version", "parameters_version \"" + v.trim() + "\" is not one of "
                        + MtkCfg.PARAMETER_VERSIONS, "/external_memory/parameters_version");
            }
        }
    }

    private void flashInfo(String s) {
        String path = "/external_memory/parameters[" + infos.size() + "]";
        if (s.contains("- flash_info:")) {
            finishEntry();
            entry = new Entry(line);
            return;
        }
        if (entry == null) {
            return;
        }
        int at;
        if ((at = s.indexOf("flash_type: ")) >= 0) {
            String v = s.substring(at + 12);
            entry.type = v.contains("SF") ? "SF" : v.contains("NAND") ? "NAND" : v.contains("NOR") ? "NOR" : null;
            if (entry.type == null) {
                add(Severity.ERROR, "cfg-flash-type", "flash_type \"" + v.trim() + "\" is none of SF, NAND, NOR",
                        path + "/flash_type");
            }
        } else if ((at = s.indexOf("id_length: ")) >= 0) {
            // The parser takes the one character after "id_length: " as the digit.
            char c = at + 11 < s.length() ? s.charAt(at + 11) : ' ';
            if (c >= '1' && c <= '8') {
                entry.length = c - '0';
                if (!s.substring(at + 12).isBlank()) {
                    add(Severity.WARNING, "cfg-id-length", "id_length \"" + s.substring(at + 11).trim()
                            + "\": only its first character is read", path + "/id_length");
                }
            } else {
                entry.length = 0;
                add(Severity.ERROR, "cfg-id-length", "id_length must be one digit 1..8 right after \"id_length: \"; "
                        + "found \"" + s.substring(at + 11) + "\"" + (c == ' ' ? " (two spaces?)" : ""),
                        path + "/id_length");
            }
        } else if ((at = s.indexOf("flash_id: ")) >= 0) {
            flashId(s.substring(at + 10), path);
        } else if ((at = s.indexOf("memory_type: ")) >= 0) {
            String v = s.substring(at + 13);
            entry.memory = v.trim();
            if (MEMORY_TYPES.stream().noneMatch(v::contains)) {
                add(Severity.ERROR, "cfg-memory-type", "memory_type \"" + v.trim() + "\" contains none of "
                        + MEMORY_TYPES, path + "/memory_type");
            }
        }
    }

    private void flashId(String v, String path) {
        if (entry.length < 0) {
            add(Severity.ERROR, "cfg-flash-id", "flash_id before id_length: the parser does not know how many"
                    + " bytes to read", path + "/flash_id");
            return;
        }
        if (entry.length == 0) {
            return;
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(v.split("[ \\[\\],]+")));
        tokens.removeIf(String::isEmpty);
        List<Integer> id = new ArrayList<>();
        for (String t : tokens) {
            String h = t.toLowerCase(Locale.ROOT).startsWith("0x") ? t.substring(2) : t;
            try {
                int b = Integer.parseInt(h, 16);
                if (b < 0 || b > 0xFF) {
                    throw new NumberFormatException();
                }
                id.add(b);
            } catch (NumberFormatException e) {
                add(Severity.ERROR, "cfg-flash-id", "flash_id token \"" + Text.cString(
                        t.getBytes(StandardCharsets.ISO_8859_1), 0, 20) + "\" is not a hex byte", path + "/flash_id");
                return;
            }
        }
        if (id.size() < entry.length) {
            add(Severity.ERROR, "cfg-flash-id", "flash_id has " + id.size() + " bytes, id_length says " + entry.length,
                    path + "/flash_id");
            return;
        }
        if (id.size() != 8) {
            add(Severity.WARNING, "cfg-flash-id", "flash_id has " + id.size() + " bytes; cfgGen always writes 8",
                    path + "/flash_id");
        }
        while (id.size() < 8) {
            id.add(0);
        }
        entry.id = id.subList(0, 8);
    }

    private void finishEntry() {
        if (entry == null) {
            return;
        }
        Entry e = entry;
        entry = null;
        int saved = line;
        line = e.line;
        String path = "/external_memory/parameters[" + infos.size() + "]";
        if (e.type == null || e.length <= 0 || e.id == null) {
            add(Severity.ERROR, "cfg-flash-info", "flash_info entry is incomplete (flash_type, id_length and flash_id"
                    + " are all needed)", path);
        } else {
            if (e.memory == null) {
                add(Severity.WARNING, "cfg-memory-type", "flash_info entry without memory_type", path);
            }
            infos.add(new MtkCfg.FlashInfo(e.type, e.length, e.id, e.memory == null ? "" : e.memory));
        }
        line = saved;
    }
}
