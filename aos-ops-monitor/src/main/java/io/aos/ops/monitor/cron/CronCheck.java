package io.aos.ops.monitor.cron;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.text.ControlCharacters;
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
 * cleanly is a success. An alerts log that cannot be written (a FIFO or a directory in its place, a full disk) never
 * hides the verdict: the check's outcome stands, syslog still gets each problem, and the failure is in
 * {@link Outcome#logFailures()} for the caller to report.
 */
public final class CronCheck {

    /**
     * What one run of the check found and wrote.
     *
     * @param report      the health report
     * @param status      the verdict
     * @param alertLines  the alert lines meant for the log (and syslog), one per problem
     * @param logFailures why a line could not be appended to the alerts log, each naming the file; empty when all were
     */
    public record Outcome(HealthReport report, HealthStatus status, List<String> alertLines, List<String> logFailures) {
        public Outcome {
            alertLines = List.copyOf(alertLines);
            logFailures = List.copyOf(logFailures);
        }

        /**
         * The one line a Nagios plugin prints, OK or not: {@code SHADOW OK - PID=752320 Cycles=106 Success=106 |
         * <perfdata>}, or {@code SHADOW CRITICAL - <cause>; <cause> | <perfdata>} (WARNING likewise). A {@code |} or
         * line break inside a cause would cut the line or start the perfdata early, so it is replaced; any other
         * control character is written as an escape ({@link ControlCharacters#oneLine}).
         */
        public String nagiosLine() {
            String text = status == HealthStatus.OK ? okSummary(report)
                    : report.issues().stream().map(ProbeResult::message).collect(Collectors.joining("; "));
            return "SHADOW " + status + " - "
                    + ControlCharacters.oneLine(text.replace('|', '/').replaceAll("[\\r\\n]+", " ")) + " | "
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

    /** Checks once and writes the log lines; neither a log nor a syslog failure changes the outcome. */
    public Outcome run() {
        HealthReport report = check.check();
        String ts = report.timestamp();
        List<String> logFailures = new ArrayList<>();
        if (report.status() == HealthStatus.OK) {
            append("[" + ts + "] OK: " + okSummary(report), logFailures);
            return new Outcome(report, HealthStatus.OK, List.of(), logFailures);
        }
        List<String> lines = new ArrayList<>();
        for (ProbeResult issue : report.issues()) {
            String line = "[" + ts + "] " + issue.status() + ": " + ControlCharacters.oneLine(issue.message());
            append(line, logFailures);
            lines.add(line);
            try {
                syslog.send(new Alert(ts, issue.status(), issue.probe(), Alert.Event.RAISED, issue.message()));
            } catch (IOException | RuntimeException e) {
                // syslog is best effort; the alerts log has the line and the exit code says it
            }
        }
        return new Outcome(report, report.status(), lines, logFailures);
    }

    /** Appends {@code line} to the alerts log; a failure is noted once (the next line would fail alike). */
    private void append(String line, List<String> failures) {
        if (!failures.isEmpty()) {
            return;
        }
        try {
            AtomicFiles.appendLine(alertsLog, line); // refuses a FIFO or a directory before opening it: no hang
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            failures.add("cannot append to the cron alerts log: "
                    + (why.contains(alertsLog.toString()) ? why : alertsLog + ": " + why));
        }
    }

    private static String okSummary(HealthReport report) {
        return "PID=" + report.pid().map(String::valueOf).orElse("none") + " Cycles=" + report.figures().cycles()
                + " Success=" + report.figures().successfulCycles()
                + (report.verdict() == Verdict.COMPLETED ? " (run COMPLETED)" : "");
    }
}
