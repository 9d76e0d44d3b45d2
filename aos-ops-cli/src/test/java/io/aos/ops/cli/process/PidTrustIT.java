package io.aos.ops.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.DaemonState;
import io.aos.ops.monitor.daemon.DaemonStatus;
import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.Thresholds;
import io.aos.ops.monitor.status.QuickStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PID file proves nothing by itself: a real, unrelated {@code sleep 300} named by the monitor's PID file (PID only,
 * as upstream writes it; a damaged start-time line; a start time that is not its own) is never reported RUNNING and
 * never signalled, through the library and through the jar.
 */
@Timeout(120)
class PidTrustIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path pidFile;
    Process unrelated;

    @BeforeEach
    void startAnUnrelatedProcess() throws Exception {
        pidFile = tmp.resolve("state/shadow_monitor.pid");
        Files.createDirectories(pidFile.getParent());
        unrelated = new ProcessBuilder("sleep", "300").start();
    }

    @AfterEach
    void destroyIt() throws Exception {
        unrelated.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    DaemonControl control() {
        return new DaemonControl(pidFile, tmp.resolve("state/shadow_monitor.log"),
                tmp.resolve("state/shadow_alerts.json"), ProcessTable.system());
    }

    Instant unrelatedStart() {
        return unrelated.toHandle().info().startInstant().orElseThrow();
    }

    void assertStatusAndStopLeaveItAlone() throws Exception {
        assertThat(control().status(10, 5).state()).isNotEqualTo(DaemonState.RUNNING);
        assertThat(control().running()).isEmpty();

        control().stop(Duration.ofSeconds(2));

        // stop returns at once: had it sent SIGTERM, a sleep would be gone within the bound
        assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).as("the unrelated sleep was signalled").isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void aPidOnlyFileNamingAnUnrelatedProcessIsNotRunningAndNotSignalled() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "\n");

        DaemonStatus status = control().status(10, 5);
        assertThat(status.state()).isEqualTo(DaemonState.NOT_PROVEN);
        assertThat(status.detail().orElseThrow()).contains("names " + unrelated.pid(), "no start time recorded",
                "process is `", "sleep 300`", "not the monitor daemon");
        DaemonControl.StopResult stop = control().stop(Duration.ofSeconds(2));
        assertThat(stop.outcome()).isEqualTo(DaemonControl.StopOutcome.NOT_PROVEN);
        assertThat(stop.detail().orElseThrow()).contains("no start time recorded", "sleep 300");
        assertThat(pidFile).exists(); // not ours to remove either: it may be an older daemon's
        assertStatusAndStopLeaveItAlone();
    }

    @Test
    void aDamagedStartTimeLineProvesNothing() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "\n2026-13-45T99:00:00Z\n");

        assertThat(control().status(10, 5).state()).isEqualTo(DaemonState.NOT_PROVEN);
        assertThat(control().stop(Duration.ofSeconds(2)).outcome()).isEqualTo(DaemonControl.StopOutcome.NOT_PROVEN);
        assertStatusAndStopLeaveItAlone();
    }

    @Test
    void aDamagedPidLineIsUnknownAndNothingIsSignalled() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "x\n" + unrelatedStart() + "\n");

        DaemonStatus status = control().status(10, 5);
        assertThat(status.state()).isEqualTo(DaemonState.UNKNOWN);
        assertThat(status.detail().orElseThrow()).contains(pidFile.toString(), "not a PID file");
        assertThatThrownBy(() -> control().stop(Duration.ofSeconds(2)))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining(pidFile.toString()).hasMessageContaining("nothing was signalled");
        assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aStartTimeThatIsNotTheProcesssIsAStalePidFileAndNotSignalled() throws Exception {
        new PidFile(unrelated.pid(), Optional.of(unrelatedStart().minusSeconds(3600))).write(pidFile);

        assertThat(control().status(10, 5).state()).isEqualTo(DaemonState.DEAD);
        assertStatusAndStopLeaveItAlone();
    }

    @Test
    void theRightStartTimeWithAnotherCommandLineIsNotRunningAndNotSignalled() throws Exception {
        new PidFile(unrelated.pid(), Optional.of(unrelatedStart())).write(pidFile);

        DaemonStatus status = control().status(10, 5);
        assertThat(status.state()).isEqualTo(DaemonState.NOT_PROVEN);
        assertThat(status.detail().orElseThrow()).contains("started when recorded", "sleep 300",
                "not the monitor daemon");
        assertStatusAndStopLeaveItAlone();
    }

    @Test
    void aProcessProvenByStartTimeAndCommandLineIsRunningAndStopped() throws Exception {
        new PidFile(unrelated.pid(), Optional.of(unrelatedStart())).write(pidFile);
        DaemonControl control = new DaemonControl(pidFile, tmp.resolve("state/m.log"), tmp.resolve("state/a.json"),
                ProcessTable.system(), cmd -> cmd.endsWith("sleep 300"));

        assertThat(control.status(10, 5).state()).isEqualTo(DaemonState.RUNNING);
        assertThat(control.stop(Duration.ofSeconds(10)).outcome()).isEqualTo(DaemonControl.StopOutcome.STOPPED);
        assertThat(unrelated.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aPidOnlyFileNamingWhatLooksLikeTheDaemonIsNeitherSignalledNorDoubledByStart() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "\n");
        DaemonControl control = new DaemonControl(pidFile, tmp.resolve("state/m.log"), tmp.resolve("state/a.json"),
                ProcessTable.system(), cmd -> cmd.endsWith("sleep 300"));

        DaemonControl.StopResult stop = control.stop(Duration.ofSeconds(2));
        DaemonControl.StartResult start = control.start(List.of("sleep", "301"));

        assertThat(stop.outcome()).isEqualTo(DaemonControl.StopOutcome.NOT_PROVEN);
        assertThat(stop.detail().orElseThrow()).contains("no start time recorded").doesNotContain("not the monitor");
        assertThat(start.started()).isFalse();
        assertThat(start.pid()).isEqualTo(unrelated.pid());
        assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void onlyAMatchingStartTimeAndCommandLineTogetherProveAProcessAgainstAnOracle() throws Exception {
        // Property: over generated PID files (start time absent, exact, off by a random amount, damaged; command line
        // expected or not), verify says RUNNING exactly when the oracle does, and the sleep is never signalled by a
        // status or a stop that is not proven.
        Random random = new Random(1616);
        Instant start = unrelatedStart();
        for (int i = 0; i < 200; i++) {
            int kind = random.nextInt(4);
            long offsetMillis = random.nextInt(7_200_001) - 3_600_000;
            if (random.nextBoolean()) {
                offsetMillis = random.nextInt(2_001) - 1000; // within a tick or two of the real start
            }
            boolean expectedCommandLine = random.nextBoolean();
            Optional<Instant> recorded = switch (kind) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(start);
                default -> Optional.of(start.plusMillis(offsetMillis));
            };
            String text = unrelated.pid() + "\n" + (kind == 3 ? "garbage-" + offsetMillis
                    : recorded.map(Instant::toString).orElse("")) + "\n";
            Files.writeString(pidFile, text);
            PidFile read = PidFile.read(pidFile).orElseThrow();
            java.util.function.Predicate<String> ours = cmd -> expectedCommandLine && cmd.endsWith("sleep 300");

            ProcessState state = ProcessTable.system().verify(read, ours).state();

            boolean startProven = read.startTime().isPresent()
                    && Math.abs(read.startTime().get().toEpochMilli() - start.toEpochMilli()) <= 1000;
            ProcessState oracle = read.startTime().isEmpty() ? ProcessState.UNPROVEN
                    : !startProven ? ProcessState.RECYCLED
                    : expectedCommandLine ? ProcessState.RUNNING : ProcessState.UNPROVEN;
            assertThat(state).as("%s with command line %s", text.strip(), expectedCommandLine).isEqualTo(oracle);
            if (oracle != ProcessState.RUNNING) {
                DaemonControl control = new DaemonControl(pidFile, tmp.resolve("state/m.log"),
                        tmp.resolve("state/a.json"), ProcessTable.system(), ours);
                assertThat(control.status(0, 0).state()).isNotEqualTo(DaemonState.RUNNING);
                control.stop(Duration.ZERO);
                assertThat(unrelated.isAlive()).as("signalled by a stop on %s", text.strip()).isTrue();
            }
        }
    }

    @Test
    void aRunWhosePidOnlyFileNamesAnUnrelatedProcessIsNotProvenNeverRunning() throws Exception {
        Path runDir = Files.createDirectories(tmp.resolve("runs/shadow_simulation_20261128_020000"));
        Files.createDirectories(runDir.resolve("reports"));
        Files.writeString(runDir.resolve("shadow.pid"), unrelated.pid() + "\n");
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp), new HealthCheck.Options(Optional.of(runDir),
                Optional.empty(), new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100, 1L << 40)),
                Clock.systemUTC());

        HealthReport report = check.check();
        ProbeResult process = report.results().stream().filter(r -> r.probe().equals("process")).findFirst()
                .orElseThrow();
        assertThat(process.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(process.message()).contains("NOT PROVEN", "PID " + unrelated.pid() + " from shadow.pid",
                "sleep 300`, not a shadow runner");
        assertThat(QuickStatus.collect(check).render()).contains("Process: UNKNOWN").doesNotContain("RUNNING (PID");
        assertThat(DebugConsole.create(OpsConfig.rootedAt(tmp), Optional.of(runDir), Optional.empty(),
                Clock.systemUTC()).full().render(false)).contains("NOT PROVEN: PID " + unrelated.pid());
        assertThat(unrelated.isAlive()).isTrue();
    }

    @Test
    void throughTheJarStatusDoesNotSayRunningAndStopDoesNotKillIt() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "\n");

        CliRun status = jar("monitor", "status");
        assertThat(status.out()).doesNotContain("RUNNING (PID");
        assertThat(status.out()).contains("Monitor: NOT PROVEN (PID file " + pidFile + " names " + unrelated.pid()
                + " (no start time recorded; process is `", "sleep 300`, not the monitor daemon))");
        assertThat(status.code()).isEqualTo(1);

        CliRun stop = jar("monitor", "stop", "--wait", "1");
        assertThat(stop.code()).as(stop.out() + stop.err()).isEqualTo(1);
        assertThat(stop.out()).contains("names " + unrelated.pid() + " (no start time recorded",
                "not the monitor daemon) — not signalled");
        assertThat(unrelated.waitFor(2, TimeUnit.SECONDS)).as("the unrelated sleep was signalled").isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }

    CliRun jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("AOS_MONITOR_PID_FILE", pidFile.toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("NO_COLOR", "1");
        return CliRun.process(pb, tmp);
    }
}
