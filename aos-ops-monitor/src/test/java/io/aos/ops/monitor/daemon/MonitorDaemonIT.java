package io.aos.ops.monitor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.alert.AlertDispatcher;
import io.aos.ops.monitor.alert.JsonLinesSink;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MonitorDaemonIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Thresholds NEVER_FULL = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100,
            1L << 40);

    @TempDir
    Path tmp;

    @Test
    void eachCheckWritesOneLineAndAnAlertOnlyWhenTheConditionChanges() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "d")) {
            ProcessHandle runner = run.startRunner();
            Instant start = runner.info().startInstant().orElse(null);
            run.runningStatus(runner, 3, NOW);
            Path log = tmp.resolve("shadow_monitor.log");
            Path alerts = tmp.resolve("shadow_alerts.json");
            HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp),
                    new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL), CLOCK, () -> false);
            MonitorDaemon daemon = new MonitorDaemon(check, Duration.ofSeconds(300), log,
                    new AlertDispatcher(List.of(new JsonLinesSink(alerts))), CLOCK);

            daemon.checkOnce();
            run.status(runner.pid(), start, RunState.RUNNING, 4, 2, 1, NOW).cycleReport(4, 2);
            daemon.checkOnce();
            daemon.checkOnce();
            run.status(runner.pid(), start, RunState.COMPLETED, 5, 2, 1, NOW);
            daemon.checkOnce();

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).contains("HEALTHY: PID=" + runner.pid() + ", Cycles=3, Success=3");
            assertThat(lines.get(1)).contains("CRITICAL:", "2 mismatches in cycle 4 (2)");
            assertThat(lines.get(3)).contains("CRITICAL:", "Cycles=5");
            assertThat(Files.readAllLines(alerts)).hasSize(1).first().asString().contains("\"event\":\"raised\"");
        }
    }

    @Test
    @Timeout(60)
    void stopWithinEndsAnIdleLoopAndGivesUpOnACheckThatDoesNotFinish() throws Exception {
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean(false);
        BooleanSupplier emergencyStop = () -> {
            if (block.get()) {
                inCheck.countDown();
                try {
                    release.await(); // a check stuck for as long as the test says
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        };
        Path log = tmp.resolve("shadow_monitor.log");
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp),
                new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL), CLOCK, emergencyStop);

        // idle between checks (a 300 s interval): stopping ends the wait at once
        MonitorDaemon idle = new MonitorDaemon(check, Duration.ofSeconds(300), log, new AlertDispatcher(List.of()),
                CLOCK);
        Thread idleLoop = new Thread(idle::run, "idle-loop");
        idleLoop.start();
        for (int i = 0; i < 600 && lines(log).size() < 2; i++) {
            Thread.sleep(50); // "Monitor started" and the first status line
        }
        assertThat(lines(log)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(idle.stopWithin(Duration.ofSeconds(30))).isTrue();
        idleLoop.join(30_000);
        assertThat(Files.readAllLines(log)).last().asString().contains("Monitor stopped");

        // stuck in a check: stopWithin returns after its bound, says so in the log, and the loop ends once freed
        block.set(true);
        MonitorDaemon stuck = new MonitorDaemon(check, Duration.ofSeconds(300), log, new AlertDispatcher(List.of()),
                CLOCK);
        Thread stuckLoop = new Thread(stuck::run, "stuck-loop");
        stuckLoop.start();
        assertThat(inCheck.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(stuck.stopWithin(Duration.ofMillis(200))).isFalse();
            assertThat(Files.readAllLines(log)).last().asString()
                    .contains("Monitor stopped", "during a check that did not finish within 0s");
        } finally {
            release.countDown();
        }
        assertThat(stuck.awaitFinished(Duration.ofSeconds(30))).isTrue();
        stuckLoop.join(30_000);
    }

    @Test
    void statusTellsARunningDaemonFromAStalePidFile() throws Exception {
        Path pid = tmp.resolve("shadow_monitor.pid");
        DaemonControl control = new DaemonControl(pid, tmp.resolve("m.log"), tmp.resolve("a.json"),
                ProcessTable.system());

        assertThat(control.status(10, 5).state()).isEqualTo(DaemonState.NOT_RUNNING);
        new PidFile(RunFixture.deadPid(), Optional.empty()).write(pid);
        assertThat(control.status(10, 5).state()).isEqualTo(DaemonState.DEAD);
        assertThat(control.stop(Duration.ofSeconds(1)).outcome()).isEqualTo(DaemonControl.StopOutcome.WAS_NOT_RUNNING);
        assertThat(pid).doesNotExist();
    }

    @Test
    void startTakesAnEmptyOrGarbagePidFileForStaleSaysSoAndReplacesIt() throws Exception {
        Path pid = tmp.resolve("shadow_monitor.pid");
        DaemonControl control = new DaemonControl(pid, tmp.resolve("m.log"), tmp.resolve("a.json"),
                ProcessTable.system(), cmd -> cmd.endsWith("sleep 29"));
        for (String content : List.of("", "abc\n")) {
            Files.writeString(pid, content);

            DaemonControl.StartResult started = control.start(List.of("sleep", "29"));

            assertThat(started.started()).isTrue();
            assertThat(started.note()).hasValueSatisfying(note -> assertThat(note)
                    .startsWith(pid + ": not a PID file").contains("taken as stale and replaced"));
            assertThat(PidFile.read(pid)).hasValueSatisfying(f -> assertThat(f.pid()).isEqualTo(started.pid()));
            assertThat(control.stop(Duration.ofSeconds(5)).outcome()).isEqualTo(DaemonControl.StopOutcome.STOPPED);
        }
    }

    @Test
    void startRefusesASecondDaemonAndStopEndsItWithSigterm() throws Exception {
        Path pid = tmp.resolve("shadow_monitor.pid");
        // the stand-in daemon is a sleep: only a process with its command line is proven to be it
        DaemonControl control = new DaemonControl(pid, tmp.resolve("m.log"), tmp.resolve("a.json"),
                ProcessTable.system(), cmd -> cmd.endsWith("sleep 30"));

        DaemonControl.StartResult first = control.start(List.of("sleep", "30"));
        DaemonControl.StartResult second = control.start(List.of("sleep", "30"));

        assertThat(first.started()).isTrue();
        assertThat(second.started()).isFalse();
        assertThat(second.pid()).isEqualTo(first.pid());
        assertThat(control.status(10, 5).state()).isEqualTo(DaemonState.RUNNING);
        assertThat(control.stop(Duration.ofSeconds(5)).outcome()).isEqualTo(DaemonControl.StopOutcome.STOPPED);
        assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(pid).doesNotExist();
    }

    @Test
    void theIntervalIsThreeHundredSecondsByDefaultTheEnvironmentOrFlagOtherwiseAndAtLeastOne() {
        OpsConfig config = OpsConfig.rootedAt(tmp);
        assertThat(MonitorDaemon.interval(config)).isEqualTo(Duration.ofSeconds(300));
        assertThat(MonitorDaemon.interval(OpsConfig.rootedAt(tmp, java.util.Map.of("AOS_MONITOR_INTERVAL", "60"))))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(MonitorDaemon.interval(config.with(io.aos.ops.core.config.OpsSetting.MONITOR_INTERVAL, "7")))
                .isEqualTo(Duration.ofSeconds(7));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MonitorDaemon.interval(
                        config.with(io.aos.ops.core.config.OpsSetting.MONITOR_INTERVAL, "0")))
                .isInstanceOf(io.aos.ops.core.AosOpsException.class).hasMessageContaining("at least 1 second");
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
