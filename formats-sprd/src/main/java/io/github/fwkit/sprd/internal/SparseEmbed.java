package io.github.fwkit.sprd.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sparse.SparseWriter;
import io.github.fwkit.sprd.Ext4Summary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Raw read-back → Android sparse, the way the flash tools and device loaders want it (spec
 * section 13.1): img2simg-style encoding with zero blocks as FILL (Spreadtrum's FDL2 skips
 * DONT_CARE, leaving old flash content there), a block size that divides the image (a padded
 * last block would make the image larger than the partition, which the FDL rejects), optionally
 * cut at the ext4 size unless an AVB footer needs the tail, and checked by expanding the result
 * again before anyone flashes it.
 */
public final class SparseEmbed {
    private SparseEmbed() {
    }

    /** How much of the input becomes the image and with which block size. */
    public record Plan(long length, int blockSize, boolean trimmed, List<String> notes) {
    }

    /**
     * Plans the image: the whole input, or with {@code trim} the ext4 file system alone when
     * that is possible and safe. {@code sparse} asks for a block size (4096, else 2048 or 1024).
     *
     * @throws FormatException if a sparse image cannot represent the length exactly
     */
    public static Plan plan(ImageReader raw, boolean trim, boolean sparse, String what) throws IOException {
        List<String> notes = new ArrayList<>();
        long len = raw.size();
        boolean trimmed = false;
        if (trim) {
            Sniffer.Result s = Sniffer.sniff(raw);
            Optional<Ext4Summary> e = s.ext4();
            if (s.content() != io.github.fwkit.sprd.ImageContent.EXT4 || e.isEmpty()) {
                notes.add("not trimmed: only raw ext4 images can be cut at the file-system size");
            } else if (s.avb().isPresent()) {
                notes.add("not trimmed: an AVB footer at the end holds the verity data's location; the image keeps"
                        + " its full length");
            } else if (e.get().fsBytes() > len) {
                notes.add("not trimmed: the file system (" + e.get().fsBytes() + " bytes) is larger than the image ("
                        + len + " bytes): the read-back looks truncated");
            } else if (e.get().fsBytes() < len) {
                notes.add("trimmed from " + len + " to " + e.get().fsBytes() + " bytes (the ext4 file-system size)");
                len = e.get().fsBytes();
                trimmed = true;
            }
        }
        if (len == 0) {
            throw new FormatException("raw", 0, "", what + " is empty");
        }
        int bs = 4096;
        if (sparse) {
            while (bs > 1024 && len % bs != 0) {
                bs /= 2;
            }
            if (len % bs != 0) {
                throw new FormatException("raw", len, "", what + " is " + len + " bytes, not a multiple of 1024: a"
                        + " sparse image would pad the last block past the end of the partition and the device's FDL"
                        + " would reject it; convert to raw instead" + (trim ? "" : ", or trim an ext4 image"));
            }
            if (bs != 4096) {
                notes.add("block size " + bs + " (the length is not a multiple of 4096)");
            }
        }
        return new Plan(len, bs, trimmed, notes);
    }

    /**
     * Encodes {@code image} as sparse into {@code out} from {@code at} on (the file ends up
     * truncated after it) and verifies it by expanding it again.
     *
     * @return the encoder's result; {@code bytes} is the sparse size
     */
    public static SparseWriter.Result encode(ImageReader image, int blockSize, FileChannel out, long at,
                                             ProgressListener progress) throws IOException {
        long len = image.size();
        Copy.Meter meter = new Copy.Meter(progress, 2 * len);
        SparseWriter w = SparseWriter.of(SparseWriter.Options.DEFAULT.withBlockSize(blockSize));
        SparseWriter.Result r;
        try (OffsetChannel window = new OffsetChannel(out, at)) {
            long[] last = {0};
            r = w.encode(image, window, (done, total) -> {
                meter.add(done - last[0]);
                last[0] = done;
            });
            meter.add(len - last[0]);
        }
        verify(out, at, r.bytes(), image, meter);
        return r;
    }

    /** Expands the sparse bytes {@code [at, at + bytes)} of {@code out} and compares them with {@code image}. */
    static void verify(FileChannel out, long at, long bytes, ImageReader image, Copy.Meter meter) throws IOException {
        ImageReader written = ImageReader.of(out, at + bytes, "sparse output").slice(at, bytes);
        SparseImage img = SparseImage.read(written);
        if (img.expandedSize() != image.size() || !Copy.same(img.expanded(), image, meter)) {
            throw new IOException("the sparse image written does not expand to the input (" + img.expandedSize()
                    + " vs " + image.size() + " bytes); nothing was kept. This is a bug: please report it");
        }
    }
}
