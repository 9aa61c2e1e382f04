package io.github.fwkit.ext4;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run in a child JVM by {@link ExtractTest}: extracts IMAGE's PATH into OUT on one thread, says
 * "writing" once a MiB is out and then stalls inside the copy, so that the test can stop the
 * JVM (SIGTERM, which runs shutdown hooks as Ctrl-C does) while a file is half-written.
 */
public final class ExtractUntilStopped {
    private ExtractUntilStopped() {
    }

    public static void main(String[] args) throws Exception {
        AtomicBoolean said = new AtomicBoolean();
        try (Ext4Volume vol = Ext4Volume.open(Path.of(args[0]))) {
            vol.extract(args[2], Path.of(args[1]), ExtractOptions.DEFAULTS.withThreads(1).withProgress((done, total) -> {
                if (done >= 1 << 20 && said.compareAndSet(false, true)) {
                    System.out.println("writing");
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        }
    }
}
