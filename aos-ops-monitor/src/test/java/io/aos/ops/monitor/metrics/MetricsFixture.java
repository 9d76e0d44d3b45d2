package io.aos.ops.monitor.metrics;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;

/** Small, fixed inputs for the metric tests: a run part-way through, and a monitor that has checked once. */
final class MetricsFixture {

    static final Instant STARTED = Instant.parse("2026-11-28T02:00:00Z");
    static final Instant LAST_CYCLE = Instant.parse("2026-11-28T02:24:03.5Z");

    private MetricsFixture() {
    }

    static ShadowRunStatus status(RunState state, long cycles, long workflows, long replays, long mismatches,
                                  Instant lastCycleAt) {
        return new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 4242, STARTED, STARTED,
                lastCycleAt == null ? STARTED : lastCycleAt, state, cycles, workflows, replays, mismatches,
                mismatches > 0 ? 1 : 0, lastCycleAt, 24.0, null, false, null);
    }

    static CycleReport report(long cycle, long replays, CycleReport.MismatchDetail... details) {
        return reportWithMismatches(cycle, replays, details.length, details);
    }

    static CycleReport reportWithMismatches(long cycle, long replays, long mismatches,
                                            CycleReport.MismatchDetail... details) {
        return new CycleReport("2026-11-28T02:24:03.915613+00:00", cycle,
                new CycleReport.Primary(replays, replays, 0, null),
                new CycleReport.Shadow(replays, replays - mismatches, mismatches),
                List.of(details), mismatches == 0);
    }

    static CycleReport.MismatchDetail mismatch(String workflowType, String rootCause) {
        return new CycleReport.MismatchDetail("primary-w0-0badc0de", "shadow-1234abcd", "a".repeat(64),
                "b".repeat(64), false, "Mismatch at step 2: original=x, replay=y", workflowType, 12345L, 2, rootCause,
                "CRITICAL", "the step output differs");
    }

    /** A registry in which every metric the suite exports has at least one series. */
    static PrometheusRegistry everyMetric() {
        PrometheusRegistry registry = new PrometheusRegistry();
        ShadowRunMetrics shadow = ShadowRunMetrics.registerIn(registry);
        shadow.update("shadow_simulation_20261128_020000",
                new ShadowRunStatus(1, 4242, STARTED, STARTED, LAST_CYCLE, RunState.RUNNING, 3, 27, 27, 1, 1,
                        LAST_CYCLE, 24.0, null, true, null),
                List.of(report(1, 9), report(2, 9), report(3, 9, mismatch("compute", "VOLATILE_LEAK"))));
        MonitorMetrics monitor = MonitorMetrics.registerIn(registry);
        monitor.recordProbe("process", HealthStatus.OK);
        monitor.recordProbe("mismatches", HealthStatus.CRITICAL);
        // the seed paths as metric labels only: nothing is read or written there
        // metric labels only: nothing is read or written at these paths
        monitor.recordDiskUsage("/var/lib/aos", 0.42);
        monitor.recordGoldenStorage("/var/lib/aos/golden", 12, 34_567);
        monitor.recordEmergencyStop(false);
        monitor.recordCheckFinished(LAST_CYCLE);
        return registry;
    }
}
