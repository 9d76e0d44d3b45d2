package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.BadGoldenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Work beside the calling thread runs only on the executor the options name, and never changes the result. */
class DiffExecutorTest {

    @TempDir
    Path tmp;

    private Path jsonl(String name, ArrayNode events) throws Exception {
        List<String> lines = new ArrayList<>();
        for (var e : events) {
            lines.add(OpsJson.mapper().writeValueAsString(e));
        }
        return Files.write(tmp.resolve(name), lines);
    }

    @Test
    void theDefaultIsTheCallingThread() {
        assertThat(DiffOptions.defaults().executor()).isSameAs(MoreExecutors.directExecutor());
        assertThat(DiffOptions.defaults().parallelThreshold()).isEqualTo(DiffOptions.DEFAULT_PARALLEL_THRESHOLD);
    }

    @Test
    void theGivenExecutorReadsAFileAndComparesAHalfAndTheResultIsTheSame() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 30);
        ArrayNode actual = EngineTraces.trace("shadow", 30);
        ((ObjectNode) actual.get(20).get("data").get("output").get("output")).put("value", "changed");
        Path a = jsonl("a.steps.jsonl", expected);
        Path b = jsonl("b.steps.jsonl", actual);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try {
            DiffResult alone = GoldenDiff.compare(a, b);
            DiffResult below = GoldenDiff.compare(a, b, DiffOptions.defaults().withExecutor(counting));
            assertThat(tasks).as("the expected file read; the trace is below the threshold").hasValue(1);
            DiffResult split = GoldenDiff.compare(a, b,
                    DiffOptions.defaults().withExecutor(counting).withParallelThreshold(2));
            assertThat(tasks).as("one more read and one second half").hasValue(3);
            for (DiffResult r : List.of(below, split)) {
                assertThat(r.differences()).isEqualTo(alone.differences());
                assertThat(r.expectedVolatile()).isEqualTo(alone.expectedVolatile());
                assertThat(r.findings()).isEqualTo(alone.findings());
            }
            assertThat(alone.firstDivergingStep()).hasValue(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anExecutorThatNeverRunsRejectsOrIsTheCallersOwnGivesTheSameResultWithoutAHang() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 40);
        ArrayNode actual = EngineTraces.trace("shadow", 40);
        ((ObjectNode) actual.get(25).get("data").get("output").get("output")).put("value", "changed");
        Path a = jsonl("a.steps.jsonl", expected);
        Path b = jsonl("b.steps.jsonl", actual);
        DiffResult alone = GoldenDiff.compare(a, b);
        List<Executor> executors = List.of(
                task -> { }, // never runs what it is given
                task -> {
                    throw new RejectedExecutionException("full");
                });
        for (Executor executor : executors) {
            DiffResult r = GoldenDiff.compare(a, b, DiffOptions.defaults().withExecutor(executor)
                    .withParallelThreshold(2));
            assertThat(r.differences()).isEqualTo(alone.differences());
            assertThat(r.findings()).isEqualTo(alone.findings());
        }
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            DiffOptions own = DiffOptions.defaults().withExecutor(single).withParallelThreshold(2);
            DiffResult r = single.submit(() -> GoldenDiff.compare(a, b, own)).get();
            assertThat(r.differences()).isEqualTo(alone.differences());
            assertThat(r.findings()).isEqualTo(alone.findings());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readBothGivesTheFilesInOrderAndTheExpectedFilesProblemFirst() throws Exception {
        Path a = jsonl("a.steps.jsonl", EngineTraces.trace("primary", 5));
        Path b = jsonl("b.steps.jsonl", EngineTraces.trace("shadow", 5));
        Path badA = Files.writeString(tmp.resolve("bad-a.golden.json"), "{\"steps\": [1,\n");
        Path missing = tmp.resolve("missing.steps.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            for (Executor executor : List.<Executor>of(pool, Runnable::run, task -> { })) {
                List<LoadedGoldenFile> both = LoadedGoldenFile.readBoth(a, b, executor);
                assertThat(both.get(0).path()).isEqualTo(a);
                assertThat(both.get(1).path()).isEqualTo(b);
                assertThatThrownBy(() -> LoadedGoldenFile.readBoth(badA, missing, executor))
                        .isInstanceOf(BadGoldenException.class).hasMessageContaining(badA.toString());
                assertThatThrownBy(() -> LoadedGoldenFile.readBoth(a, missing, executor))
                        .isInstanceOf(UnreadableFileException.class).hasMessageContaining(missing.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThresholdBelowTwoIsRefused() {
        assertThatThrownBy(() -> DiffOptions.defaults().withParallelThreshold(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
        assertThatThrownBy(() -> DiffOptions.defaults().withExecutor(null)).isInstanceOf(NullPointerException.class);
    }
}
