package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long JSONL trace with one step inserted: every later step differs in its index and follows from the insertion.
 * {@link GoldenDiff#compare(Path, Path, DiffOptions)} keeps those pairs as {@link DeferredPair}s and builds their
 * differences only when {@link DiffResult#differences()} is read; what it then gives is exactly what the comparison
 * that keeps every difference whole gives (the oracle), read from one thread or several at once.
 */
class DeferredPairTest {

    private static final int STEPS = 5_000;

    @TempDir
    Path tmp;

    @Test
    void consequencesOfAnInsertedStepAreCountedThenBuiltAsTheWholeComparisonBuildsThem() throws Exception {
        ArrayNode a = EngineTraces.trace("run-1", STEPS, "compute_hash", "mock_io");
        ArrayNode b = a.deepCopy();
        int at = GoldenDiff.KEPT_WHOLE / 2;
        ObjectNode extra = EngineTraces.step(a, at).deepCopy();
        ((ObjectNode) extra.get("data")).put("step_id", "s-extra").put("output_hash", "00000000000000ff");
        b.insert(at + 1, extra);
        for (int k = at + 2; k < b.size() - 1; k++) {
            ObjectNode data = (ObjectNode) b.get(k).get("data");
            data.put("index", data.get("index").intValue() + 1);
        }
        Path pa = write("a.jsonl", a);
        Path pb = write("b.jsonl", b);
        DiffOptions options = DiffOptions.defaults();

        DiffResult deferred = GoldenDiff.compare(pa, pb, options);
        DiffResult whole = wholeComparison(pa, pb, options);

        assertThat(deferred.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(deferred.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        // counted, not built: the first pairs of the half are kept whole, the rest wait
        assertThat(deferred.builtDifferences().size()).isLessThan(deferred.differences().size() / 2);
        assertThat(deferred.consequenceCount()).isEqualTo(whole.consequenceCount()).isGreaterThan(STEPS / 2);
        LineAlignmentTest.assertSameResult(deferred, whole, "inserted step");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threadsReadingTheDifferencesAtOnceAllSeeTheSameList() throws Exception {
        ArrayNode a = EngineTraces.trace("run-2", STEPS);
        ArrayNode b = a.deepCopy();
        ObjectNode extra = EngineTraces.step(a, 10).deepCopy();
        ((ObjectNode) extra.get("data")).put("step_id", "s-extra");
        b.insert(11, extra);
        Path pa = write("a2.jsonl", a);
        Path pb = write("b2.jsonl", b);
        DiffResult whole = wholeComparison(pa, pb, DiffOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                DiffResult deferred = GoldenDiff.compare(pa, pb, DiffOptions.defaults());
                List<CompletableFuture<List<Difference>>> reads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    reads.add(CompletableFuture.supplyAsync(() -> List.copyOf(deferred.differences()), pool));
                }
                for (CompletableFuture<List<Difference>> read : reads) {
                    assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(whole.differences());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The oracle: the same comparison with every difference kept whole. */
    private static DiffResult wholeComparison(Path pa, Path pb, DiffOptions options) {
        StructuralDiff diff = new StructuralDiff(options);
        JsonlSequence sa = LoadedGoldenFile.read(pa).sequence(options.volatileFields());
        JsonlSequence sb = LoadedGoldenFile.read(pb).sequence(options.volatileFields());
        TraceTiers.compare(diff, sa, sb, options);
        assertThat(diff.differences()).noneMatch(d -> d.deferred() != null);
        return new Classifier(options).classify(diff.differences(), diff.expectedVolatile());
    }

    private Path write(String name, ArrayNode events) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events) {
            sb.append(e).append('\n');
        }
        return Files.writeString(tmp.resolve(name), sb, StandardCharsets.UTF_8);
    }
}
