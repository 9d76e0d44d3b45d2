package io.aos.ops.golden.format;

import io.aos.ops.core.OpsException;
import java.nio.file.Path;

/**
 * An engine trace whose last line is cut off: the mark of a crash in the middle of an append. The complete events
 * before it are fine; callers that can use a partial trace catch this and keep what they read.
 */
public final class TruncatedTraceException extends OpsException {
    private static final long serialVersionUID = 1L;

    private final int completeEvents;
    private final long line;

    TruncatedTraceException(Path file, long line, int completeEvents, Throwable cause) {
        super(Kind.BAD_INPUT, file + ": truncated last line " + line + " (a crash mid-append?) after "
                + completeEvents + " complete event" + (completeEvents == 1 ? "" : "s"), cause);
        this.completeEvents = completeEvents;
        this.line = line;
    }

    /** {@return how many whole events precede the cut line} */
    public int completeEvents() {
        return completeEvents;
    }

    /** {@return the 1-based line that is cut off} */
    public long line() {
        return line;
    }
}
