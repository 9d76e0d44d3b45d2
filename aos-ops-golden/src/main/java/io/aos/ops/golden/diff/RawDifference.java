package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A difference before classification.
 *
 * @param key      the object key nearest the value (the array's key for an array element); null for a whole trace
 *                 event
 * @param position where in the trace it sits (run start, a step, run end)
 */
record RawDifference(String path, DiffKind kind, JsonNode expected, JsonNode actual, String key,
        TracePosition position) {

    RawDifference {
        expected = expected == null ? MissingNode.getInstance() : expected;
        actual = actual == null ? MissingNode.getInstance() : actual;
    }
}
