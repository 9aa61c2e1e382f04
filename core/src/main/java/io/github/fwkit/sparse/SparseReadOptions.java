package io.github.fwkit.sparse;

/**
 * How strictly to read a sparse image.
 *
 * <p><b>Strict</b> (the default) accepts what AOSP libsparse accepts today, less a little: any minor
 * version, larger (Samsung) headers, non-zero {@code reserved1}, zero-length RAW/FILL chunks,
 * trailing bytes and CRC32 chunks anywhere; it rejects everything else with a
 * {@link io.github.fwkit.core.FormatException}. <b>Lenient</b> also reads damaged and vendor
 * files: unknown chunk types are skipped by their {@code total_sz} and read as zeros, a block sum
 * that disagrees with {@code total_blks} uses the larger of the two, and RAW data cut short by the
 * end of the file reads as zeros; each such repair is reported in {@link SparseImage#warnings()}.
 *
 * @param lenient read damaged or vendor files, with warnings
 * @param verifyCrc check CRC32 chunks against the expanded data while opening (reads everything).
 *     libsparse's own writer stores wrong CRCs after multi-block FILL or DONT_CARE chunks, so this
 *     is off by default, as in simg2img and fastboot.
 * @param maxChunks the most chunks an image may have; bounds the memory of the chunk index
 *     (about 20 bytes per chunk)
 * @since 0.1.0
 */
public record SparseReadOptions(boolean lenient, boolean verifyCrc, long maxChunks) {

    /** The default limit on chunks: 8 Mi chunks, an index of about 250 MB. */
    public static final long DEFAULT_MAX_CHUNKS = 1L << 23;

    public SparseReadOptions {
        if (maxChunks < 0) {
            throw new IllegalArgumentException("maxChunks < 0");
        }
    }

    /** Strict, no CRC check, default limits. */
    public static final SparseReadOptions STRICT = new SparseReadOptions(false, false, DEFAULT_MAX_CHUNKS);

    /** Lenient, no CRC check, default limits. */
    public static final SparseReadOptions LENIENT = new SparseReadOptions(true, false, DEFAULT_MAX_CHUNKS);

    /** These options with CRC32 chunks verified. */
    public SparseReadOptions withVerifyCrc(boolean verify) {
        return new SparseReadOptions(lenient, verify, maxChunks);
    }

    /** These options with another chunk limit. */
    public SparseReadOptions withMaxChunks(long max) {
        return new SparseReadOptions(lenient, verifyCrc, max);
    }
}
