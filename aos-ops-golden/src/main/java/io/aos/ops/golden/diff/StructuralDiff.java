package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.UnreadableFileException;
import java.io.IOException;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Walks two documents and lists their differences: objects by key, arrays by {@link Alignment}. A document whose
 * root is an array (a JSONL trace is read as one) is a trace: each element is an event whose step is found from
 * {@code event_type} and {@code data.index}. An object root with {@code step_hashes}, {@code steps} or
 * {@code events} arrays (the simulation golden format) has one step per element of those.
 */
final class StructuralDiff {

    private static final Set<String> STEP_ARRAYS = Set.of("step_hashes", "steps", "events");
    private static final Set<String> END_FIELDS = Set.of("success", "error", "status", "passed", "result");

    private final DiffOptions options;
    private final List<RawDifference> out = new ArrayList<>();
    private final Map<String, Long> expectedVolatile = new java.util.TreeMap<>();
    /** isVolatile per key name, which needs tokenising: a trace has few distinct keys and many differences. */
    private final Map<String, Boolean> volatileKeys = new java.util.HashMap<>();
    /** How many differing event pairs of a JSONL trace are kept whole before the rest are deferred. */
    private int deferAfter = Integer.MAX_VALUE;
    private int keptWhole;
    /** One string per key name, for the keys a deferred pair keeps. */
    private final Map<String, String> sharedKeys = new java.util.HashMap<>();

    StructuralDiff(DiffOptions options) {
        this.options = options;
    }

    /**
     * Keeps the differences of the first {@code n} differing event pairs of a JSONL trace whole and the rest as
     * {@link DeferredPair}s, found again only when asked for. Off (every difference kept whole) unless set.
     */
    StructuralDiff deferringAfter(int n) {
        this.deferAfter = n;
        return this;
    }

    /** A new diff with the same options and deferral, for another part of the same trace. */
    StructuralDiff sibling() {
        return new StructuralDiff(options).deferringAfter(deferAfter);
    }

    List<RawDifference> differences() {
        return out;
    }

    void documents(JsonNode a, JsonNode b) {
        if (a.isArray() && b.isArray()) {
            trace(new TreeSequence(a, options.volatileFields()), new TreeSequence(b, options.volatileFields()));
        } else if (a.isObject() && b.isObject()) {
            objectRoot(a, b);
        } else {
            values("", null, a, b, TracePosition.START);
        }
    }

    /**
     * The events of two traces, aligned by identity; byte-identical events are skipped without parsing. Two JSONL
     * traces are aligned from hashes of their lines' keys when that is sure to give the same alignment
     * ({@link LineAlignment}), else as any two arrays.
     */
    void trace(ElementSequence a, ElementSequence b) {
        LineAlignment lines = a instanceof JsonlSequence la && b instanceof JsonlSequence lb
                ? LineAlignment.of(la, lb, options) : null;
        if (lines == null) {
            traceInFull(a, b);
            return;
        }
        // The pairs in parts, as TraceHalves splits lines: each part into its own diff, appended in order.
        Alignment alignment = lines.alignment();
        int n = alignment.pairs().size();
        DeferredPair.Again again = deferAfter == Integer.MAX_VALUE ? null
                : new Recompare(a, b, alignment, lines, options);
        TraceHalves.compare(this, n, options, (sink, from, to) -> {
            LineAlignment.Positions positions = lines.positions();
            sink.trace(a, b, alignment, from, to, positions::a, positions::b, true, again);
            return true;
        });
    }

    /** Compares one pair of a line alignment again, as {@link #trace(ElementSequence, ElementSequence)} did. */
    private static final class Recompare implements DeferredPair.Again {
        private final ElementSequence a;
        private final ElementSequence b;
        private final Alignment alignment;
        private final LineAlignment lines;
        private final DiffOptions options;
        private LineAlignment.Positions positions;

        Recompare(ElementSequence a, ElementSequence b, Alignment alignment, LineAlignment lines, DiffOptions options) {
            this.a = a;
            this.b = b;
            this.alignment = alignment;
            this.lines = lines;
            this.options = options;
        }

        @Override
        public synchronized List<RawDifference> differences(int pair) {
            if (positions == null) {
                positions = lines.positions();
            }
            StructuralDiff one = new StructuralDiff(options);
            one.trace(a, b, alignment, pair, pair + 1, positions::a, positions::b, true, null);
            return one.out;
        }
    }

    /**
     * The events of two traces aligned by {@link Alignment#align} over their whole length, every event placed from
     * what the sequence extracts, every pair compared by tokens or trees: what {@link #trace} gives, the slow way (the
     * oracle its tests compare it with).
     */
    void traceInFull(ElementSequence a, ElementSequence b) {
        Alignment alignment = Alignment.align(a, b, options);
        trace(a, b, alignment, 0, alignment.pairs().size(), i -> eventPosition(a, i), j -> eventPosition(b, j), false,
                null);
    }

    /**
     * The events of two traces as pairs {@code [fromPair, toPair)} of {@code alignment} pair them; {@code positionA/B}
     * place an event of A or B.
     * {@code validated}: every line of both (JSONL) traces was accepted by {@link JsonLineScanner}, so a pair of lines
     * may first be compared on its bytes ({@link LinePairComparator}).
     * {@code again}: compares a pair again, for the pairs deferred beyond {@link #deferringAfter}; null: none deferred.
     */
    private void trace(ElementSequence a, ElementSequence b, Alignment alignment, int fromPair, int toPair,
            IntFunction<TracePosition> positionA, IntFunction<TracePosition> positionB, boolean validated,
            DeferredPair.Again again) {
        if (alignment.method() == Alignment.Method.UNORDERED) {
            out.add(new RawDifference("", DiffKind.REORDERED, IntNode.valueOf(a.size()), IntNode.valueOf(b.size()),
                    "events", TracePosition.START));
            return;
        }
        List<Alignment.Pair> pairs = alignment.pairs();
        for (int k = fromPair; k < toPair; k++) {
            Alignment.Pair p = pairs.get(k);
            if (p.a() >= 0 && p.b() >= 0) {
                if (!p.moved() && a.sameRaw(p.a(), b, p.b())) {
                    continue;
                }
                TracePosition locus = positionA.apply(p.a());
                String path = "/" + p.a();
                int mark = mark();
                if (p.moved()) {
                    out.add(new RawDifference(path, DiffKind.REORDERED, a.node(p.a()), b.node(p.b()), null, locus));
                    values(path, null, a.node(p.a()), b.node(p.b()), locus);
                } else if (!(a instanceof JsonlSequence la && b instanceof JsonlSequence lb
                        && (validated && pairComparator.compare(la.data(), la.start(p.a()), la.end(p.a()), lb.data(),
                                lb.start(p.b()), lb.end(p.b()), path, this)
                            || compareLines(la, p.a(), lb, p.b(), path)))) {
                    values(path, null, a.node(p.a()), b.node(p.b()), locus);
                }
                relocate(mark, locus);
                foldExpectedVolatile(mark);
                if (again != null && out.size() > mark && keptWhole++ >= deferAfter) {
                    defer(mark, k, locus, again);
                }
            } else if (p.a() >= 0) {
                out.add(new RawDifference("/" + p.a(), DiffKind.REMOVED, a.node(p.a()), null, null,
                        positionA.apply(p.a())));
            } else {
                out.add(new RawDifference("/" + p.b(), DiffKind.ADDED, null, b.node(p.b()), null,
                        positionB.apply(p.b())));
            }
        }
    }

    /** Replaces the differences recorded since {@code mark}, those of pair {@code pair}, by one deferred entry. */
    private void defer(int mark, int pair, TracePosition locus, DeferredPair.Again again) {
        int n = out.size() - mark;
        String[] keys = new String[n];
        DiffKind[] kinds = new DiffKind[n];
        for (int k = 0; k < n; k++) {
            RawDifference d = out.get(mark + k);
            keys[k] = d.key() == null ? null : sharedKeys.computeIfAbsent(d.key(), x -> x);
            kinds[k] = d.kind();
        }
        reset(mark);
        out.add(RawDifference.standingFor(new DeferredPair(pair, keys, kinds, again), locus));
    }

    /** Two lines compared token by token; false when only the trees can tell. */
    private boolean compareLines(JsonlSequence a, int i, JsonlSequence b, int j, String path) {
        try (JsonParser pa = a.lineParser(i); JsonParser pb = b.lineParser(j)) {
            return noCapture.compareNext(pa, pb, path, this, null, null);
        } catch (IOException e) {
            return false;
        }
    }

    /** Per instance: a comparator keeps the keys of the value it walks, and diffs may run on several threads. */
    private final TokenComparator noCapture = new TokenComparator(new String[0][]);
    private final LinePairComparator pairComparator = new LinePairComparator();

    /** Appends what {@code later} recorded (a later part of a trace) after what this one recorded. */
    void append(StructuralDiff later) {
        out.addAll(later.out);
        later.expectedVolatile.forEach((k, v) -> expectedVolatile.merge(k, v, Long::sum));
    }

    /** Drops everything recorded: a tier that could not tell leaves nothing behind for the next one. */
    void clear() {
        out.clear();
        expectedVolatile.clear();
    }

    /** Gives the differences recorded since {@code mark} their locus, known only once the event was read. */
    void relocate(int mark, TracePosition locus) {
        for (int k = mark; k < out.size(); k++) {
            RawDifference d = out.get(k);
            if (!d.position().equals(locus)) {
                out.set(k, new RawDifference(d.path(), d.kind(), d.expected(), d.actual(), d.key(), locus,
                        d.deferred()));
            }
        }
    }

    int mark() {
        return out.size();
    }

    void reset(int mark) {
        out.subList(mark, out.size()).clear();
    }

    /**
     * When every difference of one event pair is in a volatile field, they are expected-volatile whatever else
     * happens (no hash of that event changed): count them per field instead of keeping 300,000 objects for a
     * 100,000-step replay whose every timestamp differs. {@link DiffOptions#listExpectedVolatile()} keeps them.
     */
    void foldExpectedVolatile(int mark) {
        if (options.listExpectedVolatile() || mark == out.size()) {
            return;
        }
        for (int k = mark; k < out.size(); k++) {
            String key = out.get(k).key();
            if (key == null || !isVolatileKey(key)) {
                return;
            }
        }
        for (int k = mark; k < out.size(); k++) {
            expectedVolatile.merge(out.get(k).key(), 1L, Long::sum);
        }
        reset(mark);
    }

    /** Whether differences under this object key are expected-volatile (cached: a trace has few distinct keys). */
    boolean isVolatileKey(String key) {
        return volatileKeys.computeIfAbsent(key, x -> FieldNames.isVolatile(x, options.volatileFields()));
    }

    /** Expected-volatile differences counted, not listed, by field name. */
    Map<String, Long> expectedVolatile() {
        return expectedVolatile;
    }

    private static TracePosition eventPosition(ElementSequence seq, int position) {
        return TracePosition.ofEvent(seq.identityValues(position, TracePosition.PATHS), position);
    }

    private void objectRoot(JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String path = "/" + escape(key);
            JsonNode vb = b.get(key);
            TracePosition locus = rootFieldLocus(key);
            if (vb == null) {
                out.add(new RawDifference(path, DiffKind.REMOVED, e.getValue(), null, key, locus));
            } else if (STEP_ARRAYS.contains(key) && e.getValue().isArray() && vb.isArray()) {
                stepArray(path, key, e.getValue(), vb);
            } else {
                values(path, key, e.getValue(), vb, locus);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!a.has(e.getKey())) {
                out.add(new RawDifference("/" + escape(e.getKey()), DiffKind.ADDED, null, e.getValue(), e.getKey(),
                        rootFieldLocus(e.getKey())));
            }
        }
    }

    private static TracePosition rootFieldLocus(String key) {
        return FieldNames.isHash(key) || END_FIELDS.contains(FieldNames.normalise(key)) ? TracePosition.END
                : TracePosition.START;
    }

    /** {@code step_hashes} and the like: one step per element. */
    private void stepArray(String path, String key, JsonNode a, JsonNode b) {
        Alignment alignment = Alignment.align(new TreeSequence(a, options.volatileFields()),
                new TreeSequence(b, options.volatileFields()), options);
        if (alignment.method() == Alignment.Method.UNORDERED) {
            out.add(new RawDifference(path, DiffKind.REORDERED, a, b, key, TracePosition.START));
            return;
        }
        for (Alignment.Pair p : alignment.pairs()) {
            if (p.a() >= 0 && p.b() >= 0) {
                JsonNode na = a.get(p.a());
                JsonNode nb = b.get(p.b());
                TracePosition locus = TracePosition.step(p.a(), stepSkill(na));
                String elementPath = path + "/" + p.a();
                if (p.moved()) {
                    out.add(new RawDifference(elementPath, DiffKind.REORDERED, na, nb, key, locus));
                }
                values(elementPath, key, na, nb, locus);
            } else if (p.a() >= 0) {
                JsonNode na = a.get(p.a());
                out.add(new RawDifference(path + "/" + p.a(), DiffKind.REMOVED, na, null, null,
                        TracePosition.step(p.a(), stepSkill(na))));
            } else {
                JsonNode nb = b.get(p.b());
                out.add(new RawDifference(path + "/" + p.b(), DiffKind.ADDED, null, nb, null,
                        TracePosition.step(p.b(), stepSkill(nb))));
            }
        }
    }

    /** {@code "mock_io:87bec47e62613a99"} names its skill before the last colon; an object names it in a field. */
    private static String stepSkill(JsonNode step) {
        if (step.isTextual()) {
            String s = step.textValue();
            int colon = s.lastIndexOf(':');
            return colon > 0 ? s.substring(0, colon) : null;
        }
        String[] v = TreeSequence.identityValues(step, TracePosition.PATHS);
        for (int k = 3; k < v.length; k++) {
            if (v[k] != null && step.isObject()) {
                return v[k];
            }
        }
        return null;
    }

    /** Compares two values at {@code path}; {@code key} is the nearest object key (for classification). */
    void values(String path, String key, JsonNode a, JsonNode b, TracePosition locus) {
        if (a.equals(b)) {
            return;
        }
        if (a.getNodeType() != b.getNodeType()) {
            out.add(new RawDifference(path, DiffKind.TYPE_CHANGED, a, b, key, locus));
            return;
        }
        if (a.isContainerNode() && key != null && isVolatileKey(key)) {
            // a volatile key is ignored with its whole subtree (upstream drops it, value and all): one difference
            // of that key, whatever changed inside
            out.add(new RawDifference(path, DiffKind.CHANGED, a, b, key, locus));
            return;
        }
        switch (a.getNodeType()) {
            case OBJECT -> objects(path, a, b, locus);
            case ARRAY -> arrays(path, key, a, b, locus);
            case NUMBER -> {
                if (!sameNumber(a, b) || a.isIntegralNumber() != b.isIntegralNumber()) {
                    out.add(new RawDifference(path, DiffKind.CHANGED, a, b, key, locus));
                }
            }
            default -> out.add(new RawDifference(path, DiffKind.CHANGED, a, b, key, locus));
        }
    }

    private void objects(String path, JsonNode a, JsonNode b, TracePosition locus) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String childPath = path + "/" + escape(e.getKey());
            JsonNode vb = b.get(e.getKey());
            if (vb == null) {
                out.add(new RawDifference(childPath, DiffKind.REMOVED, e.getValue(), null, e.getKey(), locus));
            } else {
                values(childPath, e.getKey(), e.getValue(), vb, locus);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!a.has(e.getKey())) {
                out.add(new RawDifference(path + "/" + escape(e.getKey()), DiffKind.ADDED, null, e.getValue(),
                        e.getKey(), locus));
            }
        }
    }

    private void arrays(String path, String key, JsonNode a, JsonNode b, TracePosition locus) {
        Alignment alignment = Alignment.align(new TreeSequence(a, options.volatileFields()),
                new TreeSequence(b, options.volatileFields()), options);
        if (alignment.method() == Alignment.Method.UNORDERED) {
            out.add(new RawDifference(path, DiffKind.REORDERED, a, b, key, locus));
            return;
        }
        for (Alignment.Pair p : alignment.pairs()) {
            if (p.a() >= 0 && p.b() >= 0) {
                String elementPath = path + "/" + p.a();
                if (p.moved()) {
                    out.add(new RawDifference(elementPath, DiffKind.REORDERED, a.get(p.a()), b.get(p.b()), key,
                            locus));
                }
                values(elementPath, key, a.get(p.a()), b.get(p.b()), locus);
            } else if (p.a() >= 0) {
                out.add(new RawDifference(path + "/" + p.a(), DiffKind.REMOVED, a.get(p.a()), null, key, locus));
            } else {
                out.add(new RawDifference(path + "/" + p.b(), DiffKind.ADDED, null, b.get(p.b()), key, locus));
            }
        }
    }

    static boolean sameNumber(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            if ((a.isInt() || a.isLong()) && (b.isInt() || b.isLong())) {
                // no BigInteger for the step indexes and counters of a trace (two per difference otherwise)
                return a.longValue() == b.longValue();
            }
            return a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        if (a.isDouble() && b.isDouble() || a.isFloat() || b.isFloat()) {
            // Double.compare: NaN is NaN, as Python's json writes it, and -0.0 is not 0.0 (json.dumps writes "-0.0",
            // so the canonical form, and the hash of the step, differ)
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        BigDecimal da = decimal(a);
        BigDecimal db = decimal(b);
        return da != null && db != null && da.compareTo(db) == 0;
    }

    static BigDecimal decimal(JsonNode n) {
        if (n.isIntegralNumber()) {
            return new BigDecimal(n.bigIntegerValue());
        }
        double d = n.doubleValue();
        if (n.isBigDecimal()) {
            return n.decimalValue();
        }
        return Double.isFinite(d) ? new BigDecimal(d) : null;
    }

    /** RFC 6901: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return key;
        }
        return key.replace("~", "~0").replace("/", "~1");
    }
}
