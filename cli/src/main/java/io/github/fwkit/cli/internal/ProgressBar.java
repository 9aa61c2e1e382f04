package io.github.fwkit.cli.internal;

import io.github.fwkit.core.ProgressListener;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on standard error, redrawn with {@code \r} at most ten times a
 * second: percentage, amount done out of the total and throughput. {@link #close()} erases it so
 * that the summary that follows starts on a clean line.
 *
 * <p>Used only when standard error is a terminal (or {@code --progress}), never with
 * {@code --json}. Called from the working thread; not thread-safe.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    /** What the listener's units are. */
    enum Unit {
        /** Bytes: shown as sizes with a MiB/s rate. */
        BYTES,
        /** Countable items, e.g. output pieces: shown as {@code 3/7}. */
        ITEMS
    }

    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final boolean enabled;
    private final PrintWriter err;
    private final Unit unit;
    private final String label;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnWidth;

    /**
     * @param enabled when false, the bar draws nothing (so callers need no second code path)
     * @param clock nanosecond clock for tests; null for {@link System#nanoTime} (not a method
     *     reference: linking the first one costs 10-20 ms of startup)
     */
    ProgressBar(boolean enabled, PrintWriter err, Unit unit, String label, LongSupplier clock) {
        this.enabled = enabled;
        this.err = err;
        this.unit = unit;
        this.label = label;
        this.clock = clock;
        this.start = now();
    }

    @Override
    public void progress(long done, long total) {
        if (!enabled) {
            return;
        }
        long now = now();
        if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(done, total, now - start);
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnWidth; i++) {
            sb.append(' ');
        }
        drawnWidth = Math.max(drawnWidth, line.length());
        err.print(sb);
        err.flush();
    }

    private long now() {
        return clock == null ? System.nanoTime() : clock.getAsLong();
    }

    String render(long done, long total, long elapsedNanos) {
        double f = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        int filled = (int) Math.round(f * BAR_WIDTH);
        StringBuilder sb = new StringBuilder(label).append(" [");
        for (int i = 0; i < BAR_WIDTH; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        String percent = Integer.toString((int) Math.floor(f * 100));
        sb.append("] ").append(" ".repeat(3 - percent.length())).append(percent).append("%  ");
        if (unit == Unit.BYTES) {
            sb.append(Units.bytes(done)).append(" / ").append(Units.bytes(total));
            String rate = Units.rate(done, elapsedNanos);
            if (!rate.isEmpty()) {
                sb.append("  ").append(rate);
            }
        } else {
            sb.append(done).append('/').append(total);
        }
        return sb.toString();
    }

    /** Erases the line, if anything was drawn. */
    @Override
    public void close() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }
}
