package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShadowRunnerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private ShadowRunner runner(ShadowRunOptions options, StopCheck stop) {
        return new ShadowRunner(options, WorkflowRegistry.builtins(), stop, CLOCK,
                ShadowRunLog.to(new PrintStream(stdout, true, StandardCharsets.UTF_8), false));
    }

    private ShadowRunOptions.Builder quick(Path out) {
        return ShadowRunOptions.builder(out).quick(true).cycleInterval(Duration.ZERO).seed(7L).verbose(true);
    }

    private String log() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQuickRunPassesAndWritesGoldenFilesReportsSummaryAndStatus(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        ShadowRunResult result = runner(quick(out).build(), StopCheck.NEVER).run();

        assertThat(result.state()).isEqualTo(RunState.COMPLETED);
        assertThat(result.cycles()).isEqualTo(3);
        assertThat(result.workflows()).isEqualTo(15);
        assertThat(result.replays()).isEqualTo(15);
        assertThat(result.mismatches()).isZero();
        assertThat(result.passed()).isTrue();

        ShadowRunLayout layout = ShadowRunLayout.of(out);
        try (Stream<Path> golden = Files.list(layout.goldenDir())) {
            assertThat(golden.filter(p -> p.toString().endsWith(".golden.json")).count()).isEqualTo(15);
        }
        assertThat(layout.cycleReports()).hasSize(3);
        CycleReport c1 = OpsJson.read(layout.cycleReport(1), CycleReport.class);
        assertThat(c1.cycle()).isEqualTo(1);
        assertThat(c1.primary().total()).isEqualTo(5);
        assertThat(c1.passed()).isTrue();

        JsonNode summary = OpsJson.readTree(result.summaryFile());
        assertThat(summary.at("/statistics/cycles_completed").asLong()).isEqualTo(3);
        assertThat(summary.at("/statistics/mismatch_rate").isNumber()).isTrue();
        assertThat(summary.at("/status").asText()).isEqualTo("healthy");
        assertThat(result.summaryFile().getFileName().toString()).isEqualTo("summary_20261128_040000.json");

        ShadowRunStatus status = OpsJson.read(layout.statusFile(), ShadowRunStatus.class);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(status.cycles()).isEqualTo(3);
        assertThat(status.workflows()).isEqualTo(15);
        assertThat(status.replays()).isEqualTo(15);
        assertThat(status.mismatches()).isZero();
        assertThat(status.startedAt()).isEqualTo(CLOCK.instant());
        assertThat(status.lastCycleAt()).isEqualTo(CLOCK.instant());
        assertThat(status.targetCycles()).isEqualTo(3);
        assertThat(Files.exists(layout.pidFile())).isFalse();

        assertThat(log()).contains("[STEP] 04:00:00 Running cycle 1...",
                "[INFO] 04:00:00 Cycle 1: 5 workflows, 5 replays, 0 mismatches",
                "SHADOW SIMULATION PASSED", "All 15 shadow replays matched their golden files.",
                "Shadow simulation complete").doesNotContain("\033[");
        assertThat(Files.readString(layout.logFile())).contains("Shadow simulation complete", "Cycle 3: 5 workflows");
    }

    @Test
    void theSameSeedGivesTheSameRunIdsTypesAndSeeds(@TempDir Path tmp) throws Exception {
        runner(quick(tmp.resolve("a")).build(), StopCheck.NEVER).run();
        runner(quick(tmp.resolve("b")).build(), StopCheck.NEVER).run();
        assertThat(goldenSummary(tmp.resolve("a"))).isEqualTo(goldenSummary(tmp.resolve("b")));
    }

    private static List<String> goldenSummary(Path run) throws Exception {
        try (Stream<Path> files = Files.list(run.resolve("golden"))) {
            return files.sorted().map(p -> {
                JsonNode g = OpsJson.readTree(p);
                return g.path("run_id").asText() + " " + g.path("workflow_type").asText() + " "
                        + g.path("seed").asLong() + " " + g.path("workflow_hash").asText();
            }).toList();
        }
    }

    @Test
    void injectedFaultsAreCountedAndWrittenAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        ShadowRunOptions options = quick(tmp.resolve("run")).inject(FaultInjection.parse("volatile-leak:1")).build();
        ShadowRunResult result = runner(options, StopCheck.NEVER).run();

        assertThat(result.cycles()).isEqualTo(3);
        assertThat(result.mismatches()).isEqualTo(result.replays()).isPositive();
        assertThat(result.passed()).isFalse();
        CycleReport c2 = OpsJson.read(ShadowRunLayout.of(tmp.resolve("run")).cycleReport(2), CycleReport.class);
        assertThat(c2.passed()).isFalse();
        assertThat(c2.mismatchDetails()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.diffDetails()).startsWith("Mismatch at step ");
            assertThat(d.firstDivergingStep()).isNotNull();
            assertThat(d.workflowType()).isIn("compute", "io", "llm");
        });
        assertThat(log()).contains("[ERROR] 04:00:00 Cycle 1: 5 mismatches detected!",
                "[WARN] 04:00:00 ALERT: Shadow simulation detected 5 mismatches in cycle 1",
                "SHADOW SIMULATION FAILED", "Shadow simulation complete");
        JsonNode summary = OpsJson.readTree(result.summaryFile());
        assertThat(summary.at("/statistics/mismatch_rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(summary.at("/status").asText()).isEqualTo("degraded");
    }

    @ParameterizedTest(name = "--inject {0} is classified {1}")
    @CsvSource({
        "volatile-leak, VOLATILE_LEAK",
        "unseeded-rng, UNSEEDED_RNG",
        "seed-mismatch, SEED_MISMATCH",
        "external-call, EXTERNAL_CALL",
        "unordered, UNORDERED_COLLECTION"
    })
    void eachInjectedFaultIsClassifiedAsItsRootCause(String kind, String rootCause, @TempDir Path tmp) {
        ShadowRunOptions options = quick(tmp.resolve("run")).inject(FaultInjection.parse(kind + ":1")).build();
        ShadowRunResult result = runner(options, StopCheck.NEVER).run();
        assertThat(result.cycles()).isEqualTo(3);
        assertThat(result.mismatches()).isPositive();
        List<CycleReport.MismatchDetail> details = Stream.of(1, 2, 3)
                .map(n -> OpsJson.read(ShadowRunLayout.of(tmp.resolve("run")).cycleReport(n), CycleReport.class))
                .flatMap(r -> r.mismatchDetails().stream()).toList();
        assertThat(details).hasSize((int) result.mismatches()).allSatisfy(d -> {
            assertThat(d.rootCause()).as(d.evidence()).isEqualTo(rootCause);
            assertThat(d.firstDivergingStep()).isNotNull();
            assertThat(d.severity()).isIn("WARNING", "CRITICAL");
            assertThat(d.evidence()).isNotBlank();
            assertThat(tmp.resolve("run/traces/" + d.replayRunId() + ".steps.jsonl")).exists();
        });
    }

    @Test
    void failFastStopsAfterTheFirstCycleWithAMismatchAndWritesTheSummary(@TempDir Path tmp) {
        ShadowRunOptions options = quick(tmp.resolve("run")).cycles(50L).failFast(true)
                .inject(FaultInjection.parse("seed-mismatch:1")).build();
        ShadowRunResult result = runner(options, StopCheck.NEVER).run();
        assertThat(result.cycles()).isEqualTo(1);
        assertThat(result.state()).isEqualTo(RunState.FAILED);
        assertThat(result.passed()).isFalse();
        assertThat(result.summaryFile()).exists();
    }

    @Test
    void zeroCyclesIsAFailureNotAPass(@TempDir Path tmp) {
        ShadowRunOptions options = ShadowRunOptions.builder(tmp.resolve("run")).hours(0.0).seed(1L).build();
        ShadowRunResult result = runner(options, StopCheck.NEVER).run();
        assertThat(result.cycles()).isZero();
        assertThat(result.passed()).isFalse();
        assertThat(log()).contains("SHADOW SIMULATION FAILED", "no cycle completed");
        // status.json says failed, so a monitor does not read a run that compared nothing as a clean completion
        assertThat(result.state()).isEqualTo(RunState.FAILED);
        assertThat(OpsJson.readTree(ShadowRunLayout.of(tmp.resolve("run")).statusFile()).path("state").asText())
                .isEqualTo("failed");
    }

    @Test
    void aSecondRunOnTheSameOutputDirectoryIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        runner(quick(out).build(), StopCheck.NEVER).run();
        assertThatThrownBy(() -> runner(quick(out).build(), StopCheck.NEVER).run())
                .isInstanceOf(AosOpsException.class).hasMessageContaining("already holds a shadow run");
    }

    @Test
    void theBannerStatesASmallHourBudgetInPlainDigits(@TempDir Path tmp) {
        runner(quick(tmp.resolve("run")).hours(0.0003).cycles(1L).build(), StopCheck.NEVER).run();
        assertThat(log()).contains("Duration:            0.0003h (1s) or 1 cycles, whichever comes first");
    }

    @Test
    void aRefusedRunOnAFinishedRunsDirectoryChangesNothingInIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        runner(quick(out).build(), StopCheck.NEVER).run();
        Files.setLastModifiedTime(out, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        List<String> before = snapshot(out);

        assertThatThrownBy(() -> runner(quick(out).build(), StopCheck.NEVER).run())
                .isInstanceOf(AosOpsException.class).hasMessageContaining("already holds a shadow run");

        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(ShadowRunLayout.of(out).pidFile()).doesNotExist();
        assertThat(Files.getLastModifiedTime(out).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    /** Every file and directory below {@code dir} with its size and modification time. */
    private static List<String> snapshot(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> {
                try {
                    return dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void aStopRequestEndsTheRunWithASummaryAndStateStopped(@TempDir Path tmp) throws Exception {
        ShadowRunOptions options = quick(tmp.resolve("run")).cycles(null).hours(1.0)
                .cycleInterval(Duration.ofSeconds(30)).build();
        ShadowRunner runner = runner(options, StopCheck.NEVER);
        Thread t = new Thread(runner::run);
        t.start();
        // Wait for the first cycle's report, then stop during the 30 s interval.
        Path firstReport = ShadowRunLayout.of(tmp.resolve("run")).cycleReport(1);
        for (int i = 0; i < 6000 && !Files.exists(firstReport); i++) {
            Thread.sleep(10);
        }
        assertThat(firstReport).as("the first cycle's report, within 60 s").exists();
        runner.requestStop();
        assertThat(runner.awaitFinished(Duration.ofSeconds(20))).isTrue();
        ShadowRunResult result = runner.result().orElseThrow();
        assertThat(result.state()).isEqualTo(RunState.STOPPED);
        assertThat(result.cycles()).isEqualTo(1);
        assertThat(result.passed()).isTrue();
        assertThat(log()).contains("Shutting down shadow simulation...", "Final report: " + result.summaryFile());
    }

    @Test
    void anEngagedEmergencyStopPausesTheRunUntilReleased(@TempDir Path tmp) throws Exception {
        AtomicBoolean engaged = new AtomicBoolean(true);
        ShadowRunOptions options = quick(tmp.resolve("run")).pausePollInterval(Duration.ofMillis(5)).build();
        ShadowRunner runner = runner(options, engaged::get);
        Thread t = new Thread(runner::run);
        t.start();
        Path status = ShadowRunLayout.of(tmp.resolve("run")).statusFile();
        for (int i = 0; i < 6000 && !(Files.exists(status)
                && OpsJson.read(status, ShadowRunStatus.class).state() == RunState.PAUSED); i++) {
            Thread.sleep(10);
        }
        assertThat(status).as("status.json, within 60 s").exists();
        assertThat(OpsJson.read(status, ShadowRunStatus.class).state()).as("paused within 60 s")
                .isEqualTo(RunState.PAUSED);
        assertThat(OpsJson.read(status, ShadowRunStatus.class).emergencyStop()).isTrue();
        engaged.set(false);
        assertThat(runner.awaitFinished(Duration.ofSeconds(20))).isTrue();
        assertThat(runner.result().orElseThrow().cycles()).isEqualTo(3);
        assertThat(log()).contains("Emergency stop engaged: shadow simulation paused",
                "Emergency stop released: resuming shadow simulation");
    }
}
