package io.aos.ops.golden.format;

import java.nio.file.Path;

/**
 * An engine trace whose last line is cut off: the mark of a crash in the middle of an append. The complete events
 * before it are fine; callers that can use a partial trace catch this and keep what they read. {@link #line()} is the
 * 1-based line that is cut off.
 */
public final class TruncatedTraceException extends BadGoldenException {
    private static final long serialVersionUID = 1L;

    private final int completeEvents;

    TruncatedTraceException(Path file, long line, int completeEvents, Throwable cause) {
        super(file + ": " + problem(line, completeEvents), problem(line, completeEvents), file, line, 0, cause);
        this.completeEvents = completeEvents;
    }

    private static String problem(long line, int completeEvents) {
        return "truncated last line " + line + " (a crash mid-append?) after " + completeEvents + " complete event"
                + (completeEvents == 1 ? "" : "s");
    }

    /** {@return how many whole events precede the cut line} */
    public int completeEvents() {
        return completeEvents;
    }
}
