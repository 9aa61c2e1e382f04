package io.github.fwkit.core;

import java.io.IOException;
import java.util.Optional;

/**
 * Service-provider interface for format detection. Modules register implementations with
 * {@link java.util.ServiceLoader} ({@code provides io.github.fwkit.core.FormatProbe with ...} in
 * {@code module-info}, and {@code META-INF/services} for the class path).
 *
 * <p>A probe reads a few bytes, never the whole image, and must not throw for input that is not
 * its format: it answers {@link Optional#empty()}. It must also cope with images shorter than its
 * signature. A probe that wants to replace a core probe with a richer one returns the same
 * {@link #format()} and a higher {@link #priority()}; {@link Formats} keeps the answer of the
 * highest-priority probe per format.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @since 0.1.0
 */
public interface FormatProbe {

    /** The format this probe recognises, e.g. {@code ext4}. */
    String format();

    /**
     * Which probe wins when several recognise the same format: core's probes use 0, format
     * modules' richer probes more.
     */
    default int priority() {
        return 0;
    }

    /**
     * Looks at {@code image}. Only {@link IOException}s from reading escape; malformed content is
     * simply "not this format" or a detection with a lower strength.
     */
    Optional<Detection> probe(ImageReader image) throws IOException;
}
