package io.aos.ops.monitor.status;

import static com.google.common.base.Preconditions.checkNotNull;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.text.ControlCharacters;
import java.time.Duration;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.log.LastLines;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quick status of {@code check_shadow_status.sh}: process and elapsed time, cycles, successful cycles, cycles
 * with mismatches and the last log entries. Unlike upstream, a dead process is a failure too (exit 1), and cycles with
 * mismatches come from the structured reports, not from a log phrase that was never printed.
 */
public final class QuickStatus {

    /** Log lines shown. */
    public static final int LAST_ENTRIES = 10;

    /**
     * The report.
     *
     * @param health      the health check behind it
     * @param process     the process probe's result
     * @param lastEntries the last log lines, without colour codes
     */
    public record Report(HealthReport health, ProbeResult process, List<String> lastEntries) {

        /** True when the runbook's quick status fails: the process is dead (not completed) or there are mismatches. */
        public boolean failed() {
            // UNKNOWN: a PID names a live process not proven to be the run; that is not a running run either.
            return process.status() == HealthStatus.CRITICAL || process.status() == HealthStatus.UNKNOWN
                    || health.figures().mismatches() > 0;
        }

        /**
         * The human report; text from files (log lines, paths) with its control characters escaped, so a log line
         * cannot act on the terminal ({@link ControlCharacters#forTerminal}).
         */
        public String render() {
            String rule = "═".repeat(63);
            StringBuilder out = new StringBuilder();
            out.append(rule).append('\n').append("               24-HOUR SHADOW RUN STATUS\n").append(rule).append('\n');
            out.append("Run dir:  ").append(health.run().runDir().map(Path::toString).orElse("(none found)")).append('\n');
            out.append("Log file: ").append(health.run().log().map(Path::toString).orElse("(none found)")).append('\n');
            out.append('\n');
            Object pid = process.figures().get("pid");
            Object elapsed = process.figures().get("elapsed_seconds");
            if (process.isOk() && Boolean.TRUE.equals(process.figures().get("completed"))) {
                out.append("Process: COMPLETED").append(pid == null ? "" : " (PID: " + pid + ", exited)").append('\n');
            } else if (process.isOk()) {
                out.append("Process: RUNNING (PID: ").append(pid).append(")\n");
                if (elapsed instanceof Long seconds) {
                    out.append("Elapsed: ").append(ProcessStatus.formatElapsed(Duration.ofSeconds(seconds)))
                            .append('\n');
                }
            } else {
                out.append("Process: ").append(switch (process.status()) {
                    case CRITICAL -> "NOT RUNNING";
                    case UNKNOWN -> "UNKNOWN";
                    default -> "WARNING";
                })
                        .append(" (").append(process.message()).append(")\n");
            }
            out.append("Cycles started:         ").append(health.figures().cycles()).append('\n');
            out.append("Successful cycles:      ").append(health.figures().successfulCycles()).append('\n');
            out.append("Cycles with mismatches: ").append(health.figures().cyclesWithMismatches());
            if (health.figures().mismatches() > 0) {
                out.append("  (").append(health.figures().describeMismatches()).append(')');
            }
            out.append('\n');
            if (health.emergencyStop()) {
                out.append("Emergency stop:         ENGAGED\n");
            }
            out.append('\n').append("Last ").append(LAST_ENTRIES).append(" log entries:\n");
            if (lastEntries.isEmpty()) {
                out.append("  (no log)\n");
            }
            lastEntries.forEach(l -> out.append("  ").append(l).append('\n'));
            return ControlCharacters.forTerminal(out.toString());
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run_dir", health.run().runDir().map(Path::toString).orElse(null));
            json.put("log", health.run().log().map(Path::toString).orElse(null));
            json.put("process", process.status() == HealthStatus.OK
                    ? (Boolean.TRUE.equals(process.figures().get("completed")) ? "COMPLETED" : "RUNNING")
                    : process.status() == HealthStatus.CRITICAL ? "NOT_RUNNING" : process.status().name());
            json.put("process_message", process.message());
            json.put("pid", process.figures().get("pid"));
            json.put("elapsed_seconds", process.figures().get("elapsed_seconds"));
            json.put("cycles", health.figures().cycles());
            json.put("successful_cycles", health.figures().successfulCycles());
            json.put("cycles_with_mismatches", health.figures().cyclesWithMismatches());
            json.put("mismatches", health.figures().mismatches());
            json.put("mismatches_by_cycle", health.figures().mismatchesByCycle());
            json.put("emergency_stop", health.emergencyStop());
            json.put("last_entries", lastEntries);
            json.put("failed", failed());
            return json;
        }
    }

    private QuickStatus() {
    }

    /** Checks the run once and reads the last log entries. */
    public static Report collect(HealthCheck check) throws IOException {
        checkNotNull(check, "check");
        HealthReport health = check.check();
        ProbeResult process = health.results().stream().filter(r -> r.probe().equals("process")).findFirst()
                .orElseThrow();
        Optional<Path> log = health.run().log();
        List<String> last = log.isPresent() ? LastLines.of(log.get(), LAST_ENTRIES, true) : List.of();
        return new Report(health, process, last);
    }
}
