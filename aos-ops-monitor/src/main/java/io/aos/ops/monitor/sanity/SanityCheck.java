package io.aos.ops.monitor.sanity;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ByteSizes;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.log.LastLines;
import io.aos.ops.monitor.metrics.MetricSource;
import io.aos.ops.monitor.metrics.Sample;
import io.aos.ops.monitor.metrics.UnusableAnswerException;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.ProcessProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The 4-hour sanity check: process status, mismatch check, disk usage, recent activity and Prometheus metrics, then
 * a verdict. Unlike upstream, mismatches make the verdict (and the exit code) a failure, and an unreachable
 * Prometheus is UNKNOWN for its section rather than a silent "N/A".
 */
public final class SanityCheck {

    /** The metrics the runbook's check reads. */
    public static final List<String> METRICS =
            List.of("workflow_replay_verifications_total", "workflow_replay_failures_total");

    /** The most series of one metric printed in section 5; the rest are counted, not printed. */
    static final int MAX_SERIES_SHOWN = 20;

    /** Where section 5 reads series: a Prometheus server, or an exporter's /metrics read directly. */
    private interface SeriesSource {
        List<PrometheusQuery.Series> query(String metric) throws IOException;

        String base();
    }

    private final HealthCheck check;
    private final SeriesSource prometheus;

    public SanityCheck(HealthCheck check, PrometheusQuery prometheus) {
        this.check = checkNotNull(check, "check");
        checkNotNull(prometheus, "prometheus");
        this.prometheus = new SeriesSource() {
            @Override
            public List<PrometheusQuery.Series> query(String metric) throws IOException {
                return prometheus.query(metric);
            }

            @Override
            public String base() {
                return prometheus.base().toString();
            }
        };
    }

    /** A sanity check whose section 5 reads {@code metrics} (e.g. an exporter via {@code --metrics-url}). */
    public SanityCheck(HealthCheck check, MetricSource metrics) {
        this.check = checkNotNull(check, "check");
        checkNotNull(metrics, "metrics");
        this.prometheus = new SeriesSource() {
            @Override
            public List<PrometheusQuery.Series> query(String metric) throws IOException {
                List<PrometheusQuery.Series> series = new ArrayList<>();
                for (Sample sample : metrics.series(metric)) {
                    Map<String, String> labels = new TreeMap<>(sample.labels());
                    labels.put("__name__", sample.name());
                    double v = sample.value();
                    String value = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                    series.add(new PrometheusQuery.Series(labels, value));
                }
                return series;
            }

            @Override
            public String base() {
                return metrics.describe();
            }
        };
    }

    public SanityReport run() throws IOException {
        HealthReport health = check.check();
        List<SanitySection> sections = new ArrayList<>();
        sections.add(processSection(health));
        sections.add(mismatchSection(health));
        sections.add(diskSection(health));
        sections.add(activitySection(health));
        sections.add(prometheusSection());

        HealthStatus status = HealthStatus.OK;
        for (int i = 0; i < 4; i++) {
            status = status.worst(sections.get(i).status());
        }
        // Prometheus decides only when it reports something wrong, never by being absent.
        if (sections.get(4).status() != HealthStatus.UNKNOWN) {
            status = status.worst(sections.get(4).status());
        }
        return new SanityReport(health.timestamp(), sections, status, verdict(health, status, sections.get(4)),
                health.perfData());
    }

    /**
     * One sentence whose word agrees with {@code status}, the status the exit code comes from: MISMATCHES and NOT
     * RUNNING are CRITICAL, HEALTHY and COMPLETED OK (COMPLETED also WARNING), DEGRADED WARNING, UNKNOWN UNKNOWN.
     */
    private static String verdict(HealthReport health, HealthStatus status, SanitySection prometheus) {
        if (health.figures().mismatches() > 0) {
            return "Shadow run has MISMATCHES: " + health.figures().describeMismatches();
        }
        ProbeResult process = result(health, "process");
        if (process.status() == HealthStatus.CRITICAL) {
            return "Shadow run is NOT RUNNING: " + process.message();
        }
        List<String> issues = new ArrayList<>(health.issues().stream().map(ProbeResult::message).toList());
        if (prometheus.status() == HealthStatus.WARNING) {
            issues.add("Prometheus counts failed replays");
        }
        boolean completed = Boolean.TRUE.equals(process.figures().get(ProcessProbe.COMPLETED));
        return switch (status) {
            case OK -> completed ? "Shadow run COMPLETED with no mismatches" : "Shadow run is HEALTHY";
            case WARNING -> (completed ? "Shadow run COMPLETED with no mismatches, with warnings: "
                    : "Shadow run is DEGRADED: ") + String.join("; ", issues);
            case UNKNOWN -> "Shadow run status is UNKNOWN: " + String.join("; ", issues);
            case CRITICAL -> "Shadow run is CRITICAL: " + String.join("; ", issues);
        };
    }

    private static ProbeResult result(HealthReport health, String probe) {
        return health.results().stream().filter(r -> r.probe().equals(probe)).findFirst().orElseThrow();
    }

    private static SanitySection processSection(HealthReport health) {
        ProbeResult p = result(health, "process");
        List<String> lines = new ArrayList<>();
        lines.add(p.message());
        health.run().runDir().ifPresent(d -> lines.add("Run dir: " + d));
        if (health.emergencyStop()) {
            lines.add("Emergency stop: ENGAGED");
        }
        return new SanitySection("Process Status", p.status(), lines);
    }

    private static SanitySection mismatchSection(HealthReport health) {
        ProbeResult m = result(health, "mismatches");
        List<String> lines = new ArrayList<>();
        if (health.figures().mismatches() > 0) {
            lines.add(m.message()); // MISMATCHES DETECTED: ..., and where status.json and a report disagree
        } else if (m.isOk()) {
            lines.add("NO MISMATCHES (" + health.figures().successfulCycles() + " successful cycles, source: "
                    + health.figures().source() + ")");
        } else {
            lines.add(m.message());
        }
        return new SanitySection("Mismatch Check", m.status(), lines);
    }

    private static SanitySection diskSection(HealthReport health) {
        ProbeResult disk = result(health, "disk");
        ProbeResult golden = result(health, "golden");
        List<String> lines = new ArrayList<>();
        lines.add("Golden dir: " + golden.figures().get("dir"));
        if (golden.figures().containsKey("files")) {
            lines.add("Size: " + ByteSizes.oneDecimal((Long) golden.figures().get("bytes")));
            lines.add("Files: " + golden.figures().get("files"));
            if (golden.figures().containsKey("traces_files")) {
                lines.add("Traces dir: " + golden.figures().get("traces_dir") + " "
                        + ByteSizes.oneDecimal((Long) golden.figures().get("traces_bytes")) + ", "
                        + golden.figures().get("traces_files") + " files");
            }
        } else {
            lines.add(golden.message());
        }
        Optional<Path> runDir = health.run().runDir();
        lines.add("Shadow tmp: " + runDir.map(d -> d + " " + ByteSizes.oneDecimal(treeSize(d))).orElse("N/A"));
        Object usages = disk.figures().get("filesystems");
        if (usages instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof DiskProbe.Usage u) {
                    lines.add("Filesystem " + u.filesystem() + ": " + ByteSizes.oneDecimal(u.availableBytes()) + " free ("
                            + u.usedPercent() + "% used)");
                }
            }
        }
        if (!disk.isOk()) {
            lines.add(disk.message());
        }
        return new SanitySection("Disk Usage", disk.status().worst(golden.status()), lines);
    }

    private static SanitySection activitySection(HealthReport health) {
        ProbeResult fresh = result(health, "freshness");
        List<String> lines = new ArrayList<>();
        lines.add(fresh.message());
        if (health.run().log().isPresent()) {
            try {
                lines.addAll(LastLines.of(health.run().log().get(), 10, true));
            } catch (IOException e) {
                lines.add(health.run().log().get() + ": cannot be read: " + e.getMessage());
            }
        } else {
            lines.add("No log file found");
        }
        return new SanitySection("Recent Activity (last 10 entries)", fresh.status(), lines);
    }

    private SanitySection prometheusSection() {
        List<String> lines = new ArrayList<>();
        HealthStatus status = HealthStatus.OK;
        for (String metric : METRICS) {
            List<PrometheusQuery.Series> series;
            try {
                series = prometheus.query(metric);
            } catch (UnusableAnswerException e) {
                return new SanitySection("Prometheus Metrics", HealthStatus.UNKNOWN,
                        List.of("Prometheus: NO USABLE ANSWER from " + prometheus.base() + " (" + reason(e)
                                + "); replay metrics UNKNOWN"));
            } catch (IOException | RuntimeException e) {
                return new SanitySection("Prometheus Metrics", HealthStatus.UNKNOWN,
                        List.of("Prometheus: NOT REACHABLE at " + prometheus.base() + " (" + reason(e)
                                + "); replay metrics UNKNOWN"));
            }
            if (series.isEmpty()) {
                lines.add(metric + ": no series (UNKNOWN: the metric is not exported)");
                status = status.worst(HealthStatus.UNKNOWN);
            }
            int shown = 0;
            for (PrometheusQuery.Series s : series) {
                // Every series counts for the status; a report meant to be read shows only the first ones.
                if (shown++ < MAX_SERIES_SHOWN) {
                    lines.add(s.render(metric));
                }
                if (isFailure(metric, s)) {
                    status = status.worst(HealthStatus.WARNING);
                }
            }
            if (series.size() > MAX_SERIES_SHOWN) {
                lines.add("… and " + (series.size() - MAX_SERIES_SHOWN) + " more series of " + metric);
            }
        }
        return new SanitySection("Prometheus Metrics", status, lines);
    }

    /** The exception's message, or its type when it has none (a refused connection has none). */
    static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A failed replay counted by the engine: {@code failures_total > 0} or {@code verifications_total{status=failed} > 0}. */
    private static boolean isFailure(String metric, PrometheusQuery.Series s) {
        boolean failureSeries = metric.equals("workflow_replay_failures_total")
                || "failed".equals(s.labels().get("status"));
        try {
            return failureSeries && Double.parseDouble(s.value()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long treeSize(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }
}
