package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.json.OpsJson;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoadedGoldenFileTest {

    @TempDir
    Path tmp;

    private Path jsonl(String name, ArrayNode events) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (var e : events) {
            sb.append(OpsJson.mapper().writeValueAsString(e)).append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void aJsonlTraceIsComparedEventByEventLikeTheSameTree() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 5);
        ArrayNode actual = EngineTraces.edit(expected, 3,
                d -> ((ObjectNode) d.get("output").get("output")).put("value", "changed"));
        DiffResult fromFiles = GoldenDiff.compare(jsonl("a.steps.jsonl", expected), jsonl("b.steps.jsonl", actual));
        DiffResult fromTrees = GoldenDiff.compare(expected, actual);
        assertThat(fromFiles.differences()).isEqualTo(fromTrees.differences());
        assertThat(fromFiles.firstDivergingStep()).hasValue(3);
    }

    @Test
    void aOneLineJsonlFileIsStillATraceBecauseTheExtensionDecides() throws Exception {
        Path p = tmp.resolve("one.jsonl");
        Files.writeString(p, "{\"event_type\":\"run_end\",\"data\":{\"status\":\"completed\"}}\n");
        assertThat(LoadedGoldenFile.read(p).format()).isEqualTo(LoadedGoldenFile.Format.JSONL);
        assertThat(LoadedGoldenFile.read(p).tree().isArray()).isTrue();
    }

    @Test
    void aBadLineIsReportedWithItsFileLineAndColumn() throws Exception {
        Path good = jsonl("a.jsonl", EngineTraces.trace("r", 2));
        Path bad = tmp.resolve("b.jsonl");
        Files.writeString(bad, "{\"event_type\":\"run_start\"}\n\n{\"event_type\": step}\n");
        assertThatThrownBy(() -> GoldenDiff.compare(good, bad))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining("b.jsonl").hasMessageContaining("line 3");
    }

    @Test
    void aNamedFifoIsRefusedWithoutOpeningIt() throws Exception {
        // opening it would wait for a writer that may never come; an anonymous pipe (bash's <(...)) is read: see
        // GoldenDiffPipeIT
        Path fifo = tmp.resolve("trace.jsonl");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> LoadedGoldenFile.read(fifo))
                .hasMessage(fifo + ": is a FIFO, not a regular file");
        assertThat(LoadedGoldenFile.anonymousPipe(fifo)).isFalse();
    }

    @Test
    void anEmptyOrMissingFileIsBadInput() throws Exception {
        Path empty = tmp.resolve("e.json");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> LoadedGoldenFile.read(empty)).isInstanceOf(AosOpsException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> LoadedGoldenFile.read(tmp.resolve("missing.json")))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("no such file");
    }

    @Test
    void aFileTooLargeToHoldIsRefusedAsBadInputBeforeItIsRead() throws Exception {
        Path huge = tmp.resolve("huge.golden.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2L << 30); // sparse: 2 GB on paper, nothing on disk
        }
        assertThatThrownBy(() -> GoldenDiff.compare(huge, huge)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("huge.golden.json").hasMessageContaining("2048 MB")
                .isInstanceOf(BadInputException.class);
        Path small = tmp.resolve("small.json");
        Files.writeString(small, "{\"a\": [" + "1,".repeat(1 << 20) + "1]}");
        assertThatThrownBy(() -> LoadedGoldenFile.read(small, 1 << 20)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("small.json").hasMessageContaining("more than the 1 MB");
    }

    @Test
    void aFileWithoutAKnownExtensionIsSniffed() throws Exception {
        Path doc = tmp.resolve("golden.txt");
        Files.writeString(doc, "{\n  \"seed\": 1\n}");
        Path lines = tmp.resolve("trace.txt");
        Files.writeString(lines, "{\"a\":1}\n{\"a\":2}\n");
        assertThat(LoadedGoldenFile.read(doc).format()).isEqualTo(LoadedGoldenFile.Format.JSON);
        assertThat(LoadedGoldenFile.read(lines).format()).isEqualTo(LoadedGoldenFile.Format.JSONL);
    }

    @Test
    void aStepInsertedInAJsonlTraceIsOneAddedEventAndTheLaterShiftIsGroupedUnderIt() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 8);
        ArrayNode actual = EngineTraces.trace("r", 9);
        // Step s3 is new: the later steps keep their step ids but move one index down.
        for (int i = 3; i < 9; i++) {
            ObjectNode d = (ObjectNode) actual.get(i + 1).get("data");
            d.put("step_id", i == 3 ? "inserted" : "s" + (i - 1));
        }
        DiffResult r = GoldenDiff.compare(jsonl("a.steps.jsonl", expected), jsonl("b.steps.jsonl", actual));
        assertThat(r.differences()).filteredOn(d -> d.kind() == DiffKind.ADDED).singleElement()
                .satisfies(d -> assertThat(d.actual().at("/data/step_id").asText()).isEqualTo("inserted"));
        assertThat(r.findings()).hasSize(1);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.firstDivergingStep()).hasValue(3);
    }

    @Test
    void sameSizedTracesWhoseStepIdsDifferAreAlignedInFullNotLineByLine() throws Exception {
        ArrayNode expected = EngineTraces.trace("r", 5);
        ArrayNode actual = expected.deepCopy();
        // Steps 1 and 2 swapped places: line by line they would be two changed steps.
        actual.set(2, expected.get(3).deepCopy());
        actual.set(3, expected.get(2).deepCopy());
        DiffResult r = GoldenDiff.compare(jsonl("a.steps.jsonl", expected), jsonl("b.steps.jsonl", actual));
        assertThat(r.differences()).filteredOn(d -> d.kind() == DiffKind.REORDERED).hasSize(1);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void theLockstepPathAndTheTreePathAgreeOnAReplayWithVolatileNoise() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 6);
        ArrayNode actual = EngineTraces.trace("shadow", 6);
        actual.forEach(e -> ((ObjectNode) e).put("timestamp", "2030-01-01T00:00:00+00:00"));
        ((ObjectNode) actual.get(3).get("data").get("output")).put("duration_ms", 99).put("retries", 1);
        DiffResult files = GoldenDiff.compare(jsonl("a.steps.jsonl", expected), jsonl("b.steps.jsonl", actual));
        DiffResult trees = GoldenDiff.compare(expected, actual);
        assertThat(files.differences()).isEqualTo(trees.differences());
        assertThat(files.expectedVolatile()).isEqualTo(trees.expectedVolatile());
        assertThat(files.firstDivergingStep()).hasValue(2);
    }

    @Test
    void theTwoHalvesCompareThreadAgreesWithOnePassAndNamesTheRightLineOfABadEvent() throws Exception {
        ArrayNode expected = EngineTraces.trace("primary", 40);
        ArrayNode actual = EngineTraces.trace("shadow", 40);
        ((ObjectNode) actual.get(31).get("data").get("output").get("output")).put("value", "changed");
        ((ObjectNode) actual.get(5).get("data").get("output")).put("duration_ms", 99);
        Path a = jsonl("a.steps.jsonl", expected);
        Path b = jsonl("b.steps.jsonl", actual);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        DiffOptions split = DiffOptions.defaults().withExecutor(pool).withParallelThreshold(2);
        try {
            DiffResult halves = GoldenDiff.compare(a, b, split);
            DiffResult trees = GoldenDiff.compare(expected, actual);
            assertThat(halves.differences()).isEqualTo(trees.differences());
            assertThat(halves.expectedVolatile()).isEqualTo(trees.expectedVolatile());
            assertThat(halves.firstDivergingStep()).hasValue(30);
            java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(b));
            lines.set(35, lines.get(35).replace("\"step\"", "step"));
            Files.write(b, lines);
            assertThatThrownBy(() -> GoldenDiff.compare(a, b, split)).isInstanceOf(AosOpsException.class)
                    .hasMessageContaining("line 36");
        } finally {
            pool.shutdownNow();
        }
    }
}
