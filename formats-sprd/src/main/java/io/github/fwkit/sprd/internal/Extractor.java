package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sprd.PacEntry;
import io.github.fwkit.sprd.PacExtractOptions;
import io.github.fwkit.sprd.PacExtractResult;
import io.github.fwkit.sprd.PacExtractResult.ExtractedFile;
import io.github.fwkit.sprd.PacExtractResult.SkippedEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes PAC blobs to files under an {@link ExtractionRoot}, each through {@link SafeOutput}
 * (whole or not at all), named by {@link PacEntry#outputName()} (sanitised and de-duplicated at
 * read time). Blobs are copied by their declared offsets, like Unisoc's Perl unpacker and the
 * community tools; {@code check} reports when Unisoc's sequential reader would see other bytes.
 */
public final class Extractor {
    private Extractor() {
    }

    public static PacExtractResult extract(ImageReader pac, List<Path> inputs, List<PacEntry> entries,
                                           int configIndex, Path dir, PacExtractOptions o, ProgressListener progress)
            throws IOException {
        ExtractionRoot root = ExtractionRoot.of(dir);
        List<ExtractedFile> files = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        long total = 0;
        for (PacEntry e : entries) {
            if (e.hasData() && e.intact()) {
                total += e.size();
            }
        }
        Copy.Meter meter = new Copy.Meter(progress, total);
        for (PacEntry e : entries) {
            if (!e.hasData()) {
                skipped.add(new SkippedEntry(e, e.name().isEmpty() ? "operation without a file" : "no data (size 0)"));
                continue;
            }
            if (!e.intact()) {
                skipped.add(new SkippedEntry(e, "its blob [0x" + Long.toHexString(e.offset()) + ", +0x"
                        + Long.toHexString(e.size()) + ") is not inside the file"));
                continue;
            }
            Path target = root.resolve(e.outputName());
            ImageReader blob = pac.slice(e.offset(), e.size());
            try (SafeOutput out = SafeOutput.create(target, inputs)) {
                long bytes;
                boolean expanded = false;
                if (o.expandSparse() && e.index() != configIndex && SparseImage.matches(blob)) {
                    SparseImage img;
                    try {
                        img = SparseImage.read(blob);
                    } catch (FormatException x) {
                        throw new FormatException(x.format(), e.offset() + Math.max(0, x.offset()),
                                "/pac/entries[" + e.index() + "]" + x.path(), "entry " + e.label()
                                + " looks sparse but is damaged: " + x.problem() + " (extract it without expansion)", x);
                    }
                    Copy.Meter inner = new Copy.Meter(ProgressListener.NONE, img.expandedSize());
                    Copy.sparseAware(img.expanded(), out.channel(), inner);
                    meter.add(e.size());
                    bytes = img.expandedSize();
                    expanded = true;
                } else {
                    long n = e.size();
                    if (e.index() == configIndex && o.trimConfigNul() && pac.u8(e.end() - 1) == 0) {
                        // Unisoc's tools drop a final 0x00 of the XML when they write it out (RD, LDL)
                        n--;
                        meter.add(1);
                    }
                    Copy.range(pac, e.offset(), n, out.channel(), 0, meter);
                    out.channel().truncate(n);
                    bytes = n;
                }
                out.commit();
                files.add(new ExtractedFile(e, target, bytes, expanded));
            }
        }
        return new PacExtractResult(files, skipped);
    }
}
