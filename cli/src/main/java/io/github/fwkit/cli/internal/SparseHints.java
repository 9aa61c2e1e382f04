package io.github.fwkit.cli.internal;

import io.github.fwkit.core.FormatException;
import io.github.fwkit.core.LimitExceededException;
import io.github.fwkit.core.UnsupportedFormatException;
import io.github.fwkit.sparse.SparseImage;

import java.nio.file.Path;

/** Advice after a sparse image could not be read. */
final class SparseHints {
    private SparseHints() {
    }

    /**
     * The hint for {@code e} while reading {@code file} as a sparse image, or null when the
     * generic hint fits better.
     *
     * @param lenientOffered whether the command has {@code --lenient}
     */
    static String hint(Exception e, Path file, boolean lenientOffered) {
        if (!(e instanceof FormatException) || e instanceof LimitExceededException
                || e instanceof UnsupportedFormatException
                || !SparseImage.FORMAT.equals(((FormatException) e).format())) {
            return null;
        }
        String f = file == null ? "FILE" : Cli.quote(file.toString());
        FormatException fe = (FormatException) e;
        if (fe.path().endsWith("/magic") || fe.path().equals("/sparse/header")) {
            return f + " is not an Android sparse image; 'fwkit identify " + f + "' shows what it is"
                    + " ('fwkit sparse encode " + f + " OUT' makes a sparse image from a raw one)";
        }
        return lenientOffered
                ? "the image is damaged or uses a vendor extension; --lenient reads what it can, with warnings"
                : "the image is damaged or uses a vendor extension; 'fwkit sparse info --lenient " + f
                        + "' shows what can still be read";
    }
}
