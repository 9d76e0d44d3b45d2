package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook's {@code df -h /tmp /var/lib/aos}, answered for the run to come: would the filesystems holding the run
 * output and the state directory pass {@value #LIMIT_PERCENT} % used once the run has written its projected bytes?
 * A filesystem holding several of the paths is counted once, with the projected bytes once.
 */
public final class DiskSpaceProbe implements PreflightProbe {

    public static final int LIMIT_PERCENT = 90;

    private final List<Path> paths;
    private final long projectedBytes;
    private final String projectionSource;

    public DiskSpaceProbe(List<Path> paths, long projectedBytes, String projectionSource) {
        checkArgument(projectedBytes >= 0, "projectedBytes must be >= 0, got %s", projectedBytes);
        this.paths = List.copyOf(paths);
        this.projectedBytes = projectedBytes;
        this.projectionSource = checkNotNull(projectionSource, "projectionSource");
    }

    @Override
    public String name() {
        return "disk";
    }

    /** Percent used after writing {@code extra} more bytes, as df rounds (up), on used + available. */
    public static int percentAfter(long total, long free, long available, long extra) {
        long used = total - free;
        double base = (double) used + available;
        if (base <= 0) {
            return 100;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(((double) used + extra) * 100 / base));
    }

    @Override
    public ProbeResult check() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("projected_bytes", projectedBytes);
        figures.put("projection", projectionSource);
        figures.put("limit_percent", LIMIT_PERCENT);
        Map<FileStore, List<Path>> stores = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path path : paths) {
            Path existing = path.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            try {
                if (existing == null) {
                    throw new IOException("no existing ancestor");
                }
                stores.computeIfAbsent(Files.getFileStore(existing), k -> new ArrayList<>()).add(path);
            } catch (IOException e) {
                unreadable.add(path + " (" + BackendHealthProbe.describe(e) + ")");
            }
        }
        HealthStatus status = stores.isEmpty() ? HealthStatus.UNKNOWN : HealthStatus.OK;
        List<String> parts = new ArrayList<>();
        List<Map<String, Object>> filesystems = new ArrayList<>();
        int worst = -1;
        for (Map.Entry<FileStore, List<Path>> each : stores.entrySet()) {
            FileStore store = each.getKey();
            try {
                long total = store.getTotalSpace();
                int now = percentAfter(total, store.getUnallocatedSpace(), store.getUsableSpace(), 0);
                int after = percentAfter(total, store.getUnallocatedSpace(), store.getUsableSpace(), projectedBytes);
                worst = Math.max(worst, after);
                Map<String, Object> fs = new LinkedHashMap<>();
                fs.put("filesystem", store.toString());
                fs.put("holds", each.getValue().stream().map(Path::toString).toList());
                fs.put("available_bytes", store.getUsableSpace());
                fs.put("used_percent", now);
                fs.put("used_percent_after_run", after);
                filesystems.add(fs);
                String holds = each.getValue().get(0).toString();
                if (after > LIMIT_PERCENT) {
                    status = HealthStatus.CRITICAL;
                    parts.add(holds + " " + now + "% now, " + (after > 100 ? "over 100" : after) + "% after the run");
                } else {
                    parts.add(holds + " " + now + "% -> " + after + "%");
                }
            } catch (IOException e) {
                unreadable.add(each.getValue().get(0) + " (" + BackendHealthProbe.describe(e) + ")");
                status = status.worst(HealthStatus.UNKNOWN);
            }
        }
        figures.put("filesystems", filesystems);
        figures.put("max_used_percent_after_run", worst);
        String projected = mebibytes(projectedBytes) + " projected (" + projectionSource + ")";
        String unread = unreadable.isEmpty() ? "" : "; cannot read " + String.join(", ", unreadable);
        if (status == HealthStatus.CRITICAL) {
            return ProbeResult.of(name(), status, "Disk would pass " + LIMIT_PERCENT + "%: " + String.join("; ",
                    parts) + ", " + projected + unread, figures);
        }
        if (stores.isEmpty()) {
            return ProbeResult.of(name(), status, "Disk unknown" + unread, figures);
        }
        return ProbeResult.of(name(), unreadable.isEmpty() ? status : status.worst(HealthStatus.UNKNOWN),
                "Disk " + String.join("; ", parts) + ", " + projected + unread, figures);
    }

    static String mebibytes(long bytes) {
        return bytes >= 1L << 40 ? String.format("%.1fT", bytes / (double) (1L << 40))
                : String.format("%.1fM", bytes / (double) (1L << 20));
    }
}
