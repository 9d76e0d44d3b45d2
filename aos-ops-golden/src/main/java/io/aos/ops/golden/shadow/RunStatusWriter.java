package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The files a shadow run keeps for monitors: the {@code status.json} heartbeat and the final summary. */
final class RunStatusWriter {

    private static final DateTimeFormatter SUMMARY_TS = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final Duration DURABLE_STATUS_EVERY = Duration.ofSeconds(5);

    private final ShadowRunOptions options;
    private final ShadowRunLayout layout;
    private final Clock clock;
    private final RunCounters counts;
    private Instant lastDurableStatus;
    private RunState lastStatusState;

    RunStatusWriter(ShadowRunOptions options, ShadowRunLayout layout, Clock clock, RunCounters counts) {
        this.options = options;
        this.layout = layout;
        this.clock = clock;
        this.counts = counts;
    }

    void writeStatus(RunState state, String message) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        ShadowRunStatus status = new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, self.pid(),
                self.info().startInstant().orElse(null), counts.startedAt, clock.instant(), state, counts.cycles,
                counts.workflows, counts.replays, counts.mismatches, counts.cyclesWithMismatches, counts.lastCycleAt,
                options.hours().isPresent() ? options.hours().getAsDouble() : null,
                options.maxCycles().isPresent() ? options.maxCycles().getAsLong() : null, counts.stopEngaged,
                message);
        byte[] bytes = OpsJson.pretty().writeValueAsBytes(status);
        // Always an atomic replace, so a monitor never reads half a file. Forcing it to disk costs an fsync (~15 ms
        // here), which back-to-back cycles would pay thousands of times; so a heartbeat that only moves counters is
        // forced at most every DURABLE_STATUS_EVERY, and every change of state is forced at once.
        Instant now = clock.instant();
        if (state != lastStatusState || lastDurableStatus == null
                || Duration.between(lastDurableStatus, now).compareTo(DURABLE_STATUS_EVERY) >= 0
                || now.isBefore(lastDurableStatus)) {
            AtomicFiles.replace(layout.statusFile(), bytes);
            lastDurableStatus = now;
            lastStatusState = state;
        } else {
            ShadowFiles.write(layout.statusFile(), bytes);
        }
    }

    /** Writes {@code reports/summary_<ts>.json} for a run that ended at {@code now}; returns its path. */
    Path writeSummary(RunState end, Instant now, boolean passed) throws IOException {
        Path summary = layout.reportsDir().resolve(
                "summary_" + LocalDateTime.ofInstant(now, clock.getZone()).format(SUMMARY_TS) + ".json");
        AtomicFiles.replace(summary, ReportJson.indent4(summaryJson(end, now, passed)) + "\n");
        return summary;
    }

    private ObjectNode summaryJson(RunState end, Instant now, boolean passed) {
        long elapsed = Duration.between(counts.startedAt, now).toSeconds();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode sim = root.putObject("simulation");
        sim.put("start_time", counts.startedAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")));
        sim.put("elapsed_seconds", elapsed);
        sim.put("elapsed_formatted", (elapsed / 3600) + "h " + (elapsed % 3600 / 60) + "m");
        double hours = options.hours().orElse(0);
        if (hours == Math.rint(hours)) {
            sim.put("target_hours", (long) hours);
        } else {
            sim.put("target_hours", hours);
        }
        sim.put("primary_workers", options.workers());
        if (options.maxCycles().isPresent()) {
            sim.put("target_cycles", options.maxCycles().getAsLong());
        }
        sim.put("workflows_per_cycle", options.workflowsPerCycle());
        sim.put("seed", options.seed());
        sim.put("output_dir", layout.root().toString());
        sim.put("end_state", end.json());
        ObjectNode stats = root.putObject("statistics");
        stats.put("cycles_completed", counts.cycles);
        stats.put("total_workflows", counts.workflows);
        stats.put("total_replays", counts.replays);
        stats.put("mismatches", counts.mismatches);
        // mismatches / replays (upstream divided by replays + 1 and printed bc's ".009900", which is not JSON).
        stats.put("mismatch_rate", counts.replays == 0 ? 0.0
                : BigDecimal.valueOf(counts.mismatches).divide(BigDecimal.valueOf(counts.replays), 6,
                        RoundingMode.HALF_EVEN).doubleValue());
        stats.put("cycles_with_mismatches", counts.cyclesWithMismatches);
        stats.put("failed_workflows", counts.failedWorkflows);
        stats.put("emergency_stopped_workflows", counts.stoppedWorkflows);
        root.put("status", passed ? "healthy" : "degraded");
        root.put("passed", passed);
        return root;
    }
}
