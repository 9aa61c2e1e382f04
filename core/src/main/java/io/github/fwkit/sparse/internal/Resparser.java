package io.github.fwkit.sparse.internal;

import io.github.fwkit.sparse.SparseChunk;
import io.github.fwkit.sparse.SparseImage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewriting the chunks of an existing sparse image: copying them (append) and cutting them into
 * pieces (split), following libsparse's import, {@code sparse_file_resparse} and
 * {@code write_all_blocks}, so pieces come out as simg2simg makes them.
 */
public final class Resparser {
    /** libsparse reserves a file header, a trailing DONT_CARE header and a CRC32 chunk per piece. */
    private static final long PIECE_OVERHEAD = 28 + 12 + 12 + 4;

    private Resparser() {
    }

    /** A run of blocks after import: RAW data at a file offset, or a FILL pattern. */
    public record Run(boolean fill, long startBlock, long blocks, long fileOffset, int pattern) {
        Run head(long n) {
            return new Run(fill, startBlock, n, fileOffset, pattern);
        }

        Run tail(long n, int bs) {
            return new Run(fill, startBlock + n, blocks - n, fill ? fileOffset : fileOffset + n * bs, pattern);
        }
    }

    /** The runs of one piece, in block order. */
    public record Piece(List<Run> runs) {
    }

    /**
     * The image's runs as libsparse imports them: RAW chunks as they are, adjacent FILL chunks
     * with equal patterns merged, DONT_CARE and CRC32 chunks dropped (DONT_CARE becomes a gap).
     */
    static List<Run> runs(SparseImage img) {
        List<Run> runs = new ArrayList<>();
        int bs = img.header().blockSize();
        for (SparseChunk c : img.chunks()) {
            if (c.blockCount() == 0) {
                continue;
            }
            if (c.type() == SparseChunk.Type.RAW) {
                runs.add(new Run(false, c.startBlock(), c.blockCount(), c.dataOffset(), 0));
            } else if (c.type() == SparseChunk.Type.FILL) {
                Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last.fill() && last.pattern() == c.value()
                        && last.startBlock() + last.blocks() == c.startBlock()) {
                    runs.set(runs.size() - 1, new Run(true, last.startBlock(), last.blocks() + c.blockCount(), 0,
                            c.value()));
                } else {
                    runs.add(new Run(true, c.startBlock(), c.blockCount(), 0, c.value()));
                }
            }
        }
        return runs;
    }

    /** Copies the image's chunks to {@code w} as libsparse rewrites an imported image. */
    public static void copyChunks(SparseImage img, FileChannel src, ChunkWriter w) throws IOException {
        long last = 0;
        int bs = img.header().blockSize();
        for (Run r : runs(img)) {
            w.dontCare(r.startBlock() - last);
            emit(r, src, bs, w);
            last = r.startBlock() + r.blocks();
        }
        w.dontCare(img.header().totalBlocks() - last);
    }

    private static void emit(Run r, FileChannel src, int bs, ChunkWriter w) throws IOException {
        w.endRun();
        if (r.fill()) {
            w.fill(r.blocks(), r.pattern());
        } else {
            w.raw(src, r.fileOffset(), r.blocks() * bs);
        }
    }

    /** Cuts the image's runs into pieces whose files are at most {@code maxSize} bytes. */
    public static List<Piece> plan(SparseImage img, long maxSize) {
        int bs = img.header().blockSize();
        List<Run> runs = runs(img);
        long len = maxSize - PIECE_OVERHEAD;
        List<Piece> pieces = new ArrayList<>();
        int i = 0;
        do {
            List<Run> piece = new ArrayList<>();
            long fileLen = 0;
            long lastBlock = 0;
            while (i < runs.size()) {
                Run bb = runs.get(i);
                long count = bb.startBlock() > lastBlock ? 12 : 0;
                lastBlock = bb.startBlock() + bb.blocks();
                count += bb.fill() ? 16 : 12 + bb.blocks() * bs;
                if (fileLen + count <= len) {
                    fileLen += count;
                    piece.add(bb);
                    i++;
                    continue;
                }
                fileLen += 12;
                if (piece.isEmpty() || len - fileLen > len / 8) {
                    long room = len - fileLen;
                    long headBlocks = room <= 0 ? 0 : room / bs;
                    if (headBlocks >= bb.blocks()) {
                        piece.add(bb);
                        i++;
                    } else if (headBlocks > 0) {
                        piece.add(bb.head(headBlocks));
                        runs.set(i, bb.tail(headBlocks, bs));
                    } else if (piece.isEmpty()) {
                        throw new IllegalArgumentException("max size " + maxSize + " cannot hold one block of "
                                + bs + " bytes plus headers");
                    }
                }
                break;
            }
            pieces.add(new Piece(List.copyOf(piece)));
        } while (i < runs.size());
        return pieces;
    }

    /** Writes one piece: its runs, with DONT_CARE for every block it does not carry. */
    public static void write(Piece piece, SparseImage img, FileChannel src, ChunkWriter w) throws IOException {
        int bs = img.header().blockSize();
        long last = 0;
        for (Run r : piece.runs()) {
            w.dontCare(r.startBlock() - last);
            emit(r, src, bs, w);
            last = r.startBlock() + r.blocks();
        }
        w.dontCare(img.header().totalBlocks() - last);
    }
}
