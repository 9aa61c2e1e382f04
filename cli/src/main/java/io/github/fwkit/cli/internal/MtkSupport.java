package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.mtk.ChipSize;
import io.github.fwkit.mtk.Finding;
import io.github.fwkit.mtk.FlashId;
import io.github.fwkit.mtk.HealthReport;
import io.github.fwkit.mtk.MtkRomLayout;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What the {@code fwkit mtk} commands share: text and JSON for findings, flash IDs and health, the
 * advice printed under a report, and a small table printer. No lambdas and no
 * {@link String#format} (startup, see {@link CommandSpec}).
 */
final class MtkSupport {
    /** The format name in error objects of inputs that are not MediaTek dumps. */
    static final String FORMAT = "mtk";

    private MtkSupport() {
    }

    /** {@code 0x1B60D0}: offsets and sizes as the library's messages write them. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT);
    }

    /** An enum constant as a JSON value: {@code PHASH_OK} becomes {@code phash_ok}. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The first {@code n} bytes as upper-case hex pairs: {@code C2 25 38}. */
    static String idHex(List<Integer> bytes, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n && i < bytes.size(); i++) {
            String h = Integer.toHexString(bytes.get(i)).toUpperCase(Locale.ROOT);
            sb.append(i == 0 ? "" : " ").append(h.length() == 1 ? "0" : "").append(h);
        }
        return sb.toString();
    }

    /** A flash ID's significant bytes, e.g. {@code C2 25 38}. */
    static String idHex(FlashId id) {
        return idHex(id.id(), id.idLength());
    }

    /** {@code 16 MiB} for a capacity, or empty. */
    static String capacity(FlashId id) {
        OptionalLong c = id.capacity();
        return c.isPresent() ? Units.bytes(c.getAsLong()) : "";
    }

    /**
     * The error for an input that is not a MediaTek dump (blank, random, another format): the
     * analysis's own explanation, e.g. "blank / erased: 100.0% of the dump is 0xFF ...".
     */
    static FormatException notRecognised(MtkRomLayout layout) {
        for (Finding f : layout.findings()) {
            if (f.severity() == Finding.Severity.ERROR) {
                // Offset 0 rather than none: FormatException's message reads "mtk:: ..." without both.
                return new FormatException(FORMAT, Math.max(0, f.offset()), "/".equals(f.path()) ? "" : f.path(),
                        f.message());
            }
        }
        return new FormatException(FORMAT, 0, "", "not a MediaTek NOR readback or GFH image");
    }

    /** The hint under {@link #notRecognised}: read again for a blank dump, else identify. */
    static String notRecognisedHint(MtkRomLayout layout, Path file) {
        String f = file == null ? "FILE" : Cli.quote(file.toString());
        if (layout.kind() == MtkRomLayout.Kind.BLANK) {
            return "the read returned no data: check the battery and the cable, then " + readWhole(layout)
                    + "; an empty chip reads like this too";
        }
        return "'fwkit identify " + f + "' shows what the file is; a whole-chip Flash Tool Readback of a MediaTek"
                + " serial flash starts with SF_BOOT";
    }

    /** {@code read the whole chip: Flash Tool Readback, start address 0x0, length 0x1000000 (16 MiB)}. */
    static String readWhole(MtkRomLayout layout) {
        ChipSize c = layout.chipSize();
        if (c.known()) {
            return "read the whole chip: Flash Tool Readback, start address 0x0, length " + hex(c.bytes()) + " ("
                    + Units.bytes(c.bytes()) + ")";
        }
        return "read the whole chip: Flash Tool Readback, start address 0x0, length the chip size (0x400000 for"
                + " 4 MiB, 0x1000000 for 16 MiB)";
    }

    /**
     * What to do next about a layout's findings, most important first; the commands print these
     * under the report (text) or as {@code hints} (JSON).
     *
     * @param file the dump, as given on the command line
     * @param suggestExtract whether to point at {@code fwkit mtk extract} for a sound readback
     */
    static List<String> hints(MtkRomLayout layout, Path file, boolean suggestExtract) {
        String f = Cli.quote(file.toString());
        List<String> out = new ArrayList<>();
        HealthReport h = layout.health();
        if (!layout.recognised()) {
            out.add(notRecognisedHint(layout, file));
            return out;
        }
        if (layout.base() > 0 && (h.has("starts-early") || h.has("shifted"))) {
            out.add("the dump starts " + hex(layout.base()) + " bytes before flash 0 (was the Readback start"
                    + " address 0x0?); 'tail -c +" + (layout.base() + 1) + " " + f + " > fixed.bin' cuts them off");
        }
        if (h.has("truncated")) {
            out.add(readWhole(layout) + "; this dump stops at flash " + hex(layout.length() - layout.base()));
        } else if (h.has("user-data-not-covered")) {
            out.add("to keep this phone's own data (IMEI, calibration, pairings) as well, " + readWhole(layout));
        }
        if (h.has("start-missing")) {
            out.add("the start of the flash is missing: read again with start address 0x0");
        }
        if (h.has("mirrored")) {
            out.add("the read is longer than the chip and repeats itself; fwkit ignores the repeat, or keep the"
                    + " first " + hex(layout.chipSize().bytes()) + " bytes: 'head -c " + layout.chipSize().bytes()
                    + " " + f + " > trimmed.bin'");
        }
        if (h.has("blank-sectors") || h.has("phash-mismatch") || h.has("phash-marker")) {
            out.add("damaged code usually means a bad read: read the chip again and compare the two files"
                    + " ('cmp -l first.bin second.bin | head'); if the reads agree, the flash itself lost data and"
                    + " the affected image must come from a stock kit of the same firmware");
        }
        if (h.has("no-flash-ids")) {
            out.add("a cfg needs the flash IDs: give the chip's JEDEC ID to extract with --flash-id (e.g."
                    + " --flash-id C22538)");
        }
        if (layout.kind() == MtkRomLayout.Kind.PRE_SV5) {
            out.add("kits of pre-SV5 dumps are not supported yet; keep the dump as the phone's backup");
        } else if (layout.kind() == MtkRomLayout.Kind.IMAGE) {
            out.add("this is one kit file; 'fwkit mtk cfg-check KIT.cfg' checks a whole kit");
        } else if (suggestExtract && h.verdict() != HealthReport.Verdict.DAMAGED) {
            out.add("'fwkit mtk extract " + f + " KIT_DIR' writes the flashable kit (BOOTLOADER, ROM, VIVA, ...,"
                    + " .cfg)");
        }
        return out;
    }

    /** {@code ERROR    truncated at 0x400000: message}, severities aligned. */
    static String findingLine(Finding f, boolean lineNumbers) {
        StringBuilder sb = new StringBuilder();
        String s = f.severity().name();
        sb.append(s).append(" ".repeat(Math.max(1, 8 - s.length()))).append(f.code());
        if (f.offset() >= 0) {
            sb.append(lineNumbers ? " line " + f.offset() : " at " + hex(f.offset()));
        }
        return sb.append(": ").append(f.message()).toString();
    }

    /** {@code 0 errors, 1 warning, 2 notes}. */
    static String counts(List<Finding> findings) {
        int[] n = count(findings);
        return plural(n[0], "error") + ", " + plural(n[1], "warning") + ", " + plural(n[2], "note");
    }

    /** Errors, warnings and informational findings. */
    static int[] count(List<Finding> findings) {
        int[] n = new int[3];
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> n[0]++;
                case WARNING -> n[1]++;
                default -> n[2]++;
            }
        }
        return n;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Whether any finding is at least as severe as {@code level}. */
    static boolean any(List<Finding> findings, Finding.Severity level) {
        for (Finding f : findings) {
            if (f.severity().compareTo(level) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code warning} or {@code error}, for {@code --fail-on}. */
    static Finding.Severity failOn(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "warning": return Finding.Severity.WARNING;
            case "error": return Finding.Severity.ERROR;
            default: throw new IllegalArgumentException("'" + value + "' is not a level; use warning or error");
        }
    }

    /** {@code {"severity":"error","code":...,"message":...,"offset":...,"path":...}}. */
    static void writeFinding(Json j, Finding f) {
        j.beginObject()
                .field("severity", lower(f.severity()))
                .field("code", f.code())
                .field("message", f.message())
                .fieldOrNull("offset", f.offset())
                .field("path", f.path().isEmpty() ? null : f.path())
                .endObject();
    }

    static void writeFindings(Json j, List<Finding> findings) {
        j.beginArray();
        for (Finding f : findings) {
            writeFinding(j, f);
        }
        j.endArray();
    }

    /** The {@code health} object of {@code info} and {@code health}. */
    static void writeHealth(Json j, HealthReport h) {
        int[] n = count(h.findings());
        j.beginObject()
                .field("verdict", lower(h.verdict()))
                .field("score", h.score())
                .field("errors", n[0])
                .field("warnings", n[1])
                .field("infos", n[2])
                .name("findings");
        writeFindings(j, h.findings());
        j.endObject();
    }

    static void writeFlashIds(Json j, List<FlashId> ids) {
        j.beginArray();
        for (FlashId id : ids) {
            OptionalLong c = id.capacity();
            j.beginObject()
                    .field("id", idHex(id))
                    .field("id_length", id.idLength())
                    .field("manufacturer", id.manufacturer().isPresent() ? id.manufacturer().get() : null)
                    .fieldOrNull("capacity", c.isPresent() ? c.getAsLong() : -1)
                    .fieldOrNull("device_type", id.deviceType())
                    .field("flash_type", id.flashType())
                    .fieldOrNull("offset", id.offset())
                    .field("source", id.source())
                    .endObject();
        }
        j.endArray();
    }

    static void writeStrings(Json j, List<String> values) {
        j.beginArray();
        for (String s : values) {
            j.value(s);
        }
        j.endArray();
    }

    /** Prints {@code title} and the hints under it, if any. */
    static void printHints(PrintWriter out, List<String> hints) {
        if (hints.isEmpty()) {
            return;
        }
        out.println();
        out.println("Next");
        for (String h : hints) {
            out.println("  " + h);
        }
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table row(String... cells) {
            rows.add(cells);
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void print(PrintWriter out, String indent) {
            int columns = 0;
            for (String[] r : rows) {
                columns = Math.max(columns, r.length);
            }
            int[] width = new int[columns];
            for (String[] r : rows) {
                for (int c = 0; c < r.length - 1; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder(indent);
                for (int c = 0; c < r.length; c++) {
                    sb.append(r[c]);
                    if (c < r.length - 1) {
                        sb.append(" ".repeat(width[c] - r[c].length() + 2));
                    }
                }
                out.println(sb.toString().stripTrailing());
            }
        }
    }
}
