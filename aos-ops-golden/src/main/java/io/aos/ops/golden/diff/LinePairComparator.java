package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Two event lines that {@link JsonLineScanner} accepted, compared on their bytes: what {@link TokenComparator}
 * records for them, without a parser. It handles the common case only (the same keys in the same order, the same
 * structure, differing scalars outside arrays that are plain ASCII strings without escapes, integers or literals)
 * and answers false, recording nothing, for anything else, where the caller asks {@link TokenComparator} (and the
 * tree walk) as before. A differing scalar becomes the node {@link TokenComparator} would make of it (a string's
 * text; an int, long or big integer by its value, as Jackson types it) and goes to {@link StructuralDiff#values}.
 * Once the rest of both lines is the same bytes, it stops: the same tokens follow, so nothing more differs.
 */
final class LinePairComparator {

    private final JsonTokens ta = new JsonTokens();
    private final JsonTokens tb = new JsonTokens();
    private final boolean[] isArray = new boolean[JsonTokens.MAX_DEPTH + 2];
    private final int[] keyStart = new int[JsonTokens.MAX_DEPTH + 2];
    private final int[] keyEnd = new int[JsonTokens.MAX_DEPTH + 2];

    /**
     * Compares line {@code [fa, ea)} of {@code da} with line {@code [fb, eb)} of {@code db}; differences get paths
     * below {@code basePath} and the position {@link TracePosition#START}. False, with nothing recorded, when only
     * {@link TokenComparator} can tell.
     */
    boolean compare(byte[] da, int fa, int ea, byte[] db, int fb, int eb, String basePath, StructuralDiff sink) {
        int mark = sink.mark();
        ta.reset(da, fa, ea);
        tb.reset(db, fb, eb);
        int depth = -1;
        int arrays = 0;
        boolean expectKey = false;
        while (true) {
            int t = ta.next();
            int u = tb.next();
            if (t != u && !(scalar(t) && scalar(u) && !expectKey)) {
                return unsure(sink, mark);
            }
            switch (t) {
                case JsonTokens.END:
                    return depth == -1 || unsure(sink, mark);
                case JsonTokens.OBJECT_START, JsonTokens.ARRAY_START:
                    if (depth + 1 > JsonTokens.MAX_DEPTH) {
                        return unsure(sink, mark);
                    }
                    depth++;
                    isArray[depth] = t == JsonTokens.ARRAY_START;
                    arrays += isArray[depth] ? 1 : 0;
                    expectKey = !isArray[depth];
                    break;
                case JsonTokens.OBJECT_END, JsonTokens.ARRAY_END:
                    if (depth < 0) {
                        return unsure(sink, mark);
                    }
                    arrays -= isArray[depth] ? 1 : 0;
                    depth--;
                    expectKey = false;
                    break;
                case JsonTokens.COMMA:
                    expectKey = depth >= 0 && !isArray[depth];
                    break;
                case JsonTokens.COLON:
                    expectKey = false;
                    break;
                default:
                    boolean same = t == u && Arrays.equals(da, ta.start, ta.end, db, tb.start, tb.end);
                    if (expectKey) {
                        if (!same || !plainString(da, ta.start, ta.end)) {
                            return unsure(sink, mark);
                        }
                        keyStart[depth] = ta.start + 1;
                        keyEnd[depth] = ta.end - 1;
                    } else if (!same) {
                        if (arrays > 0 || depth < 0) {
                            return unsure(sink, mark);
                        }
                        JsonNode na = node(da, ta, t);
                        JsonNode nb = node(db, tb, u);
                        if (na == null || nb == null) {
                            return unsure(sink, mark);
                        }
                        sink.values(path(basePath, da, depth), key(da, depth), na, nb, TracePosition.START);
                        if (Arrays.equals(da, ta.end, ea, db, tb.end, eb)) {
                            // The rest of the lines is the same bytes: the same tokens, nothing more to record.
                            return true;
                        }
                    }
            }
        }
    }

    private static boolean unsure(StructuralDiff sink, int mark) {
        sink.reset(mark);
        return false;
    }

    private static boolean scalar(int t) {
        return t == JsonTokens.STRING || t == JsonTokens.NUMBER || t == JsonTokens.LITERAL;
    }

    /** A string token (with its quotes) of printable ASCII without escapes: its text is its bytes. */
    private static boolean plainString(byte[] data, int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            byte c = data[i];
            if (c < 0x20 || c == '\\' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The node {@link TokenComparator} makes of a scalar token; null where this class does not know it. */
    private static JsonNode node(byte[] data, JsonTokens token, int type) {
        int s = token.start;
        int e = token.end;
        switch (type) {
            case JsonTokens.STRING:
                return plainString(data, s, e) ? TextNode.valueOf(new String(data, s + 1, e - s - 2,
                        StandardCharsets.ISO_8859_1)) : null;
            case JsonTokens.LITERAL:
                if (same(data, s, e, TRUE)) {
                    return BooleanNode.TRUE;
                }
                if (same(data, s, e, FALSE)) {
                    return BooleanNode.FALSE;
                }
                return same(data, s, e, NULL) ? NullNode.instance : null;
            default:
                return integer(data, s, e);
        }
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static boolean same(byte[] data, int s, int e, byte[] word) {
        return Arrays.equals(data, s, e, word, 0, word.length);
    }

    /**
     * An integer (an optional minus, then digits, no leading zero) as Jackson types it: int, long or big integer by
     * its value; null for anything else (a fraction, an exponent, NaN).
     */
    private static JsonNode integer(byte[] data, int s, int e) {
        int p = data[s] == '-' ? s + 1 : s;
        if (p >= e || e - p > 200 || data[p] == '0' && e - p > 1) {
            return null;
        }
        for (int i = p; i < e; i++) {
            if (data[i] < '0' || data[i] > '9') {
                return null;
            }
        }
        String text = new String(data, s, e - s, StandardCharsets.ISO_8859_1);
        if (e - p <= 18) {
            long v = Long.parseLong(text);
            return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
        }
        BigInteger v = new BigInteger(text);
        return v.bitLength() < 64 ? LongNode.valueOf(v.longValue()) : BigIntegerNode.valueOf(v);
    }

    private String path(String base, byte[] data, int depth) {
        StringBuilder sb = new StringBuilder(base);
        for (int d = 0; d <= depth; d++) {
            sb.append('/').append(StructuralDiff.escape(key(data, d)));
        }
        return sb.toString();
    }

    private String key(byte[] data, int depth) {
        return new String(data, keyStart[depth], keyEnd[depth] - keyStart[depth], StandardCharsets.ISO_8859_1);
    }
}
