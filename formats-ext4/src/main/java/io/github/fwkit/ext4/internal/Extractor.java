package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.core.internal.io.Buffers;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.ExtractOptions;
import io.github.fwkit.ext4.ExtractResult;
import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Stat;
import io.github.fwkit.ext4.WalkVisitor;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a volume's subtree into a folder.
 *
 * <p>Safety: every name goes through {@link ExtractionRoot}'s rules and never contains a
 * {@code /}; files are only created inside folders this run made or found as real folders (not
 * links). In folders this run created ("fresh": empty when made, so only this run writes there)
 * a regular file is created in place with {@code O_CREAT|O_EXCL}, which refuses anything already
 * at the name, links included, and is registered with {@link PartialFiles} until it is complete,
 * so a failure or Ctrl-C deletes it rather than leaving it half-written. In folders that already
 * existed, files go through {@link SafeOutput} (a temporary sibling renamed into place): they may
 * replace an earlier extraction's file, and a rename replaces a link in the way instead of
 * following it.
 *
 * <p>Speed: one thread walks the volume, creating folders and links; regular files are written
 * by {@link ExtractOptions#threads()} workers (extracting many small files costs system calls,
 * and those run in parallel). A fresh file costs open, the copy (sendfile when the image is a
 * plain file), close and the time stamp; its permission bits are given to open, and changed
 * afterwards only when the umask would have removed some (measured once on the first folder
 * created). Hard links are made once every file is written. Directory permissions and times are
 * applied last, deepest first, so a read-only directory does not stop its own extraction and
 * writing children does not disturb its mtime.
 */
public final class Extractor {
    private static final int MAX_NOTES = 10_000;
    private static final int COPY_BUFFER = 1 << 20;
    /** Bytes per kernel copy: large enough to be cheap, small enough for smooth progress and limits. */
    private static final long TRANSFER_CHUNK = 8 << 20;
    /** Batches queued for the workers at most: bounds memory on volumes with millions of files. */
    private static final int MAX_QUEUED = 16;
    /** A batch for a worker ends at this many files or bytes. */
    private static final int BATCH_FILES = 64;
    /**
     * The first batch's size in files; each next one is twice as large, up to {@link #BATCH_FILES}.
     * Workers start writing as soon as the walk has found a few files, not after 64 (about 10 ms
     * of a run that starts in a fresh JVM).
     */
    private static final int FIRST_BATCH_FILES = 2;
    private static final long BATCH_BYTES = 4 << 20;
    /** Data runs at least this long are copied by the kernel (sendfile); shorter ones by pread and pwrite. */
    private static final long KERNEL_COPY_MIN = 1 << 20;

    private final Ext4Volume volume;
    private final Fs fs;
    private final Path outDir;
    private final ExtractOptions options;
    private final List<Path> inputs;

    private ExtractionRoot root;
    /** Folders made or found by this run, by their path relative to the root ("" is the root). */
    private final Map<String, Path> dirs = new HashMap<>();
    /** Of those, the ones this run created (empty when created, so nothing can be in the way). */
    private final Set<String> fresh = new HashSet<>();
    /**
     * Folders whose times and permissions are set at the end, in walk order (parents first). A
     * damaged image may name a folder twice: its first entry wins.
     */
    private final Map<Path, Stat> dirAttrs = new java.util.LinkedHashMap<>();
    /**
     * The names met so far in each folder on the walk's current path, innermost last (the walk
     * is depth-first and lists a folder's subfolders between its own entries), so that a name a
     * damaged folder repeats goes to its first entry, whichever writer holds that one.
     */
    private final List<String> nameFolders = new ArrayList<>();
    private final List<Set<String>> folderNames = new ArrayList<>();
    /** How many names {@link #folderNames} holds in all. */
    private int trackedNames;
    /**
     * At most this many names are remembered (about 20 MiB; a folder of 100 000 files fits),
     * so that a hostile folder of millions of entries cannot exhaust the heap. Past it, a
     * repeated name is left to the writers: the create still refuses the second copy, but
     * which copy wins may then vary. Not final, so a test can lower it.
     */
    int maxTrackedNames = 200_000;
    /** First name written for each hard-linked inode, and the extra names to link to it at the end. */
    private final Map<Long, Path> linkTargets = new HashMap<>();
    private final List<Object[]> pendingLinks = new ArrayList<>();
    private final List<ExtractResult.Note> notes = new ArrayList<>();
    private boolean notesTruncated;
    private final AtomicLong nDirs = new AtomicLong();
    private final AtomicLong nFiles = new AtomicLong();
    private final AtomicLong nSymlinks = new AtomicLong();
    private final AtomicLong nHardLinks = new AtomicLong();
    private final AtomicLong nSkipped = new AtomicLong();
    private final AtomicLong nErrors = new AtomicLong();
    private final AtomicLong dataBytes = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private long reported;
    private long total;
    private volatile boolean permsSupported = true;
    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>() {
        // no lambdas on the extraction path: the first one costs a command ~9 ms of set-up
        @Override
        protected ByteBuffer initialValue() {
            return Buffers.direct(COPY_BUFFER);
        }
    };
    /**
     * The first failure on a worker; set once under this object's lock. Not an AtomicReference:
     * its class initialiser sets up a VarHandle, 1-2 ms of every extraction's start.
     */
    private volatile IOException failure;
    private ExecutorService pool;
    private PartialFiles partial;
    /**
     * The permission bits a new file keeps (what the umask or a default ACL leaves of 0777), from
     * the first folder this run created; -1 until known.
     */
    private volatile int allowedBits = -1;
    private static final FileAttribute<?>[] MODES = new FileAttribute<?>[512];
    private Semaphore queued;
    private List<Job> batch = new ArrayList<>();
    private int batchFiles = FIRST_BATCH_FILES;
    private long batchBytes;
    private SafeOutput xattrOut;
    private Path marker;  // null: no marker (the tree has that name itself)
    private java.io.Writer xattrs;

    public Extractor(Ext4Volume volume, Fs fs, Path outDir, ExtractOptions options, List<Path> inputs) {
        this.volume = volume;
        this.fs = fs;
        this.outDir = outDir;
        this.options = options;
        this.inputs = inputs;
    }

    public ExtractResult run(String path) throws IOException {
        boolean existed = Files.exists(outDir);
        root = ExtractionRoot.of(outDir);
        dirs.put("", root.path());
        if (!existed || isEmpty(root.path())) {
            fresh.add("");
        }
        marker = markerWanted(path) ? root.path().resolve(Ext4Volume.INCOMPLETE_MARKER) : null;
        if (marker != null) {
            // deleteIfExists removes a link itself; CREATE_NEW (O_EXCL) refuses to follow one
            Files.deleteIfExists(marker);
            Files.writeString(marker, "fwkit ext4 extract into this folder started at "
                    // LocalDateTime prints itself; Instant.toString would load DateTimeFormatter (~5 ms)
                    + java.time.LocalDateTime.ofEpochSecond(System.currentTimeMillis() / 1000, 0,
                            java.time.ZoneOffset.UTC) + "Z and has not finished.\nIf this file is still here once fwkit has exited, the extraction"
                    + " was interrupted and the folder is incomplete: run it again.\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        Stat start = volume.lookup(path, LinkOption.NOFOLLOW_LINKS);
        if (options.progress() != ProgressListener.NONE) {
            total = countBytes(path);
            options.progress().progress(0, total);
        }
        String base = normalize(path);
        boolean single = !start.isDirectory();
        if (options.xattrFile().isPresent()) {
            xattrOut = SafeOutput.create(options.xattrFile().get(), inputs);
            xattrs = new java.io.BufferedWriter(new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(
                    xattrOut.channel()), StandardCharsets.UTF_8));
        }
        partial = new PartialFiles();
        try {
            run(path, base, single, start);
        } finally {
            partial.close();
            if (xattrOut != null) {
                xattrOut.close();
            }
        }
        return new ExtractResult(nDirs.get(), nFiles.get(), nSymlinks.get(), nHardLinks.get(), nSkipped.get(),
                nErrors.get(), dataBytes.get(), notes, notesTruncated);
    }

    private void run(String path, String base, boolean single, Stat start) throws IOException {
        if (!single) {
            recordXattrs(base, ".", start);
        }
        pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "fwkit-ext4-extract");
                t.setDaemon(true);
                return t;
            }
        }) : null;
        queued = new Semaphore(MAX_QUEUED);
        try {
            volume.walk(path, new WalkVisitor() {
                @Override
                public FileVisitResult visit(String p, DirEntry entry, Stat stat) throws IOException {
                    rethrowFailure();
                    if (p.equals(base) && !single) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = single ? entry.name() : p.substring(base.equals("/") ? 1 : base.length() + 1);
                    FileVisitResult r = entry(p, rel, entry, stat);
                    if (written && xattrs != null) {
                        recordXattrs(p, rel, stat);
                    }
                    return r;
                }

                @Override
                public FileVisitResult visitFailed(String p, DirEntry entry, IOException error) throws IOException {
                    if (!(error instanceof FormatException) && !(error instanceof java.nio.file.FileSystemException)) {
                        throw error;
                    }
                    skippedWithError(p, error);
                    return FileVisitResult.CONTINUE;
                }
            });
            if (pool != null) {
                flush();
            }
        } finally {
            finishWorkers();
        }
        rethrowFailure();
        for (Object[] l : pendingLinks) {
            hardLink((String) l[0], (Path) l[1], (Stat) l[2]);
        }
        if (marker != null) {
            // complete: the marker goes before the folders' times are set, so the root keeps its mtime
            Files.deleteIfExists(marker);
        }
        finishFolders();
        if (total > 0) {
            progress(0);
        }
        if (xattrs != null) {
            xattrs.flush();
            xattrOut.commit();
        }
    }

    /** Whether the marker may go into the output folder: not when the tree has an entry of that name there. */
    private boolean markerWanted(String path) {
        try {
            Stat start = volume.lookup(path, LinkOption.NOFOLLOW_LINKS);
            if (!start.isDirectory()) {
                return !normalize(path).endsWith("/" + Ext4Volume.INCOMPLETE_MARKER);
            }
            String dir = normalize(path);
            volume.lookup((dir.equals("/") ? "" : dir) + "/" + Ext4Volume.INCOMPLETE_MARKER, LinkOption.NOFOLLOW_LINKS);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /*
     * The sidecar, as getfattr --dump -e hex writes it, so setfattr --restore reads it:
     *   # file: PATH
     *   NAME=0xHEX
     *   (blank line)
     * with bytes that are blank, control, non-ASCII, backslash or '=' escaped as \ooo.
     */
    private void recordXattrs(String path, String rel, Stat stat) throws IOException {
        if (xattrs == null) {
            return;
        }
        List<io.github.fwkit.ext4.Xattr> list;
        try {
            list = volume.xattrs(stat.inode());
        } catch (FormatException e) {
            nErrors.incrementAndGet();
            note(path, "extended attributes cannot be read: " + e.getMessage());
            return;
        }
        if (list.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("# file: ").append(quote(rel)).append('\n');
        for (io.github.fwkit.ext4.Xattr x : list) {
            sb.append(quote(x.name())).append("=0x").append(java.util.HexFormat.of().formatHex(x.value())).append('\n');
        }
        xattrs.write(sb.append('\n').toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '=') {
                sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private void finishWorkers() throws IOException {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: every task ends (a copy is bounded by its file)
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("extraction interrupted");
        }
    }

    private void rethrowFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private long countBytes(String path) throws IOException {
        long[] sum = {0};
        Set<Long> seen = new HashSet<>();
        volume.walk(path, new WalkVisitor() {
            @Override
            public FileVisitResult visit(String p, DirEntry entry, Stat stat) {
                if (stat.isRegularFile() && (stat.links() <= 1 || seen.add(stat.inode()))) {
                    sum[0] += Math.max(0, stat.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFailed(String p, DirEntry entry, IOException error) {
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    /** Whether the entry just handled by {@link #entry} was (or is being) written. */
    private boolean written;

    private FileVisitResult entry(String path, String rel, DirEntry entry, Stat stat) throws IOException {
        written = false;
        return entry0(path, rel, entry, stat);
    }

    private FileVisitResult entry0(String path, String rel, DirEntry entry, Stat stat) throws IOException {
        FileVisitResult skip = stat.isDirectory() ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        String why = unsafe(entry);
        if (why != null) {
            skippedUnsafe(path, stat, why);
            return skip;
        }
        int slash = rel.lastIndexOf('/');
        String parentRel = slash < 0 ? "" : rel.substring(0, slash);
        Path parent = dirs.get(parentRel);
        if (parent == null) {
            // Only reachable when the parent itself was skipped, which skips its subtree; be safe anyway.
            skipped(path, "parent folder was not created, skipped");
            return skip;
        }
        boolean inFresh = fresh.contains(parentRel);
        Path target = parent.resolve(entry.name());
        if (!firstTimeIn(parentRel, entry.name())) {
            // A damaged folder names this twice: the first entry keeps the name. A second file or
            // link is not written at all; a second folder merges into the first, once the writers
            // have written every file handed out so far (the folder's files, and anything of the
            // same name that would decide whether the folder can be made).
            if (!stat.isDirectory()) {
                skippedInTheWay(path, target, ", skipped");
                return FileVisitResult.CONTINUE;
            }
            if (pool != null) {
                drainWriters();
            }
        }
        switch (stat.type()) {
            case DIRECTORY -> {
                return directory(path, rel, target, stat, inFresh);
            }
            case REGULAR -> regular(path, target, stat, inFresh);
            case SYMLINK -> symlink(path, target, stat, inFresh);
            default -> skippedSpecial(path, stat);
        }
        return FileVisitResult.CONTINUE;
    }

    // Notes for entry0, out of line: it runs for every entry, and C1 compiles every path of a
    // method, message texts included.
    private void skippedUnsafe(String path, Stat stat, String why) {
        skipped(path, "unsafe name, skipped" + (stat.isDirectory() ? " with its contents" : "") + ": " + why);
    }

    private void skippedSpecial(String path, Stat stat) {
        skipped(path, describe(stat.type()) + " skipped");
    }

    /** False when folder {@code rel} has already had an entry called {@code name} (as far as remembered). */
    private boolean firstTimeIn(String rel, String name) {
        Set<String> names = namesIn(rel);
        if (trackedNames >= maxTrackedNames) {
            return !names.contains(name);
        }
        if (!names.add(name)) {
            return false;
        }
        trackedNames++;
        return true;
    }

    /** The names met so far in folder {@code rel}, the walk having just reached one of its entries. */
    private Set<String> namesIn(String rel) {
        int top = nameFolders.size() - 1;
        // Pre-order: rel is the innermost folder, a subfolder of it just entered, or an outer
        // folder the walk came back to (the folders left behind are done).
        while (top >= 0 && !nameFolders.get(top).equals(rel) && !isInside(rel, nameFolders.get(top))) {
            nameFolders.remove(top);
            trackedNames -= folderNames.remove(top).size();
            top--;
        }
        if (top < 0 || !nameFolders.get(top).equals(rel)) {
            nameFolders.add(rel);
            folderNames.add(new HashSet<>());
            top++;
        }
        return folderNames.get(top);
    }

    /** Whether relative folder {@code rel} is inside {@code folder} ("" is the root). */
    private static boolean isInside(String rel, String folder) {
        return folder.isEmpty() ? !rel.isEmpty()
                : rel.length() > folder.length() && rel.charAt(folder.length()) == '/' && rel.startsWith(folder);
    }

    /** Hands over the files collected so far and waits until the writers have written every one. */
    private void drainWriters() throws IOException {
        flush();
        try {
            queued.acquire(MAX_QUEUED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("extraction interrupted");
        }
        queued.release(MAX_QUEUED);
        rethrowFailure();
    }

    /** Why an entry's name cannot be a file name under the root, or null. */
    private static String unsafe(DirEntry e) {
        if (!e.isUtf8()) {
            return "not valid UTF-8";
        }
        String n = e.name();
        if (n.indexOf('/') >= 0) {
            return "contains \"/\"";
        }
        return ExtractionRoot.unsafeReason(n);
    }

    private FileVisitResult directory(String path, String rel, Path target, Stat stat, boolean inFresh)
            throws IOException {
        if (!inFresh || dirs.containsKey(rel)) {
            FileVisitResult r = existingDirectory(path, rel, target, stat);
            if (r != null) {
                return r;
            }
        }
        try {
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            // A file or link of the same name written earlier in this run (a duplicate entry).
            skippedInTheWay(path, target, ", skipped with its contents");
            return FileVisitResult.SKIP_SUBTREE;
        }
        if (allowedBits < 0 && options.permissions() && permsSupported) {
            allowedBits = modeBits(target);
        }
        dirs.put(rel, target);
        fresh.add(rel);
        dirAttrs.putIfAbsent(target, stat);
        nDirs.incrementAndGet();
        written = true;
        return FileVisitResult.CONTINUE;
    }

    /**
     * A folder entry whose name may already be taken (an earlier extraction's folder, or a
     * duplicate name): reuses a real folder, skips anything else; null when the name is free.
     */
    private FileVisitResult existingDirectory(String path, String rel, Path target, Stat stat) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // Already there (an earlier extraction, or a duplicate name): reuse it.
            dirs.put(rel, target);
            dirAttrs.putIfAbsent(target, stat);
            nDirs.incrementAndGet();
            written = true;
            return FileVisitResult.CONTINUE;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            skippedInTheWay(path, target, ", skipped with its contents");
            return FileVisitResult.SKIP_SUBTREE;
        }
        return null;
    }

    private void skippedInTheWay(String path, Path target, String how) {
        skipped(path, "something else already exists at " + target + how);
    }

    private void regular(String path, Path target, Stat stat, boolean inFresh) throws IOException {
        if (options.hardLinks() && stat.links() > 1) {
            Path first = linkTargets.get(stat.inode());
            if (first != null) {
                pendingLinks.add(new Object[] {path, target, stat, first});
                written = true;
                return;
            }
            linkTargets.put(stat.inode(), target);
        }
        if (!inFresh && !clearForFile(path, target)) {
            return;
        }
        // A fresh folder cannot hold the input image, so there is nothing to compare with.
        List<Path> in = inFresh ? List.of() : inputs;
        written = true;
        if (pool == null) {
            write(path, target, stat, in, inFresh);
            return;
        }
        batch.add(new Job(path, target, stat, in, inFresh));
        batchBytes += Math.max(0, stat.size());
        if (batch.size() >= batchFiles || batchBytes >= BATCH_BYTES) {
            flush();
        }
    }

    /**
     * Makes way for a file in a folder that existed: false (noted) when a folder is at the name;
     * a link left by an earlier extraction is removed, never written through.
     */
    private boolean clearForFile(String path, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            skipped(path, "a folder already exists at " + target + ", skipped");
            return false;
        }
        if (Files.isSymbolicLink(target)) {
            Files.delete(target);
        }
        return true;
    }

    /** A regular file for the workers. */
    private record Job(String path, Path target, Stat stat, List<Path> in, boolean inFresh) {
    }

    /**
     * Hands the files collected so far to a worker. Files go in batches because a hand-off per
     * file (a queue insert, a wake-up and a context switch) cost as much as writing a small file.
     */
    private void flush() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<Job> jobs = batch;
        batch = new ArrayList<>();
        batchFiles = Math.min(BATCH_FILES, batchFiles * 2);
        batchBytes = 0;
        try {
            queued.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("extraction interrupted");
        }
        pool.execute(new Runnable() {
            @Override
            public void run() {
                writeBatch(jobs);
            }
        });
    }

    /** Writes a batch of files on a worker; the first failure stops every worker. */
    private void writeBatch(List<Job> jobs) {
        String current = "";
        try {
            for (Job j : jobs) {
                if (failure != null) {
                    break;
                }
                current = j.path();
                write(j.path(), j.target(), j.stat(), j.in(), j.inFresh());
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException("extracting " + current + " failed: " + e, e));
        } finally {
            queued.release();
        }
    }

    private synchronized void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** Writes one regular file; image damage is a note, output problems an exception. Runs on a worker. */
    private void write(String path, Path target, Stat stat, List<Path> in, boolean inFresh) throws IOException {
        ImageReader data;
        try {
            data = fs.open(stat.inode());
        } catch (FormatException e) {
            skippedWithError(path, e);
            return;
        }
        if (inFresh) {
            writeFresh(path, target, stat, data);
        } else {
            writeReplacing(path, target, stat, data, in);
        }
    }

    /** A file in a folder this run created: written in place, deleted again unless it completes. */
    private void writeFresh(String path, Path target, Stat stat, ImageReader data) throws IOException {
        int perms = stat.mode() & 0777;
        boolean setPerms = options.permissions() && permsSupported;
        FileChannel ch;
        try {
            ch = setPerms ? partial.create(target, mode(perms, stat)) : partial.create(target);
        } catch (FileAlreadyExistsException e) {
            // Two names of the image that the output file system takes for one (e.g. README and
            // readme where case does not count): the walk's name sets see them as different.
            skippedInTheWay(path, target, ", skipped");
            return;
        } catch (UnsupportedOperationException e) {
            permsSupported = false;
            ch = partial.create(target);
            setPerms = false;
        }
        boolean complete = false;
        try {
            try (FileChannel out = ch) {
                copy(data, out, stat.size());
            }
            int allowed = allowedBits;
            // open(2) applied the umask to the bits we asked for; chmod only if it took some away.
            applyAttrs(target, stat, false, setPerms && allowed >= 0 && (perms & ~allowed) == 0, true);
            complete = true;
        } catch (LimitExceededException e) {
            throw e;
        } catch (FormatException e) {
            skippedWithError(path, e);
        } finally {
            if (complete) {
                partial.done(target);
            } else {
                partial.discard(target);
            }
        }
        if (complete) {
            nFiles.incrementAndGet();
        }
    }

    private static FileAttribute<?> mode(int perms, Stat stat) {
        FileAttribute<?> a = MODES[perms];
        if (a == null) {
            a = new Mode(java.util.Collections.unmodifiableSet(stat.permissions()));
            MODES[perms] = a;
        }
        return a;
    }

    /**
     * The permissions given to open(2). Like {@link PosixFilePermissions#asFileAttribute}, but over
     * the {@link java.util.EnumSet} of {@link Stat#permissions()}: the JDK turns the set into a mode
     * bit by bit on every open, and a HashSet (what asFileAttribute copies into) is slower to
     * walk. Immutable, so workers may share it.
     */
    private record Mode(Set<PosixFilePermission> value) implements FileAttribute<Set<PosixFilePermission>> {
        @Override
        public String name() {
            return "posix:permissions";
        }
    }

    /** The permission bits of {@code p} as an int (0777 style); -1 where there are none. */
    private int modeBits(Path p) {
        try {
            int bits = 0;
            for (PosixFilePermission x : Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .permissions()) {
                bits |= 0400 >> x.ordinal();
            }
            return bits;
        } catch (UnsupportedOperationException | IOException e) {
            return -1;
        }
    }

    /** A file in a folder that existed: through a temporary file renamed over whatever is there. */
    private void writeReplacing(String path, Path target, Stat stat, ImageReader data, List<Path> in)
            throws IOException {
        SafeOutput out;
        try {
            out = SafeOutput.create(target, in);
        } catch (FileAlreadyExistsException e) {
            skipped(path, "a folder already exists at " + target + ", skipped");
            return;
        }
        try (out) {
            try {
                copy(data, out.channel(), stat.size());
            } catch (LimitExceededException e) {
                throw e;
            } catch (FormatException e) {
                skippedWithError(path, e);
                return;
            }
            out.commit();
        }
        nFiles.incrementAndGet();
        applyAttrs(target, stat, false, false, false);
    }

    private void hardLink(String path, Path target, Stat stat) throws IOException {
        Path first = linkTargets.get(stat.inode());
        if (Files.exists(first, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    skipped(path, "a folder already exists at " + target + ", skipped");
                    return;
                }
                Files.deleteIfExists(target);
                Files.createLink(target, first);
                nHardLinks.incrementAndGet();
                return;
            } catch (UnsupportedOperationException | IOException e) {
                note(path, "hard link could not be created (" + e.getMessage() + "), written as a copy");
            }
        }
        write(path, target, stat, inputs, false);
    }

    /**
     * Copies DATA extents at their offsets and skips ZERO ones, so the output is as sparse as the
     * file. From a plain image file the kernel copies; otherwise through a page-aligned buffer.
     */
    private void copy(ImageReader data, FileChannel ch, long size) throws IOException {
        boolean kernelCan = data instanceof FileData f && f.kernelCopies();
        ByteBuffer buffer = buffers.get();
        long pos = 0;
        boolean endsInHole = false;
        while (pos < size) {
            Extent x = data.extentAt(pos);
            long end = Math.min(x.end(), size);
            endsInHole = x.kind() != Extent.Kind.DATA;
            if (endsInHole) {
                progress(end - pos);
                pos = end;
                continue;
            }
            // sendfile saves the copy through our buffer, but costs a seek and a size check
            // (JDK 17 FileChannel.transferTo) each time: only worth it for long runs.
            boolean kernel = kernelCan && end - pos >= KERNEL_COPY_MIN;
            if (kernel) {
                ch.position(pos);
            }
            while (pos < end) {
                long want = Math.min(end - pos, kernel ? TRANSFER_CHUNK : buffer.capacity());
                // Counted before the write, so the limit stops a hostile image before its bytes land.
                long sum = dataBytes.addAndGet(want);
                if (sum > options.maxDataBytes() || sum < 0) {
                    throw new LimitExceededException("ext4", -1, "", "maxDataBytes", options.maxDataBytes());
                }
                long n;
                if (kernel) {
                    n = data.transferTo(pos, want, ch);
                } else {
                    buffer.clear();
                    buffer.limit((int) want);
                    n = data.read(pos, buffer);
                    buffer.flip();
                    long at = pos;
                    while (buffer.hasRemaining()) {
                        at += ch.write(buffer, at);
                    }
                }
                if (n <= 0) {
                    throw new FormatException("ext4", pos, "", "file data ended early");
                }
                if (n < want) {
                    dataBytes.addAndGet(n - want);
                }
                pos += n;
                progress(n);
            }
        }
        if (endsInHole) {
            // The file ends in a hole: one zero byte at the end gives it its length and keeps the hole.
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    private void progress(long n) {
        if (total <= 0) {
            return;
        }
        long d = Math.min(done.addAndGet(n), total);
        synchronized (this) {
            // Workers finish out of order; the listener only ever sees growing values.
            if (d > reported || n == 0) {
                reported = Math.max(reported, d);
                options.progress().progress(n == 0 ? total : reported, total);
            }
        }
    }

    private void symlink(String path, Path target, Stat stat, boolean inFresh) throws IOException {
        byte[] t;
        try {
            t = fs.readLink(stat.inode());
        } catch (FormatException e) {
            skippedWithError(path, e);
            return;
        }
        String text = new String(t, StandardCharsets.UTF_8);
        if (t.length == 0 || text.indexOf('\0') >= 0 || !java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8),
                t)) {
            skipped(path, "symbolic link target is empty, contains NUL or is not UTF-8; skipped");
            return;
        }
        if (!inFresh) {
            if (Files.isSymbolicLink(target) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                skipped(path, "something else already exists at " + target + ", skipped");
                return;
            }
        }
        try {
            Path to = target.getFileSystem().getPath(text);
            Files.createSymbolicLink(target, to);
            if (!to.toString().equals(text)) {
                // java.nio paths drop a trailing "/" and collapse "//"; the link works the same
                // way for most uses, but say that it is not byte for byte the image's.
                note(path, "symbolic link target \"" + text + "\" written as \"" + to + "\" (java.nio.file"
                        + " normalises paths)");
            }
        } catch (FileAlreadyExistsException e) {
            skipped(path, "something else already exists at " + target + ", skipped");
            return;
        } catch (UnsupportedOperationException | java.nio.file.InvalidPathException e) {
            skipped(path, "symbolic link could not be created: " + e.getMessage());
            return;
        }
        nSymlinks.incrementAndGet();
        written = true;
        applyAttrs(target, stat, true, false, false);
    }

    /**
     * Sets permissions (unless {@code permsDone}) and times. {@code ours} marks a file this run
     * just created with O_EXCL in a fresh folder: there the times are set through the name
     * without the JDK's extra check for a link (only this run writes in that folder).
     */
    /**
     * The folders' times, then their permissions, deepest first (a folder made unwritable or
     * unsearchable must not stop the work inside it). Times in any order, on two threads when
     * there are many folders: setting one costs four system calls (stat, open, futimens, close)
     * and this pass ran alone at the end, 12–16 ms for 831 folders.
     */
    private void finishFolders() throws IOException {
        // each folder once (see dirAttrs), so the two threads never set the same one
        List<Map.Entry<Path, Stat>> list = new ArrayList<>(dirAttrs.entrySet());
        int n = list.size();
        int half = options.threads() > 1 && n >= 64 ? n / 2 : 0;
        Throwable[] helperFailure = new Throwable[1];
        Thread helper = null;
        if (half > 0) {
            helper = new Thread("fwkit-ext4-folder-times") {
                @Override
                public void run() {
                    try {
                        folderTimes(list, 0, half);
                    } catch (RuntimeException | Error e) {
                        helperFailure[0] = e;
                    }
                }
            };
            helper.start();
        }
        folderTimes(list, half, n);
        if (helper != null) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("extraction interrupted");
            }
            if (helperFailure[0] != null) {
                throw new IOException("setting folder times failed: " + helperFailure[0], helperFailure[0]);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            applyPerms(list.get(i).getKey(), list.get(i).getValue());
        }
    }

    private void folderTimes(List<Map.Entry<Path, Stat>> list, int from, int to) {
        for (int i = from; i < to; i++) {
            applyTimes(list.get(i).getKey(), list.get(i).getValue(), false);
        }
    }

    private void applyAttrs(Path p, Stat stat, boolean link, boolean permsDone, boolean ours) {
        if (!link && !permsDone) {
            applyPerms(p, stat);
        }
        applyTimes(p, stat, ours);
    }

    private void applyPerms(Path p, Stat stat) {
        if (options.permissions() && permsSupported) {
            try {
                Files.setPosixFilePermissions(p, stat.permissions());
            } catch (UnsupportedOperationException e) {
                permsSupported = false;
            } catch (IOException e) {
                // Best effort: some output file systems refuse chmod.
            }
        }
    }

    /** @param ours a file this run just created (not a link, nothing else at the name) */
    private void applyTimes(Path p, Stat stat, boolean ours) {
        if (options.times()) {
            try {
                FileTime m = FileTime.from(stat.lastModifiedTime());
                FileTime a = FileTime.from(stat.lastAccessTime());
                // NOFOLLOW_LINKS for anything that may be a link, or that we did not just create.
                BasicFileAttributeView v = ours ? Files.getFileAttributeView(p, BasicFileAttributeView.class)
                        : Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (v != null) {
                    v.setTimes(m, a, null);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Best effort: not every OS can set a link's times.
            }
        }
    }

    private void skipped(String path, String message) {
        nSkipped.incrementAndGet();
        note(path, message);
    }

    private void skippedWithError(String path, IOException e) {
        nSkipped.incrementAndGet();
        nErrors.incrementAndGet();
        note(path, "cannot be read: " + e.getMessage());
    }

    private synchronized void note(String path, String message) {
        if (notes.size() < MAX_NOTES) {
            notes.add(new ExtractResult.Note(path, message));
        } else {
            notesTruncated = true;
        }
    }

    private static String describe(FileType t) {
        return switch (t) {
            case CHAR_DEVICE -> "character device";
            case BLOCK_DEVICE -> "block device";
            case FIFO -> "fifo";
            case SOCKET -> "socket";
            default -> "file of unknown type";
        };
    }

    private static String normalize(String path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                sb.append('/').append(p);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
