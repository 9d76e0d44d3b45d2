package io.aos.ops.golden.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GoldenSummaryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static String cycle(int replays, int mismatches) {
        String details = mismatches == 0 ? "[]"
                : "[{\"original_run_id\":\"primary-w1-280cfdcd\",\"replay_run_id\":\"shadow-1\",\"original_hash\":\"aa\","
                        + "\"replay_hash\":\"bb\",\"match\":false,\"diff_details\":\"Mismatch at step 2: original=x, "
                        + "replay=y\"}]";
        return "{\n  \"timestamp\": \"2026-11-28T02:24:03.915613+00:00\",\n  \"primary\": {\"total\": 3, \"successful\": 3,"
                + " \"failed\": 0},\n  \"shadow\": {\"total_replays\": " + replays + ", \"matches\": "
                + (replays - mismatches) + ", \"mismatches\": " + mismatches + "},\n  \"mismatch_details\": " + details
                + ",\n  \"passed\": " + (mismatches == 0) + "\n}";
    }

    private Path run(String name, int cycles) throws IOException {
        Path root = tmp.resolve(name);
        Files.createDirectories(root.resolve("reports"));
        Files.createDirectories(root.resolve("golden"));
        for (int i = 1; i <= cycles; i++) {
            Files.writeString(root.resolve("reports/cycle_" + i + ".json"), cycle(3, 0));
            Files.writeString(root.resolve("golden/primary-w0-" + i + ".golden.json"), "{\"seed\":1}");
        }
        return root;
    }

    private ShadowSummary summarize(Path... dirs) {
        return GoldenSummary.withClock(CLOCK).summarize(List.of(dirs));
    }

    @Test
    void anExecutorGivenListsTheGoldenDirectoriesAndReadsTheReportsBesideTheCallerAndTheSummaryIsTheSame()
            throws IOException {
        Path a = run("a", 600);
        Path b = run("b", 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try {
            ShadowSummary onPool = GoldenSummary.withClock(CLOCK).withExecutor(counting).summarize(List.of(a, b));
            // a listing per directory; 600 reports are three chunks: the caller takes one or more and offers the pool
            // the others while any is left (one or two tasks); b's two reports are one chunk, which the caller reads
            assertThat(tasks.get()).as("a golden listing per directory and a task per chunk but the caller's")
                    .isBetween(3, 4);
            assertThat(onPool).isEqualTo(summarize(a, b));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Executors a library user may hand over that never run a task the summary waits for: each costs no answer. */
    static List<Executor> executorsThatDoNotRunTasks(ExecutorService late) {
        return List.of(
                task -> { }, // takes tasks and never runs them
                task -> {
                    throw new RejectedExecutionException("saturated");
                },
                task -> late.execute(() -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    task.run();
                }));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anExecutorThatNeverRunsRejectsOrRunsLateGivesTheSameSummaryWithoutAHang() throws Exception {
        Path a = run("a", 700);
        Path b = run("b", 3);
        ShadowSummary sequential = summarize(a, b);
        ExecutorService late = Executors.newSingleThreadExecutor();
        try {
            for (Executor executor : executorsThatDoNotRunTasks(late)) {
                assertThat(GoldenSummary.withClock(CLOCK).withExecutor(executor).summarize(List.of(a, b)))
                        .isEqualTo(sequential);
            }
        } finally {
            late.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSummaryCalledFromTheOnlyThreadOfItsOwnPoolEnds() throws Exception {
        // the pool's one thread waits in summarize for tasks queued behind it on that same pool
        Path a = run("a", 700);
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            GoldenSummary summary = GoldenSummary.withClock(CLOCK).withExecutor(single);
            assertThat(single.submit(() -> summary.summarize(List.of(a))).get()).isEqualTo(summarize(a));
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aGoldenEntryThatIsGoneWhenStattedIsNotCountedAndIsNoProblem() throws IOException {
        Path r = run("r", 3);
        // a dangling link stands for a file removed between the listing and its stat (a clean-up running meanwhile)
        Files.createSymbolicLink(r.resolve("golden/primary-w9-9.golden.json"), r.resolve("golden/gone.golden.json"));
        ShadowSummary s = summarize(r);
        assertThat(s.goldenFileCount()).isEqualTo(3);
        assertThat(s.problems()).isEmpty();
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.PASS);
    }

    @Test
    void aCleanRunPassesWithTotalsAndGoldenCounts() throws IOException {
        ShadowSummary s = summarize(run("r", 12));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.PASS);
        assertThat(s.cycles()).isEqualTo(12);
        assertThat(s.totalWorkflows()).isEqualTo(36);
        assertThat(s.totalReplays()).isEqualTo(36);
        assertThat(s.mismatchRate()).isZero();
        assertThat(s.goldenFileCount()).isEqualTo(12);
        assertThat(s.goldenBytes()).isEqualTo(12 * 10);
    }

    @Test
    void aReportWithoutPassedIsAFailSayingSoNotThatItSaysPassedFalse() throws IOException {
        Path root = run("r", 2);
        Path report = root.resolve("reports/cycle_2.json");
        Files.writeString(report, cycle(3, 0).replace(",\n  \"passed\": true", ""));

        ShadowSummary s = summarize(root);

        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains(report.toString())
                .contains("has no passed field");
        String text = SummaryReport.text(s, false);
        assertThat(text).contains("cycle_2").contains("has no passed field").doesNotContain("says passed: false");
    }

    @Test
    void theTextShowsControlCharactersOfNamesAsEscapesAndKeepsItsOwnColour() throws IOException {
        Path root = run("r\u001b]0;owned\u0007\rFAKE", 1);
        Files.writeString(root.resolve("reports/cycle_1.json"), "{");

        String text = SummaryReport.text(summarize(root), true);

        assertThat(text).startsWith("\u001b[0;31mFAIL\u001b[0m: ")
                .contains("  directory: " + tmp + "/r\\x1b]0;owned\\x07\\rFAKE  (");
        assertThat(text.substring("\u001b[0;31mFAIL\u001b[0m".length()).chars()
                .filter(c -> c != '\n').noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f)).as(text).isTrue();
    }

    @Test
    void aShadowObjectWithoutMismatchesIsANamedProblemNotZeroMismatches() throws IOException {
        Path root = run("r", 2);
        Path report = root.resolve("reports/cycle_1.json");
        Files.writeString(report, cycle(3, 0).replace(", \"mismatches\": 0", ""));

        ShadowSummary s = summarize(root);

        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains(report.toString())
                .contains("no mismatches count");
    }

    @Test
    void aReportWithoutPrimaryIsANamedProblem() throws IOException {
        Path root = run("r", 2);
        Path report = root.resolve("reports/cycle_2.json");
        Files.writeString(report, cycle(3, 0).replaceFirst("\"primary\": \\{[^}]*\\},\n  ", ""));

        ShadowSummary s = summarize(root);

        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains(report.toString())
                .contains("has no primary object");
    }

    @Test
    void cycleReportsAreReadInNumericOrder() throws IOException {
        ShadowSummary s = summarize(run("r", 11));
        assertThat(s.rows()).extracting(ShadowSummary.CycleRow::cycle)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void aMismatchFailsWithItsDetailsAndTheRateOverReplays() throws IOException {
        Path root = run("r", 4);
        Files.writeString(root.resolve("reports/cycle_3.json"), cycle(3, 1));
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.totalMismatches()).isEqualTo(1);
        assertThat(s.mismatchRate()).isEqualTo(1.0 / 12);
        assertThat(s.mismatchDetails()).singleElement().satisfies(m -> {
            assertThat(m.cycle()).isEqualTo(3);
            assertThat(m.detail().originalRunId()).isEqualTo("primary-w1-280cfdcd");
        });
    }

    @Test
    void theGoldenSubdirectoryIsAFailThatNamesTheRunDirectory() throws IOException {
        Path root = run("r", 2);
        ShadowSummary s = summarize(root.resolve("golden"));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString()
                .contains("has no reports/ directory").contains("pass the run directory " + root.toAbsolutePath());
    }

    @Test
    void zeroCyclesIsAFail() throws IOException {
        ShadowSummary s = summarize(run("r", 0));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains("zero cycles");
    }

    @Test
    void anUnreadableCycleReportIsAFailNamingTheFileAndLine() throws IOException {
        Path root = run("r", 3);
        Files.writeString(root.resolve("reports/cycle_2.json"), "Traceback (most recent call last):\n");
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.cycles()).isEqualTo(2);
        assertThat(s.problems()).singleElement().asString().contains("cycle_2.json").contains("line 1");
        assertThat(s.rows().get(1).readable()).isFalse();
    }

    @Test
    void aHugeCycleReportIsAnUnreadableCycleNotACrash() throws IOException {
        Path root = run("r", 2);
        try (RandomAccessFile file = new RandomAccessFile(root.resolve("reports/cycle_2.json").toFile(), "rw")) {
            file.setLength(2L << 30); // sparse: 2 GB on paper, nothing on disk
        }
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains("cycle_2.json").contains("too large");
    }

    @Test
    void aMissingDirectoryIsAFail() {
        ShadowSummary s = summarize(tmp.resolve("nope"));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains("does not exist");
    }

    @Test
    void severalDirectoriesMergeIntoOneSummary() throws IOException {
        ShadowSummary s = summarize(run("host-a", 2), run("host-b", 3));
        assertThat(s.cycles()).isEqualTo(5);
        assertThat(s.directories()).hasSize(2);
        assertThat(s.goldenFileCount()).isEqualTo(5);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.PASS);
    }

    @Test
    void theJsonKeepsUpstreamKeysAndAddsTheSchemaVersion() throws IOException {
        JsonNode json = SummaryReport.json(summarize(run("r", 2)));
        assertThat(json.fieldNames()).toIterable().contains("schema_version", "directory", "analyzed_at", "cycles",
                "total_workflows", "total_replays", "total_mismatches", "mismatch_details", "cycle_summaries",
                "golden_file_count", "golden_dir_size_bytes", "mismatch_rate", "passed", "verdict", "problems");
        assertThat(json.get("analyzed_at").asText()).isEqualTo("2026-11-28T04:00:00Z");
        assertThat(json.at("/cycle_summaries/1/cycle").asText()).isEqualTo("cycle_2");
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void chunksReadOnAPoolFoldIntoTheSummaryOfASequentialReadAndBothJsonFormsAreTheSameText() throws IOException {
        // differential: random runs of up to 700 cycles (several chunks), with mismatches, unreadable reports and
        // odd mismatch entries; the pool's summary equals the calling thread's, and the streamed JSON the tree's
        Random r = new Random(20261202L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                List<Path> dirs = new ArrayList<>();
                for (int d = 0; d < 1 + r.nextInt(2); d++) {
                    Path root = tmp.resolve("run" + round + "-" + d);
                    Files.createDirectories(root.resolve("reports"));
                    if (r.nextBoolean()) {
                        Files.createDirectories(root.resolve("golden"));
                        Files.writeString(root.resolve("golden/g.golden.json"), "{}");
                    }
                    int cycles = r.nextInt(700);
                    for (int i = 1; i <= cycles; i++) {
                        Files.writeString(root.resolve("reports/cycle_" + i + ".json"), randomCycle(r));
                    }
                    dirs.add(root);
                }
                ShadowSummary sequential = GoldenSummary.withClock(CLOCK).summarize(dirs);
                ShadowSummary onPool = GoldenSummary.withClock(CLOCK).withExecutor(pool).summarize(dirs);
                assertThat(onPool).isEqualTo(sequential);
                assertThat(SummaryReport.jsonText(sequential))
                        .isEqualTo(OpsJson.pretty().writeValueAsString(SummaryReport.json(sequential)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomCycle(Random r) {
        return switch (r.nextInt(40)) {
            case 0 -> "{\"primary\": {\"total\": ";
            case 1 -> "";
            case 2 -> cycle(3, 0).replace("\"mismatch_details\": []", "\"mismatch_details\": [{\"original_run_id\": 7, "
                    + "\"seed\": \"12\", \"evidence\": \"\u00e9 \\\"q\\\" \\n\", \"match\": false}]");
            case 3 -> cycle(3, 0).replace("\"mismatch_details\": []", "\"mismatch_details\": [{\"original_run_id\": \"a\", "
                    + "\"replay_run_id\": null, \"seed\": " + r.nextLong() + ", \"first_diverging_step\": " + r.nextInt(99)
                    + ", \"root_cause\": \"VOLATILE_LEAK\", \"severity\": \"CRITICAL\", \"workflow_type\": \"llm\", "
                    + "\"evidence\": \"why\", \"match\": false, \"x\": [1, {\"y\": 2}]}]");
            case 4, 5, 6 -> cycle(3, 1);
            default -> cycle(3, 0);
        };
    }

    @Test
    void theTextReportStartsWithTheVerdict() throws IOException {
        assertThat(SummaryReport.text(summarize(run("r", 2)), false)).startsWith("PASS: all 6 replays matched");
    }
}
