package io.aos.ops.golden.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShadowRunListenerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);

    /** Writes down every event, and checks what a listener is promised to find on disk when it arrives. */
    private static final class Recorder implements ShadowRunListener {
        final List<String> events = new ArrayList<>();
        final List<MismatchDetail> mismatches = new ArrayList<>();
        final List<InjectedFault> faults = new ArrayList<>();
        final List<Long> statusCyclesAtCycleEnd = new ArrayList<>();
        ShadowRunLayout layout;
        Finish finish;

        @Override
        public void runStarted(Start start) {
            layout = start.layout();
            events.add("start");
        }

        @Override
        public void cycleStarted(Instant at, long cycle) {
            events.add("cycle " + cycle);
        }

        @Override
        public void faultInjected(Instant at, InjectedFault fault) {
            faults.add(fault);
            events.add("fault");
        }

        @Override
        public void mismatch(Instant at, long cycle, MismatchDetail detail) {
            mismatches.add(detail);
            events.add("mismatch");
        }

        @Override
        public void cycleFinished(Instant at, CycleReport report, Totals totals) {
            assertThat(layout.cycleReport(report.cycle())).exists();
            statusCyclesAtCycleEnd.add(OpsJson.read(layout.statusFile(), ShadowRunStatus.class).cycles());
            events.add("done " + report.cycle() + " totals " + totals.cycles() + "/" + totals.mismatches());
        }

        @Override
        public void runFinished(Finish f) {
            finish = f;
            events.add("finish");
        }
    }

    private static ShadowRunOptions.Builder quick(Path out) {
        return ShadowRunOptions.builder(out).quick(true).cycleInterval(Duration.ZERO).seed(7L).verbose(true);
    }

    @Test
    void eventsArriveInOrderWithEveryMismatchAndInjectedFault(@TempDir Path tmp) {
        Recorder recorder = new Recorder();
        ShadowRunOptions options = quick(tmp.resolve("run")).inject(FaultInjection.parse("unordered:0.5")).build();
        ShadowRunResult result = new ShadowRunner(options, WorkflowRegistry.builtins(), StopCheck.NEVER, CLOCK,
                recorder).run();

        assertThat(recorder.events.get(0)).isEqualTo("start");
        assertThat(recorder.events.get(recorder.events.size() - 1)).isEqualTo("finish");
        assertThat(recorder.events.stream().filter(e -> e.startsWith("cycle ") || e.startsWith("done ")).toList())
                .containsExactly("cycle 1", "done 1 totals 1/" + mismatchesUpTo(tmp, 1),
                        "cycle 2", "done 2 totals 2/" + mismatchesUpTo(tmp, 2),
                        "cycle 3", "done 3 totals 3/" + mismatchesUpTo(tmp, 3));
        assertThat(recorder.statusCyclesAtCycleEnd).containsExactly(1L, 2L, 3L);
        // the oracle: the cycle reports on disk
        assertThat(recorder.mismatches).hasSize((int) result.mismatches()).isNotEmpty();
        assertThat(recorder.mismatches).map(MismatchDetail::replayRunId).containsExactlyElementsOf(
                List.of(1, 2, 3).stream().flatMap(n -> report(tmp, n).mismatchDetails().stream())
                        .map(MismatchDetail::replayRunId).toList());
        assertThat(recorder.faults).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.UNORDERED);
            assertThat(Files.exists(ShadowRunLayout.of(tmp.resolve("run")).goldenDir()
                    .resolve(f.runId() + ".golden.json"))).isTrue();
        });
        // every mismatching replay replays a run that carried a fault
        assertThat(recorder.mismatches).allSatisfy(d -> assertThat(recorder.faults)
                .anyMatch(f -> f.runId().equals(d.originalRunId())));
        assertThat(recorder.finish.result()).isEqualTo(result);
    }

    private static CycleReport report(Path tmp, int n) {
        return OpsJson.read(ShadowRunLayout.of(tmp.resolve("run")).cycleReport(n), CycleReport.class);
    }

    private static long mismatchesUpTo(Path tmp, int n) {
        long m = 0;
        for (int i = 1; i <= n; i++) {
            m += report(tmp, i).shadow().mismatches();
        }
        return m;
    }

    @Test
    void theConsoleShowsExactlyTheLinesOfShadowLog(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ShadowRunOptions options = quick(tmp.resolve("run")).inject(FaultInjection.parse("volatile-leak:0.3")).build();
        new ShadowRunner(options, WorkflowRegistry.builtins(), StopCheck.NEVER, CLOCK,
                ShadowRunLog.to(new PrintStream(stdout, true, StandardCharsets.UTF_8), false)).run();

        String console = stdout.toString(StandardCharsets.UTF_8);
        assertThat(console).startsWith(ShadowLog.RULE + "\n         M4-T7: 24h Shadow-Run Simulation\n")
                .contains("mismatches detected!", "           SHADOW-RUN SIMULATION REPORT")
                .endsWith("[INFO] 04:00:00 Shadow simulation complete: FAILED, 3 cycles, 15 replays compared,"
                        + " completed\n");
        assertThat(Files.readString(ShadowRunLayout.of(tmp.resolve("run")).logFile())).isEqualTo(console);
    }

    @Test
    void aRunWithoutAListenerStillWritesItsLogFileForMonitors(@TempDir Path tmp) throws Exception {
        ShadowRunResult result = new ShadowRunner(quick(tmp.resolve("run")).build(), WorkflowRegistry.builtins(),
                StopCheck.NEVER, CLOCK, ShadowRunListener.NONE).run();

        assertThat(Files.readString(ShadowRunLayout.of(tmp.resolve("run")).logFile()))
                .contains("M4-T7: 24h Shadow-Run Simulation", "  Final Report:       " + result.summaryFile(),
                        "[INFO] 04:00:00 Shadow simulation complete: PASSED, 3 cycles, 15 replays compared, completed");
    }

    @Test
    void colourGoesOnlyToTheConsoleTags() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ShadowRunLog log = ShadowRunLog.to(new PrintStream(stdout, true, StandardCharsets.UTF_8), true);
        Instant at = Instant.parse("2026-11-28T04:05:06Z");
        log.resumed(at);
        // before the run's start event names the clock's zone, times are in the JVM's
        String time = java.time.LocalTime.ofInstant(at, java.time.ZoneId.systemDefault()).toString();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo("\033[0;32m[INFO]\033[0m " + time + " Emergency stop released: resuming shadow simulation\n");
    }
}
