package io.aos.ops.golden.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.json.GoldenJson;
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
    static BadGoldenException describe(Path source, JsonProcessingException e, TailTrackingInputStream tail, long line,
                                 long eventStart, int completeEvents, JsonParser parser) {
        try {
            tail.drain();
        } catch (IOException ignored) {
            // The parse error is the one to report.
        }
        // A broken limit (nesting too deep, say) is found before the end of a line that may well be complete.
        boolean cut = !(e instanceof StreamConstraintsException)
                && line > 0 && tail.lastByte() != '\n' && tail.lastNewline() < eventStart;
        if (cut) {
            return new TruncatedTraceException(source, line, completeEvents, e);
        }
        JsonLocation location = GoldenJson.location(e, parser);
        String problem = GoldenJson.problem(e);
        if (location == null || location.getLineNr() < 1) {
            if (line > 0) {
                return new BadGoldenException(source, line, 1, problem, e);
            }
            return new BadGoldenException(source, "invalid JSON: " + problem, e);
        }
        TextPosition at = position(source, tail, location, problem);
        return new BadGoldenException(source, at.line(), at.column(), problem, e);
    }

    /**
     * The line and character column of {@code at}: from the bytes the parser read last when its line starts in them
     * (a stream that cannot be read again needs that), else from {@code source} read again; Jackson's byte column when
     * neither can tell (a stream whose line began before the parser's last buffer).
     */
    private static TextPosition position(Path source, TailTrackingInputStream tail, JsonLocation at, String problem) {
        TextPosition read = tail.position(at, problem);
        return read != null ? read : TextPosition.inFile(source, at.getLineNr(), at.getColumnNr(), problem);
    }

    /**
     * Bad content at the start of a token of the engine trace {@code source} (read from its first byte), named at
     * its line and column in characters.
     */
    static BadGoldenException at(Path source, TailTrackingInputStream tail, JsonLocation start, String problem) {
        TextPosition at = position(source, tail, start, null);
        return new BadGoldenException(source, at.line(), at.column(), problem);
    }

    /**
     * The one-event-per-line rule, checked once per event: an event that starts on the line where the event before
     * it ended ({@code previousEndLine}; 0 for none) is a lost line break, named at the second value's start.
     *
     * @throws BadGoldenException naming the file, line and column of the second value
     */
    static void checkOwnLine(Path source, TailTrackingInputStream tail, JsonLocation start, long previousEndLine) {
        if (start.getLineNr() == previousEndLine) {
            throw at(source, tail, start, "more than one JSON value on the line");
        }
    }
}
