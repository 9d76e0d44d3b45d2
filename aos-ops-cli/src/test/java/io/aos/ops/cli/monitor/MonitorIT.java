package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.cli.StandInRunner;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real jar: a daemon started and stopped for real in a temp state dir, and the cron check's silence. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MonitorIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    Path state;
    Path runDir;
    Process runner;

    @BeforeEach
    void fakeRun() throws Exception {
        state = tmp.resolve("state");
        runDir = tmp.resolve("runs/shadow_simulation_20261128_020000");
        Files.createDirectories(runDir.resolve("reports"));
        Files.createDirectories(runDir.resolve("golden"));
        runner = StandInRunner.start(tmp, runDir, 120);
        ProcessHandle h = runner.toHandle();
        Instant now = Instant.now();
        ShadowRunStatus status = new ShadowRunStatus(1, h.pid(), h.info().startInstant().orElse(null),
                now.minusSeconds(600), now, RunState.RUNNING, 7, 63, 63, 0, 0, now, 24.0, null, false, null);
        Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(status));
    }

    @AfterEach
    void cleanUp() throws Exception {
        run("monitor", "stop", "--wait", "5");
        runner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    CliRun run(String... args) throws IOException, InterruptedException {
        return CliRun.process(jar(args), tmp);
    }

    /** The jar through its launcher, every path below the temp dir. */
    ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("SHADOW_HOOK");
        return pb;
    }

    @Test
    void cronCheckIsSilentOnSuccessAndWritesOnlyAnOkLine() throws Exception {
        CliRun r = run("cron-check");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readAllLines(state.resolve("shadow_cron_alerts.log"))).singleElement().asString()
                .contains("OK: PID=" + runner.pid() + " Cycles=7 Success=7");
    }

    @Test
    void cronCheckExitsOneOnADeadRunAndTwoUnderNagios() throws Exception {
        runner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

        CliRun r = run("cron-check");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(state.resolve("shadow_cron_alerts.log"))).contains("CRITICAL: Shadow process NOT "
                + "RUNNING");
        assertThat(run("cron-check", "--nagios").code()).isEqualTo(2);
        assertThat(run("cron-check", "--bogus", "--nagios").code()).isEqualTo(3);
    }

    @Test
    void anAlertsLogThatIsADirectoryIsSaidOnStderrAndTheCriticalStands() throws Exception {
        runner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Path alertsLog = Files.createDirectories(tmp.resolve("alerts-dir"));

        for (boolean nagios : new boolean[] {true, false}) {
            ProcessBuilder pb = nagios ? jar("cron-check", "--nagios") : jar("cron-check");
            pb.environment().put("AOS_CRON_ALERTS_LOG", alertsLog.toString());
            pb.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog.sock").toString());
            CliRun r = CliRun.process(pb, tmp);

            assertThat(r.code()).as(r.err()).isEqualTo(nagios ? 2 : 1);
            assertThat(r.err()).contains("aos-ops: cannot append to the cron alerts log: " + alertsLog,
                    "shadow-monitor: CRITICAL: Shadow process NOT RUNNING").doesNotContain("internal error");
            if (nagios) {
                assertThat(r.out().lines()).singleElement().asString()
                        .startsWith("SHADOW CRITICAL - Shadow process NOT RUNNING");
            } else {
                assertThat(r.out()).isEmpty();
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void cronCheckUnderNagiosPrintsItsOneStatusLineOkOrNot() throws Exception {
        CliRun ok = run("cron-check", "--nagios");

        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out().lines()).singleElement().asString()
                .startsWith("SHADOW OK - PID=" + runner.pid() + " Cycles=7 Success=7 | proc_up=1;");

        runner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        CliRun critical = run("cron-check", "--nagios");

        assertThat(critical.code()).isEqualTo(2);
        assertThat(critical.out().lines()).singleElement().asString()
                .startsWith("SHADOW CRITICAL - Shadow process NOT RUNNING").contains(" | proc_up=0;");
        assertThat(run("cron-check").out()).as("without --nagios, silent as before").isEmpty();

        CliRun unknown = run("cron-check", "--nagios", "--stale-warning", "100", "--stale-critical", "50");
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.out().lines()).singleElement().asString().startsWith("SHADOW UNKNOWN - ");
    }

    @Test
    void theDaemonStartsDetachedRefusesASecondAndStopsOnSigterm() throws Exception {
        CliRun start = run("monitor", "start", "--interval", "1");
        assertThat(start.code()).as(start.err() + start.out()).isZero();
        assertThat(start.out()).startsWith("Monitor started (PID: ");
        long pid = PidFile.read(state.resolve("shadow_monitor.pid")).orElseThrow().pid();
        // the 'start' process has exited; the daemon lives on
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        // the runbook's troubleshooting step finds it by name
        assertThat(pgrep("shadow_monitor_daemon")).contains(pid);

        CliRun second = run("monitor", "start");
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.out()).contains("Monitor already running (PID: " + pid + ")");

        Path log = state.resolve("shadow_monitor.log");
        for (int i = 0; i < 600 && countHealthy(log) < 2; i++) {
            Thread.sleep(100);
        }
        assertThat(countHealthy(log)).as("two HEALTHY checks in " + log + " within 60 s").isGreaterThanOrEqualTo(2);
        CliRun status = run("monitor");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Monitor: RUNNING (PID: " + pid + ")", "HEALTHY: PID=" + runner.pid());

        CliRun stop = run("monitor", "stop");
        assertThat(stop.out()).contains("Monitor stopped (PID: " + pid + ")");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(state.resolve("shadow_monitor.pid")).doesNotExist();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).contains("Monitor started");
        assertThat(lines.get(lines.size() - 1)).contains("Monitor stopped");
        // one line per check: no line is written twice
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(run("monitor", "status").out()).contains("Monitor: NOT RUNNING");
    }

    @Test
    void aForegroundDaemonAsSystemdRunsItNeverDoublesOneThatIsRunning() throws Exception {
        // 'monitor start' first, then the unit's 'monitor daemon': the second refuses and leaves the first in place
        CliRun start = run("monitor", "start", "--interval", "1");
        assertThat(start.code()).as(start.err() + start.out()).isZero();
        Path pidFile = state.resolve("shadow_monitor.pid");
        long first = PidFile.read(pidFile).orElseThrow().pid();

        CliRun second = run("monitor", "daemon", "--interval", "1");

        assertThat(second.code()).as(second.out() + second.err()).isEqualTo(1);
        assertThat(second.err()).contains("a monitor daemon is already running (PID " + first + " holds the daemon "
                + "lock " + pidFile + ".daemon.lock): not starting a second one");
        assertThat(PidFile.read(pidFile).orElseThrow().pid()).isEqualTo(first);
        assertThat(pgrep("shadow_monitor_daemon")).containsExactly(first);
        assertThat(run("monitor", "stop").out()).contains("Monitor stopped (PID: " + first + ")");

        // the unit's daemon first (in the foreground, as systemd keeps it), then 'monitor start' and a second unit
        ProcessBuilder pb = jar("monitor", "daemon", "--interval", "1")
                .redirectOutput(tmp.resolve("foreground.out").toFile())
                .redirectError(tmp.resolve("foreground.err").toFile());
        pb.environment().put("AOS_OPS_CDS", "off"); // the launcher execs java: this process is the daemon
        Process foreground = pb.start();
        try {
            // the launcher execs java: the PID file names this very process once it has adopted it
            while (PidFile.read(pidFile).map(f -> f.pid() != foreground.pid()).orElse(true)) {
                assertThat(foreground.isAlive()).as("the foreground daemon exited early: %s",
                        Files.readString(tmp.resolve("foreground.err"))).isTrue();
                Thread.sleep(50);
            }
            CliRun again = run("monitor", "start");
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.out()).contains("Monitor already running (PID: " + foreground.pid() + ")");
            CliRun unit = run("monitor", "daemon");
            assertThat(unit.code()).isEqualTo(1);
            assertThat(unit.err()).contains("already running (PID " + foreground.pid());
            assertThat(pgrep("shadow_monitor_daemon")).containsExactly(foreground.pid());

            CliRun stop = run("monitor", "stop");
            assertThat(stop.out()).contains("Monitor stopped (PID: " + foreground.pid() + ")");
            assertThat(foreground.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(foreground.exitValue()).isEqualTo(143); // the unit's SuccessExitStatus
            assertThat(pidFile).doesNotExist();
        } finally {
            foreground.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDaemonWhosePidFileWasDeletedOrOverwrittenHoldsItsLockAndIsNeverDoubled() throws Exception {
        Path pidFile = state.resolve("shadow_monitor.pid");
        CliRun start = run("monitor", "start", "--interval", "1");
        assertThat(start.code()).as(start.err() + start.out()).isZero();
        long first = PidFile.read(pidFile).orElseThrow().pid();
        awaitLockHeldBy(first);

        Files.delete(pidFile);
        CliRun again = run("monitor", "start", "--interval", "1");
        assertThat(again.code()).as(again.err() + again.out()).isEqualTo(1);
        assertThat(again.out()).contains("Monitor already running (PID: " + first + ")",
                "the PID file " + pidFile + " is missing");
        assertThat(pgrep("shadow_monitor_daemon")).containsExactly(first);
        CliRun status = run("monitor", "status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Monitor: RUNNING (PID: " + first + ") — the PID file " + pidFile
                + " is missing");

        // the PID file names another live process (start time and all): the lock still says who runs
        PidFile.of(runner.toHandle()).write(pidFile);
        assertThat(run("monitor", "start", "--interval", "1").code()).isEqualTo(1);
        assertThat(pgrep("shadow_monitor_daemon")).containsExactly(first);
        assertThat(run("monitor", "status").out()).contains("Monitor: RUNNING (PID: " + first + ") — the PID file "
                + pidFile + " names PID " + runner.pid() + " instead");

        // kill -9: the OS drops the lock with the process, and a start works again
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        for (int i = 0; i < 300 && ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        Files.delete(pidFile);
        CliRun restart = run("monitor", "start", "--interval", "1");
        assertThat(restart.code()).as(restart.err() + restart.out()).isZero();
        long second = PidFile.read(pidFile).orElseThrow().pid();
        assertThat(second).isNotEqualTo(first);
        awaitLockHeldBy(second);

        // stop finds the daemon through its lock when the PID file is gone, and leaves the sleep alone
        Files.delete(pidFile);
        CliRun stop = run("monitor", "stop");
        assertThat(stop.out()).as(stop.err()).contains("Monitor stopped (PID: " + second + ")");
        assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(runner.isAlive()).isTrue();
        assertThat(run("monitor", "status").out()).contains("Monitor: NOT RUNNING");
    }

    /** Waits until the daemon has taken its lock and written its PID there (it does so before its first check). */
    private void awaitLockHeldBy(long pid) throws Exception {
        Path lock = state.resolve("shadow_monitor.pid.daemon.lock");
        for (int i = 0; i < 600 && !lockNames(lock, pid); i++) {
            Thread.sleep(100);
        }
        assertThat(lockNames(lock, pid)).as("%s names PID %s within 60 s", lock, pid).isTrue();
    }

    private static boolean lockNames(Path lock, long pid) {
        try {
            return PidFile.read(lock).map(f -> f.pid() == pid).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void checkPrintsTheStatusLineAndStatusTheQuickReport() throws Exception {
        CliRun check = run("monitor", "check");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).matches("(?s)\\[[-0-9T:+]+] HEALTHY: PID=" + runner.pid()
                + ", Cycles=7, Success=7, Disk=\\d+%\\s*");

        CliRun status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Process: RUNNING (PID: " + runner.pid() + ")");

        CliRun sanity = run("sanity", "--prometheus-url", "http://127.0.0.1:9", "--timeout", "1");
        assertThat(sanity.code()).as(sanity.err()).isZero();
        assertThat(sanity.out()).contains("[5/5] Prometheus Metrics  (UNKNOWN)", "Shadow run is HEALTHY");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCheckThatCannotTellSaysUnknownAndExitsAsUnknown() throws Exception {
        // the PID in status.json is alive but not proven to be the runner (a sleep, no start time recorded)
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            Instant now = Instant.now();
            Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(new ShadowRunStatus(1,
                    sleeper.pid(), null, now.minusSeconds(600), now, RunState.RUNNING, 7, 63, 63, 0, 0, now, 24.0,
                    null, false, null)));
            checksThatCannotTellSayUnknown(sleeper.pid());
        } finally {
            sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void checksThatCannotTellSayUnknown(long pid) throws Exception {
        CliRun check = run("monitor", "check");
        assertThat(check.out()).contains("] UNKNOWN: PID=" + pid, "NOT PROVEN").doesNotContain("DEGRADED");
        assertThat(check.code()).isEqualTo(2);
        assertThat(run("monitor", "check", "--nagios").code()).isEqualTo(3);

        CliRun sanity = run("sanity", "--prometheus-url", "http://127.0.0.1:9", "--timeout", "1");
        assertThat(sanity.out()).contains("Shadow run status is UNKNOWN: Shadow process NOT PROVEN")
                .doesNotContain("DEGRADED");
        assertThat(sanity.code()).isEqualTo(2);
        CliRun nagios = run("sanity", "--nagios", "--prometheus-url", "http://127.0.0.1:9", "--timeout", "1");
        assertThat(nagios.out().lines().findFirst().orElseThrow())
                .startsWith("SHADOW UNKNOWN - Shadow run status is UNKNOWN: Shadow process NOT PROVEN")
                .contains(" | proc_up=0;");
        assertThat(nagios.code()).isEqualTo(3);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void sanityUnderNagiosPrintsThePluginLineFirstThenTheSectionsAsLongText() throws Exception {
        CliRun ok = run("sanity", "--nagios", "--prometheus-url", "http://127.0.0.1:9", "--timeout", "1");
        assertThat(ok.code()).as(ok.err()).isZero();
        List<String> lines = ok.out().lines().toList();
        assertThat(lines.get(0)).startsWith("SHADOW OK - Shadow run is HEALTHY | proc_up=1;");
        assertThat(lines.subList(1, lines.size())).contains("[1/5] Process Status (OK)",
                "[5/5] Prometheus Metrics (UNKNOWN)").noneMatch(l -> l.contains("═") || l.contains("|"));

        Files.writeString(runDir.resolve("reports/cycle_7.json"), "{\"cycle\": 7, \"primary\": {\"total\": 9, "
                + "\"successful\": 9, \"failed\": 0}, \"shadow\": {\"total_replays\": 9, \"matches\": 7, "
                + "\"mismatches\": 2}, \"mismatch_details\": [], \"passed\": false}");
        Instant now = Instant.now();
        ProcessHandle h = runner.toHandle();
        Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(new ShadowRunStatus(1,
                h.pid(), h.info().startInstant().orElse(null), now.minusSeconds(600), now, RunState.RUNNING, 7, 63,
                63, 2, 1, now, 24.0, null, false, null)));
        CliRun critical = run("sanity", "--nagios", "--prometheus-url", "http://127.0.0.1:9", "--timeout", "1");
        assertThat(critical.code()).isEqualTo(2);
        assertThat(critical.out().lines().findFirst().orElseThrow())
                .startsWith("SHADOW CRITICAL - Shadow run has MISMATCHES: 2 mismatches").contains(" | proc_up=1;");
    }

    @Test
    void thresholdFlagsOverrideTheEnvironmentAndDefaults() throws Exception {
        Files.writeString(runDir.resolve("golden/primary-w0-00000000.golden.json"), "{}");

        CliRun golden = run("monitor", "check", "--golden-warning", "0");
        assertThat(golden.code()).as(golden.err()).isZero();
        assertThat(golden.out()).contains("DEGRADED: PID=" + runner.pid(), "Golden directory large");

        CliRun disk = run("monitor", "check", "--disk-warning", "1", "--nagios"); // the environment says 100
        assertThat(disk.out()).contains("DEGRADED: ", "Disk usage high");
        assertThat(disk.code()).isEqualTo(1);

        ProcessHandle h = runner.toHandle();
        Instant twoMinutesAgo = Instant.now().minusSeconds(120);
        Files.write(runDir.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(new ShadowRunStatus(1,
                h.pid(), h.info().startInstant().orElse(null), twoMinutesAgo.minusSeconds(600), twoMinutesAgo,
                RunState.RUNNING, 7, 63, 63, 0, 0, twoMinutesAgo, 24.0, null, false, null)));
        assertThat(run("cron-check").code()).isZero(); // 2 minutes is fresh by the defaults

        CliRun stale = run("cron-check", "--stale-warning", "30", "--stale-critical", "60");
        assertThat(stale.code()).isEqualTo(1);
        assertThat(Files.readString(state.resolve("shadow_cron_alerts.log"))).contains("CRITICAL: Log stale");
    }

    /** The PIDs {@code pgrep -f PATTERN} prints, as the runbook runs it. */
    static List<Long> pgrep(String pattern) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pgrep", "-f", pattern).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
    }

    private static long countHealthy(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains("HEALTHY")).count();
    }
}
