package io.aos.ops.golden.diff;

import io.aos.ops.core.BadInputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;

/**
 * The token tier for two JSONL traces: reads both files once, line k against line k, token by token
 * ({@link TokenComparator}), building a tree only for a line pair the tokens cannot settle. Valid when the traces
 * have the same number of events and the identity key {@link Alignment} would pick gives every line k the same key
 * on both sides, which is checked afterwards; otherwise every difference found is dropped and false returned, and
 * the caller aligns the traces in full (the tree tier, {@link StructuralDiff#trace}).
 */
final class TokenLockstep {

    private final CapturePaths capture;
    private final JsonlSequence a;
    private final JsonlSequence b;
    private final String[][] capA;
    private final String[][] capB;

    private TokenLockstep(DiffOptions options, JsonlSequence a, JsonlSequence b) {
        this.capture = CapturePaths.of(options);
        this.a = a;
        this.b = b;
        this.capA = new String[a.size()][];
        this.capB = new String[a.size()][];
    }

    /**
     * Compares {@code a} and {@code b} line by line into {@code diff}.
     *
     * @return true if the traces were compared; false (with {@code diff} emptied) if they must be aligned in full
     * @throws AosOpsException if a line is not valid JSON (naming the file, line and column) or cannot be read
     */
    static boolean compare(StructuralDiff diff, JsonlSequence a, JsonlSequence b, DiffOptions options) {
        int n = a.size();
        if (n != b.size() || n == 0) {
            return false;
        }
        TokenLockstep lockstep = new TokenLockstep(options, a, b);
        if (!TraceHalves.compare(diff, n, options, lockstep::range) || !lockstep.sameIdentities()) {
            diff.clear();
            return false;
        }
        return true;
    }

    /** Lines {@code [from, to)} of both traces, token by token; false if the lines hold more values than lines. */
    private boolean range(StructuralDiff sink, int from, int to) {
        TokenComparator comparator = new TokenComparator(capture.split());
        int width = capture.paths().size();
        try (JsonParser pa = a.rangeParser(from, to); JsonParser pb = b.rangeParser(from, to)) {
            for (int k = from; k < to; k++) {
                capA[k] = new String[width];
                capB[k] = new String[width];
                int mark = sink.mark();
                String path = "/" + k;
                boolean compared;
                try {
                    compared = comparator.compareNext(pa, pb, path, sink, capA[k], capB[k]);
                } catch (JsonProcessingException e) {
                    if (e.getProcessor() != pa && e.getProcessor() != pb) {
                        // a broken limit does not name its parser: reading line k alone names file, line, column
                        a.node(k);
                        b.node(k);
                    }
                    throw e.getProcessor() == pa ? a.describe(e, from, to) : b.describe(e, from, to);
                }
                if (!compared) {
                    JsonNode na = a.node(k);
                    JsonNode nb = b.node(k);
                    capA[k] = TreeSequence.identityValues(na, capture.paths());
                    capB[k] = TreeSequence.identityValues(nb, capture.paths());
                    sink.values(path, null, na, nb, TracePosition.START);
                }
                sink.relocate(mark, TracePosition.ofEvent(capA[k], k));
                sink.foldExpectedVolatile(mark);
            }
            // More values than lines means a line holds two values: the full path reports it with its line.
            return pa.nextToken() == null && pb.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        } catch (IOException e) {
            throw new BadInputException(a.file(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether the identity key that alignment would choose gives line k the same key on both sides, for every k. */
    private boolean sameIdentities() {
        for (int s = 0; s < capture.keyCount(); s++) {
            String[] ka = keys(capA, capture.spec(s));
            String[] kb = keys(capB, capture.spec(s));
            if (ka == null || kb == null || !unique(ka) || !unique(kb)) {
                continue;
            }
            return Arrays.equals(ka, kb);
        }
        return false;
    }

    /** Every line's key text, or null if some line has none of the key's components. */
    private static String[] keys(String[][] captures, int[] spec) {
        String[] keys = new String[captures.length];
        for (int k = 0; k < captures.length; k++) {
            if (!CapturePaths.present(captures[k], spec)) {
                return null;
            }
            keys[k] = CapturePaths.keyText(captures[k], spec);
        }
        return keys;
    }

    private static boolean unique(String[] keys) {
        return new HashSet<>(Arrays.asList(keys)).size() == keys.length;
    }
}
