package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;

/**
 * Spreadtrum/Unisoc {@code .pac} packages: the 2124-byte header, read with the V2 layout for both
 * versions (in {@code BP_R1.0.0} files the V2-only fields fall on zero bytes, as Unisoc's own
 * reader assumes).
 *
 * <pre>
 *     0 WCHAR[22] szVersion     "BP_R1.0.0" or "BP_R2.0.1", UTF-16LE
 *    44 u32 dwHiSize            total size = hi:lo
 *    48 u32 dwLoSize
 *    52 WCHAR[256] szPrdName
 *   564 WCHAR[256] szPrdVersion
 *  1076 i32 nFileCount          entries, the XML included
 *  1080 u32 dwFileOffset        2124
 *  1316 u16 wEncrypted          file table scrambled
 *  2116 u32 dwMagic             0xFFFAFFFA
 *  2124 file table, nFileCount x 2580 bytes
 * </pre>
 *
 * Ranking follows Unisoc's reader, which needs the version string and checks CRCs only when the
 * magic is present: version and magic, then version alone, then magic alone.
 */
public final class SprdPacProbe implements FormatProbe {
    static final String FORMAT = "sprd-pac";

    static final int HEADER_SIZE = 2124;
    static final int ENTRY_SIZE = 2580;
    private static final long MAGIC = 0xFFFAFFFAL;
    /** The cap community unpackers use; real packages hold a few dozen entries. */
    private static final int MAX_FILES = 1024;

    private static final int VERSION_AND_MAGIC = 100;
    private static final int VERSION_ONLY = 70;
    private static final int MAGIC_ONLY = 50;
    private static final int INCONSISTENT_PENALTY = 30;

    public SprdPacProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        if (image.size() < HEADER_SIZE) {
            return Optional.empty();
        }
        Bytes h = Bytes.at(image, 0, HEADER_SIZE);
        String version = Text.utf16le(h, 0, 44);
        boolean knownVersion = version.equals("BP_R1.0.0") || version.equals("BP_R2.0.1");
        boolean magic = h.u32le(2116) == MAGIC;
        if (!knownVersion && !magic) {
            return Optional.empty();
        }
        int strength = knownVersion ? (magic ? VERSION_AND_MAGIC : VERSION_ONLY) : MAGIC_ONLY;

        Text.Summary s = new Text.Summary("PAC " + (version.isEmpty() ? "(no version)" : Text.quote(version)));
        String product = Text.utf16le(h, 52, 512);
        String productVersion = Text.utf16le(h, 564, 512);
        s.add("product " + Text.quote(product));
        if (!productVersion.isEmpty()) {
            s.add("version " + Text.quote(productVersion));
        }
        // nFileCount is a signed i32 in Unisoc's struct; a negative count must read as negative.
        long files = (int) h.u32le(1076);
        s.add(files + " files incl. XML");
        if (h.u16le(1316) != 0) {
            s.add("encrypted file table");
        }
        long declared = h.u32le(44) << 32 | h.u32le(48);
        int cmp = Long.compareUnsigned(declared, image.size());
        if (cmp == 0) {
            s.add("size " + Text.size(declared) + " as declared");
        } else {
            s.add("declared " + Text.size(declared) + " (" + Long.toUnsignedString(declared) + " bytes) but the file has "
                    + Text.size(image.size()) + " (" + image.size() + " bytes)" + (cmp > 0 ? ": truncated" : ""));
        }

        if (!knownVersion) {
            s.problem("unknown version string, Unisoc's tools would refuse it");
        }
        if (!magic) {
            s.problem("no header magic, so the CRCs are not checked");
        }
        boolean consistent = true;
        if (files < 1 || files > MAX_FILES) {
            s.problem("file count " + files + " outside 1.." + MAX_FILES);
            consistent = false;
        } else if (HEADER_SIZE + files * ENTRY_SIZE > image.size()) {
            s.problem("file table runs past the end of the file");
            consistent = false;
        }
        if (h.u32le(1080) != HEADER_SIZE) {
            s.problem("file table offset " + h.u32le(1080) + " is not " + HEADER_SIZE);
            consistent = false;
        }
        if (!consistent) {
            strength -= INCONSISTENT_PENALTY;
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), 0, strength));
    }
}
