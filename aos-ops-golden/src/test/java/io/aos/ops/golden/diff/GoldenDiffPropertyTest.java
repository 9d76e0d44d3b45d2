package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random JSON documents of every shape (scalars, arrays and objects at the top, engine {@code
 * .steps.jsonl} traces, simulation {@code .golden.json} goldens), the diff says MATCH exactly when an independent
 * oracle (tree equality after removing the volatile fields, numbers by value as Python's json writes them: NaN equal
 * to NaN, -0.0 not 0.0) says the documents are equal. The documents are written in random layouts (whitespace, key
 * order, string escapes), and every tier is
 * run on its own: the tree walk, the byte fast path ({@link ByteLockstep}), the token lockstep and the full
 * alignment of two JSONL traces, plus the public entry point that picks among them.
 */
class GoldenDiffPropertyTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The volatile keys the generator uses; the oracle removes exactly these. */
    private static final List<String> VOLATILE = List.of("timestamp", "duration_ms", "run_id", "created_at",
            "latency_ms");
    /** Non-volatile keys, including the identity keys alignment looks for. */
    private static final List<String> KEYS = List.of("alpha", "beta", "count", "value", "items", "name", "id",
            "label", "nested", "flag", "x", "y", "payload", "total", "status", "output");
    private static final String CHARS = "abcxyz AZ09\"\\/\t\n\u0001\u00e9\u4e2d\ud83d\ude00";

    @TempDir
    Path tmp;

    private DiffOptions options = DiffOptions.defaults();
    private int files;
    private final int[] tierHits = new int[4];

    @Test
    void anyChangeOutsideVolatileFieldsIsNeverMatchAndAnotherLayoutAlwaysIs() throws Exception {
        Random r = new Random(20261202L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        DiffOptions onePass = options;
        try {
            for (int i = 0; i < 600; i++) {
                int kind = i % 3;
                // Some traces are compared in two halves on two threads, as a long trace is.
                options = i % 4 == 0 ? onePass.withExecutor(pool).withParallelThreshold(2) : onePass;
                Supplier<JsonNode> gen = switch (kind) {
                    case 0 -> () -> value(r, 0, true);
                    case 1 -> () -> engineTrace(r);
                    default -> () -> simulation(r);
                };
                JsonNode expected = gen.get();
                JsonNode sameContent = volatileNoise(r, expected.deepCopy());
                check(r, kind, expected, sameContent, i, true);
                JsonNode changed = volatileNoise(r, mutate(r, expected.deepCopy(), kind == 1));
                check(r, kind, expected, changed, i, oracleEqual(expected, changed));
                if (kind != 2) {
                    // any JSON values, one per line, as a JSONL file
                    ArrayNode lines = F.arrayNode();
                    int n = 1 + r.nextInt(5);
                    for (int k = 0; k < n; k++) {
                        lines.add(value(r, 1, true));
                    }
                    JsonNode other = volatileNoise(r, mutate(r, lines.deepCopy(), true));
                    check(r, 1, lines, other, i, oracleEqual(lines, other));
                }
            }
        } finally {
            pool.shutdownNow();
            options = onePass;
        }
        // every tier was reached: the byte path and the token lockstep compared whole traces many times
        assertThat(tierHits[0]).as("byte fast path COMPARED").isGreaterThan(60);
        assertThat(tierHits[1]).as("token lockstep compared").isGreaterThan(60);
        assertThat(tierHits[2]).as("full alignment").isGreaterThan(200);
        assertThat(tierHits[3]).as("tree walk").isGreaterThan(400);
    }

    /**
     * A volatile key is ignored with its whole subtree, as upstream drops it: a change anywhere under one (a value
     * inside, a key added or removed inside, its type, its removal) never changes the verdict, which stays the
     * oracle's (MATCH exactly when the documents are equal outside volatile keys), in every tier.
     */
    @Test
    void anyChangeUnderAVolatileKeyNeverChangesTheVerdict() throws Exception {
        Random r = new Random(20261203L);
        for (int i = 0; i < 400; i++) {
            int kind = i % 3;
            JsonNode expected = volatileSubtrees(r, switch (kind) {
                case 0 -> value(r, 0, true);
                case 1 -> engineTrace(r);
                default -> simulation(r);
            });
            check(r, kind, expected, deepVolatileNoise(r, expected.deepCopy()), i, true);
            JsonNode changed = mutate(r, expected.deepCopy(), kind == 1);
            boolean equal = oracleEqual(expected, changed);
            check(r, kind, expected, deepVolatileNoise(r, changed), i, equal);
        }
    }

    /** Gives some volatile keys an object or array value (with volatile keys of its own now and then). */
    private static JsonNode volatileSubtrees(Random r, JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (VOLATILE.contains(k) && !(k.equals("run_id") && o.has("event_type")) && r.nextBoolean()) {
                    ObjectNode inner = object(r, 2);
                    inner.put(KEYS.get(r.nextInt(KEYS.size())), r.nextInt(100));
                    o.set(k, r.nextBoolean() ? inner : F.arrayNode().add(inner).add(scalar(r)));
                } else {
                    volatileSubtrees(r, o.get(k));
                }
            }
            if (r.nextInt(4) == 0) {
                o.set(VOLATILE.get(r.nextInt(VOLATILE.size())), object(r, 2).put("x", r.nextInt(10)));
            }
        } else if (node.isArray()) {
            node.forEach(e -> volatileSubtrees(r, e));
        }
        return node;
    }

    /** Changes what is under volatile keys: a value deep inside, a key inside, the type, or the key's presence. */
    private static JsonNode deepVolatileNoise(Random r, JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (!VOLATILE.contains(k)) {
                    deepVolatileNoise(r, v);
                } else if (k.equals("run_id") && o.has("event_type")) {
                    // an event's run id is its identity in a trace: a value, never a subtree or gone
                    o.put(k, "run-" + r.nextInt(1000));
                } else {
                    switch (r.nextInt(4)) {
                        case 0 -> o.remove(k);
                        case 1 -> o.set(k, value(r, 2, true));
                        default -> {
                            if (v.isContainerNode()) {
                                List<JsonNode> inside = new ArrayList<>();
                                collect(v, inside);
                                JsonNode c = inside.get(r.nextInt(inside.size()));
                                if (c.isObject()) {
                                    ((ObjectNode) c).put(KEYS.get(r.nextInt(KEYS.size())), r.nextInt(1000) + 1000);
                                } else {
                                    ((ArrayNode) c).add(scalar(r));
                                }
                            } else {
                                o.set(k, scalar(r));
                            }
                        }
                    }
                }
            }
        } else if (node.isArray()) {
            node.forEach(e -> deepVolatileNoise(r, e));
        }
        return node;
    }

    private void check(Random r, int kind, JsonNode a, JsonNode b, int iteration, boolean equal) throws Exception {
        String what = "iteration " + iteration + (equal ? " (equal)" : " (different)") + "\nA: " + a + "\nB: " + b;
        // tree tier
        assertVerdict(GoldenDiff.compare(a, b, options), equal, what + "\n[tree]");
        tierHits[3]++;
        if (kind == 1) {
            Path pa = write("a" + files + ".steps.jsonl", lines(r, a));
            Path pb = write("b" + files++ + ".steps.jsonl", lines(r, b));
            LoadedGoldenFile fa = LoadedGoldenFile.read(pa);
            LoadedGoldenFile fb = LoadedGoldenFile.read(pb);
            assertVerdict(GoldenDiff.compare(pa, pb, options), equal, what + "\n[files]");
            StructuralDiff bytes = new StructuralDiff(options);
            if (ByteLockstep.compare(bytes, fa.sequence(options.volatileFields()), fb.sequence(options.volatileFields()),
                    options) == ByteLockstep.Outcome.COMPARED) {
                tierHits[0]++;
                assertVerdict(classify(bytes), equal, what + "\n[bytes]");
            }
            StructuralDiff tokens = new StructuralDiff(options);
            if (TokenLockstep.compare(tokens, fa.sequence(options.volatileFields()),
                    fb.sequence(options.volatileFields()), options)) {
                tierHits[1]++;
                assertVerdict(classify(tokens), equal, what + "\n[tokens]");
            }
            StructuralDiff full = new StructuralDiff(options);
            full.trace(fa.sequence(options.volatileFields()), fb.sequence(options.volatileFields()));
            tierHits[2]++;
            assertVerdict(classify(full), equal, what + "\n[alignment]");
        } else {
            String suffix = kind == 2 ? ".golden.json" : ".json";
            Path pa = write("a" + files + suffix, document(r, a));
            Path pb = write("b" + files++ + suffix, document(r, b));
            assertVerdict(GoldenDiff.compare(pa, pb, options), equal, what + "\n[files]");
        }
    }

    private DiffResult classify(StructuralDiff diff) {
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    private static void assertVerdict(DiffResult result, boolean equal, String what) {
        if (equal) {
            assertThat(result.severity()).as(what + "\n" + result.evidence()).isEqualTo(Severity.MATCH);
        } else {
            assertThat(result.severity()).as(what + "\n" + result.evidence()).isNotEqualTo(Severity.MATCH);
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    // ---- the oracle: tree equality after removing the volatile fields -------------------------------------------

    static boolean oracleEqual(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() != b.isIntegralNumber()) {
                return false;
            }
            if (a.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            // as Python's json.dumps writes them (what the step hash sees): NaN is NaN, -0.0 is not 0.0
            String x = Double.toString(a.doubleValue());
            String y = Double.toString(b.doubleValue());
            return x.equals(y);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            Set<String> ka = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(ka::add);
            Set<String> kb = new java.util.TreeSet<>();
            b.fieldNames().forEachRemaining(kb::add);
            ka.removeAll(VOLATILE);
            kb.removeAll(VOLATILE);
            if (!ka.equals(kb)) {
                return false;
            }
            for (String k : ka) {
                if (!oracleEqual(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!oracleEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    private static JsonNode value(Random r, int depth, boolean anyShape) {
        int pick = depth >= 4 ? 0 : r.nextInt(anyShape ? 10 : 6);
        if (pick < 6) {
            return scalar(r);
        }
        if (pick < 8) {
            ArrayNode a = F.arrayNode();
            int n = r.nextInt(5);
            boolean withIds = r.nextBoolean();
            for (int i = 0; i < n; i++) {
                JsonNode e = value(r, depth + 1, true);
                if (withIds) {
                    ObjectNode o = F.objectNode();
                    o.put("id", "e" + i);
                    o.set("value", e);
                    e = o;
                }
                a.add(e);
            }
            return a;
        }
        return object(r, depth);
    }

    private static ObjectNode object(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            o.set(KEYS.get(r.nextInt(KEYS.size())), value(r, depth + 1, true));
        }
        if (r.nextInt(3) == 0) {
            o.set(VOLATILE.get(r.nextInt(VOLATILE.size())), scalar(r));
        }
        return o;
    }

    static JsonNode scalar(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> F.numberNode(r.nextInt(10) - 3);
            case 1 -> F.numberNode(r.nextLong());
            case 2 -> F.numberNode(new BigInteger(70, r));
            case 3 -> F.numberNode(r.nextInt(2000) / 8.0);
            case 4 -> F.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            case 5 -> F.numberNode(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MAX_VALUE, -0.0, Double.MIN_VALUE}[r.nextInt(6)]);
            case 6 -> F.booleanNode(r.nextBoolean());
            case 7 -> F.nullNode();
            default -> F.textNode(string(r));
        };
    }

    private static String string(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(CHARS.length());
            if (Character.isHighSurrogate(CHARS.charAt(c))) {
                sb.append(CHARS, c, c + 2);
            } else if (!Character.isLowSurrogate(CHARS.charAt(c))) {
                sb.append(CHARS.charAt(c));
            }
        }
        return sb.toString();
    }

    private static JsonNode engineTrace(Random r) {
        ArrayNode events = F.arrayNode();
        int steps = r.nextInt(6);
        ObjectNode start = event(r, "run_start");
        start.putObject("data").put("seed", r.nextInt(100_000)).put("spec_id", "wf").put("steps_count", steps);
        events.add(start);
        for (int i = 0; i < steps; i++) {
            ObjectNode e = event(r, "step");
            ObjectNode d = e.putObject("data");
            d.put("index", i).put("step_id", "s" + i).put("skill_id", r.nextBoolean() ? "compute" : "transform")
                    .put("seed", new BigInteger(64, r)).put("success", true)
                    .put("output_hash", String.format("%016x", r.nextLong()));
            d.set("inputs", object(r, 2));
            ObjectNode out = object(r, 1);
            out.put("duration_ms", r.nextInt(50));
            d.set("output", out);
            events.add(e);
        }
        ObjectNode end = event(r, "run_end");
        end.putObject("data").put("status", "completed");
        events.add(end);
        return events;
    }

    private static ObjectNode event(Random r, String type) {
        ObjectNode e = F.objectNode();
        e.put("event_type", type).put("run_id", "run-" + r.nextInt(1000))
                .put("timestamp", "2026-12-02T02:0" + r.nextInt(10) + ":00+00:00");
        return e;
    }

    private static JsonNode simulation(Random r) {
        ObjectNode g = F.objectNode();
        g.put("run_id", "primary-w0-" + Integer.toHexString(r.nextInt()));
        g.put("workflow_type", r.nextBoolean() ? "io" : "compute");
        g.put("seed", 10_000 + r.nextInt(90_000));
        ArrayNode hashes = g.putArray("step_hashes");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            hashes.add((r.nextBoolean() ? "mock_io" : "llm_stub") + ":" + String.format("%016x", r.nextLong()));
        }
        g.put("workflow_hash", String.format("%016x", r.nextLong()));
        g.put("duration_ms", r.nextInt(100)).put("success", r.nextBoolean());
        if (r.nextBoolean()) {
            g.putNull("error");
        } else {
            g.put("error", string(r));
        }
        return g;
    }

    // ---- changes --------------------------------------------------------------------------------------------------

    /** Gives every volatile field found a new scalar value: never a difference the oracle sees. */
    private static JsonNode volatileNoise(Random r, JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (VOLATILE.contains(k)) {
                    if (r.nextBoolean()) {
                        o.set(k, scalar(r));
                    }
                } else {
                    volatileNoise(r, o.get(k));
                }
            }
        } else if (node.isArray()) {
            node.forEach(e -> volatileNoise(r, e));
        }
        return node;
    }

    /** One random change at a random place that is not a volatile field (the root included). */
    private static JsonNode mutate(Random r, JsonNode root, boolean keepRootArray) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        int pick = r.nextInt(containers.size() + (keepRootArray ? 0 : 1));
        if (pick == containers.size()) {
            return value(r, 0, true);
        }
        JsonNode c = containers.get(pick);
        if (c.isObject()) {
            ObjectNode o = (ObjectNode) c;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(k -> {
                if (!VOLATILE.contains(k)) {
                    names.add(k);
                }
            });
            int op = r.nextInt(3);
            if (names.isEmpty() || op == 0) {
                o.set(KEYS.get(r.nextInt(KEYS.size())), value(r, 2, true));
            } else if (op == 1) {
                o.remove(names.get(r.nextInt(names.size())));
            } else {
                String k = names.get(r.nextInt(names.size()));
                o.set(k, r.nextBoolean() ? scalar(r) : value(r, 2, true));
            }
        } else {
            ArrayNode a = (ArrayNode) c;
            int op = r.nextInt(4);
            if (a.isEmpty() || op == 0) {
                a.insert(r.nextInt(a.size() + 1), value(r, 2, true));
            } else if (op == 1 && (a.size() > 1 || c != root)) {
                a.remove(r.nextInt(a.size()));
            } else if (op == 2 && a.size() > 1) {
                int i = r.nextInt(a.size());
                int j = r.nextInt(a.size());
                JsonNode t = a.get(i);
                a.set(i, a.get(j));
                a.set(j, t);
            } else {
                a.set(r.nextInt(a.size()), scalar(r));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!VOLATILE.contains(e.getKey())) {
                    collect(e.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(e -> collect(e, into));
        }
    }

    // ---- random layouts -------------------------------------------------------------------------------------------

    private static String lines(Random r, JsonNode events) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events) {
            write(r, e, sb, false);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String document(Random r, JsonNode doc) {
        StringBuilder sb = new StringBuilder();
        space(r, sb, true);
        write(r, doc, sb, true);
        space(r, sb, true);
        return sb.toString();
    }

    private static void space(Random r, StringBuilder sb, boolean newlines) {
        switch (r.nextInt(newlines ? 6 : 4)) {
            case 0 -> sb.append(' ');
            case 1 -> sb.append("\t ");
            case 4 -> sb.append("\n  ");
            case 5 -> sb.append("\r\n");
            default -> {
            }
        }
    }

    /** Writes {@code node} in a random layout: whitespace, key order and escapes vary, values do not. */
    static void write(Random r, JsonNode node, StringBuilder sb, boolean newlines) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            Collections.shuffle(fields, r);
            sb.append('{');
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                space(r, sb, newlines);
                string(r, fields.get(i).getKey(), sb);
                space(r, sb, newlines);
                sb.append(':');
                space(r, sb, newlines);
                write(r, fields.get(i).getValue(), sb, newlines);
            }
            space(r, sb, newlines);
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                space(r, sb, newlines);
                write(r, node.get(i), sb, newlines);
            }
            space(r, sb, newlines);
            sb.append(']');
        } else if (node.isTextual()) {
            string(r, node.textValue(), sb);
        } else if (node.isDouble()) {
            double d = node.doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : d == Double.POSITIVE_INFINITY ? "Infinity"
                    : d == Double.NEGATIVE_INFINITY ? "-Infinity" : Double.toString(d));
        } else {
            sb.append(node.toString());
        }
    }

    private static void string(Random r, String s, StringBuilder sb) {
        sb.append('"');
        // per code point: a surrogate pair is escaped as two escapes or written as one character, never half
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || r.nextInt(8) == 0) {
                for (char unit : Character.toChars(c)) {
                    sb.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) unit));
                }
            } else {
                sb.appendCodePoint(c);
            }
        });
        sb.append('"');
    }
}
