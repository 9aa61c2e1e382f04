package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;

import java.io.IOException;
import java.util.Optional;

/**
 * The Android Verified Boot footer in the last 64 bytes of a partition image (AOSP
 * {@code avbtool.py} {@code AvbFooter}; <b>big-endian</b>). Its detection offset is the footer's.
 *
 * <pre>
 *   0 char[4] "AVBf"              20 u64 vbmeta_offset
 *   4 u32 version major (1)      28 u64 vbmeta_size
 *   8 u32 version minor          36 reserved[28]
 *  12 u64 original_image_size    (the filesystem part)
 * </pre>
 */
public final class AvbFooterProbe implements FormatProbe {
    static final String FORMAT = "avb-footer";

    static final int FOOTER_SIZE = 64;
    private static final byte[] MAGIC = Bytes.ascii("AVBf");
    private static final byte[] VBMETA_MAGIC = Bytes.ascii("AVB0");

    private static final int STRONG = 90;
    private static final int WEAK = 40;

    public AvbFooterProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        long at = image.size() - FOOTER_SIZE;
        if (at < 0) {
            return Optional.empty();
        }
        Bytes f = Bytes.at(image, at, FOOTER_SIZE);
        if (!f.matches(0, MAGIC)) {
            return Optional.empty();
        }
        long major = f.u32be(4);
        long original = f.u64be(12);
        long vbmeta = f.u64be(20);
        long vbmetaSize = f.u64be(28);
        Text.Summary s = new Text.Summary("AVB footer v" + major + "." + f.u32be(8))
                .add("original image " + Text.size(original))
                .add("vbmeta at " + Text.hex(vbmeta) + " (" + Text.size(vbmetaSize) + ")");
        if (major != 1) {
            s.problem("major version " + major + " is not 1");
        }
        if (Long.compareUnsigned(original, vbmeta) > 0) {
            s.problem("vbmeta starts inside the original image");
        }
        if (vbmeta < 0 || vbmetaSize < 0 || vbmetaSize > at || vbmeta > at - vbmetaSize) {
            s.problem("vbmeta runs past the footer");
        } else if (!Bytes.at(image, vbmeta, VBMETA_MAGIC.length).matches(0, VBMETA_MAGIC)) {
            s.problem("no AVB0 magic at the vbmeta offset");
        }
        return Optional.of(Detection.of(FORMAT, s.toString(), at, s.hasProblems() ? WEAK : STRONG));
    }
}
