package io.github.fwkit.mtk;

/**
 * Resource limits for {@link MtkRomLayout#analyze(io.github.fwkit.core.ImageReader, MtkAnalysisOptions)}.
 * The defaults are far above anything genuine (NOR chips of these phones hold at most 32 MiB and
 * about ten images) and keep hostile input bounded in time and memory.
 *
 * @param maxLength the longest input analysed; longer ones throw
 *     {@link io.github.fwkit.core.LimitExceededException} (analysis reads every byte once)
 * @param maxImages the most GFH images accepted; further ones are reported, not parsed
 * @param maxRecords the most records walked in one GFH chain
 * @since 0.1.0
 */
public record MtkAnalysisOptions(long maxLength, int maxImages, int maxRecords) {
    /** Default {@link #maxLength()}: 1 GiB, 32 times the largest NOR chip of these phones. */
    public static final long DEFAULT_MAX_LENGTH = 1L << 30;

    /** The default limits. */
    public static final MtkAnalysisOptions DEFAULTS = new MtkAnalysisOptions(DEFAULT_MAX_LENGTH, 256, 256);

    public MtkAnalysisOptions {
        if (maxLength < 0 || maxImages < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** These options with another {@link #maxLength()}. */
    public MtkAnalysisOptions withMaxLength(long max) {
        return new MtkAnalysisOptions(max, maxImages, maxRecords);
    }
}
