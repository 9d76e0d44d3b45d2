package io.aos.ops.core.io;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file the suite expected to read is not a regular file: a FIFO, a socket, a device or a directory. It was not
 * opened (opening a FIFO blocks until some writer appears). The message is {@code <file>: is a FIFO, not a regular
 * file}.
 */
public final class NotRegularFileException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    private final String kind;

    NotRegularFileException(Path file, String kind) {
        super(file.toString(), null, "is " + kind + ", not a regular file");
        this.kind = kind;
    }

    /** {@return the file refused} */
    public Path path() {
        return Path.of(getFile());
    }

    /** {@return what it is instead: {@code a FIFO}, {@code a socket}, {@code a character device}, {@code a directory}...} */
    public String kind() {
        return kind;
    }
}
