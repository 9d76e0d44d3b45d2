package io.aos.ops.core;

import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.core.io.NotRegularFileException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A named file could not be read: it is missing, it is not a regular file (a FIFO, a directory), it is larger than its
 * reader accepts, or the OS refused (permission, I/O error). The cause is the {@link IOException}. Immutable.
 */
public class UnreadableFileException extends BadInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file that could not be read
     * @param problem what went wrong, in words: {@code no such file}, {@code cannot be read: Permission denied}
     * @param cause what reading it threw
     */
    public UnreadableFileException(Path file, String problem, IOException cause) {
        super(file, problem, cause);
    }

    /**
     * The exception for {@code file} failing with {@code e}: {@code <file>: no such file}, {@code <file>: is a FIFO,
     * not a regular file}, {@code <file>: is larger than ...}, else {@code <file>: cannot be read: <why>}.
     *
     * @param file the file that could not be read
     * @param e what reading it threw
     * @return the exception to throw
     */
    public static UnreadableFileException of(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UnreadableFileException(file, "no such file", e);
        }
        if (e instanceof NotRegularFileException || e instanceof FileTooLargeException) {
            return new UnreadableFileException(file, ((FileSystemException) e).getReason(), e);
        }
        return new UnreadableFileException(file, "cannot be read: " + IoReason.of(e), e);
    }
}
