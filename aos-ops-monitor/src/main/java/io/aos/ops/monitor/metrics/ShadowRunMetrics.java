package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.diff.RootCause;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The metrics of shadow runs, one series per run (label {@code run}, the run directory's name), fed from the run's
 * structured state: its {@code status.json} heartbeat ({@link ShadowRunStatus}) and its cycle reports
 * ({@link CycleReport}). Both the shadow runner (its own {@code /metrics}) and the monitor (which reads the files) feed
 * it; neither needs to know the metric names.
 *
 * <p>Counters follow the status's cumulative totals: each update advances a counter to the total the status reports,
 * so a monitor that restarts and reads a run from the start exports the same values as one that watched it all along.
 * Mismatches by root cause and upstream's {@code workflow_replay_failures_total} come from the cycle reports' mismatch
 * details; a report is counted once per run (by its cycle number), so passing the same report twice is harmless.
 *
 * <p>Thread-safe: updates are serialised and a scrape may run at any time.
 */
public final class ShadowRunMetrics {

    /** The cause recorded for a mismatch whose report carries no classified detail (upstream keeps at most 5). */
    public static final String UNCLASSIFIED = "UNCLASSIFIED";

    /**
     * The root causes whose mismatch series exist, at 0, from a run's first update: every {@link RootCause} and
     * {@link #UNCLASSIFIED}. {@code increase()} cannot see a counter's step from absent to 1, so a cause that was
     * not there before its first mismatch would not alert on it.
     */
    public static final List<String> KNOWN_ROOT_CAUSES = Stream.concat(
            Arrays.stream(RootCause.values()).map(Enum::name), Stream.of(UNCLASSIFIED)).toList();

    private final Counter cycles;
    private final Counter workflows;
    private final Counter replays;
    private final Counter mismatches;
    private final Counter verifications;
    private final Counter failures;
    private final Gauge lastCycle;
    private final Gauge startTime;
    private final Gauge runState;
    private final Gauge emergencyStop;
    private final Map<String, Long> lastCountedCycle = new HashMap<>();
    // Label values seen per run for the open-ended label sets (root cause, failure type), so forget() can drop them.
    private final Map<String, Map<String, String[]>> causeLabels = new HashMap<>();

    private ShadowRunMetrics(PrometheusRegistry registry) {
        cycles = Counter.builder().name("aos_shadow_cycles_total")
                .help("Shadow simulation cycles completed.")
                .labelNames("run").register(registry);
        workflows = Counter.builder().name("aos_shadow_workflows_total")
                .help("Primary workflows run (and recorded as golden files when successful).")
                .labelNames("run").register(registry);
        replays = Counter.builder().name("aos_shadow_replays_total")
                .help("Shadow replays compared with their golden file.")
                .labelNames("run").register(registry);
        mismatches = Counter.builder().name("aos_shadow_mismatches_total")
                .help("Replays that did not match their golden file, by the diff's root-cause category.")
                .labelNames("run", "root_cause").register(registry);
        verifications = Counter.builder().name("workflow_replay_verifications_total")
                .help("Replay verifications by outcome (upstream's engine metric, fed by the shadow run).")
                .labelNames("run", "status").register(registry);
        failures = Counter.builder().name("workflow_replay_failures_total")
                .help("Failed replay verifications by failure type and workflow type (upstream's engine metric).")
                .labelNames("run", "failure_type", "spec_id").register(registry);
        lastCycle = Gauge.builder().name("aos_shadow_last_cycle_timestamp_seconds")
                .help("Unix time the run's last cycle finished.")
                .labelNames("run").register(registry);
        startTime = Gauge.builder().name("aos_shadow_start_time_seconds")
                .help("Unix time the run started.")
                .labelNames("run").register(registry);
        runState = Gauge.builder().name("aos_shadow_run_state")
                .help("1 for the run's current state (running, paused, completed, failed, stopped), 0 for the others.")
                .labelNames("run", "state").register(registry);
        emergencyStop = Gauge.builder().name("aos_shadow_emergency_stop_engaged")
                .help("1 if the run saw the emergency stop engaged at its last check, else 0.")
                .labelNames("run").register(registry);
    }

    /** Creates the metrics and registers them in {@code registry}. */
    public static ShadowRunMetrics registerIn(PrometheusRegistry registry) {
        checkNotNull(registry, "registry");
        return new ShadowRunMetrics(registry);
    }

    /**
     * Brings the series of {@code run} up to date.
     *
     * @param run        the run's name, usually its output directory's name
     * @param status     the run's latest heartbeat
     * @param newReports cycle reports not passed before (reports already counted, by cycle number, are skipped)
     */
    public synchronized void update(String run, ShadowRunStatus status, List<CycleReport> newReports) {
        checkArgument(run != null && !run.isBlank(), "run name must not be blank, got '%s'", run);
        checkNotNull(status, "status");
        checkNotNull(newReports, "newReports");
        if (status.cycles() < cycles.labelValues(run).get()) {
            // Fewer cycles than already exported: a new run reuses the directory. Start its series afresh.
            forget(run);
        }
        for (String cause : KNOWN_ROOT_CAUSES) {
            mismatchesOf(run, cause);
        }
        advance(cycles.labelValues(run), status.cycles());
        advance(workflows.labelValues(run), status.workflows());
        advance(replays.labelValues(run), status.replays());
        advance(verifications.labelValues(run, "passed"), Math.max(0, status.replays() - status.mismatches()));
        advance(verifications.labelValues(run, "failed"), status.mismatches());
        for (CycleReport report : newReports) {
            count(run, report);
        }
        setSeconds(lastCycle, run, status.lastCycleAt());
        setSeconds(startTime, run, status.startedAt());
        for (RunState state : RunState.values()) {
            runState.labelValues(run, state.json()).set(state == status.state() ? 1 : 0);
        }
        emergencyStop.labelValues(run).set(status.emergencyStop() ? 1 : 0);
    }

    /**
     * The mismatches of {@code run} counted so far, by root cause, causes with none left out, commonest first (the same
     * counts {@code aos_shadow_mismatches_total} exports); empty for a run never updated.
     */
    public synchronized Map<String, Long> mismatchesByRootCause(String run) {
        Map<String, Long> counts = new HashMap<>();
        for (String[] labels : causeLabels.getOrDefault(run, Map.of()).values()) {
            if (labels.length == 1) {
                long n = (long) mismatches.labelValues(run, labels[0]).get();
                if (n > 0) {
                    counts.put(labels[0], n);
                }
            }
        }
        Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Drops every series of {@code run}, e.g. once a finished run's directory is gone. */
    public synchronized void forget(String run) {
        cycles.remove(run);
        workflows.remove(run);
        replays.remove(run);
        lastCycle.remove(run);
        startTime.remove(run);
        emergencyStop.remove(run);
        verifications.remove(run, "passed");
        verifications.remove(run, "failed");
        for (RunState state : RunState.values()) {
            runState.remove(run, state.json());
        }
        for (String[] labels : causeLabels.getOrDefault(run, Map.of()).values()) {
            if (labels.length == 1) {
                mismatches.remove(run, labels[0]);
            } else {
                failures.remove(run, labels[0], labels[1]);
            }
        }
        causeLabels.remove(run);
        lastCountedCycle.remove(run);
    }

    private void count(String run, CycleReport report) {
        Long cycle = report.cycle();
        if (cycle != null) {
            Long last = lastCountedCycle.get(run);
            if (last != null && cycle <= last) {
                return;
            }
            lastCountedCycle.put(run, cycle);
        }
        long unexplained = report.shadow() == null ? 0 : report.shadow().mismatches();
        for (CycleReport.MismatchDetail detail : report.mismatchDetails()) {
            String cause = detail.rootCause() == null || detail.rootCause().isBlank() ? UNCLASSIFIED : detail.rootCause();
            String failureType = cause.equals(UNCLASSIFIED) ? "hash_mismatch" : cause.toLowerCase(Locale.ROOT);
            String specId = detail.workflowType() == null || detail.workflowType().isBlank()
                    ? "unknown" : detail.workflowType();
            countMismatch(run, cause, failureType, specId);
            unexplained--;
        }
        // Upstream reports list at most five details; the rest still count, as unclassified.
        for (long i = 0; i < unexplained; i++) {
            countMismatch(run, UNCLASSIFIED, "hash_mismatch", "unknown");
        }
    }

    private void countMismatch(String run, String cause, String failureType, String specId) {
        mismatchesOf(run, cause).inc();
        failures.labelValues(run, failureType, specId).inc();
        causeLabels.computeIfAbsent(run, r -> new HashMap<>())
                .putIfAbsent("f:" + failureType + "\u0000" + specId, new String[] {failureType, specId});
    }

    /** The mismatch counter of {@code run} and {@code cause}, created at 0 and remembered for {@link #forget}. */
    private CounterDataPoint mismatchesOf(String run, String cause) {
        causeLabels.computeIfAbsent(run, r -> new HashMap<>()).putIfAbsent("m:" + cause, new String[] {cause});
        return mismatches.labelValues(run, cause);
    }

    private static void advance(CounterDataPoint counter, long total) {
        double delta = total - counter.get();
        if (delta > 0) {
            counter.inc(delta);
        }
    }

    private static void setSeconds(Gauge gauge, String run, Instant instant) {
        if (instant == null) {
            // Absent until known: an alert must not read "never" as "at 1970".
            gauge.remove(run);
        } else {
            gauge.labelValues(run).set(instant.getEpochSecond() + instant.getNano() / 1e9);
        }
    }
}
