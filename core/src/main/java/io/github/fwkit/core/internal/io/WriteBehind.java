package io.github.fwkit.core.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Positional writes to a file channel, done in submission order by one background thread.
 *
 * <p>Why: writing to the page cache is the most expensive step of encoding a sparse image (the
 * kernel allocates and charges every new page; about 0.33 s per 500 MB on tmpfs here), and
 * reading plus classifying the input costs about as much again. With the writes on a second
 * core the two overlap instead of adding up.
 *
 * <p>The caller hands over a buffer with {@link #write} and must not touch it until
 * {@link #await} for the returned ticket has returned. A failed write is reported by the next
 * call of {@link #write}, {@link #await} or {@link #drain}; later writes are then dropped.
 * {@link #close} stops the thread (after the writes already submitted); it never interrupts it,
 * since an interrupt during a write would close the channel.
 */
public final class WriteBehind implements Closeable {
    private static final Op STOP = new Op(null, -1);

    private record Op(ByteBuffer src, long position) {
    }

    private final FileChannel out;
    private final BlockingQueue<Op> queue;
    private final Thread thread;
    private final Object lock = new Object();
    private long submitted;        // producer only
    private long completed;        // guarded by lock
    private IOException failure;   // guarded by lock
    private boolean closed;

    /**
     * @param out written with positional writes only; its position is left alone
     * @param depth how many writes may wait in the queue
     */
    public WriteBehind(FileChannel out, int depth) {
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(depth + 1); // + 1: room for STOP
        this.thread = new Thread("fwkit-write-behind") {
            // an anonymous class rather than this::run: no method-handle set-up at start
            @Override
            public void run() {
                serve();
            }
        };
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (true) {
            Op op;
            try {
                op = queue.take();
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose; keep serving the queue
                continue;
            }
            if (op == STOP) {
                return;
            }
            IOException error = null;
            boolean skip;
            synchronized (lock) {
                skip = failure != null;
            }
            if (!skip) {
                try {
                    ByteBuffer src = op.src;
                    long pos = op.position;
                    while (src.hasRemaining()) {
                        pos += out.write(src, pos);
                    }
                } catch (IOException e) {
                    error = e;
                } catch (RuntimeException e) {
                    error = new IOException("write failed: " + e, e);
                }
            }
            synchronized (lock) {
                if (error != null && failure == null) {
                    failure = error;
                }
                completed++;
                lock.notifyAll();
            }
        }
    }

    /**
     * Queues the remaining bytes of {@code src} to be written at {@code position}.
     *
     * @return the ticket to {@link #await} before {@code src} may be reused
     */
    public long write(ByteBuffer src, long position) throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        rethrow();
        try {
            queue.put(new Op(src, position));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing a write");
        }
        return ++submitted;
    }

    /** Waits until the write with this ticket (and every earlier one) is done. */
    public void await(long ticket) throws IOException {
        synchronized (lock) {
            while (completed < ticket && failure == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a write");
                }
            }
        }
        rethrow();
    }

    /** Whether the write with this ticket (and every earlier one) is done, or a write failed. */
    public boolean done(long ticket) {
        synchronized (lock) {
            return completed >= ticket || failure != null;
        }
    }

    /** Waits for every write submitted so far. */
    public void drain() throws IOException {
        await(submitted);
    }

    private void rethrow() throws IOException {
        IOException e;
        synchronized (lock) {
            e = failure;
        }
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Lets the queued writes finish (their errors are dropped; call {@link #drain} first) and stops the thread. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
