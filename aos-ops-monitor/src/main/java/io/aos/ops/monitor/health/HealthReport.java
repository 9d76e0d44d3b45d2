package io.aos.ops.monitor.health;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.probe.ProbeResult;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one check: every probe's result, combined worst-first into one verdict and the runbook's status line.
 *
 * @param time          when the check ran, in the clock's zone
 * @param verdict       HEALTHY, COMPLETED, DEGRADED, UNKNOWN or CRITICAL
 * @param status        the worst probe status (for exit codes)
 * @param pid           the run's PID, if known
 * @param figures       cycles, successes, mismatches
 * @param diskPercent   the highest percent used of the filesystems checked, -1 if unknown
 * @param results       every probe's result, in probe order
 * @param emergencyStop true if the emergency stop is engaged
 * @param run           the run and log watched
 */
public record HealthReport(
        OffsetDateTime time,
        Verdict verdict,
        HealthStatus status,
        Optional<Long> pid,
        RunProgress figures,
        int diskPercent,
        List<ProbeResult> results,
        boolean emergencyStop,
        WatchedRun run) {

    /** {@code date -Iseconds}: {@code 2025-12-02T14:05:31+01:00}, with {@code +00:00} rather than {@code Z}. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public HealthReport {
        checkNotNull(time, "time");
        checkNotNull(verdict, "verdict");
        results = List.copyOf(results);
    }

    /** The check's time as {@code date -Iseconds} prints it. */
    public String timestamp() {
        return TIMESTAMP.format(time);
    }

    /** The results that are not OK, worst first. */
    public List<ProbeResult> issues() {
        return results.stream()
                .filter(r -> !r.isOk())
                .sorted((a, b) -> a.status() == b.status() ? 0 : a.status().worst(b.status()) == a.status() ? -1 : 1)
                .toList();
    }

    /**
     * The runbook's line: {@code [2025-12-02T14:05:31+01:00] HEALTHY: PID=752320, Cycles=106, Success=106, Disk=14%},
     * with {@code , Issues=N: <level> <message>; ...} when there are issues and {@code , EmergencyStop=ENGAGED} while
     * the emergency stop is engaged. One line with no control character: a message can quote a file's name or a value
     * of {@code status.json}, so its control characters, line breaks included, are escapes
     * ({@link ControlCharacters#oneLine}).
     */
    public String statusLine() {
        StringBuilder line = new StringBuilder()
                .append('[').append(timestamp()).append("] ").append(verdict).append(": ")
                .append("PID=").append(pid.map(String::valueOf).orElse("none"))
                .append(", Cycles=").append(figures.cycles())
                .append(", Success=").append(figures.successfulCycles())
                .append(", Disk=").append(diskPercent < 0 ? "?" : diskPercent + "%");
        if (emergencyStop) {
            line.append(", EmergencyStop=ENGAGED");
        }
        List<ProbeResult> issues = issues();
        if (!issues.isEmpty()) {
            line.append(", Issues=").append(issues.size()).append(": ");
            for (int i = 0; i < issues.size(); i++) {
                if (i > 0) {
                    line.append("; ");
                }
                line.append(issues.get(i).status()).append(' ')
                        .append(ControlCharacters.oneLine(issues.get(i).message()));
            }
        }
        return line.toString();
    }

    /**
     * Monitoring Plugins performance data, for {@code --nagios}:
     * {@code pid_up=1;;1:;0;1 cycles=106c mismatches=0;;0;0; log_age=42s;600;1800;0; disk_used=14%;90;95;0;100}
     * (the disk levels are "at least", Nagios ranges "above": close enough for graphs, the status decides).
     */
    public String perfData() {
        StringBuilder perf = new StringBuilder();
        boolean up = results.stream().filter(r -> r.probe().equals("process")).anyMatch(ProbeResult::isOk);
        perf.append("proc_up=").append(up ? 1 : 0).append(";;1:;0;1");
        perf.append(" cycles=").append(figures.cycles()).append('c');
        perf.append(" mismatches=").append(figures.mismatches()).append(";;0;0;");
        for (ProbeResult r : results) {
            if (r.probe().equals("freshness") && r.figures().get("age_seconds") instanceof Long age) {
                perf.append(" log_age=").append(age).append("s;").append(r.figures().get("warning_seconds"))
                        .append(';').append(r.figures().get("critical_seconds")).append(";0;");
            }
        }
        for (ProbeResult r : results) {
            if (r.probe().equals("disk") && diskPercent >= 0) {
                perf.append(" disk_used=").append(diskPercent).append("%;").append(r.figures().get("warning_percent"))
                        .append(';').append(r.figures().get("critical_percent")).append(";0;100");
            }
        }
        return perf.toString();
    }

    /** The report as a JSON-ready map (the {@code --json} shape). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp());
        json.put("verdict", verdict.name());
        json.put("status", status.name());
        json.put("pid", pid.orElse(null));
        json.put("cycles", figures.cycles());
        json.put("successful_cycles", figures.successfulCycles());
        json.put("workflows", figures.workflows());
        json.put("replays", figures.replays());
        json.put("mismatches", figures.mismatches());
        json.put("cycles_with_mismatches", figures.cyclesWithMismatches());
        json.put("mismatches_by_cycle", figures.mismatchesByCycle());
        json.put("figures_source", figures.source());
        json.put("disk_used_percent", diskPercent);
        json.put("emergency_stop", emergencyStop);
        json.put("run_dir", run.runDir().map(Object::toString).orElse(null));
        json.put("log", run.log().map(Object::toString).orElse(null));
        json.put("issues", issues().stream().map(r -> r.status() + " " + r.message()).toList());
        json.put("checks", ProbeResult.checksJson(results));
        json.put("status_line", statusLine());
        return json;
    }
}
