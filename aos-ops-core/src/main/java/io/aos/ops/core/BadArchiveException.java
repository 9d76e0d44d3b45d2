package io.aos.ops.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * An archive is missing, does not verify, or changed while it was read: nothing was restored from it.
 * {@link #path()} is the archive. Immutable.
 */
public class BadArchiveException extends OperationFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param archive the archive
     * @param message one sentence naming the archive and what is wrong with it
     */
    public BadArchiveException(Path archive, String message) {
        this(archive, message, null);
    }

    /**
     * @param archive the archive
     * @param message one sentence naming the archive and what is wrong with it
     * @param cause the underlying exception, or null
     */
    public BadArchiveException(Path archive, String message, Throwable cause) {
        super(message, checkNotNull(archive, "archive"), cause);
    }
}
