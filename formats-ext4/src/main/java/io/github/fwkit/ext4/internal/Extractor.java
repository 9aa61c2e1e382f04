package io.github.fwkit.ext4.internal;

import io.github.fwkit.core.Extent;
import io.github.fwkit.core.ExtractionRoot;
import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.ImageReader;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.ProgressListener;
import io.github.fwkit.core.SafeOutput;
import io.github.fwkit.ext4.DirEntry;
import io.github.fwkit.ext4.Ext4Volume;
import io.github.fwkit.ext4.ExtractOptions;
import io.github.fwkit.ext4.ExtractResult;
import io.github.fwkit.ext4.FileType;
import io.github.fwkit.ext4.Stat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a volume's subtree into a folder. Every name goes through {@link ExtractionRoot}'s rules;
 * folders this run created are remembered so their children need no new symlink checks (nothing
 * but this run writes there), regular files go through {@link SafeOutput} (whole or not at all)
 * and are written extent by extent so holes stay holes. Directory permissions and times are
 * applied last, deepest first, so a read-only directory does not stop its own extraction and
 * writing children does not disturb its mtime.
 */
public final class Extractor {
    private static final int MAX_NOTES = 10_000;
    private static final int COPY_BUFFER = 1 << 20;

    private final Ext4Volume volume;
    private final Fs fs;
    private final Path outDir;
    private final ExtractOptions options;
    private final List<Path> inputs;

    private ExtractionRoot root;
    /** Folders made (or found) by this run, by their path relative to the root ("" is the root). */
    private final Map<String, Path> dirs = new HashMap<>();
    private final List<Object[]> dirAttrs = new ArrayList<>();
    private final Map<Long, Path> linked = new HashMap<>();
    private final List<ExtractResult.Note> notes = new ArrayList<>();
    private boolean notesTruncated;
    private long nDirs;
    private long nFiles;
    private long nSymlinks;
    private long nHardLinks;
    private long nSkipped;
    private long nErrors;
    private long dataBytes;
    private long done;
    private long total;
    private boolean permsSupported = true;
    private ByteBuffer buffer;

    public Extractor(Ext4Volume volume, Fs fs, Path outDir, ExtractOptions options, List<Path> inputs) {
        this.volume = volume;
        this.fs = fs;
        this.outDir = outDir;
        this.options = options;
        this.inputs = inputs;
    }

    public ExtractResult run(String path) throws IOException {
        root = ExtractionRoot.of(outDir);
        dirs.put("", root.path());
        Stat start = volume.lookup(path, LinkOption.NOFOLLOW_LINKS);
        if (options.progress() != ProgressListener.NONE) {
            total = countBytes(path);
            options.progress().progress(0, total);
        }
        String base = normalize(path);
        boolean single = !start.isDirectory();
        volume.walk(path, new io.github.fwkit.ext4.WalkVisitor() {
            @Override
            public FileVisitResult visit(String p, DirEntry entry, Stat stat) throws IOException {
                if (p.equals(base) && !single) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = single ? entry.name() : p.substring(base.equals("/") ? 1 : base.length() + 1);
                return entry(p, rel, entry, stat);
            }

            @Override
            public FileVisitResult visitFailed(String p, DirEntry entry, IOException error) throws IOException {
                if (!(error instanceof FormatException) && !(error instanceof java.nio.file.FileSystemException)) {
                    throw error;
                }
                nSkipped++;
                nErrors++;
                note(p, "cannot be read: " + error.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        for (int i = dirAttrs.size() - 1; i >= 0; i--) {
            Object[] a = dirAttrs.get(i);
            applyAttrs((Path) a[0], (Stat) a[1], false);
        }
        if (total > 0) {
            options.progress().progress(total, total);
        }
        return new ExtractResult(nDirs, nFiles, nSymlinks, nHardLinks, nSkipped, nErrors, dataBytes, notes,
                notesTruncated);
    }

    private long countBytes(String path) throws IOException {
        long[] sum = {0};
        Set<Long> seen = new HashSet<>();
        volume.walk(path, new io.github.fwkit.ext4.WalkVisitor() {
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

    private FileVisitResult entry(String path, String rel, DirEntry entry, Stat stat) throws IOException {
        FileVisitResult skip = stat.isDirectory() ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        String why = unsafe(entry);
        if (why != null) {
            nSkipped++;
            note(path, "unsafe name, skipped" + (stat.isDirectory() ? " with its contents" : "") + ": " + why);
            return skip;
        }
        int slash = rel.lastIndexOf('/');
        String parentRel = slash < 0 ? "" : rel.substring(0, slash);
        Path parent = dirs.get(parentRel);
        if (parent == null) {
            // Only reachable when the parent itself was skipped, which skips its subtree; be safe anyway.
            nSkipped++;
            note(path, "parent folder was not created, skipped");
            return skip;
        }
        Path target = parent.resolve(entry.name());
        switch (stat.type()) {
            case DIRECTORY -> {
                return directory(path, rel, target, stat);
            }
            case REGULAR -> regular(path, target, stat);
            case SYMLINK -> symlink(path, target, stat);
            default -> {
                nSkipped++;
                note(path, describe(stat.type()) + " skipped");
            }
        }
        return FileVisitResult.CONTINUE;
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

    private FileVisitResult directory(String path, String rel, Path target, Stat stat) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // Already there (an earlier extraction into the same folder): reuse it.
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            nSkipped++;
            note(path, "something else already exists at " + target + ", skipped with its contents");
            return FileVisitResult.SKIP_SUBTREE;
        } else {
            Files.createDirectory(target);
        }
        dirs.put(rel, target);
        dirAttrs.add(new Object[] {target, stat});
        nDirs++;
        return FileVisitResult.CONTINUE;
    }

    private void regular(String path, Path target, Stat stat) throws IOException {
        if (options.hardLinks() && stat.links() > 1) {
            Path first = linked.get(stat.inode());
            if (first != null) {
                try {
                    Files.deleteIfExists(target);
                    Files.createLink(target, first);
                    nHardLinks++;
                    return;
                } catch (UnsupportedOperationException | IOException e) {
                    note(path, "hard link could not be created (" + e.getMessage() + "), written as a copy");
                }
            }
        }
        ImageReader data;
        try {
            data = fs.open(stat.inode());
        } catch (FormatException e) {
            nSkipped++;
            nErrors++;
            note(path, "cannot be read: " + e.getMessage());
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            nSkipped++;
            note(path, "a folder already exists at " + target + ", skipped");
            return;
        }
        if (Files.isSymbolicLink(target)) {
            // A link left by an earlier extraction: replace the link itself, never write through it.
            Files.delete(target);
        }
        try (SafeOutput out = SafeOutput.create(target, inputs)) {
            try {
                copy(data, out.channel(), stat.size());
            } catch (LimitExceededException e) {
                throw e;
            } catch (FormatException e) {
                nSkipped++;
                nErrors++;
                note(path, "cannot be read: " + e.getMessage());
                return;
            }
            out.commit();
        }
        nFiles++;
        applyAttrs(target, stat, false);
        if (stat.links() > 1) {
            linked.putIfAbsent(stat.inode(), target);
        }
    }

    /** Copies DATA extents at their offsets and skips ZERO ones, so the output is as sparse as the file. */
    private void copy(ImageReader data, FileChannel ch, long size) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(COPY_BUFFER);
        }
        long startDone = done;
        long pos = 0;
        while (pos < size) {
            Extent x = data.extentAt(pos);
            long end = Math.min(x.end(), size);
            if (x.kind() == Extent.Kind.DATA) {
                while (pos < end) {
                    buffer.clear();
                    buffer.limit((int) Math.min(buffer.capacity(), end - pos));
                    int n = data.read(pos, buffer);
                    if (n <= 0) {
                        throw new FormatException("ext4", pos, "", "file data ended early");
                    }
                    if (dataBytes + n > options.maxDataBytes() || dataBytes + n < 0) {
                        throw new LimitExceededException("ext4", -1, "", "maxDataBytes", options.maxDataBytes());
                    }
                    buffer.flip();
                    long at = pos;
                    while (buffer.hasRemaining()) {
                        at += ch.write(buffer, at);
                    }
                    pos += n;
                    dataBytes += n;
                    progress(startDone + pos);
                }
            } else {
                pos = end;
            }
        }
        if (size > 0 && ch.size() < size) {
            // The file ends in a hole: one zero byte at the end gives it its length and keeps the hole.
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
        done = startDone + size;
        progress(done);
    }

    private void progress(long d) {
        if (total > 0) {
            options.progress().progress(Math.min(d, total), total);
        }
    }

    private void symlink(String path, Path target, Stat stat) throws IOException {
        byte[] t;
        try {
            t = fs.readLink(stat.inode());
        } catch (FormatException e) {
            nSkipped++;
            nErrors++;
            note(path, "cannot be read: " + e.getMessage());
            return;
        }
        String text = new String(t, StandardCharsets.UTF_8);
        if (t.length == 0 || text.indexOf('\0') >= 0 || !java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), t)) {
            nSkipped++;
            note(path, "symbolic link target is empty, contains NUL or is not UTF-8; skipped");
            return;
        }
        if (Files.isSymbolicLink(target) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(target);
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            nSkipped++;
            note(path, "something else already exists at " + target + ", skipped");
            return;
        }
        try {
            Files.createSymbolicLink(target, target.getFileSystem().getPath(text));
        } catch (UnsupportedOperationException | FileAlreadyExistsException | java.nio.file.InvalidPathException e) {
            nSkipped++;
            note(path, "symbolic link could not be created: " + e.getMessage());
            return;
        }
        nSymlinks++;
        applyAttrs(target, stat, true);
    }

    private void applyAttrs(Path p, Stat stat, boolean link) {
        if (options.permissions() && permsSupported && !link) {
            try {
                Files.setPosixFilePermissions(p, stat.permissions());
            } catch (UnsupportedOperationException e) {
                permsSupported = false;
            } catch (IOException e) {
                // Best effort: some output file systems refuse chmod.
            }
        }
        if (options.times()) {
            try {
                FileTime m = FileTime.from(stat.lastModifiedTime());
                FileTime a = FileTime.from(stat.lastAccessTime());
                BasicFileAttributeView v = link
                        ? Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        : Files.getFileAttributeView(p, BasicFileAttributeView.class);
                if (v != null) {
                    v.setTimes(m, a, null);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // Best effort: not every OS can set a link's times.
            }
        }
    }

    private void note(String path, String message) {
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
