package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds {@link ShadowRunMetrics} from a run's files, for a monitor that watches runs it did not start: reads
 * {@code status.json} and the cycle reports not read before, and updates the run's series. Runs of the upstream bash
 * runner have no {@code status.json}; they export nothing here (absent, not zero).
 *
 * <p>Not thread-safe: one monitor loop calls it.
 */
public final class ShadowRunMetricsUpdater {

    private final ShadowRunMetrics metrics;
    private final Map<Path, Long> lastReadCycle = new HashMap<>();

    public ShadowRunMetricsUpdater(ShadowRunMetrics metrics) {
        this.metrics = checkNotNull(metrics, "metrics");
    }

    /**
     * Reads the run at {@code layout} and updates its series (label {@code run} = the directory's name).
     *
     * @return false if the run has no {@code status.json} (nothing exported)
     * @throws io.aos.ops.core.AosOpsException if {@code status.json} or a cycle report is not valid JSON
     */
    public boolean observe(ShadowRunLayout layout) throws IOException {
        checkNotNull(layout, "layout");
        Path root = layout.root().toAbsolutePath().normalize();
        String run = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        if (!Files.isRegularFile(layout.statusFile())) {
            return false;
        }
        ShadowRunStatus status = OpsJson.read(layout.statusFile(), ShadowRunStatus.class);
        long after = lastReadCycle.getOrDefault(root, 0L);
        if (status.cycles() < after) {
            after = 0; // a new run in the same directory
        }
        List<CycleReport> fresh = new ArrayList<>();
        long last = after;
        for (Path file : layout.cycleReports()) {
            long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
            if (n <= after) {
                continue;
            }
            CycleReport report = CycleReportReader.read(file);
            // Upstream reports carry no cycle number; the file name is the number.
            fresh.add(report.cycle() != null ? report : new CycleReport(report.timestamp(), n, report.primary(),
                    report.shadow(), report.mismatchDetails(), report.passed()));
            last = n;
        }
        metrics.update(run, status, fresh);
        lastReadCycle.put(root, last);
        return true;
    }
}
