package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.sprd.FlagConverter;
import io.github.fwkit.sprd.FlagFile;
import io.github.fwkit.sprd.Pac;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacFinding;
import io.github.fwkit.sprd.PacReadOptions;
import io.github.fwkit.sprd.PacWriteResult;
import io.github.fwkit.sprd.PacWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code pac} and {@code flag} commands share: opening a package with the right advice,
 * table layout without {@link String#format} (startup), findings and written tables as text and
 * JSON, and the check that a replacement is not a 0-byte {@code .flag} placeholder.
 */
final class PacSupport {
    private PacSupport() {
    }

    /** The start of the message for a file that is no PAC at all (the hint then suggests identify). */
    static final String NOT_A_PAC = "not a Spreadtrum PAC";

    /**
     * Opens {@code file} as a PAC after checking that it exists and, unless {@code lenient}, that it
     * starts like one (a random file would otherwise be reported as an unsupported PAC version).
     */
    static Pac open(Path file, boolean lenient) throws IOException {
        BaseCommand.checkInput(file);
        if (!lenient) {
            try (ImageReader r = ImageReader.openRaw(file)) {
                if (!Pac.isZipPac(r) && !Pac.matches(r)) {
                    throw new FormatException(Pac.FORMAT, 0, "/pac/header", NOT_A_PAC + ": the header has neither"
                            + " the version string BP_R1.0.0 / BP_R2.0.1 nor the magic 0xFFFAFFFA");
                }
            }
        }
        return Pac.open(file, lenient ? PacReadOptions.LENIENT : PacReadOptions.STRICT);
    }

    /** {@code s} padded with spaces on the right to {@code width}. */
    static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code s} padded with spaces on the left to {@code width}. */
    static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code 0x} and at least 8 hex digits. */
    static String offset(long v) {
        return "0x" + Units.hex(v, 8);
    }

    /** An enum constant in JSON: lower snake case. */
    static String snake(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** {@code 'fwkit pac extract PAC OUT_DIR System'}-style arguments, quoted for a shell. */
    static String q(Object s) {
        return Cli.quote(String.valueOf(s));
    }

    static void printFindings(Context ctx, List<PacFinding> findings) {
        for (PacFinding f : findings) {
            ctx.out.println("  " + left(f.severity().name(), 7) + " " + f.code()
                    + (f.offset() >= 0 ? " at 0x" + Long.toHexString(f.offset()) : "") + ": " + f.message());
        }
    }

    static void writeFindings(Json j, List<PacFinding> findings) {
        j.name("findings").beginArray();
        for (PacFinding f : findings) {
            j.beginObject()
                    .field("severity", snake(f.severity()))
                    .field("code", f.code())
                    .fieldOrNull("offset", f.offset())
                    .field("path", f.path().isEmpty() ? null : f.path())
                    .field("message", f.message())
                    .endObject();
        }
        j.endArray();
    }

    /** Counts of findings per severity: errors, warnings, infos. */
    static int[] counts(List<PacFinding> findings) {
        int[] n = new int[3];
        for (PacFinding f : findings) {
            n[f.severity().ordinal()]++;
        }
        return n;
    }

    static String entries(long n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * Refuses a replacement or input that is a 0-byte {@code .flag} placeholder, naming the entry
     * of {@code pac} (when given) that holds the real data and the command that writes it out.
     */
    static void refusePlaceholder(Path file, Pac pac) throws IOException {
        BaseCommand.checkInput(file);
        if (Files.size(file) != 0) {
            return;
        }
        FlagFile info = FlagFile.inspect(file);
        String name = info.imageName();
        PacEntry entry = pac == null ? null : pac.placeholderEntry(file.getFileName().toString()).orElse(null);
        String which = entry != null ? "entry " + entry.label() + " (" + entry.name() + ", " + Units.bytes(entry.size())
                + ") of " + pac.path().map(Path::toString).orElse("the PAC") : "the PAC entry named \"" + name + "\"";
        String pacArg = pac != null && pac.path().isPresent() ? q(pac.path().get()) : "PAC";
        String select = entry != null ? q(entry.label()) : q(name);
        if (info.kind() == FlagFile.Kind.PLACEHOLDER) {
            throw new FormatException(FlagConverter.FORMAT, 0, "", file + " is a 0-byte placeholder, not an image:"
                    + " ResearchDownload leaves these where it kept a large image inside the PAC; the data is " + which
                    + "; write it out with 'fwkit pac extract " + pacArg + " OUT_DIR " + select + "'");
        }
        throw new FormatException(FlagConverter.FORMAT, 0, "", file + " is empty (0 bytes): there is no image to use");
    }

    /** Text lines for a written package. */
    static void printWritten(Context ctx, PacWriteResult r, long nanos) {
        var out = ctx.out;
        out.println(r.output() + ": " + r.version() + ", " + entries(r.entries().size()) + ", " + r.size() + " bytes (" + Units.bytes(r.size()) + ")");
        int idW = 2;
        int nameW = 4;
        for (PacWriteResult.Written w : r.entries()) {
            idW = Math.max(idW, w.id().length());
            nameW = Math.max(nameW, w.name().length());
        }
        out.println("  " + right("#", 3) + "  " + left("ID", idW) + "  " + left("name", nameW) + "  "
                + right("size", 12) + "  source");
        for (PacWriteResult.Written w : r.entries()) {
            String source = w.source().isEmpty() ? "(no data)" : w.source();
            out.println(("  " + right(Integer.toString(w.index()), 3) + "  " + left(w.id(), idW) + "  "
                    + left(w.name(), nameW) + "  " + right(w.size() == 0 ? "-" : Long.toString(w.size()), 12) + "  "
                    + source + (w.convertedToSparse() ? " (converted to Android sparse)" : "")).stripTrailing());
        }
        out.println("  CRCs     header 0x" + Units.hex(r.headerCrc(), 4) + ", body 0x" + Units.hex(r.bodyCrc(), 4));
        String rate = Units.rate(r.size(), nanos);
        out.println("  time     " + Units.seconds(nanos) + (rate.isEmpty() ? "" : " (" + rate + ")"));
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
        out.println("Next: 'fwkit pac check " + q(r.output()) + "', then load it in ResearchDownload.");
    }

    static void writeWritten(Json j, PacWriteResult r, long nanos) {
        j.field("output", r.output().toString())
                .field("version", r.version())
                .field("size", r.size())
                .field("header_crc", r.headerCrc())
                .field("body_crc", r.bodyCrc());
        j.name("entries").beginArray();
        for (PacWriteResult.Written w : r.entries()) {
            j.beginObject()
                    .field("index", w.index())
                    .field("id", w.id())
                    .field("name", w.name())
                    .field("size", w.size())
                    .field("offset", w.offset())
                    .field("source", w.source().isEmpty() ? null : w.source())
                    .field("converted_to_sparse", w.convertedToSparse())
                    .endObject();
        }
        j.endArray();
        j.name("notes").beginArray();
        for (String n : r.notes()) {
            j.value(n);
        }
        j.endArray();
        j.field("elapsed_seconds", nanos / 1e9);
    }

    /** The writer options from the shared flags. */
    static PacWriter.Options writerOptions(boolean raw, boolean v2, boolean encrypt) {
        return PacWriter.Options.DEFAULT.withRawReplacements(raw).withEncrypt(encrypt)
                .withVersion(v2 ? PacWriter.Version.V2 : PacWriter.Version.AUTO);
    }

    /** Splits {@code ID=FILE}; an IllegalArgumentException (usage error) otherwise. */
    static String[] idAndFile(String option, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' should be ID=FILE, e.g. " + option
                    + " System=system.img");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }

    /**
     * Advice after an error while reading a PAC, or null: a ZIP-PAC is unpacked first; a damaged
     * package can be read with --lenient.
     */
    static String hint(Exception e, Path file, boolean lenientAvailable) {
        if (file == null || !(e instanceof FormatException)) {
            return null;
        }
        String f = q(file);
        if (e instanceof UnsupportedFormatException && isZip(file)) {
            return "unpack it first (unzip -d unpacked " + f + ") and run fwkit on the .pac inside";
        }
        FormatException fe = (FormatException) e;
        if (fe.getMessage() != null && fe.getMessage().contains(NOT_A_PAC)) {
            return null;
        }
        if (e instanceof UnsupportedFormatException && fe.path().endsWith("szVersion")) {
            return lenientAvailable ? "if this is a vendor package with its own version string, '--lenient' reads it"
                    + " anyway" : null;
        }
        if (!(e instanceof UnsupportedFormatException) && Pac.FORMAT.equals(fe.format())) {
            return lenientAvailable ? "if this is a truncated or edited download, '--lenient' reads what is there and"
                    + " lists the problems; otherwise get the package again" : "'fwkit pac check --lenient " + f
                    + "' lists what is wrong with the package";
        }
        return null;
    }

    private static boolean isZip(Path file) {
        try (ImageReader r = ImageReader.openRaw(file)) {
            return Pac.isZipPac(r);
        } catch (IOException | RuntimeException x) {
            return false;
        }
    }
}
