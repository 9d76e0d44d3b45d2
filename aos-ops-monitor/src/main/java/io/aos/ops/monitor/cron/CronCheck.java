package io.aos.ops.monitor.cron;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.alert.AlertSink;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.health.Verdict;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cron check: one health check, silent when all is well. On success it prints nothing and appends only an
 * {@code [ts] OK: ...} line to its log; on a problem it appends one {@code [ts] CRITICAL: <cause>} or
 * {@code [ts] WARNING: <cause>} line per problem to the same log and sends each to syslog. A run that completed
 * cleanly is a success.
 */
public final class CronCheck {

    /** What one run of the check found and wrote. */
    public record Outcome(HealthReport report, HealthStatus status, List<String> alertLines) {
        public Outcome {
            alertLines = List.copyOf(alertLines);
        }

        /**
         * The one line a Nagios plugin prints, OK or not: {@code SHADOW OK - PID=752320 Cycles=106 Success=106 |
         * <perfdata>}, or {@code SHADOW CRITICAL - <cause>; <cause> | <perfdata>} (WARNING likewise). A {@code |} or
         * line break inside a cause would cut the line or start the perfdata early, so it is replaced.
         */
        public String nagiosLine() {
            String text = status == HealthStatus.OK ? okSummary(report)
                    : report.issues().stream().map(ProbeResult::message).collect(Collectors.joining("; "));
            return "SHADOW " + status + " - " + text.replace('|', '/').replaceAll("[\\r\\n]+", " ") + " | "
                    + report.perfData();
        }
    }

    private final HealthCheck check;
    private final Path alertsLog;
    private final AlertSink syslog;

    public CronCheck(HealthCheck check, Path alertsLog, AlertSink syslog) {
        this.check = checkNotNull(check, "check");
        this.alertsLog = checkNotNull(alertsLog, "alertsLog");
        this.syslog = checkNotNull(syslog, "syslog");
    }

    /** Checks once and writes the log lines; a syslog failure never changes the outcome. */
    public Outcome run() throws IOException {
        HealthReport report = check.check();
        String ts = report.timestamp();
        if (report.status() == HealthStatus.OK) {
            AtomicFiles.appendLine(alertsLog, "[" + ts + "] OK: " + okSummary(report));
            return new Outcome(report, HealthStatus.OK, List.of());
        }
        List<String> lines = new ArrayList<>();
        for (ProbeResult issue : report.issues()) {
            String line = "[" + ts + "] " + issue.status() + ": " + issue.message();
            AtomicFiles.appendLine(alertsLog, line);
            lines.add(line);
            try {
                syslog.send(new Alert(ts, issue.status(), issue.probe(), Alert.Event.RAISED, issue.message()));
            } catch (IOException | RuntimeException e) {
                // syslog is best effort; the alerts log has the line and the exit code says it
            }
        }
        return new Outcome(report, report.status(), lines);
    }

    private static String okSummary(HealthReport report) {
        return "PID=" + report.pid().map(String::valueOf).orElse("none") + " Cycles=" + report.figures().cycles()
                + " Success=" + report.figures().successfulCycles()
                + (report.verdict() == Verdict.COMPLETED ? " (run COMPLETED)" : "");
    }
}
