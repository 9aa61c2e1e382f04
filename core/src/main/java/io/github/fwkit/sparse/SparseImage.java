package io.github.fwkit.sparse;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.core.internal.io.Buffers;
import io.github.fwkit.sparse.internal.ChunkTable;
import io.github.fwkit.sparse.internal.Decoder;
import io.github.fwkit.sparse.internal.ExpandedReader;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An Android sparse image (magic {@code 0xED26FF3A}): its header, its chunk table and its
 * expanded bytes.
 *
 * <p>Get one with {@link #open(Path)} or {@link #read(ImageReader)}; both parse and validate every
 * chunk header (reading only headers) and throw {@link FormatException} for anything AOSP libsparse
 * would reject (see {@link SparseReadOptions} for strict and lenient reading). {@link #expanded()}
 * then gives random access to the raw image without expanding it anywhere.
 *
 * <pre>{@code
 * try (SparseImage img = SparseImage.open(Path.of("system.img"))) {
 *     System.out.println(img.header().blockSize() + " x " + img.header().totalBlocks());
 *     ImageReader raw = img.expanded();   // the ext4 inside, say
 * }
 * }</pre>
 *
 * <p><b>Thread safety:</b> immutable once read; {@link #expanded()} supports concurrent reads.
 *
 * @since 0.1.0
 */
public final class SparseImage implements Closeable {
    /** The format name used in errors and detections. */
    public static final String FORMAT = ChunkTable.FORMAT;

    private final ChunkTable table;
    private final ImageReader source;
    private final boolean owned;
    private final ExpandedReader expanded;

    private SparseImage(ChunkTable table, ImageReader source, boolean owned) {
        this.table = table;
        this.source = source;
        this.owned = owned;
        this.expanded = new ExpandedReader(table, source, owned ? this : null);
    }

    /** Whether {@code source} starts with the sparse magic (it may still be malformed). */
    public static boolean matches(ImageReader source) throws IOException {
        return ChunkTable.matches(source);
    }

    /** Reads a sparse image strictly from {@code source}, which stays the caller's to close. */
    public static SparseImage read(ImageReader source) throws IOException {
        return read(source, SparseReadOptions.STRICT);
    }

    /** Reads a sparse image from {@code source}, which stays the caller's to close. */
    public static SparseImage read(ImageReader source, SparseReadOptions options) throws IOException {
        SparseImage img = new SparseImage(ChunkTable.parse(source, options), source, false);
        if (options.verifyCrc()) {
            img.verifyCrc();
        }
        return img;
    }

    /** Opens and strictly reads a sparse file; close the result to close the file. */
    public static SparseImage open(Path path) throws IOException {
        return open(path, SparseReadOptions.STRICT);
    }

    /** Opens and reads a sparse file; close the result to close the file. */
    public static SparseImage open(Path path, SparseReadOptions options) throws IOException {
        ImageReader raw = ImageReader.openRaw(path);
        try {
            SparseImage img = new SparseImage(ChunkTable.parse(raw, options), raw, true);
            if (options.verifyCrc()) {
                img.verifyCrc();
            }
            return img;
        } catch (IOException | RuntimeException | Error e) {
            try {
                raw.close();
            } catch (IOException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
    }

    /** The file header. */
    public SparseHeader header() {
        return table.header();
    }

    /** Every chunk in file order, CRC32 and zero-length chunks included. A view: cheap to hold. */
    public List<SparseChunk> chunks() {
        return new AbstractList<>() {
            @Override
            public SparseChunk get(int index) {
                return table.chunk(index);
            }

            @Override
            public int size() {
                return table.size();
            }
        };
    }

    /** Repairs made while reading leniently; empty for a strict read. */
    public List<String> warnings() {
        return table.warnings();
    }

    /** Length of the expanded image in bytes. */
    public long expandedSize() {
        return table.expandedSize();
    }

    /** The sparse file's own bytes. */
    public ImageReader source() {
        return source;
    }

    /**
     * The expanded image. Closing it closes this image when this image owns its file (it was
     * {@link #open opened} from a path); otherwise closing it does nothing.
     */
    public ImageReader expanded() {
        return expanded;
    }

    /**
     * Checks every CRC32 chunk against the CRC of all data expanded before it (DONT_CARE counted
     * as zeros, as libsparse's reader does). Reads the whole image.
     *
     * @throws FormatException at the first mismatch
     */
    public void verifyCrc() throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buf = Buffers.direct(1 << 20);
        long done = 0;
        for (int i = 0; i < table.size(); i++) {
            if (table.typeCode(i) != ChunkTable.TYPE_CRC32) {
                continue;
            }
            long upTo = table.startBlock(i) * table.header().blockSize();
            while (done < upTo) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), upTo - done));
                expanded.readFully(done, buf);
                buf.flip();
                crc.update(buf);
                done += buf.limit();
            }
            long want = table.value(i) & 0xffffffffL;
            if (crc.getValue() != want) {
                throw new FormatException(FORMAT, table.dataOffset(i), "/sparse/chunks[" + i + "]/crc32",
                        "CRC32 chunk does not match: stored 0x" + Long.toHexString(want) + ", data gives 0x"
                                + Long.toHexString(crc.getValue()) + " (libsparse's own writer stores such values"
                                + " after multi-block FILL or DONT_CARE chunks)");
            }
        }
    }

    /**
     * Expands sparse images into one raw file, like simg2img: each input is written over the
     * output in turn, so pieces from a split ({@code simg2simg}, {@code fastboot -S}, Motorola
     * {@code *_sparsechunk.N}) merge back into the whole image; the output ends at the last
     * input's expanded length. With {@code holes}, zeros that need no writing (DONT_CARE, zero
     * FILL over regions no earlier input wrote) are left as file-system holes; without, they are
     * written. The output appears only when complete.
     *
     * @return the length of the output
     */
    public static long decode(List<Path> inputs, Path output, boolean holes, ProgressListener progress)
            throws IOException {
        return decode(inputs, output, holes, SparseReadOptions.STRICT, progress);
    }

    /**
     * {@link #decode(List, Path, boolean, ProgressListener)} with read options, e.g. lenient
     * reading of damaged or vendor files (repairs are not reported here; read the inputs with
     * {@link #open(Path, SparseReadOptions)} to see the warnings).
     */
    public static long decode(List<Path> inputs, Path output, boolean holes, SparseReadOptions options,
                              ProgressListener progress) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input");
        }
        List<SparseImage> images = new ArrayList<>();
        try {
            for (Path p : inputs) {
                images.add(open(p, options));
            }
            List<ChunkTable> tables = new ArrayList<>();
            List<ImageReader> sources = new ArrayList<>();
            for (SparseImage img : images) {
                tables.add(img.table);
                sources.add(img.source);
            }
            try (SafeOutput out = SafeOutput.create(output, inputs)) {
                Decoder.decode(tables, sources, out.channel(), holes, progress);
                out.commit();
            }
            return images.get(images.size() - 1).expandedSize();
        } finally {
            IOException first = null;
            for (SparseImage img : images) {
                try {
                    img.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Closes the file if this image {@link #open opened} it. */
    @Override
    public void close() throws IOException {
        if (owned) {
            source.close();
        }
    }

    @Override
    public String toString() {
        SparseHeader h = header();
        return "SparseImage[" + source.description() + ": v" + h.majorVersion() + "." + h.minorVersion() + ", "
                + h.blockSize() + " x " + h.totalBlocks() + " blocks, " + table.size() + " chunks]";
    }
}
