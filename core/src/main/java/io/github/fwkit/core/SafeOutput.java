package io.github.fwkit.core;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file that appears whole or not at all.
 *
 * <p>Data goes to a temporary sibling ({@code .NAME.XXXXXXXX.fwkit-tmp} in the target's folder,
 * so the final move is a rename on the same file system). {@link #commit()} moves it into place;
 * {@link #close()} without a commit deletes it. A failed or interrupted operation therefore leaves
 * no partial output, and an existing file at the target is only replaced once the new one is
 * complete. The target may never be one of the operation's inputs.
 *
 * <pre>{@code
 * try (SafeOutput out = SafeOutput.create(target, List.of(input))) {
 *     write(out.channel());
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one operation owns it.
 *
 * @since 0.1.0
 */
public final class SafeOutput implements Closeable {
    /**
     * Temporary files not yet committed or discarded. A JVM stopped by a signal (Ctrl-C) runs
     * shutdown hooks but no {@code finally} blocks, so the hook removes these.
     */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Cleanup());
    }

    /**
     * Deletes the pending temporary files. A named class, not a lambda: the first lambda of a run
     * sets up the JDK's method-handle machinery, about 9 ms of every command's start.
     */
    private static final class Cleanup extends Thread {
        Cleanup() {
            super("fwkit-safe-output-cleanup");
        }

        @Override
        public void run() {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException ignored) {
                    // best effort while the JVM goes down
                }
            }
        }
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean committed;
    private boolean closed;

    private SafeOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Starts writing {@code target}.
     *
     * @param inputs files the operation reads; the target must be none of them
     * @throws IOException if the target is an input, a directory, or its folder does not exist
     */
    public static SafeOutput create(Path target, List<Path> inputs) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath().normalize();
        checkNotAnInput(abs, inputs);
        if (Files.isDirectory(abs)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "is a directory; give a file name for the output");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("output folder " + dir + " does not exist; create it first");
        }
        for (int attempt = 0; ; attempt++) {
            String name = "." + shortened(abs.getFileName().toString()) + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 32) + ".fwkit-tmp";
            Path temp = dir.resolve(name);
            try {
                FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                PENDING.add(temp);
                return new SafeOutput(abs, temp, ch);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * The start of {@code name}, at most 200 UTF-8 bytes, so that the temporary name stays within
     * the usual 255-byte limit of a file name even for targets whose own name is near it.
     */
    private static String shortened(String name) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > 200) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /** Fails if {@code target} is one of {@code inputs} (by file identity, so links are seen through). */
    public static void checkNotAnInput(Path target, List<Path> inputs) throws IOException {
        for (Path in : inputs) {
            boolean same = target.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())
                    || (Files.exists(target) && Files.exists(in) && Files.isSameFile(target, in));
            if (same) {
                throw new IOException("refusing to overwrite the input " + in + "; choose another output file");
            }
        }
    }

    /** The final path the output will have. */
    public Path target() {
        return target;
    }

    /** The temporary file being written. */
    public Path tempPath() {
        return temp;
    }

    /** The channel to write (and read back) the temporary file. */
    public FileChannel channel() {
        return channel;
    }

    /** Closes the channel and moves the finished file into place. */
    public void commit() throws IOException {
        if (closed) {
            throw new IllegalStateException("already closed");
        }
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        closed = true;
        PENDING.remove(temp);
    }

    /** Discards the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            if (!committed) {
                Files.deleteIfExists(temp);
                PENDING.remove(temp);
            }
        }
    }

    /** Whether {@link #commit()} completed. */
    public boolean isCommitted() {
        return committed;
    }

}
