package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
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
                JsonNode na = a.node(p.a());
                JsonNode nb = b.node(p.b());
                Locus locus = eventLocus(na, p.a());
                String path = "/" + p.a();
                if (p.moved()) {
                    out.add(new RawDifference(path, DiffKind.REORDERED, na, nb, null, locus));
                }
                values(path, null, na, nb, locus);
            } else if (p.a() >= 0) {
                JsonNode na = a.node(p.a());
                out.add(new RawDifference("/" + p.a(), DiffKind.REMOVED, na, null, null, eventLocus(na, p.a())));
            } else {
                JsonNode nb = b.node(p.b());
                out.add(new RawDifference("/" + p.b(), DiffKind.ADDED, null, nb, null, eventLocus(nb, p.b())));
            }
        }
    }

    private static Locus eventLocus(JsonNode event, int position) {
        String type = event.path("event_type").asText(null);
        if ("run_start".equals(type)) {
            return Locus.START;
        }
        if ("run_end".equals(type)) {
            return Locus.END;
        }
        JsonNode index = event.path("data").path("index");
        if (!index.isIntegralNumber()) {
            index = event.path("index");
        }
        int step = index.isIntegralNumber() && index.canConvertToInt() ? index.intValue() : position;
        return Locus.step(step, skillOf(event));
    }

    private static String skillOf(JsonNode event) {
        for (String p : new String[] {"/data/skill_id", "/skill_id", "/skill", "/data/skill"}) {
            JsonNode s = event.at(p);
            if (s.isTextual()) {
                return s.textValue();
            }
        }
        return null;
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
        return skillOf(step);
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
            return a.doubleValue() == b.doubleValue();
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
