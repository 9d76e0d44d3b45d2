package io.aos.ops.core;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The base of every exception the aos-ops library throws about its input or its work. Unchecked: a service lets it
 * travel to where it reports failures, a test lets it fail the test.
 *
 * <p>The message is one sentence meant for a person, naming the file (and line and column for bad JSON); the
 * accessors give the same facts to code: {@link #path()}, {@link #line()}, {@link #column()} where they apply, and
 * {@link #problem()}, the message without the file and position. The subclass says what kind of failure it is:
 *
 * <ul>
 *   <li>{@link BadConfigurationException}: a setting, flag or argument has a value the library cannot use;</li>
 *   <li>{@link BadInputException}: a named input cannot be read or parsed, with its subclasses
 *       {@link UnreadableFileException} (I/O on the file) and, in {@code aos-ops-golden},
 *       {@code BadGoldenException} (a malformed golden file, trace or cycle report);</li>
 *   <li>{@link OperationFailedException}: the input was fine but the work was refused or did not complete (a restore
 *       that would overwrite, a started process that exited at once), with its subclass
 *       {@link BadArchiveException} for an archive that is missing or does not verify.</li>
 * </ul>
 *
 * <p>The library knows nothing of exit codes: a command-line front end maps these types to its own. Instances are
 * immutable and safe to share between threads.
 */
public abstract class AosOpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final long line;
    private final long column;
    private final String problem;

    /**
     * An exception whose message is {@code message}.
     *
     * @param message the whole sentence for a person
     * @param problem what was wrong, without the file and position; {@code message} if null
     * @param path the file the failure is about, or null
     * @param line the 1-based line in {@code path}, or 0 if none applies
     * @param column the 1-based column on {@code line}, or 0 if none applies
     * @param cause the underlying exception, or null
     */
    protected AosOpsException(String message, String problem, Path path, long line, long column, Throwable cause) {
        super(message, cause);
        this.problem = problem == null ? message : problem;
        this.path = path;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
    }

    /**
     * The file this failure is about.
     *
     * @return the file, or empty when the failure is not about one file (a bad flag value, say); always present for
     *     {@link BadInputException} and its subclasses
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * The line in {@link #path()} where the input is wrong.
     *
     * @return the 1-based line, or empty when no position is known (only invalid JSON has one, when the parser
     *     reports it)
     */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /**
     * The column on {@link #line()} where the input is wrong.
     *
     * @return the 1-based column, or empty when no position is known (only invalid JSON has one, when the parser
     *     reports it)
     */
    public OptionalLong column() {
        return column > 0 ? OptionalLong.of(column) : OptionalLong.empty();
    }

    /**
     * What was wrong, without the file and the position that {@link #getMessage()} starts with.
     *
     * @return the problem text, never null; the whole message where the constructor was given no separate problem
     */
    public String problem() {
        return problem;
    }
}
