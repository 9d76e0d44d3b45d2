package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The fast path for two JSONL traces with as many events, where almost every line of the replay is byte-for-byte
 * the line of its golden file: such a line is only scanned once ({@link JsonLineScanner}: is it valid, what is its
 * identity), never tokenised twice and compared. A pair of lines that differ only in volatile values (a replay's
 * timestamps) is counted on its bytes ({@link VolatileOnly}); only the other lines whose bytes differ go through the
 * token comparison of {@link TokenLockstep}. The result is the one {@link TokenLockstep} gives, differences in the
 * same order;
 * whenever this path cannot be sure of that (a line the scanner is unsure of and Jackson rejects, a line holding two
 * values, a hash collision between identities) it answers {@link Outcome#UNSURE}, keeps nothing, and the caller
 * runs {@link TokenLockstep}, which reports such input as it always did.
 *
 * <p>Identities are kept as a 64-bit hash per line and identity key (of exactly the key text {@link TokenLockstep}
 * builds), not as strings: a 100,000-event trace needs a few MB instead of a million strings. Equal hashes are
 * checked on the text before an identity is declared not unique.
 */
final class ByteLockstep {

    enum Outcome {
        /** The traces were compared line by line; the differences are in the {@link StructuralDiff}. */
        COMPARED,
        /** Line by line is not how the traces align (as {@link TokenLockstep} returning false): align them in full. */
        NOT_IN_STEP,
        /** This path cannot tell; nothing was kept: run {@link TokenLockstep}. */
        UNSURE
    }

    private final StructuralDiff diff;
    private final JsonlSequence a;
    private final JsonlSequence b;
    private final DiffOptions options;
    private final CapturePaths capture;
    private final String[][] split;
    /** Per identity key and line, the hash of its key text in A, and whether any component is present. */
    private final long[][] hashA;
    private final boolean[][] presentA;
    /**
     * Captured values of the lines Jackson read: both sides of a line whose bytes differ, and side A of an equal
     * line the scanner was unsure of (whose B is the same). Null for every other line, including a line counted as
     * volatile-only whose identity values are the same on both sides. The parts fill disjoint ranges.
     */
    private final String[][] capturesA;
    private final String[][] capturesB;

    private ByteLockstep(StructuralDiff diff, JsonlSequence a, JsonlSequence b, DiffOptions options,
            CapturePaths capture) {
        this.diff = diff;
        this.a = a;
        this.b = b;
        this.options = options;
        this.capture = capture;
        this.split = capture.split();
        this.hashA = new long[capture.keyCount()][a.size()];
        this.presentA = new boolean[capture.keyCount()][a.size()];
        this.capturesA = new String[a.size()][];
        this.capturesB = new String[a.size()][];
    }

    /** Compares {@code a} and {@code b} line by line into {@code diff} when it can; see {@link Outcome}. */
    static Outcome compare(StructuralDiff diff, JsonlSequence a, JsonlSequence b, DiffOptions options) {
        int n = a.size();
        if (n != b.size() || n == 0) {
            return Outcome.NOT_IN_STEP;
        }
        CapturePaths capture = CapturePaths.of(options);
        if (!JsonLineScanner.canCapture(capture.paths())) {
            return Outcome.UNSURE;
        }
        Outcome outcome = new ByteLockstep(diff, a, b, options, capture).run();
        if (outcome != Outcome.COMPARED) {
            diff.clear();
        }
        return outcome;
    }

    private Outcome run() {
        if (!TraceHalves.compare(diff, a.size(), options, this::lines)) {
            return Outcome.UNSURE;
        }
        return identities();
    }

    /**
     * Lines {@code [from, to)}: scan the equal ones, compare each run of differing ones token by token; false when
     * this path cannot tell.
     */
    private boolean lines(StructuralDiff sink, int from, int to) {
        boolean sure = true;
        JsonLineScanner scanner = new JsonLineScanner(split);
        TokenComparator comparator = new TokenComparator(split);
        byte[] data = a.data();
        VolatileOnly volatileOnly = options.listExpectedVolatile() ? null : new VolatileOnly(sink);
        int k = from;
        while (k < to && sure) {
            if (!a.sameRaw(k, b, k)) {
                if (volatileOnly != null && volatileOnly.counted(scanner, k)) {
                    k++;
                    continue;
                }
                // A run of lines that need the token comparison. A line only counted (no difference object)
                // may be taken out of the run's middle: counts do not depend on order.
                int run = k + 1;
                int counted = -1;
                while (run < to && !a.sameRaw(run, b, run)) {
                    if (volatileOnly != null && volatileOnly.counted(scanner, run)) {
                        counted = run;
                        break;
                    }
                    run++;
                }
                sure = compareRun(sink, comparator, k, run);
                k = counted >= 0 ? counted + 1 : run;
                continue;
            }
            if (scanner.scan(data, a.start(k), a.end(k))) {
                hashScanned(scanner, data, k);
            } else {
                String[] cap = capturedByJackson(comparator, sink, k);
                if (cap == null) {
                    sure = false;
                } else {
                    capturesA[k] = cap;
                    hashCaptured(cap, k);
                }
            }
            k++;
        }
        return sure;
    }

    /** Line k of A read by Jackson alone (against itself), for its captures; null if it is not one valid value. */
    private String[] capturedByJackson(TokenComparator comparator, StructuralDiff sink, int k) {
        String[] cap = new String[split.length];
        String[] same = new String[split.length];
        int mark = sink.mark();
        try (JsonParser p1 = a.lineParser(k); JsonParser p2 = a.lineParser(k)) {
            if (!comparator.compareNext(p1, p2, "/" + k, sink, cap, same) || sink.mark() != mark
                    || p1.nextToken() != null) {
                sink.reset(mark);
                return null;
            }
            return cap;
        } catch (IOException | RuntimeException e) {
            sink.reset(mark);
            return null;
        }
    }

    /**
     * Lines {@code [from, to)} of A and B, each differing in bytes, exactly as {@link TokenLockstep} compares them (one
     * parser over the run on each side); false if unsure, e.g. a line holds two values.
     */
    private boolean compareRun(StructuralDiff sink, TokenComparator comparator, int from, int to) {
        try (JsonParser pa = a.rangeParser(from, to); JsonParser pb = b.rangeParser(from, to)) {
            for (int k = from; k < to; k++) {
                String[] capA = new String[split.length];
                String[] capB = new String[split.length];
                int mark = sink.mark();
                String path = "/" + k;
                if (!comparator.compareNext(pa, pb, path, sink, capA, capB)) {
                    JsonNode na = a.node(k);
                    JsonNode nb = b.node(k);
                    capA = TreeSequence.identityValues(na, capture.paths());
                    capB = TreeSequence.identityValues(nb, capture.paths());
                    sink.values(path, null, na, nb, TracePosition.START);
                }
                sink.relocate(mark, TracePosition.ofEvent(capA, k));
                sink.foldExpectedVolatile(mark);
                capturesA[k] = capA;
                capturesB[k] = capB;
                hashCaptured(capA, k);
            }
            return pa.nextToken() == null && pb.nextToken() == null;
        } catch (IOException | AosOpsException e) {
            return false;
        }
    }

    /**
     * Two lines that differ in bytes, compared on their bytes when both are lines the scanner is sure of: when they
     * have the same tokens except scalar values under volatile keys (outside arrays), {@link TokenLockstep} would
     * record one difference per such value and then fold them all into the expected-volatile counts, which is
     * all this does. Anything else (a key, structure or non-volatile value differs, a value inside an array, an
     * escape or a float in a differing value) is left to the token comparison.
     */
    private final class VolatileOnly {
        private final StructuralDiff sink;
        private final JsonTokens ta = new JsonTokens();
        private final JsonTokens tb = new JsonTokens();
        private final List<String> keys = new ArrayList<>();
        private final boolean[] isArray = new boolean[JsonTokens.MAX_DEPTH + 2];
        private final int[] keyStart = new int[JsonTokens.MAX_DEPTH + 2];
        private final int[] keyEnd = new int[JsonTokens.MAX_DEPTH + 2];
        private final byte[][] ancestorKey = new byte[JsonTokens.MAX_DEPTH + 2][];
        private final boolean[] ancestorVolatile = new boolean[JsonTokens.MAX_DEPTH + 2];

        private final int[] startB = new int[split.length];
        private final int[] endB = new int[split.length];

        VolatileOnly(StructuralDiff sink) {
            this.sink = sink;
        }

        /** Whether A's captures (in the scanner) are B's (in startB/endB), value for value. */
        private boolean sameCaptures(JsonLineScanner scanner, byte[] da, byte[] db) {
            for (int c = 0; c < startB.length; c++) {
                int s = scanner.start(c);
                if (s < 0 || startB[c] < 0 ? s != startB[c]
                        : !Arrays.equals(da, s, scanner.end(c), db, startB[c], endB[c])) {
                    return false;
                }
            }
            return true;
        }

        /** True when line k's differences were all counted as expected-volatile (and its identity kept). */
        boolean counted(JsonLineScanner scanner, int k) {
            byte[] da = a.data();
            byte[] db = b.data();
            if (!scanner.scan(db, b.start(k), b.end(k))) {
                return false;
            }
            for (int c = 0; c < startB.length; c++) {
                startB[c] = scanner.start(c);
                endB[c] = scanner.end(c);
            }
            if (!scanner.scan(da, a.start(k), a.end(k))) {
                return false;
            }
            keys.clear();
            if (!onlyVolatile(da, a.start(k), a.end(k), db, b.start(k), b.end(k))) {
                return false;
            }
            for (String key : keys) {
                sink.expectedVolatile().merge(key, 1L, Long::sum);
            }
            if (sameCaptures(scanner, da, db)) {
                // Same identity on both sides, as for a line equal in bytes: nothing to keep but A's hashes.
                hashScanned(scanner, da, k);
            } else {
                String[] capA = scanner.values(da);
                capturesA[k] = capA;
                capturesB[k] = JsonLineScanner.values(db, startB, endB);
                hashCaptured(capA, k);
            }
            return true;
        }

        private boolean onlyVolatile(byte[] da, int fa, int ea, byte[] db, int fb, int eb) {
            ta.reset(da, fa, ea);
            tb.reset(db, fb, eb);
            int depth = 0;
            int arrays = 0;
            boolean expectKey = false;
            while (true) {
                int t = ta.next();
                if (t != tb.next()) {
                    return false;
                }
                switch (t) {
                    case JsonTokens.END:
                        return depth == 0;
                    case JsonTokens.OBJECT_START, JsonTokens.ARRAY_START:
                        if (depth > JsonTokens.MAX_DEPTH) {
                            return false;
                        }
                        depth++;
                        isArray[depth] = t == JsonTokens.ARRAY_START;
                        arrays += isArray[depth] ? 1 : 0;
                        expectKey = !isArray[depth];
                        break;
                    case JsonTokens.OBJECT_END, JsonTokens.ARRAY_END:
                        arrays -= isArray[depth] ? 1 : 0;
                        depth--;
                        expectKey = false;
                        break;
                    case JsonTokens.COMMA:
                        expectKey = depth > 0 && !isArray[depth];
                        break;
                    case JsonTokens.COLON:
                        expectKey = false;
                        break;
                    default:
                        boolean same = Arrays.equals(da, ta.start, ta.end, db, tb.start, tb.end);
                        if (expectKey) {
                            if (!same) {
                                return false;
                            }
                            keyStart[depth] = ta.start;
                            keyEnd[depth] = ta.end;
                        } else if (!same && !volatileValue(t, da, db, depth, arrays)) {
                            return false;
                        }
                }
            }
        }

        /** A differing scalar that the token lockstep would record, under a volatile key, outside any array. */
        private boolean volatileValue(int t, byte[] da, byte[] db, int depth, int arrays) {
            if (arrays > 0 || depth == 0) {
                return false;
            }
            if (t == JsonTokens.STRING ? escaped(da, ta) || escaped(db, tb)
                    : t == JsonTokens.NUMBER && (!integer(da, ta) || !integer(db, tb))) {
                return false;
            }
            // The key, in A's bytes (equal in B): its quotes are not part of the text.
            int ks = keyStart[depth] + 1;
            int ke = keyEnd[depth] - 1;
            for (int i = ks; i < ke; i++) {
                if (da[i] < 0x20 || da[i] == '\\') {
                    return false;
                }
            }
            String key = new String(da, ks, ke - ks, StandardCharsets.UTF_8);
            if (!sink.isVolatileKey(key) || underVolatileKey(da, depth)) {
                return false;
            }
            keys.add(key);
            return true;
        }

        /**
         * Whether an object key above depth {@code depth} is volatile (or not plain): the token comparison counts a
         * change inside a volatile key's subtree as one of that key, not of the inner one. Lines repeat their keys,
         * so each depth remembers its last key's bytes and answer instead of decoding it again.
         */
        private boolean underVolatileKey(byte[] da, int depth) {
            for (int d = 1; d < depth; d++) {
                if (isArray[d]) {
                    continue;
                }
                int ks = keyStart[d] + 1;
                int ke = keyEnd[d] - 1;
                byte[] last = ancestorKey[d];
                if (last == null || !Arrays.equals(da, ks, ke, last, 0, last.length)) {
                    boolean plain = true;
                    for (int i = ks; i < ke; i++) {
                        plain &= da[i] >= 0x20 && da[i] != '\\';
                    }
                    ancestorKey[d] = Arrays.copyOfRange(da, ks, ke);
                    ancestorVolatile[d] = !plain || sink.isVolatileKey(new String(da, ks, ke - ks,
                            StandardCharsets.UTF_8));
                }
                if (ancestorVolatile[d]) {
                    return true;
                }
            }
            return false;
        }

        private boolean escaped(byte[] data, JsonTokens token) {
            for (int i = token.start; i < token.end; i++) {
                if (data[i] == '\\') {
                    return true;
                }
            }
            return false;
        }

        /** An integer other than -0 (which equals 0): different bytes mean a different value. */
        private boolean integer(byte[] data, JsonTokens token) {
            for (int i = token.start; i < token.end; i++) {
                byte c = data[i];
                if (c == '.' || c == 'e' || c == 'E') {
                    return false;
                }
            }
            return !(token.end - token.start == 2 && data[token.start] == '-' && data[token.start + 1] == '0');
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    /** The hashes of line k's identity keys from the value ranges the scanner found. */
    private void hashScanned(JsonLineScanner scanner, byte[] data, int k) {
        for (int s = 0; s < capture.keyCount(); s++) {
            hashA[s][k] = hashScanned(scanner, data, capture.spec(s));
            presentA[s][k] = presentScanned(scanner, capture.spec(s));
        }
    }

    /**
     * The hash of the key text ({@link CapturePaths#keyText}) of identity key {@code spec} in the line the scanner
     * last scanned (successfully) in {@code data}: the same value {@link #hash} gives for its captured values.
     */
    static long hashScanned(JsonLineScanner scanner, byte[] data, int[] spec) {
        long h = FNV_OFFSET;
        for (int c : spec) {
            int st = scanner.start(c);
            if (st == JsonLineScanner.ABSENT) {
                h = (h ^ 0) * FNV_PRIME;
            } else if (st >= 0) {
                for (int i = st, e = scanner.end(c); i < e; i++) {
                    h = (h ^ data[i]) * FNV_PRIME;
                }
            } else {
                for (byte m : st == JsonLineScanner.OBJECT ? JsonLineScanner.OBJECT_MARKER
                        : JsonLineScanner.ARRAY_MARKER) {
                    h = (h ^ m) * FNV_PRIME;
                }
            }
            h = (h ^ 1) * FNV_PRIME;
        }
        return h;
    }

    /** Whether any component of identity key {@code spec} is present in the line the scanner last scanned. */
    static boolean presentScanned(JsonLineScanner scanner, int[] spec) {
        for (int c : spec) {
            if (scanner.start(c) != JsonLineScanner.ABSENT) {
                return true;
            }
        }
        return false;
    }

    private void hashCaptured(String[] cap, int k) {
        for (int s = 0; s < capture.keyCount(); s++) {
            hashA[s][k] = hash(cap, capture.spec(s));
            presentA[s][k] = CapturePaths.present(cap, capture.spec(s));
        }
    }

    /** The hash of {@link CapturePaths#keyText} without building it. */
    private static long hash(String[] cap, int[] spec) {
        long h = FNV_OFFSET;
        for (int c : spec) {
            String v = cap[c];
            if (v == null) {
                h = (h ^ 0) * FNV_PRIME;
            } else {
                for (int i = 0; i < v.length(); i++) {
                    h = (h ^ v.charAt(i)) * FNV_PRIME;
                }
            }
            h = (h ^ 1) * FNV_PRIME;
        }
        return h;
    }

    /**
     * {@link TokenLockstep}'s identity check: the first identity key present in every line and unique on both sides
     * must give line k the same key on both sides. Lines equal in bytes have equal keys; only the others are read.
     */
    private Outcome identities() {
        int[] differing = IntStream.range(0, capturesB.length).filter(k -> capturesB[k] != null)
                .toArray();
        JsonLineScanner scanner = new JsonLineScanner(split);
        for (int s = 0; s < capture.keyCount(); s++) {
            if (!allTrue(presentA[s])) {
                continue;
            }
            int[] spec = capture.spec(s);
            long[] hb = hashA[s].clone();
            boolean presentB = true;
            for (int k : differing) {
                hb[k] = hash(capturesB[k], spec);
                presentB &= CapturePaths.present(capturesB[k], spec);
            }
            if (!presentB) {
                continue;
            }
            Boolean uniqueA = unique(hashA[s], k -> keyA(k, spec, scanner));
            Boolean uniqueB = differing.length == 0 ? uniqueA
                    : unique(hb, k -> capturesB[k] != null ? CapturePaths.keyText(capturesB[k], spec)
                            : keyA(k, spec, scanner));
            if (uniqueA == null || uniqueB == null) {
                return Outcome.UNSURE;
            }
            if (!uniqueA || !uniqueB) {
                continue;
            }
            for (int k : differing) {
                if (!CapturePaths.keyText(capturesA[k], spec).equals(CapturePaths.keyText(capturesB[k], spec))) {
                    return Outcome.NOT_IN_STEP;
                }
            }
            return Outcome.COMPARED;
        }
        return Outcome.NOT_IN_STEP;
    }

    /** The key text of line k of A for the identity key {@code spec}. */
    private String keyA(int k, int[] spec, JsonLineScanner scanner) {
        String[] cap = capturesA[k];
        if (cap == null) {
            // The scanner accepted this line before; it finds the same values again.
            scanner.scan(a.data(), a.start(k), a.end(k));
            cap = scanner.values(a.data());
        }
        return CapturePaths.keyText(cap, spec);
    }

    /**
     * Whether the keys hashed in {@code hashes} are unique: true when every hash differs, false when two lines with
     * one hash have the same key text, null when they have not (a collision: this path gives up).
     */
    static Boolean unique(long[] hashes, IntFunction<String> key) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                long h = sorted[i];
                int first = -1;
                for (int k = 0; k < hashes.length; k++) {
                    if (hashes[k] != h) {
                        continue;
                    }
                    if (first < 0) {
                        first = k;
                    } else {
                        return key.apply(first).equals(key.apply(k)) ? Boolean.FALSE : null;
                    }
                }
            }
        }
        return Boolean.TRUE;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
