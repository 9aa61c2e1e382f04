package io.github.fwkit.sprd;

/**
 * How strictly to read a PAC, and resource limits.
 *
 * <p>{@link #STRICT} (the default) refuses what Unisoc's tools refuse: unknown version strings, a
 * recorded total size that differs from the file length, a table offset other than 2124, entry
 * records whose {@code dwSize} is not 2580, blobs outside the file. {@link #LENIENT} reads such
 * packages anyway (to salvage truncated downloads), reports every problem as a
 * {@link PacFinding}, and marks entries whose blobs are not inside the file as not
 * {@link PacEntry#intact() intact}. Structural impossibilities (too short, entry count outside
 * {@code 1..maxEntries}, a file table past the end, an undecodable encrypted table) fail both.
 *
 * @param lenient report instead of refusing, see above
 * @param maxEntries most file-table entries accepted (community unpackers use 1024; real packages
 *     hold a few dozen)
 * @param maxConfigSize largest config XML that is parsed, in bytes
 * @param key the 32-bit key of an encrypted table; 0 means Unisoc's default {@code 0x20160707}
 * @param customVersion a version string to accept besides the two standard ones (Unisoc's
 *     {@code SetPacSTVersion}), or empty
 * @since 0.1.0
 */
public record PacReadOptions(boolean lenient, int maxEntries, int maxConfigSize, int key, String customVersion) {
    /** Default entry limit. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;
    /** Default XML size limit: real configs are 10-100 KiB. */
    public static final int DEFAULT_MAX_CONFIG_SIZE = 4 << 20;

    /** Refuse what Unisoc refuses. */
    public static final PacReadOptions STRICT =
            new PacReadOptions(false, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_CONFIG_SIZE, 0, "");
    /** Read what can be read, report the rest. */
    public static final PacReadOptions LENIENT =
            new PacReadOptions(true, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_CONFIG_SIZE, 0, "");

    public PacReadOptions {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        if (maxConfigSize < 0) {
            throw new IllegalArgumentException("maxConfigSize must not be negative: " + maxConfigSize);
        }
        customVersion = customVersion == null ? "" : customVersion;
        if (customVersion.length() > 21) {
            throw new IllegalArgumentException("a custom version has at most 21 characters (Unisoc's limit)");
        }
    }

    public PacReadOptions withLenient(boolean b) {
        return new PacReadOptions(b, maxEntries, maxConfigSize, key, customVersion);
    }

    public PacReadOptions withMaxEntries(int n) {
        return new PacReadOptions(lenient, n, maxConfigSize, key, customVersion);
    }

    public PacReadOptions withMaxConfigSize(int n) {
        return new PacReadOptions(lenient, maxEntries, n, key, customVersion);
    }

    public PacReadOptions withKey(int k) {
        return new PacReadOptions(lenient, maxEntries, maxConfigSize, k, customVersion);
    }

    public PacReadOptions withCustomVersion(String v) {
        return new PacReadOptions(lenient, maxEntries, maxConfigSize, key, v);
    }
}
