package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.internal.io.FileImageReader;
import io.github.fwkit.core.internal.io.Reads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The contents of one file as an {@link ImageReader}: {@code i_size} bytes, mapped through the
 * file's {@link Runs}; holes and uninitialised extents read as zeros and are reported by
 * {@link #extentAt} as {@link Extent.Kind#ZERO}, so copies skip them. Inline files read from a
 * copy of their bytes, zeros after the stored data. Thread-safe (immutable; the volume's image
 * is read positionally). Closing it does nothing: it borrows the volume's image.
 */
final class FileData implements ImageReader {

    private final Fs fs;
    private final long inode;
    private final long size;
    private final Runs runs;
    private final byte[] inline;
    private final int shift;

    FileData(Fs fs, long inode, long size, Runs runs, byte[] inline) {
        this.fs = fs;
        this.inode = inode;
        this.size = size;
        this.runs = runs;
        this.inline = inline;
        this.shift = Integer.numberOfTrailingZeros(fs.blockSize);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        int want = Reads.available(position, dst, size);
        if (want <= 0) {
            return want;
        }
        if (inline != null) {
            int n = want;
            if (position < inline.length) {
                n = (int) Math.min(want, inline.length - position);
                dst.put(inline, (int) position, n);
            } else {
                Reads.putZeros(dst, n);
            }
            return n;
        }
        long lblk = position >>> shift;
        int k = runs.find(lblk);
        if (k >= 0 && !runs.uninit(k)) {
            long runEnd = runs.end(k) << shift;
            int n = (int) Math.min(want, runEnd - position);
            long phys = ((runs.physical(k) + (lblk - runs.logical(k))) << shift) + (position & (fs.blockSize - 1));
            return fs.readData(phys, dst, n);
        }
        long end = zeroEnd(k);
        int n = (int) Math.min(want, end - position);
        Reads.putZeros(dst, n);
        return n;
    }

    /** Whether {@link #transferTo} lets the kernel copy data runs. */
    boolean kernelCopies() {
        return inline == null && fs.image instanceof FileImageReader;
    }

    /**
     * Lets the kernel copy a data run when the volume is a plain file (sendfile: no copy through
     * our memory); holes, inline data and other images go through a buffer, as the default does.
     * Copies at most to the end of the run that holds {@code position}.
     */
    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        long want = Math.min(count, size - position);
        if (want <= 0) {
            return 0;
        }
        if (kernelCopies()) {
            long lblk = position >>> shift;
            int k = runs.find(lblk);
            if (k >= 0 && !runs.uninit(k)) {
                long phys = ((runs.physical(k) + (lblk - runs.logical(k))) << shift) + (position & (fs.blockSize - 1));
                long n = Math.min(want, (runs.end(k) << shift) - position);
                if (phys + n <= fs.image.size()) {
                    long done = fs.image.transferTo(phys, n, target);
                    if (done <= 0) {
                        throw new FormatException(Superblock.FORMAT, phys, "", "the image ended while reading");
                    }
                    return done;
                }
            }
        }
        return ImageReader.super.transferTo(position, want, target);
    }

    /** Where the zero run (hole or uninitialised extent) of run index {@code k} from {@link Runs#find} ends, in bytes. */
    private long zeroEnd(int k) {
        if (k >= 0) {
            return Math.min(size, runs.end(k) << shift);
        }
        int next = -k - 1;
        return next < runs.size() ? Math.min(size, runs.logical(next) << shift) : size;
    }

    @Override
    public Extent extentAt(long position) {
        Reads.checkExtentPosition(position, size, "file");
        if (inline != null) {
            return position < inline.length ? new Extent(0, Math.min(size, inline.length), Extent.Kind.DATA)
                    : new Extent(inline.length, size - inline.length, Extent.Kind.ZERO);
        }
        long lblk = position >>> shift;
        int k = runs.find(lblk);
        if (k >= 0 && !runs.uninit(k)) {
            long start = runs.logical(k) << shift;
            long end = Math.min(size, runs.end(k) << shift);
            long physStart = runs.physical(k) << shift;
            long phys = physStart + (position - start);
            ImageReader img = fs.image;
            if (phys >= img.size()) {
                // Lenient reading of a short image: the missing part reads as zeros.
                long s = Math.max(start, start + (img.size() - physStart));
                return new Extent(s, end - s, Extent.Kind.ZERO);
            }
            // Where the image itself knows zeros (a sparse image's DONT_CARE), say so too.
            Extent ie = img.extentAt(phys);
            long s = Math.max(start, start + (ie.offset() - physStart));
            long e = Math.min(end, start + (ie.end() - physStart));
            return new Extent(s, e - s, ie.kind());
        }
        long start;
        if (k >= 0) {
            start = runs.logical(k) << shift;
        } else {
            int prev = -k - 2;
            start = prev >= 0 ? runs.end(prev) << shift : 0;
        }
        start = Math.min(start, position);
        return new Extent(start, zeroEnd(k) - start, Extent.Kind.ZERO);
    }

    @Override
    public String description() {
        return fs.image.description() + " inode " + inode;
    }

    @Override
    public void close() {
        // Borrowed: the volume owns the image.
    }

    @Override
    public String toString() {
        return "FileData[inode " + inode + ", " + size + " bytes" + (inline != null ? ", inline" : ", " + runs.size()
                + " runs") + "]";
    }
}
