package io.github.fwkit.core;

/**
 * Input that would need more of a resource (chunks, entries, memory, depth) than a configured
 * limit allows. The limits are options with safe defaults; raise one when an input is known to be
 * genuine.
 *
 * @since 0.1.0
 */
public class LimitExceededException extends FormatException {
    private static final long serialVersionUID = 1L;

    private final String limit;
    private final long value;

    /**
     * @param limit the name of the option that sets the limit, e.g. {@code maxChunks}
     * @param limitValue the limit in force
     */
    public LimitExceededException(String format, long offset, String path, String limit, long limitValue) {
        super(format, offset, path, "more than " + limitValue + " (" + limit + " limit; raise it if the input is genuine)");
        this.limit = limit;
        this.value = limitValue;
    }

    /** The name of the option that sets the limit. */
    public String limit() {
        return limit;
    }

    /** The limit in force. */
    public long limitValue() {
        return value;
    }
}
