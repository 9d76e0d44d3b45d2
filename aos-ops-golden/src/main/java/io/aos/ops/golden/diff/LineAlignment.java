package io.aos.ops.golden.diff;

import java.util.Arrays;

/**
 * The identity alignment of two JSONL traces ({@link Alignment}'s first choice) found from a 64-bit hash of each
 * line's key instead of its text: every line is scanned once ({@link JsonLineScanner}) and no string is built for
 * it, so a 100,000-event trace with one inserted step is aligned in a few MB instead of millions of strings. It
 * gives exactly the alignment {@link Alignment#align} gives (the same identity key tried in the same order, the same
 * uniqueness and match rules, {@link Alignment#byMatch} for the rest); equal hashes are checked on the key text, so a
 * hash collision never matches two lines or hides a duplicate. Whenever it cannot be sure (a line the scanner is
 * unsure of, a collision between two keys of one trace, a path the scanner cannot capture, no identity key that
 * works) it answers null and the caller aligns in full, which also reports any invalid line as before.
 *
 * <p>It also places an event ({@link Positions}) from one scan of its line, as
 * {@link StructuralDiff} would from the values {@link JsonlSequence} extracts from every line.
 */
final class LineAlignment {

    private final JsonlSequence a;
    private final JsonlSequence b;
    private final CapturePaths capture;
    private final DiffOptions options;
    private Alignment alignment;

    private LineAlignment(JsonlSequence a, JsonlSequence b, CapturePaths capture, DiffOptions options) {
        this.a = a;
        this.b = b;
        this.capture = capture;
        this.options = options;
    }

    /**
     * Aligns {@code a} with {@code b} by identity when this path can be sure of giving {@link Alignment#align}'s
     * answer; null when the caller must align them in full.
     */
    static LineAlignment of(JsonlSequence a, JsonlSequence b, DiffOptions options) {
        if (a.size() == 0 || b.size() == 0) {
            return null;
        }
        CapturePaths capture = CapturePaths.of(options);
        if (!JsonLineScanner.canCapture(capture.paths())) {
            return null;
        }
        LineAlignment lines = new LineAlignment(a, b, capture, options);
        lines.alignment = lines.align();
        return lines.alignment == null ? null : lines;
    }

    /** The alignment, as {@link Alignment#align} gives it. */
    Alignment alignment() {
        return alignment;
    }

    /**
     * Places events of A and B from one scan of their lines; one instance per thread (it holds scanners).
     */
    final class Positions {
        private final JsonLineScanner scannerA = new JsonLineScanner(capture.split());
        private final JsonLineScanner scannerB = new JsonLineScanner(capture.split());

        /** Where event {@code i} of A sits. */
        TracePosition a(int i) {
            return position(a, scannerA, i);
        }

        /** Where event {@code j} of B sits. */
        TracePosition b(int j) {
            return position(b, scannerB, j);
        }
    }

    /** A new {@link Positions} for the calling thread. */
    Positions positions() {
        return new Positions();
    }

    private static TracePosition position(JsonlSequence s, JsonLineScanner scanner, int i) {
        // Every line was scanned successfully while aligning; the scanner finds the same values again.
        scanner.scan(s.data(), s.start(i), s.end(i));
        return TracePosition.ofEvent(scanner.values(s.data(), TracePosition.PATHS.size()), i);
    }

    /** Work on the lines {@code [from, to)} by one thread; false if it cannot tell. */
    @FunctionalInterface
    private interface Range {
        boolean run(int from, int to, JsonLineScanner scannerA, JsonLineScanner scannerB);
    }

    /** Runs {@code range} over {@code [0, n)}, in parts on two threads when the options allow (as TraceHalves). */
    private boolean inHalves(int n, Range range) {
        if (!options.runsInParallel() || n < options.parallelThreshold()) {
            return range.run(0, n, new JsonLineScanner(capture.split()), new JsonLineScanner(capture.split()));
        }
        int parts = TraceHalves.PARTS;
        return TraceHalves.inParts(parts, options.executor(), part -> {
            int from = TraceHalves.from(part, parts, n);
            int to = TraceHalves.from(part + 1, parts, n);
            return from == to || range.run(from, to, new JsonLineScanner(capture.split()),
                    new JsonLineScanner(capture.split()));
        });
    }

    /**
     * For one identity key, each line's key hash and whether any of the key's components is present, and where each
     * component's value is in the line: {@code spans[(i * components + c) * 2]} and {@code + 1} are its start and end
     * relative to the line's start, or the scanner's (negative) marker and 0 where it has no bytes; so that a match
     * of hashes is checked against the key's bytes without scanning both lines again.
     */
    private record Keys(long[] hash, boolean[] present, int[] spans) {
    }

    /**
     * The keys of identity key {@code k} for every line of {@code s}, scanned in parts; null if the scanner is unsure
     * of a line. A line of B byte-for-byte equal to A's line at the same position ({@code same} is A's keys) takes
     * A's hash unscanned: same bytes, same validity, same key. Keys are made one identity key at a time, so only the
     * first (the one an engine trace has) costs memory and a scan in the usual case.
     */
    private Keys keys(JsonlSequence s, int k, Keys same) {
        int n = s.size();
        int[] spec = capture.spec(k);
        int width = spec.length * 2;
        Keys keys = new Keys(new long[n], new boolean[n], new int[n * width]);
        byte[] data = s.data();
        boolean sure = inHalves(n, (from, to, sa, sb) -> {
            JsonLineScanner scanner = s == a ? sa : sb;
            int[] spans = keys.spans();
            for (int i = from; i < to; i++) {
                if (same != null && i < a.size() && a.sameRaw(i, b, i)) {
                    keys.hash()[i] = same.hash()[i];
                    keys.present()[i] = same.present()[i];
                    System.arraycopy(same.spans(), i * width, spans, i * width, width);
                    continue;
                }
                int lineStart = s.start(i);
                if (!scanner.scan(data, lineStart, s.end(i))) {
                    return false;
                }
                keys.hash()[i] = ByteLockstep.hashScanned(scanner, data, spec);
                keys.present()[i] = ByteLockstep.presentScanned(scanner, spec);
                for (int c = 0, at = i * width; c < spec.length; c++, at += 2) {
                    int st = scanner.start(spec[c]);
                    spans[at] = st >= 0 ? st - lineStart : st;
                    spans[at + 1] = st >= 0 ? scanner.end(spec[c]) - lineStart : 0;
                }
            }
            return true;
        });
        return sure ? keys : null;
    }

    private Alignment align() {
        JsonLineScanner scannerA = new JsonLineScanner(capture.split());
        JsonLineScanner scannerB = new JsonLineScanner(capture.split());
        for (int k = 0; k < capture.keyCount(); k++) {
            // Alignment.byIdentity: every line has a component of the key, the key is unique on each side, and
            // at least half of the shorter side matches.
            Keys ka = keys(a, k, null);
            if (ka == null) {
                return null;
            }
            if (!allTrue(ka.present())) {
                continue;
            }
            Keys kb = keys(b, k, ka);
            if (kb == null) {
                return null;
            }
            if (!allTrue(kb.present())) {
                continue;
            }
            int[] spec = capture.spec(k);
            Boolean uniqueB = ByteLockstep.unique(kb.hash(), j -> keyText(b, scannerB, j, spec));
            if (uniqueB == null) {
                return null;
            }
            if (!uniqueB) {
                continue;
            }
            Boolean uniqueA = ByteLockstep.unique(ka.hash(), i -> keyText(a, scannerA, i, spec));
            if (uniqueA == null) {
                return null;
            }
            if (!uniqueA) {
                continue;
            }
            int[] match = match(ka, kb, spec.length);
            if (match == null) {
                return null;
            }
            int matched = 0;
            for (int j : match) {
                matched += j >= 0 ? 1 : 0;
            }
            if (Alignment.enoughMatched(matched, a.size(), b.size())) {
                return Alignment.byMatch(match, b.size(), options.identityKeys().get(k));
            }
        }
        return null;
    }

    /**
     * For each line of A, the line of B with the same key, or -1; the hashes of each side are unique, so a line of
     * B with A's hash is the only candidate, and it matches when its key text is A's.
     */
    private int[] match(Keys ka, Keys kb, int components) {
        long[] ha = ka.hash();
        long[] hb = kb.hash();
        int capacity = Integer.highestOneBit(Math.max(2, hb.length) * 2 - 1) << 1;
        int mask = capacity - 1;
        long[] slotHash = new long[capacity];
        int[] slotLine = new int[capacity];
        Arrays.fill(slotLine, -1);
        for (int j = 0; j < hb.length; j++) {
            int s = spread(hb[j]) & mask;
            while (slotLine[s] >= 0) {
                s = (s + 1) & mask;
            }
            slotHash[s] = hb[j];
            slotLine[s] = j;
        }
        int[] match = new int[ha.length];
        boolean sure = inHalves(ha.length, (from, to, sa, sb) -> {
            for (int i = from; i < to; i++) {
                int j = -1;
                for (int s = spread(ha[i]) & mask; slotLine[s] >= 0; s = (s + 1) & mask) {
                    if (slotHash[s] == ha[i]) {
                        j = slotLine[s];
                        break;
                    }
                }
                match[i] = j >= 0 && (a.sameRaw(i, b, j) || sameKey(i, ka, j, kb, components)) ? j : -1;
            }
            return true;
        });
        return sure ? match : null;
    }

    private static int spread(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x >>> 32);
    }

    /**
     * Whether line i of A and line j of B have the same key text (their scanned values are ASCII: bytes are text),
     * from where {@link #keys} found its components.
     */
    private boolean sameKey(int i, Keys ka, int j, Keys kb, int components) {
        int[] spansA = ka.spans();
        int[] spansB = kb.spans();
        int lineA = a.start(i);
        int lineB = b.start(j);
        for (int c = 0; c < components; c++) {
            int atA = (i * components + c) * 2;
            int atB = (j * components + c) * 2;
            int sa = spansA[atA];
            int sb = spansB[atB];
            if (sa < 0 || sb < 0) {
                if (sa != sb) {
                    return false;
                }
            } else if (!Arrays.equals(a.data(), lineA + sa, lineA + spansA[atA + 1], b.data(), lineB + sb,
                    lineB + spansB[atB + 1])) {
                return false;
            }
        }
        return true;
    }

    private static String keyText(JsonlSequence s, JsonLineScanner scanner, int i, int[] spec) {
        scanner.scan(s.data(), s.start(i), s.end(i));
        return CapturePaths.keyText(scanner.values(s.data()), spec);
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
