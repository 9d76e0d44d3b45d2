package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A difference before classification, or ({@link #deferred()} not null) every difference of one event pair, not
 * kept but counted, for the classifier to file as consequences without them ever being built twice in memory.
 *
 * @param key      the object key nearest the value (the array's key for an array element); null for a whole trace
 *                 event
 * @param position where in the trace it sits (run start, a step, run end)
 * @param deferred the pair's differences when this stands for them (its other components are then unused); null for
 *                 a difference of its own
 */
record RawDifference(String path, DiffKind kind, JsonNode expected, JsonNode actual, String key,
        TracePosition position, DeferredPair deferred) {

    RawDifference {
        expected = expected == null ? MissingNode.getInstance() : expected;
        actual = actual == null ? MissingNode.getInstance() : actual;
    }

    RawDifference(String path, DiffKind kind, JsonNode expected, JsonNode actual, String key,
            TracePosition position) {
        this(path, kind, expected, actual, key, position, null);
    }

    /** Stands for the differences of a pair that {@code deferred} can find again. */
    static RawDifference standingFor(DeferredPair deferred, TracePosition position) {
        return new RawDifference("", DiffKind.CHANGED, null, null, null, position, deferred);
    }

    /** How many differences this is: 1, or the deferred pair's count. */
    int count() {
        return deferred == null ? 1 : deferred.keys().length;
    }
}
