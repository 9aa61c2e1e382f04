package io.github.fwkit.core;

import io.github.fwkit.core.internal.io.ByteArrayImageReader;
import io.github.fwkit.core.internal.io.FileImageReader;
import io.github.fwkit.core.internal.io.ReaderChannel;
import io.github.fwkit.core.internal.io.ReaderInputStream;
import io.github.fwkit.core.internal.io.Reads;
import io.github.fwkit.core.internal.io.SliceImageReader;
import io.github.fwkit.sparse.SparseImage;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The logical bytes of an image: random access with {@code long} offsets.
 *
 * <p>Get one with {@link #open(Path)} (which sees through Android sparse images, so callers read
 * the expanded bytes), {@link #openRaw(Path)} (the file's bytes as they are) or {@link #of(byte[])}.
 * Parsers take an {@code ImageReader}, so the same code reads a raw file, a sparse image, a
 * {@link #slice slice} of a container (a PAC entry, a partition) or bytes in memory.
 *
 * <p><b>Thread safety:</b> implementations are safe for concurrent positional reads; there is no
 * shared position. {@link #asChannel()} and {@link #openStream()} return objects with their own
 * position, each for one thread at a time.
 *
 * <p><b>Resources:</b> closing a reader closes its file. Slices, streams and channels borrow their
 * parent's resources: closing them does not close the parent, and they stop working once the
 * parent is closed.
 *
 * <p>Multi-byte accessors name their byte order ({@link #u32le}); there is no byte-order state.
 *
 * @since 0.1.0
 */
public interface ImageReader extends Closeable {

    /** Opens a file, expanding it on the fly if it is an Android sparse image. */
    static ImageReader open(Path path) throws IOException {
        boolean sparse;
        try (ImageReader raw = openRaw(path)) {
            sparse = SparseImage.matches(raw);
        }
        return sparse ? SparseImage.open(path).expanded() : openRaw(path);
    }

    /** Opens a file and reads its bytes as they are stored. */
    static ImageReader openRaw(Path path) throws IOException {
        return FileImageReader.open(path);
    }

    /**
     * Reads the first {@code size} bytes of a file channel the caller keeps open (for example an
     * output being written, to verify it). Closing the reader leaves the channel open.
     */
    static ImageReader of(FileChannel channel, long size, String description) {
        return FileImageReader.borrow(channel, size, description);
    }

    /** Reads from a byte array, which is not copied: later changes to the array show through. */
    static ImageReader of(byte[] bytes) {
        return new ByteArrayImageReader(Objects.requireNonNull(bytes, "bytes"), "bytes[" + bytes.length + "]");
    }

    /** The number of logical bytes. Cheap: never reads. */
    long size();

    /**
     * Reads bytes starting at {@code position} into {@code dst}, up to its remaining space.
     *
     * @return the number of bytes read, possibly fewer than asked (but at least one when
     *     {@code dst} has room and {@code position < size()}), or -1 at or past the end
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /** A short human-readable description of the source, e.g. its file name, for messages. */
    String description();

    /**
     * Fills {@code dst} from {@code position}.
     *
     * @throws EOFException if the image ends first
     */
    default void readFully(long position, ByteBuffer dst) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        long pos = position;
        while (dst.hasRemaining()) {
            int n = read(pos, dst);
            if (n < 0) {
                throw new EOFException(description() + ": needs " + dst.remaining() + " more bytes at 0x"
                        + Long.toHexString(pos) + " but the image ends at 0x" + Long.toHexString(size()));
            }
            pos += n;
        }
    }

    /** Fills {@code dst[off, off + len)} from {@code position}; see {@link #readFully(long, ByteBuffer)}. */
    default void readFully(long position, byte[] dst, int off, int len) throws IOException {
        readFully(position, ByteBuffer.wrap(dst, off, len));
    }

    /**
     * Reads {@code length} bytes at {@code position} into a new array. The range is checked
     * against {@link #size()} before anything is allocated.
     *
     * @throws EOFException if the range is not inside the image
     */
    default byte[] readBytes(long position, int length) throws IOException {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("bad range " + position + "+" + length);
        }
        if (length > size() - position) {
            throw new EOFException(description() + ": " + length + " bytes at 0x" + Long.toHexString(position)
                    + " run past the end 0x" + Long.toHexString(size()));
        }
        byte[] b = new byte[length];
        readFully(position, b, 0, length);
        return b;
    }

    /** The unsigned byte at {@code position}. */
    default int u8(long position) throws IOException {
        return readBytes(position, 1)[0] & 0xff;
    }

    /** The unsigned little-endian 16-bit value at {@code position}. */
    default int u16le(long position) throws IOException {
        return ByteBuffer.wrap(readBytes(position, 2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }

    /** The unsigned little-endian 32-bit value at {@code position}. */
    default long u32le(long position) throws IOException {
        return ByteBuffer.wrap(readBytes(position, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    /** The unsigned big-endian 32-bit value at {@code position}. */
    default long u32be(long position) throws IOException {
        return ByteBuffer.wrap(readBytes(position, 4)).getInt() & 0xffffffffL;
    }

    /** The little-endian 64-bit value at {@code position} (Java's signed {@code long}). */
    default long u64le(long position) throws IOException {
        return ByteBuffer.wrap(readBytes(position, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * A view of {@code length} bytes from {@code offset}. Reads on the view never reach outside it.
     *
     * @throws IllegalArgumentException if the range is not inside this image
     */
    default ImageReader slice(long offset, long length) {
        return SliceImageReader.of(this, offset, length);
    }

    /**
     * An extent containing {@code position}: a run around it that is all data or all known zeros
     * (neighbouring extents may have the same kind; {@link #extents()} merges them).
     * Implementations that know nothing about holes report the whole image as data.
     *
     * @throws IllegalArgumentException if {@code position} is not inside the image
     */
    default Extent extentAt(long position) {
        Reads.checkExtentPosition(position, size(), "image");
        return new Extent(0, size(), Extent.Kind.DATA);
    }

    /** All extents in order, adjacent ones of the same kind merged. Empty for an empty image. */
    default List<Extent> extents() {
        List<Extent> out = new ArrayList<>();
        long pos = 0;
        while (pos < size()) {
            Extent e = extentAt(pos);
            Extent last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.kind() == e.kind()) {
                out.set(out.size() - 1, new Extent(last.offset(), e.end() - last.offset(), e.kind()));
            } else {
                out.add(e);
            }
            pos = e.end();
        }
        return out;
    }

    /**
     * Copies up to {@code count} bytes from {@code position} to {@code target} at the target's
     * current position, like {@link FileChannel#transferTo}: file-backed readers let the kernel
     * copy (sendfile on Linux), others go through a buffer.
     *
     * @return the bytes copied, at least one unless {@code count} is 0 or {@code position} is at
     *     or past the end (then 0)
     */
    default long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        long n = Math.min(count, size() - position);
        if (n <= 0) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(n, 1 << 20));
        readFully(position, buf);
        buf.flip();
        while (buf.hasRemaining()) {
            target.write(buf);
        }
        return buf.limit();
    }

    /** A new stream over all bytes, with its own position. Closing it does not close this reader. */
    default InputStream openStream() {
        return new ReaderInputStream(this);
    }

    /** A new read-only channel with its own position. Closing it does not close this reader. */
    default SeekableByteChannel asChannel() {
        return new ReaderChannel(this);
    }
}
