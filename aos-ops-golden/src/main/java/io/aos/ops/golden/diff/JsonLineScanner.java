package io.aos.ops.golden.diff;

import io.aos.ops.golden.json.AsciiJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that one JSONL line is a single JSON value and finds where the values of a few one- and two-segment paths
 * ({@code event_type}, {@code data.index}) lie in it, without allocating: the cheap pass over the events of a replay
 * that are byte-for-byte those of its golden file, which only need to be valid and to show their identity.
 *
 * <p>It is conservative on purpose. It accepts only strict RFC 8259 JSON within small limits (depth, name and number
 * length), every line of which Jackson also accepts, and captures only plain ASCII values without escapes, whose
 * text is their bytes. For anything else (an escape in a captured value, a comment, a number Jackson might read
 * differently, an error) it answers "not sure" and the caller asks Jackson, so error messages and captured text
 * stay Jackson's. Captures follow {@link TokenComparator}: a scalar at depth 1 or 2 of an object root, a
 * {@code <START_OBJECT>}/{@code <START_ARRAY>} marker for a container at depth 1, nothing for a deeper container.
 */
final class JsonLineScanner {

    /** Text of a captured container, as {@link TokenComparator} records it. */
    static final byte[] OBJECT_MARKER = "<START_OBJECT>".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ARRAY_MARKER = "<START_ARRAY>".getBytes(StandardCharsets.US_ASCII);

    private static final int MAX_DEPTH = 64;
    private static final int MAX_NAME = 4_096;
    private static final int MAX_NUMBER = 256;
    private static final int MAX_LINE = 8 << 20;

    /** Where a captured value is: {@code start >= 0} is a range of the line; these mark a container. */
    static final int OBJECT = -2;
    static final int ARRAY = -3;
    static final int ABSENT = -1;

    /** Distinct first segments of the capture paths. */
    private final byte[][] roots;
    /** The capture index of the one-segment path per root, or -1. */
    private final int[] rootCapture;
    /** Second segments under each root, and their capture indices. */
    private final byte[][][] children;
    private final int[][] childCapture;

    private final int[] start;
    private final int[] end;
    /** Container kind per open level, and which root's children an object at level 2 holds (-1: none). */
    private final boolean[] isArray = new boolean[MAX_DEPTH + 1];
    private final int[] context = new int[MAX_DEPTH + 1];

    /** @param capture dot paths split into segments, each of one or two segments */
    JsonLineScanner(String[][] capture) {
        List<String> rootNames = new ArrayList<>();
        for (String[] path : capture) {
            if (path.length < 1 || path.length > 2) {
                throw new IllegalArgumentException("only one- or two-segment paths: " + String.join(".", path));
            }
            if (!rootNames.contains(path[0])) {
                rootNames.add(path[0]);
            }
        }
        roots = new byte[rootNames.size()][];
        rootCapture = new int[roots.length];
        children = new byte[roots.length][][];
        childCapture = new int[roots.length][];
        Arrays.fill(rootCapture, -1);
        for (int r = 0; r < roots.length; r++) {
            roots[r] = rootNames.get(r).getBytes(StandardCharsets.UTF_8);
            List<byte[]> names = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (int c = 0; c < capture.length; c++) {
                if (!capture[c][0].equals(rootNames.get(r))) {
                    continue;
                }
                if (capture[c].length == 1) {
                    rootCapture[r] = c;
                } else {
                    names.add(capture[c][1].getBytes(StandardCharsets.UTF_8));
                    indices.add(c);
                }
            }
            children[r] = names.toArray(new byte[0][]);
            childCapture[r] = indices.stream().mapToInt(Integer::intValue).toArray();
        }
        start = new int[capture.length];
        end = new int[capture.length];
    }

    /** True when the dot paths can all be captured by this scanner (one or two segments each). */
    static boolean canCapture(List<String> paths) {
        for (String p : paths) {
            int dots = 0;
            for (int i = 0; i < p.length(); i++) {
                dots += p.charAt(i) == '.' ? 1 : 0;
            }
            if (dots > 1 || p.isEmpty() || p.startsWith(".") || p.endsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Start of capture {@code c} in the line last scanned, or {@link #ABSENT}, {@link #OBJECT}, {@link #ARRAY}. */
    int start(int c) {
        return start[c];
    }

    int end(int c) {
        return end[c];
    }

    /** The captured values of the line last scanned (successfully) as text; null where absent. */
    String[] values(byte[] data) {
        return values(data, start, end);
    }

    /** The first {@code count} captured values of the line last scanned (successfully) as text; null where absent. */
    String[] values(byte[] data, int count) {
        return values(data, start, end, count);
    }

    /** Captured values as text, from ranges (or markers) that a scan of {@code data} found. */
    static String[] values(byte[] data, int[] start, int[] end) {
        return values(data, start, end, start.length);
    }

    private static String[] values(byte[] data, int[] start, int[] end, int count) {
        String[] out = new String[count];
        for (int c = 0; c < out.length; c++) {
            int s = start[c];
            out[c] = s == ABSENT ? null : s == OBJECT ? "<START_OBJECT>" : s == ARRAY ? "<START_ARRAY>"
                    : new String(data, s, end[c] - s, StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    /**
     * Scans {@code data[from, to)}. True when it is one valid JSON value (whitespace around it allowed) and every
     * captured value is plain ASCII; false means "not sure", never "invalid".
     */
    boolean scan(byte[] data, int from, int to) {
        Arrays.fill(start, ABSENT);
        if (to - from > MAX_LINE) {
            return false;
        }
        int p = AsciiJson.skipSpaces(data, from, to);
        int depth = 0;
        int pending = -1;
        while (true) {
            // A value starts at p; pending is the capture it answers (-1: none).
            if (p >= to) {
                return false;
            }
            byte c = data[p];
            if (c == '{' || c == '[') {
                boolean array = c == '[';
                if (pending >= 0) {
                    if (depth != 1) {
                        return false;
                    }
                    start[pending] = array ? ARRAY : OBJECT;
                }
                if (depth == MAX_DEPTH) {
                    return false;
                }
                depth++;
                isArray[depth] = array;
                context[depth] = depth == 2 && !array && !isArray[1] ? pendingRoot : -1;
                p = AsciiJson.skipSpaces(data, p + 1, to);
                if (p >= to) {
                    return false;
                }
                if (data[p] == (array ? ']' : '}')) {
                    depth--;
                    p++;
                } else if (array) {
                    pending = -1;
                    continue;
                } else {
                    p = key(data, p, to, depth);
                    if (p < 0) {
                        return false;
                    }
                    pending = pendingCapture;
                    continue;
                }
            } else {
                int e;
                int vs = p;
                int ve;
                if (c == '"') {
                    e = string(data, p + 1, to, pending >= 0);
                    vs = p + 1;
                    ve = e - 1;
                } else if (c == '-' || c >= '0' && c <= '9') {
                    e = AsciiJson.numberEnd(data, p, to, MAX_NUMBER);
                    ve = e;
                } else if (c == 't') {
                    e = literal(data, p, to, TRUE);
                    ve = e;
                } else if (c == 'f') {
                    e = literal(data, p, to, FALSE);
                    ve = e;
                } else if (c == 'n') {
                    e = literal(data, p, to, NULL);
                    ve = e;
                } else {
                    return false;
                }
                if (e < 0) {
                    return false;
                }
                if (pending >= 0) {
                    start[pending] = vs;
                    end[pending] = ve;
                }
                p = e;
            }
            // After a value: close containers, or go on to the next element or member.
            while (true) {
                p = AsciiJson.skipSpaces(data, p, to);
                if (depth == 0) {
                    return p == to;
                }
                if (p >= to) {
                    return false;
                }
                byte b = data[p];
                if (b == ',') {
                    p = AsciiJson.skipSpaces(data, p + 1, to);
                    if (isArray[depth]) {
                        pending = -1;
                    } else {
                        p = key(data, p, to, depth);
                        if (p < 0) {
                            return false;
                        }
                        pending = pendingCapture;
                    }
                    break;
                }
                if (b != (isArray[depth] ? ']' : '}')) {
                    return false;
                }
                depth--;
                p++;
            }
        }
    }

    /** Set by {@link #key}: the capture the member's value answers, and the root whose children it may hold. */
    private int pendingCapture;
    private int pendingRoot;

    /** Reads {@code "name" :} at p in an object at {@code depth}; returns where its value starts, or -1. */
    private int key(byte[] data, int p, int to, int depth) {
        pendingCapture = -1;
        pendingRoot = -1;
        if (p >= to || data[p] != '"') {
            return -1;
        }
        int e = string(data, p + 1, to, false);
        if (e < 0 || e - p > MAX_NAME) {
            return -1;
        }
        int ns = p + 1;
        int ne = e - 1;
        if (depth == 1 && !isArray[1]) {
            for (int r = 0; r < roots.length; r++) {
                if (same(data, ns, ne, roots[r])) {
                    pendingCapture = rootCapture[r];
                    pendingRoot = children[r].length > 0 ? r : -1;
                    break;
                }
            }
        } else if (depth == 2 && context[2] >= 0) {
            byte[][] names = children[context[2]];
            for (int k = 0; k < names.length; k++) {
                if (same(data, ns, ne, names[k])) {
                    pendingCapture = childCapture[context[2]][k];
                    break;
                }
            }
        }
        p = AsciiJson.skipSpaces(data, e, to);
        if (p >= to || data[p] != ':') {
            return -1;
        }
        return AsciiJson.skipSpaces(data, p + 1, to);
    }

    /** {@code data[from, to)} equals {@code name} ({@link AsciiJson#sameBytes}: runs for every key of every line). */
    private static boolean same(byte[] data, int from, int to, byte[] name) {
        return AsciiJson.sameBytes(data, from, to, name, 0, name.length);
    }

    /**
     * The string whose content starts at p; returns the index after its closing quote, or -1. Escapes and well-formed
     * UTF-8 are allowed unless the value is captured ({@code plain}), which must be printable ASCII.
     */
    private static int string(byte[] data, int p, int to, boolean plain) {
        while (p < to) {
            int b = data[p];
            // Most bytes are plain ASCII above the quote: one test of three comparisons.
            if (b > '"' && b != '\\' && b < 0x7F || b == ' ' || b == '!') {
                p++;
                continue;
            }
            if (b == '"') {
                return p + 1;
            }
            if (plain) {
                return -1;
            }
            if (b == '\\') {
                p = escape(data, p + 1, to);
            } else if (b < 0) {
                p = utf8(data, p, to);
            } else if (b == 0x7F) {
                p++;
            } else {
                return -1;
            }
            if (p < 0) {
                return -1;
            }
        }
        return -1;
    }

    private static int escape(byte[] data, int p, int to) {
        if (p >= to) {
            return -1;
        }
        switch (data[p]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return p + 1;
            case 'u':
                if (p + 5 > to) {
                    return -1;
                }
                for (int k = 1; k <= 4; k++) {
                    if (Character.digit(data[p + k], 16) < 0) {
                        return -1;
                    }
                }
                return p + 5;
            default:
                return -1;
        }
    }

    /** A well-formed UTF-8 sequence (no overlongs, no surrogates) at p; returns the index after it, or -1. */
    private static int utf8(byte[] data, int p, int to) {
        int b = data[p] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (p + n >= to) {
            return -1;
        }
        int second = data[p + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = 2; k <= n; k++) {
            if ((data[p + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return p + n + 1;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static int literal(byte[] data, int p, int to, byte[] word) {
        int e = p + word.length;
        return e <= to && Arrays.equals(data, p, e, word, 0, word.length) ? e : -1;
    }
}
