package io.aos.ops.core;

/**
 * A setting, flag or argument has a value the library cannot use: {@code AOS_MONITOR_INTERVAL must be a whole number,
 * not 'x'}, a directory that does not exist where one must be given. Nothing was done. {@link #path()} is empty.
 * Immutable.
 */
public class BadConfigurationException extends AosOpsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one sentence naming the setting and the bad value
     */
    public BadConfigurationException(String message) {
        this(message, null);
    }

    /**
     * @param message one sentence naming the setting and the bad value
     * @param cause the underlying exception, or null
     */
    public BadConfigurationException(String message, Throwable cause) {
        super(message, message, null, 0, 0, cause);
    }
}
