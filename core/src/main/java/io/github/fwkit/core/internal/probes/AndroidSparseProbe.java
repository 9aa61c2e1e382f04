package io.github.fwkit.core.internal.probes;

import io.github.fwkit.core.Detection;
import io.github.fwkit.core.FormatProbe;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.sparse.SparseHeader;
import io.github.fwkit.sparse.SparseImage;

import java.io.IOException;
import java.util.Optional;

/**
 * Android sparse images: magic {@code 0xED26FF3A} at 0, header layout in {@link SparseHeader}.
 * Reads the 28-byte file header only; chunks are {@link SparseImage}'s business.
 */
public final class AndroidSparseProbe implements FormatProbe {
    private static final int STRONG = 100;
    private static final int WEAK = 40;
    private static final int TRUNCATED = 20;

    public AndroidSparseProbe() {
    }

    @Override
    public String format() {
        return SparseImage.FORMAT;
    }

    @Override
    public Optional<Detection> probe(ImageReader image) throws IOException {
        Bytes h = Bytes.at(image, 0, SparseHeader.FILE_HEADER_SIZE);
        if (!h.has(0, 4) || h.u32le(0) != (SparseHeader.MAGIC & 0xffffffffL)) {
            return Optional.empty();
        }
        if (!h.has(0, SparseHeader.FILE_HEADER_SIZE)) {
            return Optional.of(Detection.of(format(), "sparse magic, but the file is only " + image.size()
                    + " bytes, shorter than the 28-byte header", 0, TRUNCATED));
        }
        int major = h.u16le(4);
        int minor = h.u16le(6);
        int fileHeaderSize = h.u16le(8);
        int chunkHeaderSize = h.u16le(10);
        long blockSize = h.u32le(12);
        long totalBlocks = h.u32le(16);
        long totalChunks = h.u32le(20);

        Text.Summary s = new Text.Summary("sparse v" + major + "." + minor)
                .add("block size " + blockSize)
                .add(totalBlocks + " blocks")
                // Both factors are below 2^32, so the product fits in 64 unsigned bits.
                .add("expands to " + Text.size(totalBlocks * blockSize))
                .add(totalChunks + " chunks");
        if (fileHeaderSize != SparseHeader.FILE_HEADER_SIZE || chunkHeaderSize != SparseHeader.CHUNK_HEADER_SIZE) {
            // Samsung's tools write 32/16; libsparse skips the extra bytes.
            s.add("header sizes " + fileHeaderSize + "/" + chunkHeaderSize);
        }
        if (major != 1) {
            s.problem("major version " + major + " is not 1");
        }
        if (fileHeaderSize < SparseHeader.FILE_HEADER_SIZE) {
            s.problem("file header size " + fileHeaderSize + " below 28");
        } else if (fileHeaderSize > image.size()) {
            s.problem("file header size " + fileHeaderSize + " beyond the end of the file");
        }
        if (chunkHeaderSize < SparseHeader.CHUNK_HEADER_SIZE) {
            s.problem("chunk header size " + chunkHeaderSize + " below 12");
        }
        if (blockSize == 0 || blockSize % 4 != 0) {
            s.problem("block size " + blockSize + " is not a positive multiple of 4");
        }
        return Optional.of(Detection.of(format(), s.toString(), 0, s.hasProblems() ? WEAK : STRONG));
    }
}
