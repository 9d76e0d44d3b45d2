package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sanity check's "Prometheus Metrics" section: upstream's two replay metrics read from a server or an exporter,
 * every series of them, grouped per run (label {@code run}, else {@code instance}). A value nobody exported is
 * UNKNOWN (null here), never 0: upstream printed {@code N/A} or a stale synthetic value and read only the first
 * series.
 *
 * @param source    where the values came from
 * @param reachable false if the source could not be read at all ({@code problem} says why)
 * @param problem   why the source could not be read; null when it could
 * @param runs      one entry per run found, sorted by key; empty if the metrics are absent
 */
public record ReplayMetricsReport(String source, boolean reachable, String problem, List<RunReplays> runs) {

    public static final String VERIFICATIONS = "workflow_replay_verifications_total";
    public static final String FAILURES = "workflow_replay_failures_total";

    public ReplayMetricsReport {
        runs = List.copyOf(runs);
    }

    /**
     * The replay metrics of one run.
     *
     * @param run            the run (or instance) the series belong to
     * @param passed         verifications that passed; null when no such series exists (UNKNOWN)
     * @param failed         verifications that failed; null when no such series exists (UNKNOWN)
     * @param failuresByType failed verifications per {@code failure_type/spec_id}, from {@value #FAILURES}
     */
    public record RunReplays(String run, Double passed, Double failed, Map<String, Double> failuresByType) {
        public RunReplays {
            failuresByType = Map.copyOf(failuresByType);
        }
    }

    /** Reads both metrics from {@code source}; a source that cannot be read gives an unreachable report. */
    public static ReplayMetricsReport read(MetricSource source) {
        checkNotNull(source, "source");
        List<Sample> verifications;
        List<Sample> failures;
        try {
            verifications = source.series(VERIFICATIONS);
            failures = source.series(FAILURES);
        } catch (IOException e) {
            return new ReplayMetricsReport(source.describe(), false, e.getMessage(), List.of());
        }
        Map<String, Double> passed = new TreeMap<>();
        Map<String, Double> failed = new TreeMap<>();
        Map<String, Map<String, Double>> byType = new TreeMap<>();
        for (Sample s : verifications) {
            String status = s.label("status");
            if ("passed".equals(status)) {
                passed.merge(runOf(s), s.value(), Double::sum);
            } else if ("failed".equals(status)) {
                failed.merge(runOf(s), s.value(), Double::sum);
            }
        }
        for (Sample s : failures) {
            String type = s.label("failure_type") == null ? "unknown" : s.label("failure_type");
            String key = s.label("spec_id") == null ? type : type + "/" + s.label("spec_id");
            byType.computeIfAbsent(runOf(s), r -> new TreeMap<>()).merge(key, s.value(), Double::sum);
        }
        TreeMap<String, Boolean> keys = new TreeMap<>();
        passed.keySet().forEach(k -> keys.put(k, true));
        failed.keySet().forEach(k -> keys.put(k, true));
        byType.keySet().forEach(k -> keys.put(k, true));
        List<RunReplays> runs = new ArrayList<>();
        for (String run : keys.keySet()) {
            runs.add(new RunReplays(run, passed.get(run), failed.get(run), byType.getOrDefault(run, Map.of())));
        }
        return new ReplayMetricsReport(source.describe(), true, null, runs);
    }

    /** The section's lines, as the sanity check prints them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!reachable) {
            lines.add("Metrics: NOT REACHABLE at " + source + " (" + problem + ")");
            return lines;
        }
        lines.add("Metrics source: " + source);
        if (runs.isEmpty()) {
            lines.add("Replay verifications: UNKNOWN (no " + VERIFICATIONS + " series)");
            lines.add("Replay failures: UNKNOWN (no " + FAILURES + " series)");
            return lines;
        }
        for (RunReplays run : runs) {
            String where = run.run().isEmpty() ? "" : "  [" + run.run() + "]";
            lines.add("Replay verifications: passed " + number(run.passed()) + ", failed " + number(run.failed())
                    + where);
            if (!run.failuresByType().isEmpty()) {
                double total = run.failuresByType().values().stream().mapToDouble(Double::doubleValue).sum();
                StringBuilder b = new StringBuilder("Replay failures: ").append(number(total)).append(" (");
                run.failuresByType().forEach((type, n) -> b.append(type).append(' ').append(number(n)).append(", "));
                b.setLength(b.length() - 2);
                lines.add(b.append(')').append(where).toString());
            } else if (run.failed() != null && run.failed() == 0) {
                lines.add("Replay failures: 0" + where);
            } else {
                // Failed verifications without a breakdown, or no verification series: say so rather than print 0.
                lines.add("Replay failures: UNKNOWN (no " + FAILURES + " series)" + where);
            }
        }
        return lines;
    }

    private static String runOf(Sample s) {
        if (s.label("run") != null) {
            return s.label("instance") == null ? "run=" + s.label("run")
                    : "run=" + s.label("run") + " instance=" + s.label("instance");
        }
        return s.label("instance") == null ? "" : "instance=" + s.label("instance");
    }

    private static String number(Double value) {
        if (value == null) {
            return "UNKNOWN";
        }
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return value.toString();
    }
}
