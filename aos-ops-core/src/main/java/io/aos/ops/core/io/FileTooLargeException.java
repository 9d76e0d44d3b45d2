package io.aos.ops.core.io;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A file is larger than what its reader accepts for that kind of file; it was not read whole. */
public final class FileTooLargeException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    FileTooLargeException(Path file, long limit) {
        super(file.toString(), null, "is larger than " + RegularFile.describeBytes(limit) + ", the most read from "
                + "such a file");
        this.limit = limit;
    }

    /** {@return the file refused} */
    public Path path() {
        return Path.of(getFile());
    }

    /** {@return the limit in bytes it is over} */
    public long limit() {
        return limit;
    }
}
