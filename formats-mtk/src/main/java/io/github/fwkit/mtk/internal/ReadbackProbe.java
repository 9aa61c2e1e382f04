package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.MtkAnalysisOptions;
import io.github.fwkit.mtk.MtkRomLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Replaces core's {@code mtk-readback} probe (which looks only at offset 0) with the spec's ranks:
 * SF_BOOT at 0 or within the first MiB (a read that started early), a FILE_INFO in the first MiB
 * without a header (header lost, or the dump does not start at 0), or a pre-SV5 dump with
 * MTK_ROMINFO. The first MiB decides cheaply whether to look; the summary then comes from the
 * full analysis (milliseconds for a 16 MiB dump), so {@code identify} names chip, firmware and
 * health.
 */
public final class ReadbackProbe implements FormatProbe {
    static final String FORMAT = "mtk-readback";
    private static final byte[] SF_BOOT = "SF_BOOT\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROMINFO = "MTK_ROMINFO_v".getBytes(StandardCharsets.US_ASCII);
    private static final long GATE = 1L << 20;
    /** Inputs above this are only gated, not analysed, so identify stays quick on large files. */
    private static final long MAX_ANALYSED = 256L << 20;

    public ReadbackProbe() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        long n = image.size();
        // One read of the first MiB answers all three questions.
        byte[] head = image.readBytes(0, (int) Math.min(n, GATE + SF_BOOT.length));
        int sf = Scan.indexOf(head, 0, head.length, SF_BOOT);
        int gfh = sf >= 0 ? -1 : Scan.indexOfSkippingErased(head, 1, head.length, Gfh.FILE_INFO_KEY);
        boolean rominfo = sf < 0 && gfh < 0 && Scan.indexOfSkippingErased(head, 0, head.length, ROMINFO) >= 0;
        if (sf < 0 && gfh < 0 && !rominfo) {
            return Optional.empty();
        }
        if (n > MAX_ANALYSED) {
            return Optional.of(Detection.of(FORMAT, "MediaTek readback signature at " + Text.hex(Math.max(sf, gfh))
                    + "; " + Text.size(n) + " is too large to analyse here", Math.max(0, sf), 50));
        }
        MtkRomLayout layout;
        try {
            layout = MtkRomLayout.analyze(image, MtkAnalysisOptions.DEFAULTS.withMaxLength(MAX_ANALYSED));
        } catch (FormatException e) {
            return Optional.of(Detection.of(FORMAT, "MediaTek readback signature, but: " + e.getMessage(), 0, 30));
        }
        if (layout.kind() != MtkRomLayout.Kind.READBACK && layout.kind() != MtkRomLayout.Kind.PRE_SV5) {
            return Optional.empty();
        }
        int strength = layout.kind() == MtkRomLayout.Kind.PRE_SV5 ? 60 : sf == 0 ? 100 : 80;
        return Optional.of(Detection.of(FORMAT, Summary.of(layout), Math.max(0, layout.base()), strength));
    }
}
