package io.aos.ops.core;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * A named input cannot be read or parsed. {@link #path()} is always present; {@link #line()} and {@link #column()}
 * are present for bad JSON. The message is {@code <file>: <problem>}, or for bad JSON
 * {@code <file>: invalid JSON at line <line>, column <column>: <problem>}. Immutable.
 */
public class BadInputException extends AosOpsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the input
     * @param problem what is wrong with it
     */
    public BadInputException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file the input
     * @param problem what is wrong with it
     * @param cause the underlying exception (kept for a debug trace), or null
     */
    public BadInputException(Path file, String problem, Throwable cause) {
        super(checkNotNull(file, "file") + ": " + problem, problem, file, 0, 0, cause);
    }

    /**
     * Invalid JSON at a position.
     *
     * @param file the input
     * @param line 1-based line; 0 if the parser does not know, and then {@link #line()} is empty
     * @param column 1-based column; 0 if the parser does not know, and then {@link #column()} is empty
     * @param problem what the parser found
     */
    public BadInputException(Path file, long line, long column, String problem) {
        this(file, line, column, problem, null);
    }

    /**
     * Invalid JSON at a position, keeping the parser's exception.
     *
     * @param file the input
     * @param line 1-based line; 0 if the parser does not know, and then {@link #line()} is empty
     * @param column 1-based column; 0 if the parser does not know, and then {@link #column()} is empty
     * @param problem what the parser found
     * @param cause the parser's exception, or null
     */
    public BadInputException(Path file, long line, long column, String problem, Throwable cause) {
        super(checkNotNull(file, "file") + ": invalid JSON at line " + line + ", column " + column + ": " + problem,
                problem, file, line, column, cause);
    }

    /**
     * Valid JSON whose content is wrong at a position (a value of the wrong kind, an unknown name):
     * {@code <file>: line <line>, column <column>: <problem>}, not called invalid JSON.
     *
     * @param file the input
     * @param line 1-based line
     * @param column 1-based column
     * @param problem what is wrong there
     * @return the exception
     */
    public static BadInputException content(Path file, long line, long column, String problem) {
        return new BadInputException(checkNotNull(file, "file") + ": line " + line + ", column " + column + ": "
                + problem, problem, file, line, column, null);
    }

    /**
     * For subclasses with a message of their own.
     *
     * @param message the whole sentence for a person, naming {@code file}
     * @param problem what was wrong, without the file and position; {@code message} if null
     * @param file the input; must not be null
     * @param line the 1-based line in {@code file}, or 0 if none applies
     * @param column the 1-based column on {@code line}, or 0 if none applies
     * @param cause the underlying exception, or null
     * @throws NullPointerException if {@code file} is null
     */
    protected BadInputException(String message, String problem, Path file, long line, long column,
                                Throwable cause) {
        super(message, problem, checkNotNull(file, "file"), line, column, cause);
    }
}
