package io.aos.ops.monitor.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.alert.AlertSink;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CronCheckIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Thresholds NEVER_FULL = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100,
            1L << 40);

    @TempDir
    Path tmp;
    final List<Alert> syslog = new ArrayList<>();
    final AlertSink recordingSyslog = new AlertSink() {
        @Override public String name() { return "syslog"; }
        @Override public void send(Alert alert) { syslog.add(alert); }
    };

    private CronCheck.Outcome runCheck(Path alertsLog) throws Exception {
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp),
                new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL), CLOCK, () -> false);
        return new CronCheck(check, alertsLog, recordingSyslog).run();
    }

    @Test
    void aHealthyRunWritesOnlyAnOkLineAndNothingToSyslog() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "ok")) {
            run.runningStatus(run.startRunner(), 40, NOW.minusSeconds(30));
            Path log = tmp.resolve("cron.log");

            CronCheck.Outcome outcome = runCheck(log);

            assertThat(outcome.status()).isEqualTo(HealthStatus.OK);
            assertThat(outcome.alertLines()).isEmpty();
            assertThat(syslog).isEmpty();
            assertThat(Files.readAllLines(log)).singleElement().asString()
                    .matches("\\[2026-11-28T03:00:00\\+00:00] OK: PID=\\d+ Cycles=40 Success=40");
            assertThat(outcome.nagiosLine()).matches("SHADOW OK - PID=\\d+ Cycles=40 Success=40 \\| proc_up=1;.*")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aCleanlyCompletedRunIsSuccessNotADeadProcess() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "done")) {
            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2829, 0, 0, NOW.minus(Duration.ofHours(3)));

            CronCheck.Outcome outcome = runCheck(tmp.resolve("cron.log"));

            assertThat(outcome.status()).isEqualTo(HealthStatus.OK);
            assertThat(Files.readString(tmp.resolve("cron.log"))).contains("OK:", "(run COMPLETED)");
            assertThat(outcome.nagiosLine()).startsWith("SHADOW OK - PID=").contains("(run COMPLETED) | ");
        }
    }

    @Test
    void mismatchesAreOneCriticalLineNamingTheCyclesInTheLogAndSyslog() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "bad")) {
            ProcessHandle runner = run.startRunner();
            run.status(runner.pid(), runner.info().startInstant().orElse(null), RunState.RUNNING, 9, 4, 2, NOW)
                    .cycleReport(3, 1).cycleReport(8, 3);

            CronCheck.Outcome outcome = runCheck(tmp.resolve("cron.log"));

            assertThat(outcome.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(Files.readAllLines(tmp.resolve("cron.log"))).containsExactly(
                    "[2026-11-28T03:00:00+00:00] CRITICAL: MISMATCHES DETECTED: 4 mismatches in cycles 3 (1), 8 (3)");
            assertThat(syslog).extracting(Alert::level).containsExactly(HealthStatus.CRITICAL);
            assertThat(outcome.nagiosLine()).startsWith(
                    "SHADOW CRITICAL - MISMATCHES DETECTED: 4 mismatches in cycles 3 (1), 8 (3) | proc_up=1;")
                    .contains("mismatches=4;;0;0;");
        }
    }

    @Test
    void aStaleLogIsAWarningLine() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "stale")) {
            run.runningStatus(run.startRunner(), 9, NOW.minusSeconds(900));

            CronCheck.Outcome outcome = runCheck(tmp.resolve("cron.log"));

            assertThat(outcome.status()).isEqualTo(HealthStatus.WARNING);
            assertThat(outcome.alertLines()).singleElement().asString()
                    .startsWith("[2026-11-28T03:00:00+00:00] WARNING: Log stale: no update for 900s");
            assertThat(outcome.nagiosLine()).startsWith("SHADOW WARNING - Log stale: no update for 900s");
        }
    }

    @Test
    void anAlertsLogThatIsADirectoryLeavesTheCriticalVerdictAndItsSyslogAlertsStanding() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "dead")) {
            run.status(RunFixture.deadPid(), null, RunState.RUNNING, 9, 0, 0, NOW.minusSeconds(30));
            Path log = Files.createDirectories(tmp.resolve("cron.log"));

            CronCheck.Outcome outcome = runCheck(log);

            assertThat(outcome.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(outcome.alertLines()).isNotEmpty();
            assertThat(syslog).extracting(Alert::level).contains(HealthStatus.CRITICAL);
            assertThat(outcome.logFailures()).singleElement().asString()
                    .startsWith("cannot append to the cron alerts log: ").contains(log.toString(), "directory");
            assertThat(outcome.nagiosLine()).startsWith("SHADOW CRITICAL - Shadow process NOT RUNNING");
        }
    }

    @Test
    void anAlertsLogThatIsAFifoIsReportedWithoutBlockingOnOkAndOnCritical() throws Exception {
        Path fifo = tmp.resolve("cron.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        try (RunFixture run = RunFixture.create(tmp, "ok")) {
            run.runningStatus(run.startRunner(), 40, NOW.minusSeconds(30));

            CronCheck.Outcome ok = runCheck(fifo);

            assertThat(ok.status()).isEqualTo(HealthStatus.OK);
            assertThat(ok.logFailures()).singleElement().asString().contains(fifo.toString());
        }
        try (RunFixture run = RunFixture.create(tmp, "ok")) {
            run.status(RunFixture.deadPid(), null, RunState.RUNNING, 9, 0, 0, NOW.minusSeconds(30));

            CronCheck.Outcome dead = runCheck(fifo);

            assertThat(dead.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(dead.logFailures()).singleElement().asString().contains(fifo.toString());
            assertThat(syslog).isNotEmpty();
        }
    }

    @Test
    void aWritableAlertsLogHasNoFailures() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "dead")) {
            run.status(RunFixture.deadPid(), null, RunState.RUNNING, 9, 0, 0, NOW.minusSeconds(30));

            assertThat(runCheck(tmp.resolve("cron.log")).logFailures()).isEmpty();
        }
    }

    @Test
    void theCrontabLineIsTheSeedsForThisInstallation() {
        assertThat(CrontabLine.forInstallation(Path.of("/root/agenticverz2.0"), Map.of()))
                .isEqualTo("*/15 * * * * /root/agenticverz2.0/scripts/stress/shadow_cron_check.sh");
        assertThat(CrontabLine.forInstallation(Path.of("/opt/aos ops"), Map.of("AOS_STATE_DIR", "/srv/aos")))
                .isEqualTo("*/15 * * * * AOS_STATE_DIR=/srv/aos '/opt/aos ops/scripts/stress/shadow_cron_check.sh'");
    }

    @Test
    void aPercentSignInTheCrontabLineIsEscapedSinceCronTurnsABareOneIntoANewline() {
        // cron cuts the command at a bare '%' (the rest becomes stdin); '\%' reaches the shell as '%'
        assertThat(CrontabLine.forInstallation(Path.of("/opt/aos%1"), Map.of("AOS_STATE_DIR", "/srv/50%")))
                .isEqualTo("*/15 * * * * AOS_STATE_DIR='/srv/50'\"\\%\" "
                        + "'/opt/aos'\"\\%\"'1/scripts/stress/shadow_cron_check.sh'");
    }
}
