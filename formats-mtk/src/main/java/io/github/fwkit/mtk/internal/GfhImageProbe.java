package io.github.fwkit.mtk.internal;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.mtk.MtkAnalysisOptions;
import io.github.fwkit.mtk.MtkRomLayout;

import java.io.IOException;
import java.util.Optional;

/**
 * Replaces core's {@code mtk-gfh} probe: a file that is one GFH image (FILE_INFO at 0) is
 * analysed as a kit file, so the summary says which file of a kit it is (type, flash place),
 * whether its signature verifies, and for a ROM the firmware and flash IDs.
 */
public final class GfhImageProbe implements FormatProbe {
    static final String FORMAT = "mtk-gfh";
    /** MediaTek's own bound for file_len is 2 GiB; kit files of these phones are at most a few MiB. */
    private static final long MAX_ANALYSED = 256L << 20;

    public GfhImageProbe() {
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
        if (n < Gfh.FILE_INFO_KEY.length || !java.util.Arrays.equals(image.readBytes(0, Gfh.FILE_INFO_KEY.length),
                Gfh.FILE_INFO_KEY)) {
            return Optional.empty();
        }
        if (n < io.github.fwkit.mtk.FileInfo.SIZE) {
            return Optional.of(Detection.of(FORMAT, "MediaTek GFH FILE_INFO, but the file ends inside it", 0, 60));
        }
        io.github.fwkit.mtk.FileInfo fi = Gfh.fileInfo(image.readBytes(0, io.github.fwkit.mtk.FileInfo.SIZE), 0);
        String why = Gfh.violation(fi);
        if (why != null) {
            return Optional.of(Detection.of(FORMAT, "MediaTek GFH image " + fi.typeName() + ", invalid: " + why, 0, 60));
        }
        if (n > MAX_ANALYSED) {
            return Optional.empty();
        }
        MtkRomLayout layout;
        try {
            layout = MtkRomLayout.analyze(image, MtkAnalysisOptions.DEFAULTS.withMaxLength(MAX_ANALYSED));
        } catch (FormatException e) {
            return Optional.of(Detection.of(FORMAT, "MediaTek GFH image " + fi.typeName() + ": " + e.getMessage(), 0, 60));
        }
        if (layout.kind() != MtkRomLayout.Kind.IMAGE) {
            // A readback that starts with an image (the read began at the ROM): the readback probe's.
            return Optional.empty();
        }
        return Optional.of(Detection.of(FORMAT, Summary.of(layout), 0, layout.health().has(
                io.github.fwkit.mtk.Finding.Severity.ERROR) ? 80 : 100));
    }
}
