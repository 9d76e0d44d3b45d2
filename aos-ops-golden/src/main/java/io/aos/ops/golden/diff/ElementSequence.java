package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The elements of an array to align: a JSON array already in memory, or the lines of a JSONL file parsed one at a
 * time, so a 100,000-event trace is never held as one tree.
 */
interface ElementSequence {

    int size();

    /** Element {@code i} as a tree (parsed on demand for JSONL). */
    JsonNode node(int i);

    /**
     * The values of the dot paths ({@code data.index}) for element {@code i}, as text; null where absent. Called for
     * each identity key candidate; implementations may cache.
     */
    String[] identityValues(int i, List<String> paths);

    /** The alignment hash of element {@code i} (see {@link NodeHash}). */
    long hash(int i);

    /** True when the two elements are byte-for-byte identical (only a raw source can tell; trees say false). */
    default boolean sameRaw(int i, ElementSequence other, int j) {
        return false;
    }
}
