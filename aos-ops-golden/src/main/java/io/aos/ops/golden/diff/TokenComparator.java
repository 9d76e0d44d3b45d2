package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Compares the next JSON value of two parsers token by token, without building trees: the fast path for two events
 * with the same keys in the same order (a replay of a canonical trace), where only scalars differ. Differing scalars
 * go to the {@link StructuralDiff} exactly as its tree walk would report them. It gives up, reporting nothing and
 * leaving both parsers after the value, when only the tree diff can align the values (different keys or key order,
 * different structure, or a difference inside an array); the caller then compares trees. While walking it also
 * captures the values of a few paths (the event type, step index, skill, identity keys) so no second pass is needed.
 */
final class TokenComparator {

    private final String[][] capture;
    /** Capture path indices by their segments: by the depth-0 key, and by depth-0 then depth-1 key. */
    private final Map<String, int[]> byKey = new HashMap<>();
    private final Map<String, Map<String, int[]>> byKeys = new HashMap<>();
    private String[] keys = new String[16];
    private int[] index = new int[16];
    private boolean[] isArray = new boolean[16];

    /** @param capture dot paths split into segments, whose values are captured into the arrays passed to compare */
    TokenComparator(String[][] capture) {
        this.capture = capture;
        for (int c = 0; c < capture.length; c++) {
            Map<String, int[]> map = capture[c].length == 1 ? byKey
                    : capture[c].length == 2 ? byKeys.computeIfAbsent(capture[c][0], k -> new HashMap<>()) : null;
            if (map != null) {
                String key = capture[c][capture[c].length - 1];
                int[] old = map.getOrDefault(key, new int[0]);
                int[] now = Arrays.copyOf(old, old.length + 1);
                now[old.length] = c;
                map.put(key, now);
            }
        }
    }

    /** The capture paths the value at {@code depth} (0 or 1, in objects only) answers, or null. */
    private int[] captured(int depth) {
        if (depth == 0 && !isArray[0]) {
            return byKey.get(keys[0]);
        }
        if (depth == 1 && !isArray[0] && !isArray[1]) {
            Map<String, int[]> inner = byKeys.get(keys[0]);
            return inner == null ? null : inner.get(keys[1]);
        }
        return null;
    }

    /**
     * Compares the next value of {@code pa} with the next value of {@code pb}; differences get paths below
     * {@code basePath} and the position {@link TracePosition#START} (the caller relocates them). Returns false if it
     * gave up.
     */
    boolean compareNext(JsonParser pa, JsonParser pb, String basePath, StructuralDiff sink, String[] capA,
            String[] capB) throws IOException {
        int mark = sink.mark();
        int depthA = 0;
        int depthB = 0;
        int depth = -1;
        int arrays = 0;
        do {
            JsonToken ta = pa.nextToken();
            JsonToken tb = pb.nextToken();
            if (ta == null || tb == null) {
                return ta == tb;
            }
            depthA += ta.isStructStart() ? 1 : ta.isStructEnd() ? -1 : 0;
            depthB += tb.isStructStart() ? 1 : tb.isStructEnd() ? -1 : 0;
            if (ta == JsonToken.FIELD_NAME) {
                String name = pa.currentName();
                String other = pb.currentName();
                // Jackson interns field names, so equal names are usually the same instance.
                if (tb != JsonToken.FIELD_NAME || name != other && !name.equals(other)) {
                    return giveUp(pa, pb, depthA, depthB, sink, mark);
                }
                keys[depth] = name;
                continue;
            }
            boolean scalarA = ta.isScalarValue();
            if (scalarA && tb.isScalarValue()) {
                if (depth == 0 && capture.length > 0 || depth == 1 && capture.length > 0) {
                    captureScalar(pa, depth, capA);
                    captureScalar(pb, depth, capB);
                }
                if (ta != tb || !sameText(pa, pb)) {
                    if (arrays > 0 || underVolatileKey(depth, sink)) {
                        return giveUp(pa, pb, depthA, depthB, sink, mark);
                    }
                    sink.values(path(basePath, depth), depth >= 0 ? keys[depth] : null, scalar(pa, ta),
                            scalar(pb, tb), TracePosition.START);
                }
            } else if (ta != tb) {
                return giveUp(pa, pb, depthA, depthB, sink, mark);
            } else if (ta.isStructStart()) {
                if (depth < 1 && depth >= 0 && capture.length > 0) {
                    captureContainer(ta, depth, capA, capB);
                }
                depth++;
                if (depth == keys.length) {
                    keys = Arrays.copyOf(keys, depth * 2);
                    index = Arrays.copyOf(index, depth * 2);
                    isArray = Arrays.copyOf(isArray, depth * 2);
                }
                isArray[depth] = ta == JsonToken.START_ARRAY;
                index[depth] = -1;
                arrays += isArray[depth] ? 1 : 0;
                continue;
            } else {
                arrays -= isArray[depth] ? 1 : 0;
                depth--;
            }
            if (depth >= 0 && isArray[depth]) {
                index[depth]++;
            }
        } while (depthA > 0);
        return true;
    }

    /**
     * Whether an object key above the value at {@code depth} is volatile: the tree diff reports such a change as one
     * of that key (a volatile key is ignored with its whole subtree), so this comparison gives up on it.
     */
    private boolean underVolatileKey(int depth, StructuralDiff sink) {
        for (int d = 0; d < depth; d++) {
            if (!isArray[d] && sink.isVolatileKey(keys[d])) {
                return true;
            }
        }
        return false;
    }

    private boolean giveUp(JsonParser pa, JsonParser pb, int depthA, int depthB, StructuralDiff sink, int mark)
            throws IOException {
        drain(pa, depthA);
        drain(pb, depthB);
        sink.reset(mark);
        return false;
    }

    private static void drain(JsonParser p, int depth) throws IOException {
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        }
    }

    private void captureScalar(JsonParser p, int depth, String[] into) throws IOException {
        int[] which = captured(depth);
        if (which != null) {
            String text = p.getText();
            for (int c : which) {
                into[c] = text;
            }
        }
    }

    private void captureContainer(JsonToken t, int depth, String[] a, String[] b) {
        int[] which = captured(depth);
        if (which != null) {
            for (int c : which) {
                a[c] = "<" + t + ">";
                b[c] = a[c];
            }
        }
    }

    private static boolean sameText(JsonParser a, JsonParser b) throws IOException {
        int la = a.getTextLength();
        if (la != b.getTextLength()) {
            return false;
        }
        return Arrays.equals(a.getTextCharacters(), a.getTextOffset(), a.getTextOffset() + la,
                b.getTextCharacters(), b.getTextOffset(), b.getTextOffset() + la);
    }

    private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> IntNode.valueOf(p.getIntValue());
                case LONG -> LongNode.valueOf(p.getLongValue());
                default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(p.getDoubleValue());
            default -> TextNode.valueOf(p.getText());
        };
    }

    private String path(String base, int depth) {
        StringBuilder sb = new StringBuilder(base);
        for (int d = 0; d <= depth; d++) {
            sb.append('/');
            sb.append(isArray[d] ? String.valueOf(index[d] + 1) : StructuralDiff.escape(keys[d]));
        }
        return sb.toString();
    }
}
