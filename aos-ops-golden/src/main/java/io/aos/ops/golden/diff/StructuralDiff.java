package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.UnreadableFileException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import com.fasterxml.jackson.databind.node.IntNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    StructuralDiff(DiffOptions options) {
        this.options = options;
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
            values("", null, a, b, Locus.START);
        }
    }

    /** The events of two traces, aligned by identity; byte-identical events are skipped without parsing. */
    void trace(ElementSequence a, ElementSequence b) {
        Alignment alignment = Alignment.align(a, b, options);
        if (alignment.method() == Alignment.Method.UNORDERED) {
            out.add(new RawDifference("", DiffKind.REORDERED, IntNode.valueOf(a.size()), IntNode.valueOf(b.size()),
                    "events", Locus.START));
            return;
        }
        for (Alignment.Pair p : alignment.pairs()) {
            if (p.a() >= 0 && p.b() >= 0) {
                if (!p.moved() && a.sameRaw(p.a(), b, p.b())) {
                    continue;
                }
                Locus locus = eventLocus(a, p.a());
                String path = "/" + p.a();
                int mark = mark();
                if (p.moved()) {
                    out.add(new RawDifference(path, DiffKind.REORDERED, a.node(p.a()), b.node(p.b()), null, locus));
                    values(path, null, a.node(p.a()), b.node(p.b()), locus);
                } else if (!(a instanceof JsonlSequence la && b instanceof JsonlSequence lb
                        && compareLines(la, p.a(), lb, p.b(), path))) {
                    values(path, null, a.node(p.a()), b.node(p.b()), locus);
                }
                relocate(mark, locus);
                foldExpectedVolatile(mark);
            } else if (p.a() >= 0) {
                out.add(new RawDifference("/" + p.a(), DiffKind.REMOVED, a.node(p.a()), null, null,
                        eventLocus(a, p.a())));
            } else {
                out.add(new RawDifference("/" + p.b(), DiffKind.ADDED, null, b.node(p.b()), null,
                        eventLocus(b, p.b())));
            }
        }
    }

    /** Two lines compared token by token; false when only the trees can tell. */
    private boolean compareLines(JsonlSequence a, int i, JsonlSequence b, int j, String path) {
        try (JsonParser pa = a.lineParser(i); JsonParser pb = b.lineParser(j)) {
            return NO_CAPTURE.compareNext(pa, pb, path, this, null, null);
        } catch (IOException e) {
            return false;
        }
    }

    private static final TokenComparator NO_CAPTURE = new TokenComparator(new String[0][]);

    /**
     * The fast path for two JSONL traces: reads both files once, line k against line k, token by token. Valid when
     * the traces have the same number of events and the identity key {@link Alignment} would pick gives every line
     * k the same key on both sides, which is checked afterwards; otherwise every difference found is dropped and
     * false returned, and the caller aligns the traces in full.
     */
    boolean lockstep(JsonlSequence a, JsonlSequence b) {
        int n = a.size();
        if (n != b.size() || n == 0) {
            return false;
        }
        List<String> paths = new ArrayList<>(LOCUS_PATHS);
        for (String spec : options.identityKeys()) {
            for (String component : spec.split("\\+")) {
                if (!paths.contains(component)) {
                    paths.add(component);
                }
            }
        }
        String[][] capA = new String[n][];
        String[][] capB = new String[n][];
        // Big traces are compared in two halves on two threads; each half has its own parsers and differences,
        // appended in order afterwards, so the result is the same as one pass.
        int mid = n >= parallelMinEvents && Runtime.getRuntime().availableProcessors() > 1 ? n / 2 : n;
        StructuralDiff second = new StructuralDiff(options);
        CompletableFuture<Boolean> secondHalf = mid == n ? CompletableFuture.completedFuture(true)
                : CompletableFuture.supplyAsync(() -> second.lockstepRange(a, b, mid, n, paths, capA, capB),
                        HALF_RUNNER);
        boolean firstOk = lockstepRange(a, b, 0, mid, paths, capA, capB);
        boolean secondOk;
        try {
            secondOk = secondHalf.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        if (!firstOk || !secondOk || !sameIdentities(capA, capB, paths)) {
            reset(0);
            expectedVolatile.clear();
            return false;
        }
        out.addAll(second.out);
        second.expectedVolatile.forEach((k, v) -> expectedVolatile.merge(k, v, Long::sum));
        return true;
    }

    /** Below this many events one thread compares the whole trace; package-private so tests can lower it. */
    static int parallelMinEvents = 20_000;

    static final Executor HALF_RUNNER = task -> {
        Thread t = new Thread(task, "golden-diff-half");
        t.setDaemon(true);
        t.start();
    };

    /** Lines {@code [from, to)} of both traces, token by token; false if the lines hold more values than lines. */
    private boolean lockstepRange(JsonlSequence a, JsonlSequence b, int from, int to, List<String> paths,
            String[][] capA, String[][] capB) {
        String[][] split = new String[paths.size()][];
        for (int p = 0; p < split.length; p++) {
            split[p] = paths.get(p).split("\\.");
        }
        TokenComparator comparator = new TokenComparator(split);
        try (JsonParser pa = a.rangeParser(from, to); JsonParser pb = b.rangeParser(from, to)) {
            for (int k = from; k < to; k++) {
                capA[k] = new String[split.length];
                capB[k] = new String[split.length];
                int mark = mark();
                String path = "/" + k;
                boolean compared;
                try {
                    compared = comparator.compareNext(pa, pb, path, this, capA[k], capB[k]);
                } catch (JsonProcessingException e) {
                    if (e.getProcessor() != pa && e.getProcessor() != pb) {
                        // a broken limit does not name its parser: reading line k alone names file, line, column
                        a.node(k);
                        b.node(k);
                    }
                    throw e.getProcessor() == pa ? a.describe(e, from) : b.describe(e, from);
                }
                if (!compared) {
                    JsonNode na = a.node(k);
                    JsonNode nb = b.node(k);
                    capA[k] = TreeSequence.identityValues(na, paths);
                    capB[k] = TreeSequence.identityValues(nb, paths);
                    values(path, null, na, nb, Locus.START);
                }
                relocate(mark, eventLocus(capA[k], k));
                foldExpectedVolatile(mark);
            }
            // More values than lines means a line holds two values: the full path reports it with its line.
            return pa.nextToken() == null && pb.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        } catch (IOException e) {
            throw new UnreadableFileException(a.file(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether the identity key that alignment would choose gives line k the same key on both sides, for every k. */
    private boolean sameIdentities(String[][] capA, String[][] capB, List<String> paths) {
        for (String spec : options.identityKeys()) {
            List<String> components = List.of(spec.split("\\+"));
            String[] ka = keys(capA, paths, components);
            String[] kb = keys(capB, paths, components);
            if (ka == null || kb == null || !unique(ka) || !unique(kb)) {
                continue;
            }
            return Arrays.equals(ka, kb);
        }
        return false;
    }

    private static String[] keys(String[][] cap, List<String> paths, List<String> components) {
        String[] keys = new String[cap.length];
        for (int k = 0; k < cap.length; k++) {
            StringBuilder sb = new StringBuilder();
            boolean any = false;
            for (String c : components) {
                String v = cap[k][paths.indexOf(c)];
                any |= v != null;
                sb.append(v == null ? "\u0000" : v).append('\u0001');
            }
            if (!any) {
                return null;
            }
            keys[k] = sb.toString();
        }
        return keys;
    }

    private static boolean unique(String[] keys) {
        return new HashSet<>(Arrays.asList(keys)).size() == keys.length;
    }

    /** Gives the differences recorded since {@code mark} their locus, known only once the event was read. */
    void relocate(int mark, Locus locus) {
        for (int k = mark; k < out.size(); k++) {
            RawDifference d = out.get(k);
            if (!d.locus().equals(locus)) {
                out.set(k, new RawDifference(d.path(), d.kind(), d.expected(), d.actual(), d.key(), locus));
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

    /** Paths read from every event to place it: its type, its step index and its skill. */
    static final List<String> LOCUS_PATHS = List.of("event_type", "data.index", "index", "data.skill_id", "skill_id",
            "skill", "data.skill");

    private static Locus eventLocus(ElementSequence seq, int position) {
        return eventLocus(seq.identityValues(position, LOCUS_PATHS), position);
    }

    /** The locus from the values of {@link #LOCUS_PATHS} (a longer array may follow them). */
    static Locus eventLocus(String[] v, int position) {
        if ("run_start".equals(v[0])) {
            return Locus.START;
        }
        if ("run_end".equals(v[0])) {
            return Locus.END;
        }
        int step = position;
        String index = v[1] != null ? v[1] : v[2];
        if (index != null) {
            try {
                step = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                step = position;
            }
        }
        String skill = null;
        for (int k = 3; k < LOCUS_PATHS.size() && skill == null; k++) {
            skill = v[k] != null && !v[k].startsWith("<") ? v[k] : null;
        }
        return Locus.step(step, skill);
    }

    private void objectRoot(JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String path = "/" + escape(key);
            JsonNode vb = b.get(key);
            Locus locus = rootFieldLocus(key);
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

    private static Locus rootFieldLocus(String key) {
        return FieldNames.isHash(key) || END_FIELDS.contains(FieldNames.normalise(key)) ? Locus.END : Locus.START;
    }

    /** {@code step_hashes} and the like: one step per element. */
    private void stepArray(String path, String key, JsonNode a, JsonNode b) {
        Alignment alignment = Alignment.align(new TreeSequence(a, options.volatileFields()),
                new TreeSequence(b, options.volatileFields()), options);
        if (alignment.method() == Alignment.Method.UNORDERED) {
            out.add(new RawDifference(path, DiffKind.REORDERED, a, b, key, Locus.START));
            return;
        }
        for (Alignment.Pair p : alignment.pairs()) {
            if (p.a() >= 0 && p.b() >= 0) {
                JsonNode na = a.get(p.a());
                JsonNode nb = b.get(p.b());
                Locus locus = Locus.step(p.a(), stepSkill(na));
                String elementPath = path + "/" + p.a();
                if (p.moved()) {
                    out.add(new RawDifference(elementPath, DiffKind.REORDERED, na, nb, key, locus));
                }
                values(elementPath, key, na, nb, locus);
            } else if (p.a() >= 0) {
                JsonNode na = a.get(p.a());
                out.add(new RawDifference(path + "/" + p.a(), DiffKind.REMOVED, na, null, null,
                        Locus.step(p.a(), stepSkill(na))));
            } else {
                JsonNode nb = b.get(p.b());
                out.add(new RawDifference(path + "/" + p.b(), DiffKind.ADDED, null, nb, null,
                        Locus.step(p.b(), stepSkill(nb))));
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
        String[] v = TreeSequence.identityValues(step, LOCUS_PATHS);
        for (int k = 3; k < v.length; k++) {
            if (v[k] != null && step.isObject()) {
                return v[k];
            }
        }
        return null;
    }

    /** Compares two values at {@code path}; {@code key} is the nearest object key (for classification). */
    void values(String path, String key, JsonNode a, JsonNode b, Locus locus) {
        if (a.equals(b)) {
            return;
        }
        if (a.getNodeType() != b.getNodeType()) {
            out.add(new RawDifference(path, DiffKind.TYPE_CHANGED, a, b, key, locus));
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

    private void objects(String path, JsonNode a, JsonNode b, Locus locus) {
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

    private void arrays(String path, String key, JsonNode a, JsonNode b, Locus locus) {
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
            return a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        if (a.isDouble() && b.isDouble() || a.isFloat() || b.isFloat()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y || Double.isNaN(x) && Double.isNaN(y);  // NaN is NaN, as Python's json writes it
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
