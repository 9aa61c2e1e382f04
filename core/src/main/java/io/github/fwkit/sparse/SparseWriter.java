package io.github.fwkit.sparse;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.core.internal.io.FileImageReader;
import io.github.fwkit.sparse.internal.ChunkWriter;
import io.github.fwkit.sparse.internal.Encoder;
import io.github.fwkit.sparse.internal.Resparser;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes Android sparse images: encoding a raw image (img2simg), appending raw data
 * (append2simg) and splitting into pieces (simg2simg, {@code fastboot -S}).
 *
 * <p>Encoding classifies every block as img2simg does: a full block whose 32-bit words all equal
 * its first word becomes FILL (zeros become FILL 0), anything else RAW; a short last block is RAW
 * padded with zeros; neighbours of the same kind are merged. The {@link Profile#AOSP AOSP}
 * profile then cuts RAW and FILL chunks at 64 MiB like AOSP since 2020; {@link Profile#LEGACY
 * LEGACY} does not, and is byte-identical to Debian's img2simg 29.0.6. No CRC32 chunk is written
 * (libsparse's own CRC writer is wrong after multi-block FILL and DONT_CARE chunks, and U-Boot
 * misreads CRC32 chunks).
 *
 * <p>Memory: a 4 MiB read window and a 1 MiB write buffer, whatever the image size; the input is
 * read once. Outputs appear whole or not at all ({@link SafeOutput}).
 *
 * <pre>{@code
 * SparseWriter.Result r = SparseWriter.of(SparseWriter.Options.DEFAULT)
 *         .encode(Path.of("system.raw"), Path.of("system.img"), ProgressListener.NONE);
 * }</pre>
 *
 * <p>Thread-safe: instances are immutable; each call works on its own files.
 *
 * @since 0.1.0
 */
public final class SparseWriter {

    /** Writer profiles. */
    public enum Profile {
        /** Today's AOSP libsparse: RAW and FILL chunks at most 64 MiB. The default. */
        AOSP,
        /** Debian's img2simg 29.0.6 byte for byte: no chunk size cap. */
        LEGACY
    }

    /**
     * Encoding options.
     *
     * @param profile chunk size rules, see {@link Profile}
     * @param blockSize bytes per block: a multiple of 4 from 1024 to 64 MiB, as img2simg demands
     *     (4096 unless the target needs another; a multiple of 512 for U-Boot)
     * @param noFill write no FILL chunks, for old bootloaders (Qualcomm LK before 2014) that answer
     *     "Unknown chunk type": repeating blocks become RAW and zero blocks DONT_CARE, like
     *     e2fsprogs' ext2simg. DONT_CARE leaves the old flash content in place.
     * @param zeroAsDontCare zero blocks become DONT_CARE instead of FILL 0: smaller files, but the
     *     flash keeps its old content there (fine for erased targets and unused file-system space)
     */
    public record Options(Profile profile, int blockSize, boolean noFill, boolean zeroAsDontCare) {
        /** AOSP profile, 4096-byte blocks, FILL allowed, zeros as FILL 0. */
        public static final Options DEFAULT = new Options(Profile.AOSP, 4096, false, false);

        public Options {
            Objects.requireNonNull(profile, "profile");
            if (blockSize < 1024 || blockSize % 4 != 0 || blockSize > (64 << 20)) {
                throw new IllegalArgumentException("block size " + blockSize
                        + " must be a multiple of 4 from 1024 to 67108864 (64 MiB)");
            }
        }

        public Options withProfile(Profile p) {
            return new Options(p, blockSize, noFill, zeroAsDontCare);
        }

        public Options withBlockSize(int size) {
            return new Options(profile, size, noFill, zeroAsDontCare);
        }

        public Options withNoFill(boolean b) {
            return new Options(profile, blockSize, b, zeroAsDontCare);
        }

        public Options withZeroAsDontCare(boolean b) {
            return new Options(profile, blockSize, noFill, b);
        }

    }

    /**
     * What a write produced.
     *
     * @param output the file written
     * @param blockSize bytes per block
     * @param totalBlocks blocks in the expanded image
     * @param chunks chunks written
     * @param rawBlocks blocks stored as RAW
     * @param fillBlocks blocks stored as FILL
     * @param dontCareBlocks blocks written as DONT_CARE
     * @param bytes size of the sparse file
     */
    public record Result(Path output, int blockSize, long totalBlocks, long chunks, long rawBlocks, long fillBlocks,
                         long dontCareBlocks, long bytes) {
    }

    /**
     * The smallest piece size {@link #split} accepts: the 56 bytes libsparse reserves for headers
     * plus two blocks of 4 KiB.
     */
    public static final long MIN_SPLIT_SIZE = 56 + 2 * 4096;

    /** The largest piece size {@link #split} accepts (libsparse takes it as a u32). */
    public static final long MAX_SPLIT_SIZE = 0xffffffffL;

    private final Options options;

    private SparseWriter(Options options) {
        this.options = options;
    }

    /** A writer with the given options. */
    public static SparseWriter of(Options options) {
        return new SparseWriter(Objects.requireNonNull(options, "options"));
    }

    /** The options in use. */
    public Options options() {
        return options;
    }

    /** Encodes the raw file {@code input} (its bytes as stored) into the sparse file {@code output}. */
    public Result encode(Path input, Path output, ProgressListener progress) throws IOException {
        try (ImageReader in = ImageReader.openRaw(input)) {
            return encode(in, output, List.of(input), progress);
        }
    }

    /**
     * Encodes the logical bytes of {@code input} into {@code output}.
     *
     * @param inputs files the operation reads; {@code output} may not be one of them
     */
    public Result encode(ImageReader input, Path output, List<Path> inputs, ProgressListener progress)
            throws IOException {
        try (SafeOutput out = SafeOutput.create(output, inputs)) {
            Result r = encode(input, out.channel(), progress);
            out.commit();
            return new Result(output, r.blockSize(), r.totalBlocks(), r.chunks(), r.rawBlocks(), r.fillBlocks(),
                    r.dontCareBlocks(), r.bytes());
        }
    }

    /**
     * Encodes {@code input} into {@code out}, from position 0; the channel is truncated to the
     * sparse image. The result's {@code output} is null.
     */
    public Result encode(ImageReader input, FileChannel out, ProgressListener progress) throws IOException {
        int bs = options.blockSize();
        if (input.size() == 0) {
            // libsparse since 2021 rejects total_blks == 0, so such a file would not flash anywhere
            throw new FormatException("raw", 0, "", input.description() + " is empty; a sparse image needs at least one block");
        }
        long totalBlocks = (input.size() + bs - 1) / bs;
        out.truncate(0);
        // Write-behind: reading and classifying the input overlaps with the page-cache writes.
        try (ChunkWriter w = new ChunkWriter(out, bs, totalBlocks, maxRunBlocks(options.profile(), bs), true)) {
            Encoder.encode(input, w, bs, options.zeroAsDontCare(), options.noFill(), progress);
            w.finish();
            return result(null, w, bs, totalBlocks);
        }
    }

    private static Result result(Path output, ChunkWriter w, int bs, long totalBlocks) {
        return new Result(output, bs, totalBlocks, w.chunks(), w.rawBlocks(), w.fillBlocks(), w.dontCareBlocks(),
                w.bytesWritten());
    }

    /**
     * Appends the raw file {@code input} to the image {@code target}, like append2simg: the result
     * replaces {@code target} (atomically) and holds its chunks followed by the input as one RAW
     * region (RAW chunks under this writer's profile cap). A raw (non-sparse) {@code target} is
     * first encoded with this writer's options. The input's length must be a multiple of the
     * image's block size, and a raw target's length too. Adjacent FILL chunks with the same
     * pattern and adjacent DONT_CARE chunks are merged and CRC32 chunks dropped, as libsparse does
     * when it rewrites an image.
     */
    public Result append(Path target, Path input, ProgressListener progress) throws IOException {
        long inLen = Files.size(input);
        boolean sparse;
        try (ImageReader raw = ImageReader.openRaw(target)) {
            sparse = SparseImage.matches(raw);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!sparse) {
            long len = Files.size(target);
            if (len % options.blockSize() != 0) {
                throw new FormatException("raw", len, "", "the raw image " + target + " is " + len
                        + " bytes, not a multiple of the block size " + options.blockSize()
                        + ": the appended data would overlap its last block");
            }
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".fwkit-tmp");
            try {
                encode(target, tmp, ProgressListener.NONE);
                return appendToSparse(tmp, target, input, inLen, progress);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return appendToSparse(target, target, input, inLen, progress);
    }

    private Result appendToSparse(Path sparseFile, Path target, Path input, long inLen, ProgressListener progress)
            throws IOException {
        try (SparseImage img = SparseImage.open(sparseFile);
             FileImageReader in = FileImageReader.open(input);
             SafeOutput out = SafeOutput.create(target, List.of(input))) {
            int bs = img.header().blockSize();
            if (inLen % bs != 0) {
                throw new IOException("the input " + input + " is " + inLen + " bytes, not a multiple of the image's"
                        + " block size " + bs + "; pad it first (e.g. truncate -s %" + bs + " FILE)");
            }
            long total = img.header().totalBlocks() + inLen / bs;
            ChunkWriter w = new ChunkWriter(out.channel(), bs, total, maxRunBlocks(options.profile(), bs));
            FileChannel src = ((FileImageReader) img.source()).channel();
            Resparser.copyChunks(img, src, w);
            w.endRun();
            w.raw(in.channel(), 0, inLen);
            w.finish();
            progress.progress(inLen, inLen);
            out.commit();
            return result(target, w, bs, total);
        }
    }

    /**
     * Splits a sparse image into pieces of at most {@code maxSize} bytes each, like simg2simg:
     * {@code prefix.0}, {@code prefix.1}, ... Every piece keeps the full block count, with
     * DONT_CARE for the blocks other pieces carry, so flashing all of them in turn (or decoding
     * them together) gives the whole image. A raw {@code input} is encoded first with this
     * writer's options. The cut follows libsparse's {@code sparse_file_resparse}: a run that does
     * not fit is split when more than an eighth of the piece is left, else it starts the next piece.
     *
     * @return one result per piece, in order
     */
    public List<Result> split(Path input, long maxSize, Path prefix, ProgressListener progress) throws IOException {
        if (maxSize < MIN_SPLIT_SIZE || maxSize > MAX_SPLIT_SIZE) {
            throw new IllegalArgumentException("max size " + maxSize + " must be from " + MIN_SPLIT_SIZE + " to "
                    + MAX_SPLIT_SIZE + " bytes");
        }
        boolean sparse;
        try (ImageReader raw = ImageReader.openRaw(input)) {
            sparse = SparseImage.matches(raw);
        }
        if (!sparse) {
            Path dir = prefix.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".fwkit-split", ".fwkit-tmp");
            try {
                encode(input, tmp, ProgressListener.NONE);
                return splitSparse(tmp, input, maxSize, prefix, progress);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return splitSparse(input, input, maxSize, prefix, progress);
    }

    private List<Result> splitSparse(Path sparseFile, Path original, long maxSize, Path prefix,
                                     ProgressListener progress) throws IOException {
        try (SparseImage img = SparseImage.open(sparseFile)) {
            List<Resparser.Piece> pieces = Resparser.plan(img, maxSize);
            List<Result> results = new ArrayList<>();
            boolean done = false;
            try {
                FileChannel src = ((FileImageReader) img.source()).channel();
                int bs = img.header().blockSize();
                long cap = maxRunBlocks(options.profile(), bs);
                long total = img.source().size();
                long written = 0;
                // Pieces are committed one by one so that only one file is open at a time (there
                // may be thousands); if a later piece fails, the earlier ones are removed again.
                for (int i = 0; i < pieces.size(); i++) {
                    Path target = Path.of(prefix + "." + i);
                    try (SafeOutput out = SafeOutput.create(target, List.of(original, sparseFile))) {
                        ChunkWriter w = new ChunkWriter(out.channel(), bs, img.header().totalBlocks(), cap);
                        Resparser.write(pieces.get(i), img, src, w);
                        w.finish();
                        out.commit();
                        results.add(result(target, w, bs, img.header().totalBlocks()));
                        written += w.bytesWritten();
                    }
                    progress.progress(Math.min(written, total), total);
                }
                done = true;
                return List.copyOf(results);
            } finally {
                if (!done) {
                    for (Result r : results) {
                        Files.deleteIfExists(r.output());
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SparseWriter" + options;
    }

    /** Most blocks in one RAW or FILL chunk for {@code profile} and {@code blockSize}. */
    static long maxRunBlocks(Profile profile, int blockSize) {
        long u32 = ChunkWriter.maxRawBlocksForU32(blockSize);
        return profile == Profile.AOSP ? Math.max(1, Math.min(u32, (64L << 20) / blockSize)) : u32;
    }
}
