package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Renders a shadow run's events as upstream's log: the banner, {@code [TAG] HH:MM:SS message} lines (mismatches,
 * ALERT lines, progress every 10 cycles), the final report block and the {@code Shadow simulation complete} line.
 * {@code aos-ops shadow run} renders to stdout with {@link #to}; the runner renders the same lines to the run's
 * {@code shadow.log}, which {@code shadow finish} and the monitors read.
 *
 * <p>Not thread-safe on its own; the runner sends events from one thread.
 */
public final class ShadowRunLog implements ShadowRunListener {

    private final ShadowLog log;
    private ZoneId zone = ZoneId.systemDefault();
    private ShadowRunOptions options;

    private ShadowRunLog(ShadowLog log) {
        this.log = log;
    }

    /**
     * Renders to {@code out}, flushing every line.
     *
     * @param out    where the lines go; pass a UTF-8 stream, the rule and the PASSED/FAILED marks are not ASCII
     * @param colour colour the tags; pass true only for a terminal with colour wanted
     * @return a listener to pass to {@link ShadowRunner}
     */
    public static ShadowRunLog to(PrintStream out, boolean colour) {
        return new ShadowRunLog(ShadowLog.console(checkNotNull(out, "out"), colour));
    }

    /** Renders to {@code logFile} (appending); {@code onFailure} hears of the first failure to write it. */
    static ShadowRunLog toFile(Path logFile, Consumer<IOException> onFailure) throws IOException {
        return new ShadowRunLog(ShadowLog.file(logFile, onFailure));
    }

    /** Closes the log file, if this renders to one. */
    void close() {
        log.close();
    }

    private LocalTime time(Instant at) {
        return LocalTime.ofInstant(at, zone);
    }

    private void info(Instant at, String message) {
        log.line(ShadowLog.Level.INFO, time(at), message);
    }

    private void warn(Instant at, String message) {
        log.line(ShadowLog.Level.WARN, time(at), message);
    }

    private void error(Instant at, String message) {
        log.line(ShadowLog.Level.ERROR, time(at), message);
    }

    private boolean verbose() {
        return options != null && options.verbose();
    }

    @Override
    public void runStarted(Start start) {
        zone = start.zone();
        options = start.options();
        ShadowRunLayout layout = start.layout();
        log.plain(ShadowLog.RULE);
        log.plain("         M4-T7: 24h Shadow-Run Simulation");
        log.plain(ShadowLog.RULE);
        log.plain("  Primary Workers:     " + options.workers());
        log.plain("  Duration:            " + describeDuration(options));
        log.plain("  Workflows/Cycle:     " + options.workflowsPerCycle() + " (" + options.split()
                + " across " + options.workers() + " workers)");
        log.plain("  Cycle Interval:      " + describeInterval(options));
        log.plain("  Output:              " + layout.root());
        log.plain("  Seed:                " + options.seed() + " (--seed " + options.seed() + " repeats this run)");
        log.plain("  Workflow Types:      " + String.join(", ", start.workflowTypes()));
        log.plain("  PID:                 " + start.pid() + " (" + layout.pidFile() + ")");
        if (!options.injections().isEmpty()) {
            log.plain("  Injected Faults:     " + options.injections().stream().map(FaultInjection::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        log.plain(ShadowLog.RULE);
        info(start.at(), "Starting shadow-run simulation...");
        info(start.at(), "Press Ctrl+C to stop");
    }

    @Override
    public void cycleStarted(Instant at, long cycle) {
        if (verbose()) {
            log.line(ShadowLog.Level.STEP, time(at), "Running cycle " + cycle + "...");
        }
    }

    @Override
    public void workflowsEmergencyStopped(Instant at, long cycle, long stopped, long total) {
        warn(at, "Cycle " + cycle + ": " + stopped + " of " + total
                + " workflows ended as emergency_stopped (emergency stop engaged)");
    }

    @Override
    public void workflowsFailed(Instant at, long cycle, long failed, String firstError) {
        warn(at, "Cycle " + cycle + ": " + failed + " workflows failed (first: " + firstError + ")");
    }

    @Override
    public void cycleFinished(Instant at, CycleReport report, Totals totals) {
        long n = report.cycle();
        long m = report.shadow().mismatches();
        if (m > 0) {
            error(at, "Cycle " + n + ": " + m + " mismatches detected!");
            for (MismatchDetail d : report.mismatchDetails()) {
                error(at, "  " + d.originalRunId() + " (" + d.workflowType() + ", seed " + d.seed() + ") replayed as "
                        + d.replayRunId() + ": first diverging step "
                        + (d.firstDivergingStep() == null ? "?" : d.firstDivergingStep()) + ", root cause "
                        + (d.rootCause() == null ? "unclassified" : d.rootCause())
                        + (d.evidence() == null ? "" : " (" + d.evidence() + ")"));
            }
            warn(at, "ALERT: Shadow simulation detected " + m + " mismatches in cycle " + n);
        } else if (verbose()) {
            info(at, "Cycle " + n + ": " + report.primary().total() + " workflows, " + report.shadow().totalReplays()
                    + " replays, 0 mismatches");
        }
        if (options != null && !options.quick() && n % 10 == 0) {
            info(at, "Progress: " + n + " cycles, " + totals.workflows() + " workflows, " + totals.mismatches()
                    + " mismatches, " + totals.remainingSeconds() + "s remaining");
        }
    }

    @Override
    public void paused(Instant at) {
        warn(at, "Emergency stop engaged: shadow simulation paused; workflows end as emergency_stopped until it is"
                + " released");
    }

    @Override
    public void resumed(Instant at) {
        info(at, "Emergency stop released: resuming shadow simulation");
    }

    @Override
    public void stopping(Instant at, StopReason reason) {
        switch (reason) {
            case REQUESTED -> info(at, "Shutting down shadow simulation...");
            case FAIL_FAST -> error(at, "--fail-fast: stopping at the first cycle with a mismatch");
        }
    }

    @Override
    public void brokeOff(Instant at, Exception cause) {
        error(at, "Shadow simulation failed: " + cause.getMessage());
    }

    @Override
    public void logFileFailed(Instant at, IOException cause) {
        log.consoleNote("[WARN] cannot write the log file any more (" + cause.getMessage()
                + "); stdout only from now on");
    }

    @Override
    public void runFinished(Finish finish) {
        ShadowRunResult r = finish.result();
        ShadowRunLayout layout = finish.layout();
        long s = finish.elapsed().toSeconds();
        log.plain("");
        log.plain(ShadowLog.RULE);
        log.plain("           SHADOW-RUN SIMULATION REPORT");
        log.plain(ShadowLog.RULE);
        log.plain("  Duration:           " + (s / 3600) + "h " + (s % 3600 / 60) + "m " + (s % 60) + "s");
        log.plain("  Cycles Completed:   " + r.cycles());
        log.plain("  Primary Workers:    " + finish.options().workers());
        log.plain("  Total Workflows:    " + r.workflows());
        log.plain("  Total Replays:      " + r.replays());
        log.plain("  Mismatches:         " + r.mismatches());
        log.plain("  Final Report:       " + r.summaryFile());
        log.plain("  Golden Files:       " + layout.goldenDir());
        log.plain("  Cycle Reports:      " + layout.reportsDir());
        log.plain("  Status:             " + layout.statusFile());
        log.plain("  Log:                " + layout.logFile());
        log.plain(ShadowLog.RULE);
        if (r.passed()) {
            info(finish.at(), "          ✅ SHADOW SIMULATION PASSED");
            log.plain("All " + r.replays() + " shadow replays matched their golden files.");
        } else {
            error(finish.at(), "          ❌ SHADOW SIMULATION FAILED");
            if (r.mismatches() > 0) {
                log.plain("Detected " + r.mismatches() + " mismatches across " + r.replays() + " replays.");
                log.plain("Check detailed reports in: " + layout.reportsDir());
            }
            if (r.message() != null) {
                log.plain("Reason: " + r.message() + ".");
            }
        }
        if (r.state() == io.aos.ops.golden.shadow.state.RunState.STOPPED) {
            info(finish.at(), "Final report: " + r.summaryFile());
        }
        info(finish.at(), "Shadow simulation complete: " + (r.passed() ? "PASSED" : "FAILED") + ", " + r.cycles()
                + " cycles, " + r.replays() + " replays compared, " + r.state().json());
    }

    private static String describeDuration(ShadowRunOptions options) {
        List<String> parts = new ArrayList<>();
        if (options.hours().isPresent()) {
            double h = options.hours().getAsDouble();
            // Plain digits: Double.toString writes 0.0003 as 3.0E-4.
            String hours = BigDecimal.valueOf(h).stripTrailingZeros().toPlainString();
            long seconds = Math.round(h * 3600);
            parts.add(hours + "h (" + (seconds < 60 ? seconds + "s" : Math.round(h * 60) + "m") + ")");
        }
        if (options.maxCycles().isPresent()) {
            parts.add(options.maxCycles().getAsLong() + " cycles");
        }
        return String.join(" or ", parts) + (parts.size() > 1 ? ", whichever comes first" : "");
    }

    private static String describeInterval(ShadowRunOptions options) {
        Duration i = options.cycleInterval();
        return i.toMillis() % 1000 == 0 ? i.toSeconds() + "s" : (i.toMillis() / 1000d) + "s";
    }
}
