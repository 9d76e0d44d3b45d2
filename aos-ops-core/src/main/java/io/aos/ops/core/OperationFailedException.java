package io.aos.ops.core;

import java.nio.file.Path;

/**
 * The input could be read, but the work was refused or did not complete, for a reason an operator must act on: a
 * restore that would overwrite existing files, a process started in the background that exited at once, a replay that
 * did not finish. {@link #path()} is the file or directory concerned where there is one. Immutable.
 */
public class OperationFailedException extends AosOpsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one sentence saying what failed and why
     */
    public OperationFailedException(String message) {
        this(message, null, null);
    }

    /**
     * @param message one sentence saying what failed and why
     * @param path the file or directory concerned, or null
     * @param cause the underlying exception, or null
     */
    public OperationFailedException(String message, Path path, Throwable cause) {
        super(message, message, path, 0, 0, cause);
    }
}
