package io.aos.ops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.fixture.RunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MismatchProbeTest {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static ProbeResult check(RunFixture run) {
        return new MismatchProbe().check(RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()),
                Optional.of(run.layout().logFile()).filter(Files::exists)), CLOCK).observe());
    }

    @Test
    void mismatchesInStatusJsonAreCriticalAndNameTheirCycles() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "a")) {
            run.status(1, null, RunState.RUNNING, 12, 5, 2, NOW)
                    .cycleReport(1, 0).cycleReport(4, 2).cycleReport(11, 3);

            ProbeResult r = check(run);

            assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(r.message()).isEqualTo("MISMATCHES DETECTED: 5 mismatches in cycles 4 (2), 11 (3)");
        }
    }

    @Test
    void anUpstreamRunThatDiedOnAMismatchShowsItFromItsCycleReport() throws Exception {
        // Upstream's runner exits on a mismatch before logging it: only reports/cycle_3.json knows.
        try (RunFixture run = RunFixture.create(tmp, "b")) {
            run.cycleReport(1, 0).cycleReport(2, 0).cycleReport(3, 3)
                    .log("[STEP] 02:00:01 Running cycle 1...",
                            "[INFO] 02:00:02 Cycle 1: 9 workflows, 9 replays, 0 mismatches",
                            "[STEP] 02:00:31 Running cycle 2...",
                            "[INFO] 02:00:32 Cycle 2: 9 workflows, 9 replays, 0 mismatches",
                            "[STEP] 02:01:01 Running cycle 3...");

            ProbeResult r = check(run);

            assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(r.message()).contains("3 mismatches in cycle 3 (3)");
        }
    }

    @Test
    void zeroMismatchLinesAndProgressLinesAreNoAlarm() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "c")) {
            run.log("[INFO] 02:00:02 Cycle 1: 9 workflows, 9 replays, 0 mismatches",
                    "[INFO] 02:00:02 Progress: 10 cycles, 90 workflows, 0 mismatches, 86100s remaining");

            ProbeResult r = check(run);

            assertThat(r.status()).isEqualTo(HealthStatus.OK);
            assertThat(r.figures()).containsEntry("mismatches", 0L);
        }
    }

    @Test
    void anUnreadableOlderCycleReportIsAWarningNotASilentPass() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "d")) {
            run.cycleReport(2, 0);
            Files.writeString(run.layout().cycleReport(1), "Traceback (most recent call last):\n{");

            ProbeResult r = check(run);

            assertThat(r.status()).isEqualTo(HealthStatus.WARNING);
            assertThat(r.message()).contains("cycle_1.json");
        }
    }

    @Test
    void theNewestReportStillBeingWrittenIsReadOnTheNextCheck() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "e")) {
            run.cycleReport(1, 0);
            Files.writeString(run.layout().cycleReport(2), "");
            RunSnapshotReader observer = RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK);

            assertThat(new MismatchProbe().check(observer.observe()).status()).isEqualTo(HealthStatus.OK);
            run.cycleReport(2, 4);
            assertThat(new MismatchProbe().check(observer.observe()).message()).contains("4 mismatches in cycle 2");
        }
    }
}
