package io.aos.ops.core;

import io.aos.ops.core.health.ExitMode;
import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.core.io.NotRegularFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A failure meant for the operator: its message is one sentence that names the file (and line and column for bad
 * JSON), and its kind decides the exit code. The CLI prints the message alone; the stack trace only with
 * {@code --debug}.
 */
public class OpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the exit code. */
    public enum Kind {
        /** The command line or configuration is wrong: exit 2 (UNKNOWN, 3, under --nagios). */
        USAGE,
        /** Input could not be read or parsed: exit 2 (UNKNOWN, 3, under --nagios). */
        BAD_INPUT,
        /** What the runbook calls a failure (verify failed, mismatch found): exit 1 (CRITICAL, 2, under --nagios). */
        FAILURE
    }

    private final Kind kind;

    protected OpsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static OpsException usage(String message) {
        return new OpsException(Kind.USAGE, message, null);
    }

    public static OpsException badInput(Path file, String problem) {
        return new OpsException(Kind.BAD_INPUT, file + ": " + problem, null);
    }

    public static OpsException badInput(Path file, String problem, Throwable cause) {
        return new OpsException(Kind.BAD_INPUT, file + ": " + problem, cause);
    }

    /**
     * {@code file} could not be read: {@code <file>: no such file}, {@code <file>: is a FIFO, not a regular file},
     * {@code <file>: is larger than ...}, else {@code <file>: cannot be read: <why>}.
     */
    public static OpsException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return badInput(file, "no such file", e);
        }
        if (e instanceof NotRegularFileException || e instanceof FileTooLargeException) {
            return badInput(file, ((java.nio.file.FileSystemException) e).getReason(), e);
        }
        return badInput(file, "cannot be read: " + IoReason.of(e), e);
    }

    /** Invalid JSON at a 1-based line and column. */
    public static OpsException badJson(Path file, long line, long column, String problem) {
        return badJson(file, line, column, problem, null);
    }

    /** Invalid JSON at a 1-based line and column, keeping the parser's exception for --debug. */
    public static OpsException badJson(Path file, long line, long column, String problem, Throwable cause) {
        return new OpsException(Kind.BAD_INPUT,
                file + ": invalid JSON at line " + line + ", column " + column + ": " + problem, cause);
    }

    public static OpsException failure(String message) {
        return new OpsException(Kind.FAILURE, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The process exit code for this failure under the given convention. */
    public int exitCode(ExitMode mode) {
        return switch (kind) {
            case USAGE, BAD_INPUT -> mode.usageError();
            case FAILURE -> mode == ExitMode.NAGIOS ? 2 : 1;
        };
    }
}
