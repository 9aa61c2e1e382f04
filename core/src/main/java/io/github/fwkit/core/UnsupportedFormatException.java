package io.github.fwkit.core;

/**
 * Valid input that uses a feature fwkit cannot handle (yet), as opposed to corrupt input.
 *
 * <p>It is a {@link FormatException} so that callers who only care about "can't read this" catch
 * one type, while callers who care can tell an unsupported feature from damage.
 *
 * @since 0.1.0
 */
public class UnsupportedFormatException extends FormatException {
    private static final long serialVersionUID = 1L;

    /** See {@link FormatException#FormatException(String, long, String, String)}. */
    public UnsupportedFormatException(String format, long offset, String path, String problem) {
        super(format, offset, path, problem);
    }
}
