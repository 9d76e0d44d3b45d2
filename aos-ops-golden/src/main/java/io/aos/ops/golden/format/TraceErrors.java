package io.aos.ops.golden.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.core.OpsException;
import java.io.IOException;
import java.nio.file.Path;

/** Turns a parse error in an engine trace into the operator's sentence: a cut-off last line, or bad JSON at a spot. */
final class TraceErrors {

    private TraceErrors() {
    }

    /**
     * A parse error is a cut-off last line when no newline follows the start of the failing event and the file does
     * not end with one: what a crash in the middle of an append leaves.
     */
    static OpsException describe(Path source, JsonProcessingException e, TailTrackingInputStream tail, long line,
                                 long eventStart, int completeEvents) {
        try {
            tail.drain();
        } catch (IOException ignored) {
            // The parse error is the one to report.
        }
        boolean cut = line > 0 && tail.lastByte() != '\n' && tail.lastNewline() < eventStart;
        if (cut) {
            return new TruncatedTraceException(source, line, completeEvents, e);
        }
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return OpsException.badInput(source, "invalid JSON: " + e.getOriginalMessage(), e);
        }
        return OpsException.badJson(source, location.getLineNr(), location.getColumnNr(), e.getOriginalMessage(), e);
    }
}
