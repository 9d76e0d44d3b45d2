package io.aos.ops.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HealthCheckIT {

    static final Instant NOW = Instant.parse("2025-12-02T13:05:31Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.ofHours(1));
    /** Disk thresholds no real filesystem reaches, so the test does not depend on the machine's disk. */
    static final Thresholds NEVER_FULL = new Thresholds(java.time.Duration.ofMinutes(10),
            java.time.Duration.ofMinutes(30), 101 - 1, 100, 1L << 40);

    @TempDir
    Path tmp;

    private HealthCheck check(boolean stop) {
        return HealthCheck.create(OpsConfig.rootedAt(tmp), new HealthCheck.Options(Optional.empty(), Optional.empty(),
                NEVER_FULL), CLOCK, () -> stop);
    }

    @Test
    void theCronCheckRunsTheSeedsChecksAndDiskButDoesNotListTheGoldenDirectory() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "20251202_131219")) {
            ProcessHandle runner = run.startRunner();
            run.runningStatus(runner, 106, NOW.minusSeconds(20));
            HealthCheck.Options options = new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL);

            HealthReport cron = HealthCheck.forCron(OpsConfig.rootedAt(tmp), options, CLOCK).check();
            HealthReport full = check(false).check();

            assertThat(cron.results()).extracting(ProbeResult::probe)
                    .containsExactlyElementsOf(full.results().stream().map(ProbeResult::probe)
                            .filter(name -> !name.equals("golden")).toList())
                    .contains("process", "mismatches", "disk");
            assertThat(full.results()).extracting(ProbeResult::probe).contains("golden");
            assertThat(cron.statusLine()).isEqualTo(full.statusLine());
        }
    }

    @Test
    void aHealthyRunPrintsTheSeedsStatusLine() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "20251202_131219")) {
            ProcessHandle runner = run.startRunner();
            run.runningStatus(runner, 106, NOW.minusSeconds(20));

            HealthReport report = check(false).check();

            assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
            assertThat(report.statusLine()).matches("\\[2025-12-02T14:05:31\\+01:00] HEALTHY: PID=" + runner.pid()
                    + ", Cycles=106, Success=106, Disk=\\d{1,3}%");
        }
    }

    @Test
    void mismatchesMakeItCriticalWithTheCauseListed() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "20251202_131219")) {
            ProcessHandle runner = run.startRunner();
            run.status(runner.pid(), runner.info().startInstant().orElse(null), RunState.RUNNING, 12, 3, 1, NOW)
                    .cycleReport(7, 3);

            HealthReport report = check(false).check();

            assertThat(report.verdict()).isEqualTo(Verdict.CRITICAL);
            assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(report.statusLine()).contains("CRITICAL: PID=", "Cycles=12, Success=11",
                    "Issues=1: CRITICAL MISMATCHES DETECTED: 3 mismatches in cycle 7 (3)");
        }
    }

    @Test
    void aCompletedRunIsCompletedNotCritical() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "20251202_131219")) {
            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2829, 0, 0, NOW.minusSeconds(7200));

            HealthReport report = check(false).check();

            assertThat(report.verdict()).isEqualTo(Verdict.COMPLETED);
            assertThat(report.status()).isEqualTo(HealthStatus.OK);
            assertThat(report.statusLine()).contains("COMPLETED: PID=", "Cycles=2829, Success=2829");
        }
    }

    @Test
    void aStaleHeartbeatIsDegradedAndTheEmergencyStopShows() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "20251202_131219")) {
            ProcessHandle runner = run.startRunner();
            run.runningStatus(runner, 5, NOW.minusSeconds(700));

            HealthReport report = check(true).check();

            assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(report.statusLine()).contains("EmergencyStop=ENGAGED", "WARNING Log stale: no update for 700s");
        }
    }

    @Test
    void noRunAtAllIsCriticalNotAnError() {
        // No upstream runner may be matched: another checkout's build on this machine may be running one.
        HealthReport report = HealthCheck.create(OpsConfig.rootedAt(tmp), new HealthCheck.Options(Optional.empty(),
                Optional.empty(), NEVER_FULL), CLOCK, () -> false, commandLine -> false).check();

        assertThat(report.verdict()).isEqualTo(Verdict.CRITICAL);
        assertThat(report.statusLine()).contains("PID=none", "Shadow process NOT RUNNING");
        Map<String, Object> json = report.toJson();
        assertThat(json).containsEntry("verdict", "CRITICAL").containsKey("checks");
    }
}
