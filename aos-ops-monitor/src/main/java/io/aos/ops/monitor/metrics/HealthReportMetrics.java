package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one monitor check ({@link HealthReport}) into metrics: each probe's status, disk usage per filesystem, the
 * golden directory's files and bytes, the emergency stop and the check time, plus the watched run's own series read
 * from its files. The monitor daemon calls it after every check; {@code monitor check --textfile-dir} once.
 */
public final class HealthReportMetrics {

    private HealthReportMetrics() {
    }

    /** Records {@code report} into {@code export}'s metric sets. */
    public static void record(MetricsExport export, HealthReport report) {
        checkNotNull(export, "export");
        checkNotNull(report, "report");
        MonitorMetrics monitor = export.monitor();
        Set<String> diskPaths = new HashSet<>();
        Set<String> goldenDirs = new HashSet<>();
        for (ProbeResult result : report.results()) {
            monitor.recordProbe(result.probe(), result.status());
            if (result.figures().get("filesystems") instanceof List<?> usages) {
                for (Object usage : usages) {
                    if (usage instanceof DiskProbe.Usage u && !u.holds().isEmpty()) {
                        // The probe's own rounded percent, so the 90/95 % rules agree with its verdict.
                        monitor.recordDiskUsage(u.holds().get(0).toString(),
                                Math.min(1.0, Math.max(0.0, u.usedPercent() / 100.0)));
                        diskPaths.add(u.holds().get(0).toString());
                    }
                }
            }
            if (result.figures().get("dir") instanceof String dir
                    && result.figures().get("files") instanceof Number files
                    && result.figures().get("bytes") instanceof Number bytes) {
                monitor.recordGoldenStorage(dir, files.longValue(), bytes.longValue());
                goldenDirs.add(dir);
            }
            // The runner's engine traces (traces/) take as much disk as its golden files: a series of their own.
            if (result.figures().get("traces_dir") instanceof String dir
                    && result.figures().get("traces_files") instanceof Number files
                    && result.figures().get("traces_bytes") instanceof Number bytes) {
                monitor.recordGoldenStorage(dir, files.longValue(), bytes.longValue());
                goldenDirs.add(dir);
            }
        }
        monitor.retainOnly(diskPaths, goldenDirs);
        monitor.recordEmergencyStop(report.emergencyStop());
        Optional<ShadowRunLayout> layout = report.run().layout();
        if (layout.isPresent()) {
            synchronized (export.observer()) {
                try {
                    export.observer().observe(layout.get());
                } catch (IOException | RuntimeException e) {
                    // The probes have already reported unreadable run files; the run's series keep their values.
                }
            }
        }
        monitor.recordCheckFinished(report.time().toInstant());
    }
}
