package io.github.fwkit.sprd;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.sparse.SparseImage;
import io.github.fwkit.sparse.SparseWriter;
import io.github.fwkit.sprd.internal.Copy;
import io.github.fwkit.sprd.internal.Names;
import io.github.fwkit.sprd.internal.SparseEmbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a ResearchDownload read-back ({@code system.img_COM5.flag}) into an image the flash
 * tools accept: an Android sparse image by default (like img2simg, zero blocks as FILL because
 * Spreadtrum's FDL skips DONT_CARE), or the raw bytes under a plain name. With {@code trim} a raw
 * ext4 image is cut at its file-system size, unless an AVB footer needs the tail.
 *
 * <p>The output is expanded again and compared with the input before it appears: a conversion
 * either succeeds verified or leaves nothing behind. Memory stays at a few MiB whatever the size.
 *
 * <pre>{@code
 * FlagConverter.Result r = FlagConverter.convert(Path.of("system.img_COM5.flag"), Path.of("out"),
 *         FlagConverter.Options.DEFAULT, ProgressListener.NONE);   // writes out/system.img (sparse)
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FlagConverter {
    /** The format name of errors about {@code .flag} files. */
    public static final String FORMAT = "sprd-flag";

    private FlagConverter() {
    }

    /**
     * Conversion options.
     *
     * @param raw write the raw image instead of Android sparse
     * @param trim cut a raw ext4 image at the file-system size (never when an AVB footer exists)
     */
    public record Options(boolean raw, boolean trim) {
        /** Sparse, full length. */
        public static final Options DEFAULT = new Options(false, false);

        public Options withRaw(boolean b) {
            return new Options(b, trim);
        }

        public Options withTrim(boolean b) {
            return new Options(raw, b);
        }
    }

    /**
     * What a conversion wrote.
     *
     * @param output the file written
     * @param sparse whether it is an Android sparse image (else raw)
     * @param input what the input was
     * @param imageBytes length of the (expanded) image
     * @param outputBytes length of the file written
     * @param blockSize sparse block size, 0 for raw output
     * @param chunks sparse chunks, 0 for raw output
     * @param trimmed whether the image was cut at the ext4 size
     * @param notes what was decided and why
     */
    public record Result(Path output, boolean sparse, FlagFile input, long imageBytes, long outputBytes, int blockSize,
                         long chunks, boolean trimmed, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The file name an image should get: the {@code .flag} name without {@code .flag},
     * {@code _COM<n>} and {@code (n)}, made safe ({@code system.img_COM5.flag} →
     * {@code system.img}).
     */
    public static String outputName(FlagFile input) {
        return Names.safe(input.imageName(), input.partition().isEmpty() ? "image.img" : input.partition() + ".img");
    }

    /**
     * Converts {@code input} into {@code output}. When {@code output} is an existing folder the
     * file is created in it under {@link #outputName}.
     *
     * @throws FormatException if the input is a 0-byte placeholder (the message says which PAC
     *     entry holds the data) or cannot be represented as asked
     * @throws IllegalArgumentException if the output name ends in {@code .flag} (the flash tool
     *     would treat it as "load from PAC" again)
     */
    public static Result convert(Path input, Path output, Options options, ProgressListener progress)
            throws IOException {
        FlagFile info = FlagFile.inspect(input);
        Path target = Files.isDirectory(output) ? output.resolve(outputName(info)) : output;
        if (Names.hasFlagSuffix(target.getFileName().toString())) {
            throw new IllegalArgumentException("the output name " + target.getFileName() + " ends in .flag: the flash"
                    + " tool would treat it as \"load from PAC\" again (\"Init BMFiles failed!\"); name it "
                    + outputName(info));
        }
        if (info.size() == 0) {
            throw new FormatException(FORMAT, 0, "", input.getFileName() + " is a 0-byte placeholder, not a backup: the"
                    + " data is in the PAC entry named \"" + info.imageName() + "\"; run fwkit pac extract PAC OUT_DIR \""
                    + info.imageName() + "\"");
        }
        List<String> notes = new ArrayList<>();
        try (ImageReader in = ImageReader.openRaw(input);
             SafeOutput out = SafeOutput.create(target, List.of(input))) {
            Result r;
            if (info.content() == ImageContent.ANDROID_SPARSE) {
                r = fromSparse(in, info, out, options, notes, progress);
            } else {
                SparseEmbed.Plan plan = SparseEmbed.plan(in, options.trim(), !options.raw(), input.getFileName().toString());
                notes.addAll(plan.notes());
                ImageReader image = in.slice(0, plan.length());
                if (options.raw()) {
                    Copy.Meter meter = new Copy.Meter(progress, 2 * plan.length());
                    Copy.range(in, 0, plan.length(), out.channel(), 0, meter);
                    out.channel().truncate(plan.length());
                    verifyRaw(out, image, meter);
                    r = new Result(target, false, info, plan.length(), plan.length(), 0, 0, plan.trimmed(), notes);
                } else {
                    SparseWriter.Result w = SparseEmbed.encode(image, plan.blockSize(), out.channel(), 0, progress);
                    r = new Result(target, true, info, plan.length(), w.bytes(), w.blockSize(), w.chunks(),
                            plan.trimmed(), notes);
                }
            }
            out.commit();
            return r;
        }
    }

    private static Result fromSparse(ImageReader in, FlagFile info, SafeOutput out, Options options, List<String> notes,
                                     ProgressListener progress) throws IOException {
        SparseImage img = SparseImage.read(in);
        Path target = out.target();
        if (options.trim()) {
            notes.add("not trimmed: the input is already a sparse image");
        }
        if (options.raw()) {
            Copy.Meter meter = new Copy.Meter(progress, 2 * img.expandedSize());
            Copy.sparseAware(img.expanded(), out.channel(), meter);
            verifyRaw(out, img.expanded(), meter);
            return new Result(target, false, info, img.expandedSize(), img.expandedSize(), 0, 0, false, notes);
        }
        notes.add("the input is already an Android sparse image; copied unchanged");
        Copy.Meter meter = new Copy.Meter(progress, 2 * in.size());
        Copy.range(in, 0, in.size(), out.channel(), 0, meter);
        out.channel().truncate(in.size());
        ImageReader written = ImageReader.of(out.channel(), in.size(), target.toString());
        if (!Copy.same(written, in, meter) || SparseImage.read(written).expandedSize() != img.expandedSize()) {
            throw new IOException("the copy of " + info.fileName() + " does not read back; nothing was kept");
        }
        return new Result(target, true, info, img.expandedSize(), in.size(), img.header().blockSize(),
                img.chunks().size(), false, notes);
    }

    private static void verifyRaw(SafeOutput out, ImageReader expected, Copy.Meter meter) throws IOException {
        ImageReader written = ImageReader.of(out.channel(), out.channel().size(), out.target().toString());
        if (!Copy.same(written, expected, meter)) {
            throw new IOException("the raw image written differs from the input; nothing was kept");
        }
    }
}
