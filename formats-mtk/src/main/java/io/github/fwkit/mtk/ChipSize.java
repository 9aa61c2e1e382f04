package io.github.fwkit.mtk;

import java.util.List;
import java.util.Objects;

/**
 * The chip size a dump should have, from what the firmware says (spec §7.2): the end of the
 * furthest structure rounded up to a power of two, else the CMEM_NOR bank sizes; the JEDEC
 * capacity byte is shown as a plausibility note only.
 *
 * @param bytes the size in bytes, or 0 when nothing tells
 * @param source where {@code bytes} came from
 * @param estimates every estimate found, with its source
 * @since 0.1.0
 */
public record ChipSize(long bytes, String source, List<Estimate> estimates) {

    /**
     * One estimate.
     *
     * @param bytes the size it gives
     * @param source how it was computed, e.g. {@code end of SDS (0xFFE000 + 0x2000)}
     * @param offset where its data was read, or -1
     */
    public record Estimate(long bytes, String source, long offset) {
        public Estimate {
            Objects.requireNonNull(source, "source");
        }
    }

    public ChipSize {
        Objects.requireNonNull(source, "source");
        estimates = List.copyOf(estimates);
    }

    /** Whether anything gave a size. */
    public boolean known() {
        return bytes > 0;
    }
}
