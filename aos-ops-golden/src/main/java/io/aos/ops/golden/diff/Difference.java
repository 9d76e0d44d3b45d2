package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.OptionalInt;

/**
 * One difference between the expected and the actual document.
 *
 * @param path          RFC 6901 JSON Pointer into the expected document (into the actual one for {@link DiffKind#ADDED})
 * @param kind          changed, added, removed, type changed or reordered
 * @param expected      the expected value, complete and with its JSON type; {@link MissingNode} when ADDED
 * @param actual        the actual value, complete and with its JSON type; {@link MissingNode} when REMOVED
 * @param step          0-based step the difference belongs to; empty for run-level fields
 * @param category      the root-cause category this difference was filed under
 * @param consequenceOf the step (or -1 for the run start) whose divergence this difference only follows from; empty
 *                      when the difference is itself evidence
 */
public record Difference(
        String path,
        DiffKind kind,
        JsonNode expected,
        JsonNode actual,
        OptionalInt step,
        RootCause category,
        OptionalInt consequenceOf) {

    /**
     * Checks the components; a null {@code expected} or {@code actual} becomes a missing node (absent on that side).
     *
     * @throws NullPointerException if {@code path}, {@code kind}, {@code step}, {@code category} or
     *         {@code consequenceOf} is null
     */
    public Difference {
        checkNotNull(path, "path");
        checkNotNull(kind, "kind");
        expected = expected == null ? MissingNode.getInstance() : expected;
        actual = actual == null ? MissingNode.getInstance() : actual;
        checkNotNull(step, "step");
        checkNotNull(category, "category");
        checkNotNull(consequenceOf, "consequenceOf");
    }

    /**
     * Whether this difference only cascades from an earlier divergence (a later hash, the workflow hash, ...) rather
     * than being evidence of its own.
     *
     * @return true when {@link #consequenceOf()} is present
     */
    public boolean isConsequence() {
        return consequenceOf.isPresent();
    }
}
