package io.github.fwkit.ext4.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The files an extraction is writing in place, so that none is left half-written: a file is
 * registered when it is created and released once it is complete; {@link #discard} deletes one
 * that failed, and a shutdown hook (Ctrl-C runs hooks but no {@code finally} blocks) deletes all
 * that are still registered.
 *
 * <p>This replaces a temporary file and a rename per file (three more system calls and a second
 * directory entry each) where that is safe: files are only created with {@code O_CREAT|O_EXCL}
 * ({@link StandardOpenOption#CREATE_NEW}), which fails on anything already at the name, a
 * symbolic link included, so nothing is followed or replaced.
 *
 * <p>Thread-safe. Creation and the hook exclude each other (a read-write lock), so a file cannot
 * be created after the hook has swept, nor escape the sweep by being created during it.
 */
final class PartialFiles implements Closeable {
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Set<Path> writing = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Thread hook = new Thread("fwkit-ext4-partial-files") {
        // not this::sweep: no method-handle set-up at start
        @Override
        public void run() {
            sweep();
        }
    };
    /** Set by the sweep; guarded by the write lock. */
    private boolean swept;
    private boolean closed;

    PartialFiles() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Creates {@code target}, which must not exist, and registers it.
     *
     * @throws java.nio.file.FileAlreadyExistsException if anything (a link too) is at the name
     * @throws InterruptedIOException if the JVM is shutting down
     */
    FileChannel create(Path target, FileAttribute<?>... attrs) throws IOException {
        lock.readLock().lock();
        try {
            if (swept) {
                throw new InterruptedIOException("extraction stopped");
            }
            FileChannel ch = FileChannel.open(target, CREATE, attrs);
            writing.add(target);
            return ch;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@code target} is complete: it stays. */
    void done(Path target) {
        writing.remove(target);
    }

    /** {@code target} failed: deletes it (best effort; the caller is already handling an error). */
    void discard(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException | RuntimeException ignored) {
            // nothing better to do; the caller reports the original problem
        }
        writing.remove(target);
    }

    /** How many files are registered (for tests). */
    int size() {
        return writing.size();
    }

    private void sweep() {
        lock.writeLock().lock();
        try {
            swept = true;
            for (Path p : writing) {
                discard(p);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Deletes whatever is still registered (nothing after a successful run) and removes the hook. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; it sweeps
        }
        sweep();
    }
}
