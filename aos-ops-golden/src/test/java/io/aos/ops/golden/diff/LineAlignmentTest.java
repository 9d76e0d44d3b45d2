package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test of the JSONL trace path ({@link LineAlignment}: identity alignment from key hashes, events placed
 * from one scan of their line, pairs compared on their bytes by {@link LinePairComparator}, pairs walked in two
 * halves) against the full one ({@link StructuralDiff#traceInFull}: {@link Alignment#align} over the whole traces,
 * every event placed from the sequence's extracted values, pairs compared by tokens or trees). For random trace pairs
 * (inserted, removed, changed, moved and duplicated steps at random positions, several at once, volatile-only noise,
 * repeated identical steps that make the alignment ambiguous or leave no identity key, escapes, non-ASCII text, floats,
 * big and negative integers, another key order) both give the same differences in the same order, the same counts,
 * and the same report, text and JSON, byte for byte.
 */
class LineAlignmentTest {

    @TempDir
    Path tmp;

    private static ExecutorService pool;
    private int files;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void theWindowedPathGivesExactlyTheFullAlignmentsResult() throws Exception {
        Random r = new Random(20261202L);
        int fastPath = 0;
        int pairsOnBytes = 0;
        long deferredPairs = 0;
        for (int iteration = 0; iteration < 400; iteration++) {
            int steps = 1 + r.nextInt(iteration % 10 == 0 ? 300 : 25);
            List<ObjectNode> a = base(r, steps);
            List<ObjectNode> b = edit(r, a);
            Path pa = write(lines(r, a));
            Path pb = write(lines(r, b));
            DiffOptions options = DiffOptions.defaults();
            if (r.nextBoolean()) {
                options = options.withExpectedVolatileListed(true);
            }
            if (r.nextInt(3) == 0) {
                options = options.withExecutor(pool).withParallelThreshold(2);
            }
            JsonlSequence sa = LoadedGoldenFile.read(pa).sequence(options.volatileFields());
            JsonlSequence sb = LoadedGoldenFile.read(pb).sequence(options.volatileFields());
            if (LineAlignment.of(sa, sb, options) != null) {
                fastPath++;
            }
            String what = "iteration " + iteration + "\nA:\n" + Files.readString(pa) + "\nB:\n" + Files.readString(pb);

            StructuralDiff windowed = new StructuralDiff(options);
            windowed.trace(sa, sb);
            StructuralDiff full = new StructuralDiff(options);
            full.traceInFull(LoadedGoldenFile.read(pa).sequence(options.volatileFields()),
                    LoadedGoldenFile.read(pb).sequence(options.volatileFields()));
            assertThat(windowed.differences()).as(what).isEqualTo(full.differences());
            assertThat(windowed.expectedVolatile()).as(what).isEqualTo(full.expectedVolatile());
            pairsOnBytes += windowed.differences().isEmpty() ? 0 : 1;

            DiffResult fast = new Classifier(options).classify(windowed.differences(), windowed.expectedVolatile());
            DiffResult slow = new Classifier(options).classify(full.differences(), full.expectedVolatile());
            for (boolean verbose : new boolean[] {false, true}) {
                assertThat(DiffReport.text(fast, "a", "b", verbose, false)).as(what)
                        .isEqualTo(DiffReport.text(slow, "a", "b", verbose, false));
                assertThat(OpsJson.pretty().writeValueAsString(DiffReport.json(fast, "a", "b", verbose))).as(what)
                        .isEqualTo(OpsJson.pretty().writeValueAsString(DiffReport.json(slow, "a", "b", verbose)));
            }
            // the differences of pairs deferred (kept as keys and kinds, compared again when read): the same result
            StructuralDiff deferring = new StructuralDiff(options).deferringAfter(r.nextInt(3));
            deferring.trace(LoadedGoldenFile.read(pa).sequence(options.volatileFields()),
                    LoadedGoldenFile.read(pb).sequence(options.volatileFields()));
            DiffResult deferred = new Classifier(options).classify(deferring.differences(),
                    deferring.expectedVolatile());
            assertSameResult(deferred, slow, what);
            deferredPairs += deferring.differences().stream().filter(d -> d.deferred() != null).count();

            // and the public entry point, whichever tier it picks
            DiffResult viaFiles = GoldenDiff.compare(pa, pb, options);
            assertThat(DiffReport.text(viaFiles, "a", "b", true, false)).as(what)
                    .isEqualTo(DiffReport.text(slow, "a", "b", true, false));
        }
        assertThat(fastPath).as("pairs aligned from key hashes").isGreaterThan(200);
        assertThat(deferredPairs).as("pairs deferred").isGreaterThan(1_000);
        assertThat(pairsOnBytes).as("pairs with differences").isGreaterThan(200);
    }

    /**
     * {@code actual} says what {@code expected} says: counts and reports first (which build no deferred difference),
     * then every difference.
     */
    static void assertSameResult(DiffResult actual, DiffResult expected, String what) throws Exception {
        assertThat(actual.differences().size()).as(what).isEqualTo(expected.differences().size());
        assertThat(actual.consequenceCount()).as(what)
                .isEqualTo(expected.differences().stream().filter(Difference::isConsequence).count());
        for (boolean verbose : new boolean[] {false, true}) {
            assertThat(DiffReport.text(actual, "a", "b", verbose, false)).as(what)
                    .isEqualTo(DiffReport.text(expected, "a", "b", verbose, false));
            assertThat(OpsJson.pretty().writeValueAsString(DiffReport.json(actual, "a", "b", verbose))).as(what)
                    .isEqualTo(OpsJson.pretty().writeValueAsString(DiffReport.json(expected, "a", "b", verbose)));
        }
        assertThat(actual.severity()).as(what).isEqualTo(expected.severity());
        assertThat(actual.rootCause()).as(what).isEqualTo(expected.rootCause());
        assertThat(actual.firstDivergingStep()).as(what).isEqualTo(expected.firstDivergingStep());
        assertThat(actual.evidence()).as(what).isEqualTo(expected.evidence());
        assertThat(actual.findings()).as(what).isEqualTo(expected.findings());
        assertThat(actual.expectedVolatile()).as(what).isEqualTo(expected.expectedVolatile());
        assertThat(actual.differences()).as(what).isEqualTo(expected.differences());
    }

    @Test
    void identityMatchesBecomeTheSamePairsAsBefore() {
        Random r = new Random(7);
        for (int iteration = 0; iteration < 2_000; iteration++) {
            int sizeA = r.nextInt(12);
            int sizeB = r.nextInt(12);
            List<Integer> bs = new ArrayList<>();
            for (int j = 0; j < sizeB; j++) {
                bs.add(j);
            }
            java.util.Collections.shuffle(bs, r);
            int[] match = new int[sizeA];
            for (int i = 0; i < sizeA; i++) {
                match[i] = i < bs.size() && r.nextInt(4) != 0 ? bs.get(i) : -1;
            }
            assertThat(Alignment.byMatch(match, sizeB, "k").pairs()).as(Arrays.toString(match) + " of " + sizeB)
                    .isEqualTo(slotsAsBefore(match, sizeB));
        }
    }

    /** The pairs as the identity alignment built them before (one list per slot), for the test above. */
    private static List<Alignment.Pair> slotsAsBefore(int[] match, int sizeB) {
        boolean[] inOrder = new boolean[match.length];
        // the longest strictly increasing run of matches, as Alignment marks it (same tie-breaking: patience sort)
        int[] tail = new int[match.length + 1];
        int[] prev = new int[match.length];
        int length = 0;
        for (int i = 0; i < match.length; i++) {
            if (match[i] < 0) {
                continue;
            }
            int lo = 1;
            int hi = length;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (match[tail[mid]] < match[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            prev[i] = lo > 1 ? tail[lo - 1] : -1;
            tail[lo] = i;
            length = Math.max(length, lo);
        }
        for (int k = length > 0 ? tail[length] : -1; k >= 0; k = prev[k]) {
            inOrder[k] = true;
        }
        int[] matchB = new int[sizeB];
        Arrays.fill(matchB, -1);
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                matchB[match[i]] = i;
            }
        }
        List<List<Alignment.Pair>> slots = new ArrayList<>();
        for (int i = 0; i <= match.length; i++) {
            slots.add(new ArrayList<>());
        }
        int anchor = 0;
        for (int j = 0; j < sizeB; j++) {
            int i = matchB[j];
            if (i >= 0 && inOrder[i]) {
                anchor = i + 1;
            } else if (i < 0) {
                slots.get(anchor).add(new Alignment.Pair(-1, j, false));
            }
        }
        List<Alignment.Pair> pairs = new ArrayList<>(slots.get(0));
        for (int i = 0; i < match.length; i++) {
            pairs.add(new Alignment.Pair(i, match[i], match[i] >= 0 && !inOrder[i]));
            pairs.addAll(slots.get(i + 1));
        }
        return pairs;
    }

    // ---- generators -------------------------------------------------------------------------------------------------

    private static final String[] TEXTS = {"plain", "caf\u00e9", "quote\"d", "back\\slash", "tab\there", "\u4e2d",
        "line\nbreak", "", "x/y~z"};

    /** A trace of {@code steps} steps; some traces repeat steps (ambiguous alignment) or have no usable identity. */
    private static List<ObjectNode> base(Random r, int steps) {
        ArrayNode trace = EngineTraces.trace("run-" + r.nextInt(3), steps, "compute_hash", "http_fetch",
                "llm_invoke", "random_pick");
        List<ObjectNode> events = new ArrayList<>();
        trace.forEach(e -> events.add((ObjectNode) e));
        int mode = r.nextInt(8);
        for (int i = 1; i < events.size() - 1; i++) {
            ObjectNode d = (ObjectNode) events.get(i).get("data");
            if (mode == 0 && i > 2 && r.nextInt(3) == 0) {
                // a repeated identical step: the step ids are no identity, the index still is
                events.set(i, events.get(i - 1).deepCopy());
                ((ObjectNode) events.get(i).get("data")).put("index", i - 1);
            } else if (mode == 1) {
                // no identity key at all: the alignment is a sequence alignment of hashes
                d.remove("step_id");
                d.remove("index");
                if (r.nextInt(3) == 0 && i > 1) {
                    events.set(i, events.get(i - 1).deepCopy());
                }
            } else if (mode == 2 && r.nextInt(4) == 0) {
                d.put("step_id", "s" + (i - 1) + TEXTS[r.nextInt(TEXTS.length)]);
            }
            if (r.nextInt(5) == 0) {
                ((ObjectNode) d.get("output").get("output")).put("text", TEXTS[r.nextInt(TEXTS.length)]);
            }
            if (r.nextInt(6) == 0) {
                ((ObjectNode) d.get("output").get("output")).put("score", r.nextInt(1000) / 1000.0);
            }
            if (r.nextInt(6) == 0) {
                ((ObjectNode) d.get("output").get("output")).putArray("items").add(r.nextInt(5)).add("i");
            }
        }
        return events;
    }

    /** B: a few edits of A, at random positions. */
    private static List<ObjectNode> edit(Random r, List<ObjectNode> a) {
        List<ObjectNode> b = new ArrayList<>();
        a.forEach(e -> b.add(e.deepCopy()));
        int edits = r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int steps = b.size() - 2;
            int at = 1 + (steps <= 0 ? 0 : r.nextInt(steps));
            switch (r.nextInt(9)) {
                case 0, 1 -> insert(r, b, at);
                case 2 -> remove(b, at);
                case 3 -> change(r, b.get(at));
                case 4 -> {
                    // moved: swap two steps
                    int other = 1 + (steps <= 0 ? 0 : r.nextInt(steps));
                    ObjectNode x = b.get(at);
                    b.set(at, b.get(other));
                    b.set(other, x);
                }
                case 5 -> b.add(at, b.get(at).deepCopy());
                case 6 -> volatileNoise(r, b);
                case 7 -> ((ObjectNode) b.get(0).get("data")).put("seed", r.nextInt(3));
                default -> {
                    for (int i = at; i < b.size() - 1 && i < at + 5; i++) {
                        change(r, b.get(i));
                    }
                }
            }
        }
        if (r.nextInt(3) == 0) {
            volatileNoise(r, b);
        }
        return b;
    }

    /** An extra step before {@code at}; later steps shift their index by one, and steps_count grows (the corpus). */
    private static void insert(Random r, List<ObjectNode> b, int at) {
        ObjectNode extra = b.get(Math.min(at, b.size() - 1)).deepCopy();
        if (!extra.has("data") || !extra.get("data").isObject()) {
            return;
        }
        ObjectNode d = (ObjectNode) extra.get("data");
        d.put("step_id", "s" + at + "-extra").put("skill_id", "llm_invoke");
        d.put("output_hash", Long.toHexString(r.nextLong()));
        b.add(at, extra);
        for (int i = at + 1; i < b.size(); i++) {
            JsonNode data = b.get(i).get("data");
            if (data != null && data.has("index")) {
                ((ObjectNode) data).put("index", data.get("index").asInt() + 1);
                ((ObjectNode) data.get("inputs")).put("url", "https://x/items/" + (data.get("index").asInt()));
            }
        }
        JsonNode start = b.get(0).get("data");
        if (start.has("steps_count")) {
            ((ObjectNode) start).put("steps_count", start.get("steps_count").asInt() + 1);
        }
    }

    private static void remove(List<ObjectNode> b, int at) {
        if (b.size() > 2) {
            b.remove(at);
        }
    }

    private static void change(Random r, ObjectNode event) {
        JsonNode data = event.get("data");
        if (data == null || !data.has("output")) {
            return;
        }
        ObjectNode d = (ObjectNode) data;
        ObjectNode out = (ObjectNode) d.get("output").get("output");
        switch (r.nextInt(10)) {
            case 0 -> out.put("value", "changed" + TEXTS[r.nextInt(TEXTS.length)]);
            case 1 -> d.put("seed", r.nextInt(100) - 50);
            case 2 -> d.put("output_hash", Long.toHexString(r.nextLong()));
            case 3 -> out.put("count", r.nextLong());
            case 4 -> out.put("count", r.nextDouble());
            case 5 -> out.put("count", "-0".equals(out.path("count").asText()) ? 0 : -0);
            case 6 -> d.put("success", r.nextBoolean() ? null : Boolean.FALSE);
            case 7 -> out.putArray("items").add(r.nextInt(3));
            case 8 -> {
                // another key order
                JsonNode skill = d.remove("skill_id");
                d.set("skill_id", skill);
            }
            default -> out.put("generated_at", "2030-01-0" + (1 + r.nextInt(9)) + "T00:00:00+00:00");
        }
    }

    private static void volatileNoise(Random r, List<ObjectNode> b) {
        for (ObjectNode e : b) {
            if (r.nextInt(3) == 0) {
                e.put("timestamp", "2031-01-01T00:00:0" + r.nextInt(10) + "+00:00");
            }
            JsonNode out = e.path("data").path("output");
            if (out.isObject() && r.nextInt(3) == 0) {
                ((ObjectNode) out).put("duration_ms", r.nextInt(100));
            }
        }
    }

    /** Compact JSON lines; now and then with spaces, escapes or a blank line, as other writers lay them out. */
    private static List<String> lines(Random r, List<ObjectNode> events) throws Exception {
        List<String> out = new ArrayList<>();
        boolean other = r.nextInt(8) == 0;
        for (ObjectNode e : events) {
            String line = OpsJson.mapper().writeValueAsString(e);
            int layout = other ? r.nextInt(6) : 3;
            if (layout == 0) {
                line = line.replace(",", ", ").replace(":", ": ");
            } else if (layout == 1) {
                line = line.replace("step", "st\\u0065p");
            } else if (layout == 2) {
                out.add("");
            }
            out.add(line);
        }
        return out;
    }

    private Path write(List<String> lines) throws Exception {
        Path p = tmp.resolve("t" + files++ + ".steps.jsonl");
        Files.write(p, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        return p;
    }
}
