package io.aos.ops.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.alert.AlertSink;
import io.aos.ops.monitor.cron.CronCheck;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.log.LastLines;
import io.aos.ops.monitor.log.LogTail;
import io.aos.ops.monitor.metrics.MetricSource;
import io.aos.ops.monitor.metrics.Sample;
import io.aos.ops.monitor.probe.Thresholds;
import io.aos.ops.monitor.sanity.SanityCheck;
import io.aos.ops.monitor.sanity.SanityReport;
import io.aos.ops.monitor.status.QuickStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO where a run file is expected ({@code reports/cycle_4.json}, {@code status.json}, the log, a PID file) is
 * named and skipped, never opened: every reader returns with a verdict instead of blocking until a writer comes. The
 * FIFOs are real ({@code mkfifo}); each test runs in a thread of its own under a timeout, so a hang fails it.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FifoIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final Thresholds NEVER_FULL = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100,
            1L << 40);
    static final String REPORT = "{\n  \"timestamp\": \"2026-11-28T02:24:03.915613+00:00\",\n"
            + "  \"primary\": {\"total\": 9, \"successful\": 9, \"failed\": 0},\n"
            + "  \"shadow\": {\"total_replays\": 9, \"matches\": 9, \"mismatches\": 0},\n"
            + "  \"mismatch_details\": [],\n  \"passed\": true\n}\n";

    @TempDir
    Path tmp;
    Path runDir;
    final List<Path> fifos = new ArrayList<>();
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void anUpstreamRunWithThreeReports() throws Exception {
        runDir = tmp.resolve("runs/shadow_simulation_20261128_020000");
        Files.createDirectories(runDir.resolve("reports"));
        Files.createDirectories(runDir.resolve("golden"));
        for (int n = 1; n <= 3; n++) {
            Files.writeString(runDir.resolve("reports/cycle_" + n + ".json"), REPORT);
        }
        Files.writeString(runDir.resolve("golden/primary-w1-0.golden.json"), "{\"run_id\":\"x\"}");
        Files.writeString(runDir.resolve("shadow.log"),
                "[INFO] 02:24:03 Cycle 3: 9 workflows, 9 replays, 0 mismatches\n");
    }

    /** Releases any reader a failing test left blocked on a FIFO: an O_RDWR open of a FIFO never blocks. */
    @AfterEach
    void releaseBlockedReaders() throws Exception {
        for (Path fifo : fifos) {
            Process p = new ProcessBuilder("sh", "-c", "exec 3<>\"$1\"", "sh", fifo.toString()).start();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Path mkfifo(Path path) throws Exception {
        Files.createDirectories(path.getParent());
        Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        fifos.add(path);
        return path;
    }

    OpsConfig config() {
        return OpsConfig.rootedAt(tmp);
    }

    HealthCheck check() {
        // No upstream-runner fallback: another build's runner on this machine must not stand in for this run's.
        return HealthCheck.create(config(), new HealthCheck.Options(Optional.of(runDir), Optional.empty(),
                NEVER_FULL), clock, () -> false, commandLine -> false);
    }

    static String fifoProblem(Path fifo) {
        return fifo + ": is a FIFO, not a regular file";
    }

    @Test
    void goldenSummaryNamesAFifoCycleReportAndSummarisesTheRest() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));
        mkfifo(runDir.resolve("golden/primary-w1-1.golden.json"));

        ShadowSummary summary = GoldenSummary.withClock(clock).summarize(List.of(runDir));

        assertThat(summary.cycles()).isEqualTo(3);
        assertThat(summary.problems()).anySatisfy(p -> assertThat(p).contains(fifoProblem(fifo)));
        assertThat(summary.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(summary.goldenFileCount()).isEqualTo(1); // the FIFO is listed, not counted, never opened
    }

    @Test
    void monitorCheckNamesAFifoCycleReportWithoutStatusJson() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));

        HealthReport report = check().check();

        assertThat(report.status()).isNotEqualTo(HealthStatus.OK);
        assertThat(report.figures().cycles()).isEqualTo(3);
        assertThat(report.toJson().toString()).contains(fifoProblem(fifo));
    }

    @Test
    void aFifoThatIsNotTheNewestReportIsNamedTooAndTheReportsAfterItAreRead() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));
        Files.writeString(runDir.resolve("reports/cycle_5.json"), REPORT);
        HealthCheck check = check();

        HealthReport first = check.check();
        HealthReport again = check.check(); // the daemon's second check reads incrementally

        assertThat(first.figures().cycles()).isEqualTo(4);
        assertThat(first.toJson().toString()).contains(fifoProblem(fifo));
        assertThat(again.figures().cycles()).isEqualTo(4);
        assertThat(again.toJson().toString()).contains(fifoProblem(fifo));
    }

    @Test
    void quickStatusSanityAndCronCheckReturnWithAVerdict() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));

        QuickStatus.Report status = QuickStatus.collect(check());
        assertThat(status.render()).contains("Cycles started:         3");

        SanityReport sanity = new SanityCheck(check(), new MetricSource() {
            @Override
            public List<Sample> series(String name) throws IOException {
                throw new ConnectException("no Prometheus in this test");
            }

            @Override
            public String describe() {
                return "http://127.0.0.1:9";
            }
        }).run();
        assertThat(sanity.status()).isNotEqualTo(HealthStatus.OK);

        List<String> syslog = new ArrayList<>();
        AlertSink sink = new AlertSink() {
            @Override
            public String name() {
                return "test syslog";
            }

            @Override
            public void send(Alert alert) {
                syslog.add(alert.message());
            }
        };
        Path cronLog = tmp.resolve("state/shadow_cron_alerts.log");
        CronCheck.Outcome cron = new CronCheck(HealthCheck.forCron(config(), new HealthCheck.Options(
                Optional.of(runDir), Optional.empty(), NEVER_FULL), clock), cronLog, sink).run();
        assertThat(cron.status()).isNotEqualTo(HealthStatus.OK);
        assertThat(Files.readString(cronLog)).contains(fifoProblem(fifo));
    }

    @Test
    void aFifoStatusJsonIsNamedAndTheRunIsReadFromItsReports() throws Exception {
        Path fifo = mkfifo(runDir.resolve("status.json"));

        HealthReport report = check().check();

        assertThat(report.figures().cycles()).isEqualTo(3);
        assertThat(report.toJson().toString()).contains(fifoProblem(fifo));
        assertThat(QuickStatus.collect(check()).failed()).isTrue(); // no process found either
    }

    @Test
    void aFifoPidFileIsNamedNotRead() throws Exception {
        Path fifo = mkfifo(runDir.resolve("shadow.pid"));

        assertThat(check().check().toJson().toString()).contains(fifoProblem(fifo));
        assertThatThrownBy(() -> PidFile.read(fifo)).hasMessage(fifoProblem(fifo));

        Path monitorPid = mkfifo(tmp.resolve("state/shadow_monitor.pid"));
        DaemonControl control = new DaemonControl(monitorPid, tmp.resolve("state/m.log"),
                tmp.resolve("state/a.json"), ProcessTable.system());
        assertThat(control.status(10, 5).toJson().toString()).contains("UNKNOWN", "is a FIFO, not a regular file");
        assertThatThrownBy(() -> control.stop(Duration.ofSeconds(1))).hasMessageContaining(monitorPid.toString())
                .hasMessageContaining("is a FIFO");

        Path lock = mkfifo(tmp.resolve("state/other.pid.lock"));
        DaemonControl other = new DaemonControl(tmp.resolve("state/other.pid"), tmp.resolve("state/m.log"),
                tmp.resolve("state/a.json"), ProcessTable.system());
        assertThatThrownBy(() -> other.start(List.of("sleep", "1"))).hasMessage(fifoProblem(lock));
    }

    @Test
    void aFifoLogIsNotFollowedAndItsReadersRefuseIt() throws Exception {
        Path fifo = mkfifo(tmp.resolve("shadow.log.fifo"));
        Files.delete(runDir.resolve("shadow.log"));
        mkfifo(runDir.resolve("shadow.log"));

        HealthReport report = check().check(); // the run's own log is a FIFO: not taken for its log
        assertThat(report.figures().cycles()).isEqualTo(3);

        assertThatThrownBy(() -> LastLines.of(fifo, 10, true)).hasMessage(fifoProblem(fifo));
        try (LogTail tail = new LogTail(fifo)) {
            assertThatThrownBy(() -> tail.poll(line -> { })).hasMessage(fifoProblem(fifo));
        }
        assertThatThrownBy(() -> HealthCheck.create(config(), new HealthCheck.Options(Optional.of(runDir),
                Optional.of(fifo), NEVER_FULL), clock).check()).hasMessageContaining(fifo.toString());
    }

    @Test
    void theMonitorLogAsAFifoIsRefusedNotWrittenTo() throws Exception {
        Path fifo = mkfifo(tmp.resolve("state/shadow_monitor.log"));

        DaemonControl control = new DaemonControl(tmp.resolve("state/shadow_monitor.pid"), fifo,
                tmp.resolve("state/a.json"), ProcessTable.system());
        assertThat(control.status(10, 5).lastEntries()).singleElement().asString().contains("is a FIFO");
        assertThatThrownBy(() -> io.aos.ops.core.io.AtomicFiles.appendLine(fifo, "line"))
                .hasMessage(fifoProblem(fifo));
    }

    @Test
    void theMonitorLogAsAFifoStopsMonitorStartAndTheDaemonWithABadInputNamingIt() throws Exception {
        Path fifo = mkfifo(tmp.resolve("state/shadow_monitor.log"));
        DaemonControl control = new DaemonControl(tmp.resolve("state/shadow_monitor.pid"), fifo,
                tmp.resolve("state/a.json"), ProcessTable.system());

        // Before the fix the redirect's open blocked ProcessBuilder.start until a reader came.
        assertThatThrownBy(() -> control.start(List.of("sleep", "30")))
                .isInstanceOf(io.aos.ops.core.BadInputException.class)
                .hasMessageStartingWith(fifo + ": is a FIFO, not a regular file: the monitor daemon writes its log");
        assertThat(tmp.resolve("state/shadow_monitor.pid")).doesNotExist();

        CliRun daemon = CliRun.capturingSystemStreams("monitor", "daemon", "--state-dir",
                tmp.resolve("state").toString(), "--run-dir", runDir.toString());
        assertThat(daemon.code()).as(daemon.err()).isEqualTo(2);
        assertThat(daemon.err()).contains(fifo + ": is a FIFO").doesNotContain("internal error");
    }

    @Test
    void emergencyStopStatusNamesAFifoAuditLogAndEnableSaysTheLineWasNotAppended() throws Exception {
        Path fifo = mkfifo(tmp.resolve("state/es.fifo"));
        String state = tmp.resolve("state").toString();

        CliRun status = CliRun.capturingSystemStreams("emergency-stop", "--state-dir", state, "status",
                "--audit-log", fifo.toString());
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out() + status.err()).contains("Status: RUNNING",
                fifo + ": cannot be read: is a FIFO, not a regular file");

        CliRun json = CliRun.capturingSystemStreams("emergency-stop", "--state-dir", state, "status", "--json",
                "--audit-log", fifo.toString());
        assertThat(json.out()).contains(fifo + ": cannot be read: is a FIFO, not a regular file");

        CliRun enable = CliRun.capturingSystemStreams("emergency-stop", "--state-dir", state, "enable",
                "--reason", "FIFO drill", "--audit-log", fifo.toString());
        assertThat(enable.out()).contains("NOT appended to " + fifo).doesNotContain("synced to disk");
        assertThat(enable.err()).contains("WARNING", fifo + ": cannot be appended to");
    }

    @Test
    void debugFullReturnsNamingTheFifo() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));

        DebugReport report = DebugConsole.create(config(), Optional.of(runDir), Optional.empty(), clock).full();

        assertThat(report.render(false)).contains(fifoProblem(fifo));
    }

    @Test
    void throughTheJarSummaryCronCheckAndStatusFinishAndNameTheFifo() throws Exception {
        Path fifo = mkfifo(runDir.resolve("reports/cycle_4.json"));

        CliRun summary = jar("golden", "summary", "--summary-dir", runDir.toString());
        assertThat(summary.code()).as(summary.err()).isEqualTo(1);
        assertThat(summary.out() + summary.err()).contains(fifoProblem(fifo));

        CliRun cron = jar("cron-check", "--run-dir", runDir.toString());
        assertThat(cron.code()).as(cron.err()).isIn(0, 1);
        assertThat(Files.readString(tmp.resolve("state/shadow_cron_alerts.log"))).contains(fifoProblem(fifo));

        CliRun status = jar("status", "--run-dir", runDir.toString());
        // 1 here (no process), unless another build's run_shadow_simulation.sh is running on this machine: the
        // jar keeps the upstream-runner fallback, which takes any such process for a run that names none
        assertThat(status.code()).as(status.err()).isIn(0, 1);
        assertThat(status.out()).contains("Cycles started:         3");
    }

    /**
     * A trace, its {@code .sig} or the HMAC secret file as a FIFO (or a device): {@code golden hash}, {@code verify}
     * and {@code diff} name it and return (exit 2) instead of waiting in {@code open} for a writer, or reading an
     * endless device into the heap.
     */
    @Test
    void goldenHashVerifyAndDiffNameAFifoTraceSignatureOrSecret() throws Exception {
        Path trace = tmp.resolve("t/a.steps.jsonl");
        Files.createDirectories(trace.getParent());
        Files.writeString(trace, "{\"event_type\":\"run_start\",\"run_id\":\"r\",\"data\":{\"seed\":1}}\n"
                + "{\"event_type\":\"run_end\",\"run_id\":\"r\",\"data\":{\"status\":\"completed\"}}\n");
        Path fifoTrace = mkfifo(tmp.resolve("t/f.steps.jsonl"));

        CliRun hash = jar("golden", "hash", fifoTrace.toString());
        assertThat(hash.code()).as(hash.err()).isEqualTo(2);
        assertThat(hash.out()).contains(fifoProblem(fifoTrace));

        CliRun diff = jar("golden", "diff", trace.toString(), fifoTrace.toString());
        assertThat(diff.code()).isEqualTo(2);
        assertThat(diff.err()).contains(fifoProblem(fifoTrace));

        CliRun zero = jar("golden", "diff", "/dev/zero", trace.toString());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("/dev/zero: is a character device, not a regular file");

        Path sig = mkfifo(tmp.resolve("t/a.steps.jsonl.sig"));
        CliRun verify = jar("golden", "verify", trace.toString());
        assertThat(verify.code()).as(verify.err()).isEqualTo(2);
        assertThat(verify.out()).contains(fifoProblem(sig));

        // an anonymous pipe (bash's process substitution) has its writer: golden diff reads it
        ProcessBuilder pipe = new ProcessBuilder("bash", "-c", "exec \"$0\" golden diff <(cat \"$1\") \"$1\"",
                REPO.resolve("bin/aos-ops").toString(), trace.toString()).directory(REPO.toFile());
        pipe.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pipe.environment().put("NO_COLOR", "1");
        CliRun substituted = CliRun.process(pipe, tmp);
        assertThat(substituted.code()).as(substituted.err()).isZero();
        assertThat(substituted.out()).startsWith("MATCH");

        Path secret = mkfifo(tmp.resolve("secret"));
        CliRun withSecret = jar("golden", "verify", "--secret-file", secret.toString(), trace.toString());
        assertThat(withSecret.code()).isEqualTo(2);
        assertThat(withSecret.err()).contains(fifoProblem(secret));
    }

    CliRun jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog").toString());
        pb.environment().put("NO_COLOR", "1");
        return CliRun.process(pb, tmp);
    }
}
