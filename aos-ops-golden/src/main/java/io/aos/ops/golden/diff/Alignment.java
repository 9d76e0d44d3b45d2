package io.aos.ops.golden.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which element of the expected array goes with which element of the actual one. Tried in order: an identity key
 * (so an inserted step is one ADDED, and a moved one is REORDERED), a sequence alignment of element hashes (Myers'
 * O((N+M)D) algorithm after trimming the common prefix and suffix), and the index only as the last resort, when the
 * arrays differ in more than {@link DiffOptions#maxAlignmentEdits()} places.
 */
final class Alignment {

    /** One aligned position: {@code a == -1} for an added element, {@code b == -1} for a removed one. */
    record Pair(int a, int b, boolean moved) {
    }

    enum Method { IDENTITY, SEQUENCE, INDEX, UNORDERED }

    private final List<Pair> pairs;
    private final Method method;
    private final String key;

    private Alignment(List<Pair> pairs, Method method, String key) {
        this.pairs = pairs;
        this.method = method;
        this.key = key;
    }

    List<Pair> pairs() {
        return pairs;
    }

    Method method() {
        return method;
    }

    /** The identity key used, for IDENTITY. */
    String key() {
        return key;
    }

    static Alignment align(ElementSequence a, ElementSequence b, DiffOptions options) {
        for (String spec : options.identityKeys()) {
            Alignment keyed = byIdentity(a, b, spec);
            if (keyed != null) {
                return keyed;
            }
        }
        long[] ha = new long[a.size()];
        long[] hb = new long[b.size()];
        for (int i = 0; i < ha.length; i++) {
            ha[i] = a.hash(i);
        }
        for (int j = 0; j < hb.length; j++) {
            hb[j] = b.hash(j);
        }
        if (ha.length == hb.length && !Arrays.equals(ha, hb) && sameMultiset(ha, hb)) {
            return new Alignment(List.of(), Method.UNORDERED, null);
        }
        List<Pair> seq = bySequence(ha, hb, options.maxAlignmentEdits());
        if (seq != null) {
            return new Alignment(seq, Method.SEQUENCE, null);
        }
        List<Pair> byIndex = new ArrayList<>();
        for (int i = 0; i < Math.max(ha.length, hb.length); i++) {
            byIndex.add(new Pair(i < ha.length ? i : -1, i < hb.length ? i : -1, false));
        }
        return new Alignment(byIndex, Method.INDEX, null);
    }

    private static boolean sameMultiset(long[] ha, long[] hb) {
        long[] sa = ha.clone();
        long[] sb = hb.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        return Arrays.equals(sa, sb);
    }

    private static String[] keys(ElementSequence s, List<String> paths) {
        String[] keys = new String[s.size()];
        for (int i = 0; i < keys.length; i++) {
            String[] values = s.identityValues(i, paths);
            boolean any = false;
            StringBuilder sb = new StringBuilder();
            for (String v : values) {
                any |= v != null;
                sb.append(v == null ? "\u0000" : v).append('\u0001');
            }
            if (!any) {
                return null;
            }
            keys[i] = sb.toString();
        }
        return keys;
    }

    private static Alignment byIdentity(ElementSequence a, ElementSequence b, String spec) {
        if (a.size() == 0 || b.size() == 0) {
            return null;
        }
        List<String> paths = List.of(spec.split("\\+"));
        String[] ka = keys(a, paths);
        if (ka == null) {
            return null;
        }
        String[] kb = keys(b, paths);
        if (kb == null) {
            return null;
        }
        Map<String, Integer> indexB = new HashMap<>(kb.length * 2);
        for (int j = 0; j < kb.length; j++) {
            if (indexB.put(kb[j], j) != null) {
                return null;
            }
        }
        Map<String, Integer> indexA = new HashMap<>(ka.length * 2);
        int[] match = new int[ka.length];
        int matched = 0;
        for (int i = 0; i < ka.length; i++) {
            if (indexA.put(ka[i], i) != null) {
                return null;
            }
            Integer j = indexB.get(ka[i]);
            match[i] = j == null ? -1 : j;
            matched += j == null ? 0 : 1;
        }
        // A key that matches almost nothing (a fresh UUID per run) is not an identity: try the next one.
        if (!enoughMatched(matched, ka.length, kb.length)) {
            return null;
        }
        return byMatch(match, kb.length, spec);
    }

    /** Whether {@code matched} elements matched by a key are enough for it to be an identity. */
    static boolean enoughMatched(int matched, int sizeA, int sizeB) {
        return matched * 2 >= Math.min(sizeA, sizeB);
    }

    /**
     * The identity alignment from the matches of a unique key: {@code match[i]} is the actual element whose key
     * is expected element i's, or -1.
     */
    static Alignment byMatch(int[] match, int sizeB, String spec) {
        boolean[] inOrder = longestIncreasing(match);
        int[] matchB = new int[sizeB];
        Arrays.fill(matchB, -1);
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                matchB[match[i]] = i;
            }
        }
        // Added elements go right after the expected element that the previous in-order actual element matched:
        // slot s (after expected element s - 1) holds them in actual order, slotStart[s] .. slotStart[s + 1].
        int sizeA = match.length;
        int[] slotOf = new int[sizeB];
        int[] slotStart = new int[sizeA + 2];
        int anchor = 0;
        for (int j = 0; j < sizeB; j++) {
            int i = matchB[j];
            slotOf[j] = -1;
            if (i >= 0 && inOrder[i]) {
                anchor = i + 1;
            } else if (i < 0) {
                slotOf[j] = anchor;
                slotStart[anchor + 1]++;
            }
        }
        for (int s = 1; s < slotStart.length; s++) {
            slotStart[s] += slotStart[s - 1];
        }
        int[] added = new int[slotStart[sizeA + 1]];
        int[] fill = slotStart.clone();
        for (int j = 0; j < sizeB; j++) {
            if (slotOf[j] >= 0) {
                added[fill[slotOf[j]]++] = j;
            }
        }
        List<Pair> pairs = new ArrayList<>(Math.max(sizeA, sizeB) + 4);
        addSlot(pairs, added, slotStart, 0);
        for (int i = 0; i < sizeA; i++) {
            pairs.add(new Pair(i, match[i], match[i] >= 0 && !inOrder[i]));
            addSlot(pairs, added, slotStart, i + 1);
        }
        return new Alignment(pairs, Method.IDENTITY, spec);
    }

    private static void addSlot(List<Pair> pairs, int[] added, int[] slotStart, int slot) {
        for (int k = slotStart[slot]; k < slotStart[slot + 1]; k++) {
            pairs.add(new Pair(-1, added[k], false));
        }
    }

    /** Marks the matched positions on a longest strictly increasing subsequence of {@code match} (ignoring -1). */
    private static boolean[] longestIncreasing(int[] match) {
        int n = match.length;
        int[] tailIdx = new int[n + 1];
        int[] prev = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            if (match[i] < 0) {
                continue;
            }
            int lo = 1;
            int hi = length;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (match[tailIdx[mid]] < match[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            prev[i] = lo > 1 ? tailIdx[lo - 1] : -1;
            tailIdx[lo] = i;
            length = Math.max(length, lo);
        }
        boolean[] in = new boolean[n];
        for (int k = length > 0 ? tailIdx[length] : -1; k >= 0; k = prev[k]) {
            in[k] = true;
        }
        return in;
    }

    /** Myers' greedy diff of the hash sequences; null if it needs more than {@code maxEdits} edits. */
    static List<Pair> bySequence(long[] a, long[] b, int maxEdits) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        List<Pair> out = new ArrayList<>(Math.max(a.length, b.length) + 4);
        for (int k = 0; k < prefix; k++) {
            out.add(new Pair(k, k, false));
        }
        if (n > 0 || m > 0) {
            List<int[]> script = myers(a, b, prefix, n, m, maxEdits);
            if (script == null) {
                return null;
            }
            pairBlocks(script, out);
        }
        for (int k = 0; k < suffix; k++) {
            out.add(new Pair(a.length - suffix + k, b.length - suffix + k, false));
        }
        return out;
    }

    /**
     * Turns an edit script (entries {i, j}: both set = equal, j == -1 deleted, i == -1 inserted) into pairs, matching
     * the deletions and insertions between two equal elements position by position as changed elements.
     */
    private static void pairBlocks(List<int[]> script, List<Pair> out) {
        List<Integer> dels = new ArrayList<>();
        List<Integer> ins = new ArrayList<>();
        for (int[] e : script) {
            if (e[0] >= 0 && e[1] >= 0) {
                flush(dels, ins, out);
                out.add(new Pair(e[0], e[1], false));
            } else if (e[1] < 0) {
                dels.add(e[0]);
            } else {
                ins.add(e[1]);
            }
        }
        flush(dels, ins, out);
    }

    private static void flush(List<Integer> dels, List<Integer> ins, List<Pair> out) {
        int common = Math.min(dels.size(), ins.size());
        for (int k = 0; k < common; k++) {
            out.add(new Pair(dels.get(k), ins.get(k), false));
        }
        for (int k = common; k < dels.size(); k++) {
            out.add(new Pair(dels.get(k), -1, false));
        }
        for (int k = common; k < ins.size(); k++) {
            out.add(new Pair(-1, ins.get(k), false));
        }
        dels.clear();
        ins.clear();
    }

    private static List<int[]> myers(long[] a, long[] b, int off, int n, int m, int maxEdits) {
        int max = Math.min(n + m, maxEdits);
        List<int[]> trace = new ArrayList<>();
        int[] prevV = null;
        int found = -1;
        for (int d = 0; d <= max; d++) {
            int[] cur = new int[2 * d + 3];
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (d == 0) {
                    x = 0;
                } else if (k == -d || (k != d && get(prevV, d - 1, k - 1) < get(prevV, d - 1, k + 1))) {
                    x = get(prevV, d - 1, k + 1);
                } else {
                    x = get(prevV, d - 1, k - 1) + 1;
                }
                int y = x - k;
                while (x < n && y < m && a[off + x] == b[off + y]) {
                    x++;
                    y++;
                }
                cur[k + d + 1] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            trace.add(cur);
            prevV = cur;
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            return null;
        }
        // Backtrack from (n, m) to (0, 0).
        List<int[]> script = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d - 1);
            int k = x - y;
            int prevK = (k == -d || (k != d && get(pv, d - 1, k - 1) < get(pv, d - 1, k + 1))) ? k + 1 : k - 1;
            int prevX = get(pv, d - 1, prevK);
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                script.add(new int[] {off + --x, off + --y});
            }
            if (x == prevX) {
                script.add(new int[] {-1, off + --y});
            } else {
                script.add(new int[] {off + --x, -1});
            }
        }
        while (x > 0 && y > 0) {
            script.add(new int[] {off + --x, off + --y});
        }
        java.util.Collections.reverse(script);
        return script;
    }

    private static int get(int[] v, int d, int k) {
        int idx = k + d + 1;
        return idx < 0 || idx >= v.length ? -1 : v[idx];
    }
}
