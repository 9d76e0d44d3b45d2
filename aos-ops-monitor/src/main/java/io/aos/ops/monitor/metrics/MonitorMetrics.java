package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The metrics of the monitor's health checks, fed from plain values after every check: each probe's status, disk
 * usage per filesystem, golden-file storage and the emergency stop. The monitor daemon ({@code monitor start}) serves
 * them over HTTP; a one-shot {@code monitor check} writes them to a textfile for node_exporter.
 *
 * <p>Thread-safe: a scrape may run while a check records.
 */
public final class MonitorMetrics {

    private final Gauge checkStatus;
    private final Gauge diskUsage;
    private final Gauge goldenFiles;
    private final Gauge goldenBytes;
    // The label values written, so that a check can drop the series of directories it no longer watches.
    private final Set<String> diskPaths = ConcurrentHashMap.newKeySet();
    private final Set<String> goldenDirs = ConcurrentHashMap.newKeySet();
    // Read at scrape time by callback gauges that report nothing until set: "never measured" is an absent series,
    // not "no emergency stop" or "last check in 1970" (a plain unlabelled gauge reads 0 from the moment it exists).
    private volatile Instant lastCheck;
    private volatile Boolean emergencyStop;

    private MonitorMetrics(PrometheusRegistry registry) {
        checkStatus = Gauge.builder().name("aos_monitor_check_status")
                .help("Result of the monitor's last check per probe: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
                .labelNames("probe").register(registry);
        diskUsage = Gauge.builder().name("aos_monitor_disk_usage_ratio")
                .help("Used fraction of the filesystem holding the path, as df computes Use% (0 to 1).")
                .labelNames("path").register(registry);
        goldenFiles = Gauge.builder().name("aos_monitor_golden_files")
                .help("Regular files below the golden directory.")
                .labelNames("dir").register(registry);
        goldenBytes = Gauge.builder().name("aos_monitor_golden_bytes")
                .help("Bytes in regular files below the golden directory.")
                .labelNames("dir").register(registry);
        GaugeWithCallback.builder().name("aos_monitor_last_check_timestamp_seconds")
                .help("Unix time the monitor finished its last check.")
                .callback(callback -> {
                    Instant at = lastCheck;
                    if (at != null) {
                        callback.call(at.getEpochSecond() + at.getNano() / 1e9);
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("aos_monitor_emergency_stop_engaged")
                .help("1 if the emergency stop flag is engaged on this host, else 0.")
                .callback(callback -> {
                    Boolean engaged = emergencyStop;
                    if (engaged != null) {
                        callback.call(engaged ? 1 : 0);
                    }
                })
                .register(registry);
    }

    /** Creates the metrics and registers them in {@code registry}. */
    public static MonitorMetrics registerIn(PrometheusRegistry registry) {
        checkNotNull(registry, "registry");
        return new MonitorMetrics(registry);
    }

    /** Records the result of one probe (process, freshness, mismatches, disk, ...). */
    public void recordProbe(String probe, HealthStatus status) {
        checkArgument(probe != null && !probe.isBlank(), "probe name must not be blank, got '%s'", probe);
        checkNotNull(status, "status");
        checkStatus.labelValues(probe).set(status.nagiosCode());
    }

    /** Records that a whole check finished at {@code at}; alerts use it to notice a monitor that stopped checking. */
    public void recordCheckFinished(Instant at) {
        lastCheck = checkNotNull(at, "at");
    }

    /** Records the used fraction (0 to 1) of the filesystem holding {@code path}. */
    public void recordDiskUsage(String path, double usedRatio) {
        checkArgument(usedRatio >= 0 && usedRatio <= 1, "disk usage ratio must be within 0..1, got %s", usedRatio);
        diskUsage.labelValues(path).set(usedRatio);
        diskPaths.add(path);
    }

    /**
     * Drops the disk-usage and golden-storage series of every path and directory not in {@code diskPathsKept} /
     * {@code goldenDirsKept}: a daemon that moved on to a newer run must not keep exporting the old run's figures,
     * frozen at their last value (retention may since have emptied those directories).
     */
    public void retainOnly(Set<String> diskPathsKept, Set<String> goldenDirsKept) {
        checkNotNull(diskPathsKept, "diskPathsKept");
        checkNotNull(goldenDirsKept, "goldenDirsKept");
        for (String path : Set.copyOf(diskPaths)) {
            if (!diskPathsKept.contains(path)) {
                diskUsage.remove(path);
                diskPaths.remove(path);
            }
        }
        for (String dir : Set.copyOf(goldenDirs)) {
            if (!goldenDirsKept.contains(dir)) {
                goldenFiles.remove(dir);
                goldenBytes.remove(dir);
                goldenDirs.remove(dir);
            }
        }
    }

    /** Measures and records the filesystem holding {@code path}; see {@link #usedRatio(FileStore)}. */
    public void recordDiskUsage(Path path) throws IOException {
        recordDiskUsage(path.toString(), usedRatio(Files.getFileStore(path)));
    }

    /** Records the number of files and bytes below a golden directory. */
    public void recordGoldenStorage(String dir, long files, long bytes) {
        checkArgument(files >= 0 && bytes >= 0, "file and byte counts must not be negative, got %s and %s",
                files, bytes);
        goldenFiles.labelValues(dir).set(files);
        goldenBytes.labelValues(dir).set(bytes);
        goldenDirs.add(dir);
    }

    /**
     * Counts the regular files and their bytes below {@code dir} and records them. A missing directory records
     * nothing (the series stay absent: "unknown", not "empty").
     */
    public void recordGoldenStorage(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            goldenFiles.remove(dir.toString());
            goldenBytes.remove(dir.toString());
            goldenDirs.remove(dir.toString());
            return;
        }
        long[] totals = new long[2];
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    totals[1] += Files.size(f);
                    totals[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        recordGoldenStorage(dir.toString(), totals[0], totals[1]);
    }

    /** Records whether the emergency stop is engaged. */
    public void recordEmergencyStop(boolean engaged) {
        emergencyStop = engaged;
    }

    /**
     * The used fraction of a filesystem as {@code df} computes Use%: used / (used + available to unprivileged users),
     * where used = total - free. Not used / total, which reads low on filesystems with reserved blocks.
     */
    public static double usedRatio(FileStore store) throws IOException {
        long total = store.getTotalSpace();
        long used = total - store.getUnallocatedSpace();
        long denominator = used + store.getUsableSpace();
        if (denominator <= 0) {
            return 0;
        }
        return Math.min(1.0, Math.max(0.0, (double) used / denominator));
    }
}
