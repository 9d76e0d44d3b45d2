package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-equality fast path gives exactly what the token-by-token lockstep (or the full alignment) gives. */
class ByteLockstepTest {

    @TempDir
    Path tmp;

    private Path write(String name, List<String> lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, lines);
        return p;
    }

    private static List<String> lines(ArrayNode events) throws Exception {
        List<String> out = new ArrayList<>();
        for (var e : events) {
            out.add(OpsJson.mapper().writeValueAsString(e));
        }
        return out;
    }

    /** The comparison before the fast path existed: token-by-token lockstep, else the full alignment. */
    private static DiffResult withoutFastPath(Path a, Path b, DiffOptions options) {
        JsonlSequence sa = LoadedGoldenFile.read(a).sequence(options.volatileFields());
        JsonlSequence sb = LoadedGoldenFile.read(b).sequence(options.volatileFields());
        StructuralDiff diff = new StructuralDiff(options);
        if (!TokenLockstep.compare(diff, sa, sb, options)) {
            diff.trace(sa, sb);
        }
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    private static ByteLockstep.Outcome outcome(Path a, Path b) {
        DiffOptions options = DiffOptions.defaults();
        return ByteLockstep.compare(new StructuralDiff(options), LoadedGoldenFile.read(a).sequence(options.volatileFields()),
                LoadedGoldenFile.read(b).sequence(options.volatileFields()), options);
    }

    private void assertSameAsBefore(List<String> expected, List<String> actual, ByteLockstep.Outcome outcome)
            throws Exception {
        assertSameAsBefore(expected, actual, outcome, DiffOptions.defaults());
        assertSameAsBefore(expected, actual, outcome, DiffOptions.defaults().withExpectedVolatileListed(true));
    }

    private void assertSameAsBefore(List<String> expected, List<String> actual, ByteLockstep.Outcome outcome,
            DiffOptions options) throws Exception {
        Path a = write("a.steps.jsonl", expected);
        Path b = write("b.steps.jsonl", actual);
        assertThat(outcome(a, b)).isEqualTo(outcome);
        DiffResult fast = GoldenDiff.compare(a, b, options);
        DiffResult before = withoutFastPath(a, b, options);
        assertThat(fast.differences()).isEqualTo(before.differences());
        assertThat(fast.expectedVolatile()).isEqualTo(before.expectedVolatile());
        assertThat(fast.findings()).isEqualTo(before.findings());
        assertThat(fast.severity()).isEqualTo(before.severity());
    }

    @Test
    void aReplayWithOneChangedOutputAndVolatileNoiseGivesTheLockstepResult() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 30);
        ArrayNode actual = EngineTraces.edit(expected, 17,
                d -> ((ObjectNode) d.get("output").get("output")).put("value", "changed"));
        ((ObjectNode) actual.get(4)).put("timestamp", "2030-01-01T00:00:00+00:00");
        assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.COMPARED);
    }

    @Test
    void linesThatDifferOnlyInVolatileValuesAreCountedAsLockstepCountsThem() throws Exception {
        List<String> expected = lines(EngineTraces.trace("r", 12));
        List<String> actual = new ArrayList<>(expected);
        // timestamps (strings), durations (ints), -0 against 0, a float, an escaped value, a volatile value in an
        // array, whitespace only, and a volatile next to a real change: only some may be counted on their bytes.
        actual.replaceAll(l -> l.replace("02:24:", "03:25:"));
        actual.set(2, actual.get(2).replace("\"duration_ms\":3", "\"duration_ms\":48"));
        expected.set(3, expected.get(3).replace("\"duration_ms\":3", "\"duration_ms\":0"));
        actual.set(3, actual.get(3).replace("\"duration_ms\":3", "\"duration_ms\":-0"));
        actual.set(4, actual.get(4).replace("\"duration_ms\":3", "\"duration_ms\":3.0"));
        actual.set(5, actual.get(5).replace("+00:00\"", "+00\\u003a00\""));
        expected.set(6, expected.get(6).replace("\"retries\":0", "\"retries\":0,\"timestamps\":[1]"));
        actual.set(6, actual.get(6).replace("\"retries\":0", "\"retries\":0,\"timestamps\":[2]"));
        actual.set(7, expected.get(7).replace(",", " , "));
        actual.set(8, actual.get(8).replace("\"value\":\"v7\"", "\"value\":\"changed\""));
        expected.set(9, expected.get(9).replace("\"retries\":0", "\"retries\":0,\"elapsed\":null"));
        actual.set(9, actual.get(9).replace("\"retries\":0", "\"retries\":0,\"elapsed\":true"));
        assertSameAsBefore(expected, actual, ByteLockstep.Outcome.COMPARED);
    }

    @Test
    void identicalTracesHaveNoDifferences() throws Exception {
        List<String> trace = lines(EngineTraces.trace("r", 12));
        assertSameAsBefore(trace, trace, ByteLockstep.Outcome.COMPARED);
        assertThat(GoldenDiff.compare(write("x.jsonl", trace), write("y.jsonl", trace)).differences()).isEmpty();
    }

    @Test
    void linesTheScannerIsUnsureOfAreReadByJacksonWithTheSameResult() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 8);
        // Escaped and non-ASCII identity values, on lines that are equal and on a line that differs.
        ((ObjectNode) EngineTraces.step(expected, 2).get("data")).put("step_id", "s\u00e92");
        ((ObjectNode) EngineTraces.step(expected, 5).get("data")).put("step_id", "s\"5");
        ArrayNode actual = EngineTraces.edit(expected, 5, d -> d.put("seed", 1));
        assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.COMPARED);
    }

    @Test
    void whenTheFirstIdentityKeyRepeatsTheNextOneDecidesAsBefore() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 10);
        expected.forEach(e -> {
            if (e.has("data")) {
                ((ObjectNode) e.get("data")).remove("step_id");
            }
        });
        ArrayNode actual = EngineTraces.edit(expected, 6, d -> d.put("success", false));
        assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.COMPARED);
    }

    @Test
    void swappedStepsAreNotComparedLineByLine() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 6);
        ArrayNode actual = expected.deepCopy();
        actual.set(2, expected.get(3).deepCopy());
        actual.set(3, expected.get(2).deepCopy());
        assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.NOT_IN_STEP);
    }

    @Test
    void tracesOfDifferentLengthsAreAlignedInFull() throws Exception {
        assertSameAsBefore(lines(EngineTraces.trace("r", 6)), lines(EngineTraces.trace("r", 7)),
                ByteLockstep.Outcome.NOT_IN_STEP);
    }

    @Test
    void anInvalidLineInBothFilesIsStillReportedWithItsLine() throws Exception {
        List<String> trace = new ArrayList<>(lines(EngineTraces.trace("r", 5)));
        trace.set(3, trace.get(3).replace("\"step\"", "step"));
        Path a = write("a.jsonl", trace);
        Path b = write("b.jsonl", trace);
        assertThat(outcome(a, b)).isEqualTo(ByteLockstep.Outcome.UNSURE);
        assertThatThrownBy(() -> GoldenDiff.compare(a, b)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("line 4");
    }

    @Test
    void twoValuesOnOneLineOfBothFilesAreStillAnError() throws Exception {
        List<String> trace = new ArrayList<>(lines(EngineTraces.trace("r", 5)));
        trace.set(2, trace.get(2) + " {}");
        Path a = write("a.jsonl", trace);
        Path b = write("b.jsonl", trace);
        assertThat(outcome(a, b)).isEqualTo(ByteLockstep.Outcome.UNSURE);
        assertThatThrownBy(() -> GoldenDiff.compare(a, b)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void theTwoHalvesAgreeWithOnePass() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 40);
        ArrayNode actual = EngineTraces.trace("shadow", 40);
        ((ObjectNode) actual.get(31).get("data").get("output").get("output")).put("value", "changed");
        ((ObjectNode) actual.get(5).get("data").get("output")).put("duration_ms", 99);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            DiffOptions halves = DiffOptions.defaults().withExecutor(pool).withParallelThreshold(2);
            assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.COMPARED, halves);
            assertSameAsBefore(lines(expected), lines(actual), ByteLockstep.Outcome.COMPARED,
                    halves.withExpectedVolatileListed(true));
        } finally {
            pool.shutdownNow();
        }
    }
}
