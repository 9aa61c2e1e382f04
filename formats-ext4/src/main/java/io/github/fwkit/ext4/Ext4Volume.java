package io.github.fwkit.ext4;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.ext4.internal.Checker;
import io.github.fwkit.ext4.internal.Extractor;
import io.github.fwkit.ext4.internal.Fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only ext2, ext3 or ext4 volume.
 *
 * <p>Open one over a file with {@link #open(Path)} (raw images, Android sparse images and
 * Spreadtrum {@code .flag} read-backs alike: the sparse container is seen through) or over any
 * {@link ImageReader} with {@link #open(ImageReader)} (a partition or container entry
 * {@link ImageReader#slice slice}). The file system's size comes from its superblock, so data after
 * it (Android's verity tree and AVB footer) is ignored.
 *
 * <pre>{@code
 * try (Ext4Volume vol = Ext4Volume.open(Path.of("system.img.flag"))) {
 *     System.out.println(vol.info());
 *     for (DirEntry e : vol.list("/etc")) { ... }
 *     byte[] hosts = vol.open("/etc/hosts").readBytes(0, (int) vol.lookup("/etc/hosts").size());
 *     ExtractResult r = vol.extract("/", Path.of("out"));
 * }
 * }</pre>
 *
 * <p>Paths are absolute, {@code /}-separated and encoded as UTF-8; {@code .} and {@code ..} work
 * and symbolic links inside the volume are followed where {@code java.nio.file} would follow them
 * (never out of the volume). Names that are not UTF-8 are reachable by inode number
 * ({@link #list(long)}, {@link #stat(long)}).
 *
 * <p>Hostile images are expected: every block number is checked against the volume, extent
 * trees and indirect maps are checked for loops and depth, directory walks for cycles; damage is
 * a {@link FormatException} naming the offset and structure, an unreadable feature (encrypted
 * contents, compression) an {@link io.github.fwkit.core.UnsupportedFormatException}. See
 * {@link Ext4Options} for strict and lenient reading and the limits.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; all state is immutable after opening except
 * an internal synchronized cache. Readers and channels returned by {@link #open(String)} borrow
 * the volume's image and stop working once the volume is closed.
 *
 * @since 0.1.0
 */
public final class Ext4Volume implements Closeable {
    /** The deepest directory nesting {@link #walk} enters (Linux paths end at 4096 bytes anyway). */
    public static final int MAX_WALK_DEPTH = 2048;

    private final Fs fs;
    private final Path source;

    private Ext4Volume(Fs fs, Path source) {
        this.fs = fs;
        this.source = source;
    }

    /** Opens the volume in a file (raw or Android sparse), strictly. Closing the volume closes the file. */
    public static Ext4Volume open(Path image) throws IOException {
        return open(image, Ext4Options.STRICT);
    }

    /** Opens the volume in a file (raw or Android sparse). Closing the volume closes the file. */
    public static Ext4Volume open(Path image, Ext4Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        ImageReader r = ImageReader.open(image);
        try {
            return new Ext4Volume(Fs.open(r, options, true), image);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Opens the volume in {@code image}, strictly. Closing the volume does not close the reader. */
    public static Ext4Volume open(ImageReader image) throws IOException {
        return open(image, Ext4Options.STRICT);
    }

    /** Opens the volume in {@code image}. Closing the volume does not close the reader. */
    public static Ext4Volume open(ImageReader image, Ext4Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        return new Ext4Volume(Fs.open(image, options, false), null);
    }

    /** What the superblock says, and the warnings from opening. */
    public VolumeInfo info() {
        return fs.info();
    }

    /** The options the volume was opened with. */
    public Ext4Options options() {
        return fs.options();
    }

    /** The file the volume was opened from, if it was opened from a file. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The root directory (inode 2). */
    public Stat root() throws IOException {
        return fs.stat(2);
    }

    /**
     * The metadata of the file at {@code path}, following a final symbolic link unless
     * {@link LinkOption#NOFOLLOW_LINKS} is given (as {@link java.nio.file.Files#readAttributes}).
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws java.nio.file.NotDirectoryException if a component on the way is not a directory
     * @throws FileSystemException if symbolic links nest too deeply
     */
    public Stat lookup(String path, LinkOption... options) throws IOException {
        return fs.stat(fs.resolve(path, !noFollow(options)));
    }

    /** The metadata of inode {@code inode} (1 to the inode count). */
    public Stat stat(long inode) throws IOException {
        return fs.stat(inode);
    }

    /** The entries of the directory at {@code path} (links followed), {@code .} and {@code ..} left out, in on-disk order. */
    public List<DirEntry> list(String path) throws IOException {
        return fs.list(fs.resolve(path, true));
    }

    /** The entries of directory inode {@code inode}, {@code .} and {@code ..} left out, in on-disk order. */
    public List<DirEntry> list(long inode) throws IOException {
        return fs.list(inode);
    }

    /**
     * The contents of the regular file at {@code path} (links followed) as a random-access reader:
     * holes and preallocated extents read as zeros and show as {@link io.github.fwkit.core.Extent.Kind#ZERO}
     * extents.
     *
     * @throws FileSystemException if it is not a regular file
     * @throws io.github.fwkit.core.UnsupportedFormatException if its contents are encrypted
     */
    public ImageReader open(String path) throws IOException {
        long ino = fs.resolve(path, true);
        Stat st = fs.stat(ino);
        if (!st.isRegularFile()) {
            throw new FileSystemException(path, null, st.isDirectory() ? "is a directory" : "not a regular file");
        }
        return fs.open(ino);
    }

    /**
     * The raw contents of any inode as a reader: a file's data, a directory's blocks, a slow
     * symbolic link's target; empty for devices, fifos, sockets and fast symbolic links.
     */
    public ImageReader open(long inode) throws IOException {
        return fs.open(inode);
    }

    /** The contents of the regular file at {@code path} as a read-only channel with its own position. */
    public SeekableByteChannel newByteChannel(String path) throws IOException {
        return open(path).asChannel();
    }

    /** The target of the symbolic link at {@code path} (the link itself is not followed), decoded as UTF-8. */
    public String readSymbolicLink(String path) throws IOException {
        long ino = fs.resolve(path, false);
        return new String(fs.readLink(ino), StandardCharsets.UTF_8);
    }

    /** The target of symbolic link inode {@code inode}, as stored. */
    public byte[] readSymbolicLink(long inode) throws IOException {
        return fs.readLink(inode);
    }

    /** The extended attributes of the file at {@code path}, in-inode ones first; links followed unless told not to. */
    public List<Xattr> xattrs(String path, LinkOption... options) throws IOException {
        return fs.xattrs(fs.resolve(path, !noFollow(options)));
    }

    /** The extended attributes of inode {@code inode}. */
    public List<Xattr> xattrs(long inode) throws IOException {
        return fs.xattrs(inode);
    }

    /**
     * Visits {@code path} and, if it is a directory, everything below it, parents first, each
     * directory in on-disk order. Symbolic links are reported, not followed (a final link in
     * {@code path} itself is not followed either). A directory reached a second time (a loop, or
     * a hard-linked directory, both corruption) or nested deeper than {@link #MAX_WALK_DEPTH} is
     * passed to {@link WalkVisitor#visitFailed} instead of being entered. Memory use is one block
     * per level, however large the directories are.
     */
    public void walk(String path, WalkVisitor visitor) throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        long ino = fs.resolve(path, false);
        Stat st = fs.stat(ino);
        String start = normalize(path);
        List<byte[]> parts = splitPath(start);
        byte[] lastName = parts.isEmpty() ? new byte[] {'/'} : parts.get(parts.size() - 1);
        DirEntry self = DirEntry.of(lastName, ino, st.type());
        FileVisitResult r = visitor.visit(start, self, st);
        if (r != FileVisitResult.CONTINUE || !st.isDirectory()) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        seen.add(ino);
        Deque<Frame> stack = new ArrayDeque<>();
        Frame top = openFrame(start, self, visitor);
        if (top == null) {
            return;
        }
        stack.push(top);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            DirEntry e;
            try {
                e = f.cursor.next();
            } catch (IOException ex) {
                stack.pop();
                if (visitor.visitFailed(f.path, f.entry, ex) == FileVisitResult.TERMINATE) {
                    return;
                }
                continue;
            }
            if (e == null) {
                stack.pop();
                continue;
            }
            String child = f.path.equals("/") ? "/" + e.name() : f.path + "/" + e.name();
            Stat cs;
            try {
                cs = fs.stat(e.inode());
            } catch (IOException ex) {
                FileVisitResult fr = visitor.visitFailed(child, e, ex);
                if (fr == FileVisitResult.TERMINATE) {
                    return;
                }
                if (fr == FileVisitResult.SKIP_SIBLINGS) {
                    stack.pop();
                }
                continue;
            }
            FileVisitResult vr = visitor.visit(child, e, cs);
            if (vr == FileVisitResult.TERMINATE) {
                return;
            }
            if (vr == FileVisitResult.SKIP_SIBLINGS) {
                stack.pop();
                continue;
            }
            if (vr == FileVisitResult.CONTINUE && cs.isDirectory()) {
                if (!seen.add(e.inode())) {
                    FileVisitResult fr = visitor.visitFailed(child, e, new FormatException("ext4", -1, "/inodes/"
                            + e.inode(), "directory inode " + e.inode() + " is reached a second time (a loop or a"
                            + " hard-linked directory)"));
                    if (fr == FileVisitResult.TERMINATE) {
                        return;
                    }
                    continue;
                }
                if (stack.size() >= MAX_WALK_DEPTH) {
                    FileVisitResult fr = visitor.visitFailed(child, e, new LimitExceededException("ext4", -1, child,
                            "MAX_WALK_DEPTH", MAX_WALK_DEPTH));
                    if (fr == FileVisitResult.TERMINATE) {
                        return;
                    }
                    continue;
                }
                Frame nf = openFrame(child, e, visitor);
                if (nf == Frame.STOP) {
                    return;
                }
                if (nf != null) {
                    stack.push(nf);
                }
            }
        }
    }

    private record Frame(String path, DirEntry entry, Fs.EntryCursor cursor) {
        static final Frame STOP = new Frame("", null, null);
    }

    /** A frame for a directory, null if it could not be opened (and the visitor went on), STOP to end. */
    private Frame openFrame(String path, DirEntry entry, WalkVisitor visitor) throws IOException {
        try {
            return new Frame(path, entry, fs.entries(entry.inode()));
        } catch (IOException ex) {
            return visitor.visitFailed(path, entry, ex) == FileVisitResult.TERMINATE ? Frame.STOP : null;
        }
    }

    /**
     * Verifies every checksum the volume has and its basic structure, including the block and
     * inode bitmaps against the blocks and inodes in use (as e2fsck's pass 5; not with bigalloc);
     * never throws for damage: each problem is a {@link Finding}. Reads all metadata (not file
     * data).
     */
    public CheckReport check() throws IOException {
        return check(ProgressListener.NONE);
    }

    /** {@link #check()} with progress in block groups. */
    public CheckReport check(ProgressListener progress) throws IOException {
        return new Checker(fs, progress).run();
    }

    /**
     * The name of the file that marks an output folder while {@link #extract} writes into it (not
     * written when the extracted tree has an entry of that name itself).
     */
    public static final String INCOMPLETE_MARKER = ".fwkit-incomplete";

    /**
     * Extracts {@code path} into the folder {@code outDir} (created if missing) with
     * {@link ExtractOptions#DEFAULTS}; see {@link #extract(String, Path, ExtractOptions)}.
     */
    public ExtractResult extract(String path, Path outDir) throws IOException {
        return extract(path, outDir, ExtractOptions.DEFAULTS);
    }

    /**
     * Extracts {@code path} into the folder {@code outDir} (created if missing): a directory's
     * contents go directly into {@code outDir} (so {@code "/"} extracts the whole volume), a
     * single file becomes {@code outDir/NAME}.
     *
     * <p>Regular files appear whole or not at all: in folders the extraction creates they are
     * written in place and deleted again if the extraction fails or the JVM is stopped (Ctrl-C),
     * in folders that already existed they are written through temporary files renamed into
     * place. While it runs, {@code outDir} holds a file {@value #INCOMPLETE_MARKER}, removed when
     * the extraction completes: if one is left behind, the extraction was interrupted (by
     * {@code kill -9}, a power cut or a failure) and the folder is not the whole volume, though
     * no file in it is half-written except under {@code kill -9}. Holes stay holes. Symbolic links are created as links and never followed; hard links are
     * recreated; devices, fifos and sockets are skipped with a note. Names that cannot be written
     * safely ({@code ..}, {@code /}, NUL, control characters, backslashes, longer than 255 bytes,
     * not UTF-8) are skipped with a note, and nothing is ever written outside {@code outDir}
     * (existing symbolic links on the way are refused). Parts of the image that cannot be read
     * are skipped with a note and counted in {@link ExtractResult#errors()}; problems writing
     * the output (disk full) end the extraction with an exception.
     *
     * @throws LimitExceededException if more than {@link ExtractOptions#maxDataBytes()} would be
     *     written
     */
    public ExtractResult extract(String path, Path outDir, ExtractOptions options) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(options, "options");
        return new Extractor(this, fs, outDir, options, source == null ? List.of() : List.of(source)).run(path);
    }

    /** Closes the image if the volume was opened from a file. */
    @Override
    public void close() throws IOException {
        fs.close();
    }

    static boolean noFollow(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return true;
            }
        }
        return false;
    }

    /** {@code path} as an absolute path without empty or {@code .} components (".." kept: it is looked up). */
    static String normalize(String path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                sb.append('/').append(p);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static List<byte[]> splitPath(String path) {
        List<byte[]> out = new java.util.ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(p.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        VolumeInfo i = fs.info();
        return "Ext4Volume[" + fs.image().description() + ", " + i.kind() + (i.label().isEmpty() ? "" : " \""
                + i.label() + "\"") + ", " + i.blocksCount() + " blocks of " + i.blockSize() + "]";
    }
}
