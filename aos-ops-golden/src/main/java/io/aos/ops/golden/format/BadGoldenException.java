package io.aos.ops.golden.format;

import io.aos.ops.core.BadInputException;
import java.nio.file.Path;

/**
 * A golden file, engine trace, signature or cycle report is malformed: bad JSON (with {@link #line()} and
 * {@link #column()}), a missing or mistyped field, an unknown format. {@link #path()} is the file. The message is the
 * one {@link BadInputException} documents. Immutable.
 */
public class BadGoldenException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the golden file
     * @param problem what is wrong with it
     */
    public BadGoldenException(Path file, String problem) {
        super(file, problem);
    }

    /**
     * @param file the golden file
     * @param problem what is wrong with it
     * @param cause the underlying exception, or null
     */
    public BadGoldenException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    /**
     * Invalid JSON at a position.
     *
     * @param file the golden file
     * @param line 1-based line; 0 if unknown
     * @param column 1-based column; 0 if unknown
     * @param problem what the parser found
     */
    public BadGoldenException(Path file, long line, long column, String problem) {
        super(file, line, column, problem);
    }

    /**
     * Invalid JSON at a position, keeping the parser's exception.
     *
     * @param file the golden file
     * @param line 1-based line; 0 if unknown
     * @param column 1-based column; 0 if unknown
     * @param problem what the parser found
     * @param cause the parser's exception, or null
     */
    public BadGoldenException(Path file, long line, long column, String problem, Throwable cause) {
        super(file, line, column, problem, cause);
    }

    /**
     * For subclasses with a message of their own.
     *
     * @param message the whole sentence for a person, naming {@code file}
     * @param problem what was wrong, without the file and position; {@code message} if null
     * @param file the golden file; must not be null
     * @param line the 1-based line in {@code file}, or 0 if none applies
     * @param column the 1-based column on {@code line}, or 0 if none applies
     * @param cause the underlying exception, or null
     * @throws NullPointerException if {@code file} is null
     */
    protected BadGoldenException(String message, String problem, Path file, long line, long column,
                                 Throwable cause) {
        super(message, problem, file, line, column, cause);
    }
}
