package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is any filesystem that holds the run, the golden directory or the state directory filling up? WARNING at 90 % used,
 * CRITICAL at 95 % (the runbook's levels; upstream looked at {@code /} only and never went critical). Percent used is
 * computed as {@code df} does: used / (used + available to unprivileged users), rounded up.
 */
public final class DiskProbe implements Probe {

    /** The figure holding the highest percent used, for the status line's {@code Disk=}. */
    public static final String MAX_PERCENT = "max_used_percent";

    private final Thresholds thresholds;
    private final List<Path> fixedPaths;
    private final Map<Path, Optional<FileStore>> stores = new HashMap<>();

    /** Checks the run directory of each snapshot plus {@code fixedPaths} (the golden and state directories). */
    public DiskProbe(Thresholds thresholds, List<Path> fixedPaths) {
        this.thresholds = checkNotNull(thresholds, "thresholds");
        this.fixedPaths = List.copyOf(fixedPaths);
    }

    @Override
    public String name() {
        return "disk";
    }

    /** One filesystem's usage; {@code holds} are the checked paths on it (strings, so JSON shows plain paths). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Usage(String filesystem, List<String> holds, long totalBytes, long availableBytes, int usedPercent) {
        public Usage {
            holds = List.copyOf(holds);
        }
    }

    @Override
    public ProbeResult check(RunSnapshot snapshot) {
        List<Path> paths = new ArrayList<>();
        snapshot.run().runDir().ifPresent(paths::add);
        paths.addAll(fixedPaths);
        Map<FileStore, List<Path>> byStore = new LinkedHashMap<>();
        for (Path path : paths) {
            store(path).ifPresent(s -> byStore.computeIfAbsent(s, k -> new ArrayList<>()).add(path));
        }
        List<Usage> usages = new ArrayList<>();
        for (Map.Entry<FileStore, List<Path>> entry : byStore.entrySet()) {
            try {
                usages.add(usage(entry.getKey(), entry.getValue()));
            } catch (IOException e) {
                // a store that vanished (unmounted) since it was cached: look it up again next time
                entry.getValue().forEach(stores::remove);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        int max = usages.stream().mapToInt(Usage::usedPercent).max().orElse(-1);
        figures.put(MAX_PERCENT, max);
        figures.put("warning_percent", thresholds.diskWarningPercent());
        figures.put("critical_percent", thresholds.diskCriticalPercent());
        figures.put("filesystems", usages);
        if (usages.isEmpty()) {
            return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Disk usage unknown: no filesystem could be read",
                    figures);
        }
        HealthStatus status = HealthStatus.OK;
        List<String> high = new ArrayList<>();
        StringBuilder condition = new StringBuilder();
        for (Usage u : usages) {
            HealthStatus level = u.usedPercent() >= thresholds.diskCriticalPercent() ? HealthStatus.CRITICAL
                    : u.usedPercent() >= thresholds.diskWarningPercent() ? HealthStatus.WARNING : HealthStatus.OK;
            if (level != HealthStatus.OK) {
                high.add(u.usedPercent() + "% on " + u.filesystem() + " (holds " + u.holds().get(0) + ")");
                condition.append(u.filesystem()).append('=').append(level).append(';');
            }
            status = status.worst(level);
        }
        if (status == HealthStatus.OK) {
            return ProbeResult.of(name(), status, "Disk " + max + "% used at most", figures);
        }
        return ProbeResult.of(name(), status, "Disk usage high: " + String.join(", ", high), figures)
                .withCondition(condition.toString());
    }

    private static Usage usage(FileStore store, List<Path> holds) throws IOException {
        long total = store.getTotalSpace();
        long free = store.getUnallocatedSpace();
        long available = store.getUsableSpace();
        long used = total - free;
        int percent = used + available <= 0 ? 0 : (int) ((used * 100 + used + available - 1) / (used + available));
        return new Usage(store.toString(), holds.stream().map(Path::toString).toList(), total, available, percent);
    }

    /** The store of {@code path}, or of its nearest existing ancestor; cached, since finding it reads the mount table. */
    private Optional<FileStore> store(Path path) {
        return stores.computeIfAbsent(path, p -> {
            Path existing = p.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.getFileStore(existing));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
