package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * ZIP archives, by the local file header of their first entry (PKWARE APPNOTE 4.3.7;
 * little-endian). Some Spreadtrum {@code .pac} files are ZIPs holding the real package, so a ZIP
 * named {@code *.pac}, or whose first entry is one, is called a ZIP-PAC.
 *
 * <pre>
 *   0 u32 signature "PK\3\4"       18 u32 compressed size
 *   4 u16 version needed           22 u32 uncompressed size
 *   6 u16 flags (bit 0 encrypted,  26 u16 name length
 *         bit 3 sizes follow data) 28 u16 extra length
 *   8 u16 method                   30 name
 * </pre>
 */
public final class ZipProbe implements FormatProbe {
    static final String FORMAT = "zip";

    private static final byte[] SIGNATURE = {'P', 'K', 3, 4};
    private static final int HEADER = 30;
    private static final int NAME_READ = 256;

    private static final int STRONG = 90;
    private static final int WEAK = 50;
    private static final int TRUNCATED = 20;

    public ZipProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, HEADER + NAME_READ);
        if (!h.matches(0, SIGNATURE)) {
            return Optional.empty();
        }
        if (!h.has(0, HEADER)) {
            return Optional.of(Detection.of(FORMAT, "ZIP signature, but the file ends inside the first header", 0,
                    TRUNCATED));
        }
        int flags = h.u16le(6);
        int method = h.u16le(8);
        int nameLength = h.u16le(26);
        String name = Text.ascii(h, HEADER, Math.min(nameLength, h.length() - HEADER));
        boolean zipPac = image.description().toLowerCase(Locale.ROOT).endsWith(".pac")
                || name.toLowerCase(Locale.ROOT).endsWith(".pac");

        Text.Summary s = new Text.Summary(zipPac ? "ZIP-PAC (Spreadtrum package as ZIP)" : "ZIP archive");
        String entry = "first entry " + Text.quote(name) + " (" + method(method);
        if ((flags & 0x8) != 0) {
            entry += ", sizes after the data";
        } else {
            entry += ", " + Text.size(h.u32le(18)) + " stored, " + Text.size(h.u32le(22)) + " unpacked";
        }
        s.add(entry + ")");
        if ((flags & 0x1) != 0) {
            s.add("encrypted");
        }
        if (nameLength == 0) {
            s.problem("first entry has no name");
        } else if (HEADER + nameLength > image.size()) {
            s.problem("file ends inside the first entry's name");
        }
        if (h.u16le(4) > 63) {
            s.problem("needs ZIP version " + h.u16le(4) / 10 + "." + h.u16le(4) % 10);
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }

    private static String method(int method) {
        return switch (method) {
            case 0 -> "stored";
            case 8 -> "deflated";
            case 9 -> "deflate64";
            case 12 -> "bzip2";
            case 14 -> "LZMA";
            case 93 -> "zstd";
            case 95 -> "xz";
            case 99 -> "AES-encrypted";
            default -> "method " + method;
        };
    }
}
