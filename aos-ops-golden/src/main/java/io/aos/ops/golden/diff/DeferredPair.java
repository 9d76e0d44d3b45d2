package io.aos.ops.golden.diff;

import java.util.List;

/**
 * The differences of one event pair of a trace, kept as their keys and kinds only (what classifying them needs)
 * until somebody asks for them: then the pair is compared again, which gives the same differences in the same
 * order. After an inserted step every later pair differs in its index (100,000 differences that only follow from
 * the insertion): kept whole they were most of the heap a diff promoted, and of its garbage-collection time.
 *
 * @param pair  the pair's index in the alignment
 * @param keys  each difference's key ({@link RawDifference#key()}), in order; shared strings
 * @param kinds each difference's kind, in order
 * @param again compares the pair again
 */
record DeferredPair(int pair, String[] keys, DiffKind[] kinds, Again again) {

    /** Compares one pair of an alignment again. Thread-safe. */
    interface Again {
        /** The differences of pair {@code pair}, exactly as the first comparison recorded them. */
        List<RawDifference> differences(int pair);
    }

    /** The differences, found again. */
    List<RawDifference> differences() {
        List<RawDifference> found = again.differences(pair);
        if (found.size() != keys.length) {
            throw new IllegalStateException("pair " + pair + " compared again gave " + found.size()
                    + " differences, not " + keys.length);
        }
        return found;
    }
}
