package io.aos.ops.core.process;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A regular file where a PID file is expected that holds no usable PID: empty (written on a full disk), text that is
 * not a number, a PID of zero or less. It names no process, so whoever reads it can tell that no daemon can be
 * identified from it, unlike a PID file that cannot be read at all.
 */
public final class NotAPidFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    NotAPidFileException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path.toString();
        this.problem = problem;
    }

    /** {@return the file} */
    public Path path() {
        return Path.of(path);
    }

    /** {@return what is wrong with it, without the file: {@code not a PID file (it is empty)}} */
    public String problem() {
        return problem;
    }
}
