package io.aos.ops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.fixture.RunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProcessProbeIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;
    RunFixture run;

    @BeforeEach
    void setUp() throws Exception {
        run = RunFixture.create(tmp, "20261128_020000");
    }

    @AfterEach
    void tearDown() throws Exception {
        run.close();
    }

    private ProbeResult check() {
        return new ProcessProbe(CLOCK).check(snapshot());
    }

    private RunSnapshot snapshot() {
        return RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.of(run.layout().logFile())),
                CLOCK).observe();
    }

    @Test
    void aLiveRunnerRecordedInStatusJsonIsRunning() throws Exception {
        ProcessHandle runner = run.startRunner();
        run.runningStatus(runner, 5, NOW);

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.message()).contains("running", "PID " + runner.pid());
    }

    @Test
    void aRunnerThatDiedWithoutFinishingIsCritical() throws Exception {
        run.status(RunFixture.deadPid(), null, RunState.RUNNING, 5, 0, 0, NOW);

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).contains("NOT RUNNING", "died");
    }

    @Test
    void aRecycledPidIsNotRunning() throws Exception {
        ProcessHandle other = run.startRunner();
        Instant recorded = other.info().startInstant().orElseThrow().minusSeconds(7200);
        run.status(other.pid(), recorded, RunState.RUNNING, 5, 0, 0, NOW);

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(r.message()).contains("belongs to another process");
    }

    @Test
    void aRunWhoseStatusSaysCompletedIsCompletedNotDead() throws Exception {
        run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2829, 0, 0, NOW);

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.message()).contains("COMPLETED");
        assertThat(r.figures()).containsEntry(ProcessProbe.COMPLETED, true);
    }

    @Test
    void anUpstreamRunWhoseLogPassedIsCompleted() throws Exception {
        run.log("[INFO] 13:00:00 Cycle 1: 9 workflows, 9 replays, 0 mismatches",
                "[INFO] 13:00:01           ✅ SHADOW SIMULATION PASSED");

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.figures()).containsEntry(ProcessProbe.COMPLETED, true);
    }

    @Test
    void aPidOnlyFileWithoutStatusJsonNamingARunnerIsRunning() throws Exception {
        ProcessHandle runner = run.startRunner();
        run.pidFile(runner.pid());

        assertThat(check().status()).isEqualTo(HealthStatus.OK);

        // a sleep stands for a runner only where a runner pattern that knows it is given
        ProcessHandle sleep = run.startNonRunner();
        run.pidFile(sleep.pid());
        RunSnapshot snapshot = new RunSnapshotReader(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK,
                ProcessTable.system(), cmd -> cmd.endsWith("sleep 60")).observe();

        assertThat(new ProcessProbe(CLOCK).check(snapshot).status()).isEqualTo(HealthStatus.OK);
    }

    @Test
    void aPidOnlyFileNamingAProcessThatIsNotARunnerIsNotProvenNeverRunning() throws Exception {
        ProcessHandle other = run.startNonRunner();
        run.pidFile(other.pid());

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).contains("NOT PROVEN", "PID " + other.pid() + " from shadow.pid",
                "no start time recorded", "sleep 60`, not a shadow runner");
    }

    @Test
    void aPausedRunIsAWarning() throws Exception {
        ProcessHandle runner = run.startRunner();
        run.status(runner.pid(), runner.info().startInstant().orElse(null), RunState.PAUSED, 5, 0, 0, NOW);

        assertThat(check().status()).isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void aStatusJsonThatIsBadJsonIsUnknownNamingTheFileLineAndColumnNotDead() throws Exception {
        Path status = run.layout().statusFile();
        Files.writeString(status, "{\n  \"pid\": 12,\n  \"cycles\": oops\n}");

        RunSnapshot snapshot = snapshot();
        ProbeResult r = new ProcessProbe(CLOCK).check(snapshot);

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).startsWith("Shadow process UNKNOWN (" + status + ": invalid JSON at line 3, column")
                .doesNotContain("no status.json");
        assertThat(new FreshnessProbe(CLOCK, Thresholds.defaults()).check(snapshot).status())
                .isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void aStatusJsonWithOneWronglyTypedFieldIsUnknownNamingTheField() throws Exception {
        Path status = run.layout().statusFile();
        Files.writeString(status, "{\"pid\": 12, \"state\": \"running\", \"target_hours\": \"24h\"}");

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).contains(status.toString(), "field target_hours must be a number, not a string");
    }

    @Test
    void aStatusJsonThatIsNotARegularFileIsUnknownNamingIt() throws Exception {
        Path status = Files.createDirectories(run.layout().statusFile());

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).startsWith("Shadow process UNKNOWN (" + status + ":");
    }

    @Test
    void aShadowPidThatHoldsNoPidIsUnknownNamingItNotDead() throws Exception {
        Path pid = Files.writeString(run.layout().pidFile(), "garbage\n");

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).startsWith("Shadow process UNKNOWN (" + pid + ": not a PID file");
    }

    @Test
    void aSleepWhoseStartTimeMatchesStatusJsonIsNotProvenNeverRunning() throws Exception {
        ProcessHandle sleep = run.startNonRunner();
        run.runningStatus(sleep, 5, NOW);

        ProbeResult r = check();

        assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(r.message()).contains("NOT PROVEN (PID " + sleep.pid() + " from status.json is `",
                "sleep 60`, not a shadow runner").doesNotContain("no start time recorded");
    }

    @Test
    void aCopiedRunDirectoryDoesNotClaimTheOriginalsRunner() throws Exception {
        ProcessHandle runner = run.startRunner();
        run.runningStatus(runner, 5, NOW);
        try (RunFixture copy = RunFixture.create(tmp, "20261128_023000")) {
            Files.copy(run.layout().statusFile(), copy.layout().statusFile());

            RunSnapshot snapshot = RunSnapshotReader.of(new WatchedRun(Optional.of(copy.root()), Optional.empty()),
                    CLOCK).observe();
            ProbeResult r = new ProcessProbe(CLOCK).check(snapshot);

            assertThat(r.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(r.message()).contains("NOT PROVEN (PID " + runner.pid() + " from status.json is another "
                    + "run's shadow runner: it writes " + run.root() + ", not " + copy.root());
            assertThat(snapshot.otherRunners()).containsExactly("PID " + runner.pid() + " writes " + run.root());
        }
        assertThat(check().status()).as("the original run is still its runner's").isEqualTo(HealthStatus.OK);
    }

    @Test
    void aRunnerNamingThisRunRelativeToItsWorkingDirectoryIsRunning() throws Exception {
        Process relative = new ProcessBuilder("bash", RunFixture.runnerScript(tmp).toString(), "-o",
                run.root().getFileName().toString()).directory(run.root().getParent().toFile()).start();
        try {
            run.runningStatus(relative.toHandle(), 5, NOW);

            assertThat(check().status()).isEqualTo(HealthStatus.OK);
        } finally {
            relative.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUpstreamStyleRunnerWithoutOutputOwnsTheDirectoryStampedWithItsStart() throws Exception {
        Process runner = new ProcessBuilder("bash", RunFixture.runnerScript(tmp).toString(), "--workers", "3")
                .start();
        try {
            Instant started = runner.toHandle().info().startInstant().orElseThrow();
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneId.systemDefault())
                    .format(started);
            try (RunFixture stamped = RunFixture.create(tmp.resolve("stamped"), stamp);
                    RunFixture later = RunFixture.create(tmp.resolve("later"), "20991231_000000")) {
                stamped.runningStatus(runner.toHandle(), 5, NOW);
                later.runningStatus(runner.toHandle(), 5, NOW);

                assertThat(checkOf(stamped).status()).isEqualTo(HealthStatus.OK);
                ProbeResult other = checkOf(later);
                assertThat(other.status()).isEqualTo(HealthStatus.UNKNOWN);
                assertThat(other.message()).contains("is another run's shadow runner: it writes its default "
                        + "directory, stamped " + stamp);
            }
        } finally {
            runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static ProbeResult checkOf(RunFixture fixture) {
        return new ProcessProbe(CLOCK).check(RunSnapshotReader.of(new WatchedRun(Optional.of(fixture.root()),
                Optional.empty()), CLOCK).observe());
    }
}
