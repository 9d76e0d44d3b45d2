package io.aos.ops.monitor.metrics;

import static io.aos.ops.monitor.metrics.MetricsFixture.mismatch;
import static io.aos.ops.monitor.metrics.MetricsFixture.report;
import static io.aos.ops.monitor.metrics.MetricsFixture.reportWithMismatches;
import static io.aos.ops.monitor.metrics.MetricsFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.golden.shadow.state.RunState;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShadowRunMetricsTest {

    private static final String RUN = "shadow_simulation_1";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ShadowRunMetrics metrics = ShadowRunMetrics.registerIn(registry);

    @Test
    void countersFollowTheStatusTotals() {
        metrics.update(RUN, status(RunState.RUNNING, 2, 18, 18, 0, MetricsFixture.LAST_CYCLE), List.of());
        metrics.update(RUN, status(RunState.RUNNING, 5, 45, 44, 0, MetricsFixture.LAST_CYCLE), List.of());

        assertThat(value("aos_shadow_cycles_total", Map.of("run", RUN))).contains(5.0);
        assertThat(value("aos_shadow_workflows_total", Map.of("run", RUN))).contains(45.0);
        assertThat(value("aos_shadow_replays_total", Map.of("run", RUN))).contains(44.0);
        assertThat(value("workflow_replay_verifications_total", Map.of("run", RUN, "status", "passed")))
                .contains(44.0);
        assertThat(value("workflow_replay_verifications_total", Map.of("run", RUN, "status", "failed")))
                .contains(0.0);
    }

    @Test
    void mismatchesAreCountedByRootCauseFromTheReports() {
        metrics.update(RUN, status(RunState.RUNNING, 2, 18, 18, 3, MetricsFixture.LAST_CYCLE), List.of(
                report(1, 9, mismatch("compute", "VOLATILE_LEAK")),
                report(2, 9, mismatch("io", "VOLATILE_LEAK"), mismatch("llm", "SEED_DRIFT"))));

        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "VOLATILE_LEAK")))
                .contains(2.0);
        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "SEED_DRIFT")))
                .contains(1.0);
        assertThat(value("workflow_replay_failures_total",
                Map.of("run", RUN, "failure_type", "seed_drift", "spec_id", "llm"))).contains(1.0);
        assertThat(value("workflow_replay_verifications_total", Map.of("run", RUN, "status", "failed")))
                .contains(3.0);
    }

    @Test
    void aReportPassedTwiceIsCountedOnce() {
        var report = report(1, 9, mismatch("compute", "VOLATILE_LEAK"));
        var status = status(RunState.RUNNING, 1, 9, 9, 1, MetricsFixture.LAST_CYCLE);
        metrics.update(RUN, status, List.of(report));
        metrics.update(RUN, status, List.of(report));

        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "VOLATILE_LEAK")))
                .contains(1.0);
    }

    @Test
    void mismatchesBeyondTheListedDetailsCountAsUnclassified() {
        // Upstream reports list at most five details; a cycle with seven mismatches must still count seven.
        var details = new io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail[5];
        java.util.Arrays.fill(details, mismatch(null, null));
        metrics.update(RUN, status(RunState.RUNNING, 1, 9, 9, 7, MetricsFixture.LAST_CYCLE),
                List.of(reportWithMismatches(1, 9, 7, details)));

        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "UNCLASSIFIED")))
                .contains(7.0);
        assertThat(value("workflow_replay_failures_total",
                Map.of("run", RUN, "failure_type", "hash_mismatch", "spec_id", "unknown"))).contains(7.0);
    }

    @Test
    void runStateIsOneForTheCurrentStateAndZeroForTheOthers() {
        metrics.update(RUN, status(RunState.PAUSED, 1, 9, 9, 0, MetricsFixture.LAST_CYCLE), List.of());

        assertThat(value("aos_shadow_run_state", Map.of("run", RUN, "state", "paused"))).contains(1.0);
        for (String other : List.of("running", "completed", "failed", "stopped")) {
            assertThat(value("aos_shadow_run_state", Map.of("run", RUN, "state", other))).contains(0.0);
        }
    }

    @Test
    void lastCycleTimestampIsAbsentBeforeTheFirstCycleAndInSecondsAfter() {
        metrics.update(RUN, status(RunState.RUNNING, 0, 0, 0, 0, null), List.of());
        assertThat(value("aos_shadow_last_cycle_timestamp_seconds", Map.of("run", RUN))).isEmpty();
        assertThat(value("aos_shadow_start_time_seconds", Map.of("run", RUN)))
                .contains((double) MetricsFixture.STARTED.getEpochSecond());

        metrics.update(RUN, status(RunState.RUNNING, 1, 9, 9, 0, MetricsFixture.LAST_CYCLE), List.of());
        assertThat(value("aos_shadow_last_cycle_timestamp_seconds", Map.of("run", RUN)))
                .contains(MetricsFixture.LAST_CYCLE.getEpochSecond() + 0.5);
    }

    @Test
    void aStatusWithFewerCyclesStartsTheRunsSeriesAfresh() {
        metrics.update(RUN, status(RunState.RUNNING, 5, 45, 45, 1, MetricsFixture.LAST_CYCLE),
                List.of(report(5, 9, mismatch("compute", "VOLATILE_LEAK"))));
        metrics.update(RUN, status(RunState.RUNNING, 1, 9, 9, 0, MetricsFixture.LAST_CYCLE), List.of(report(1, 9)));

        assertThat(value("aos_shadow_cycles_total", Map.of("run", RUN))).contains(1.0);
        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "VOLATILE_LEAK"))).isEmpty();
    }

    @Test
    void forgetDropsEverySeriesOfTheRunAndKeepsOthers() {
        metrics.update(RUN, status(RunState.RUNNING, 1, 9, 9, 1, MetricsFixture.LAST_CYCLE),
                List.of(report(1, 9, mismatch("compute", "VOLATILE_LEAK"))));
        metrics.update("other", status(RunState.RUNNING, 1, 9, 9, 0, MetricsFixture.LAST_CYCLE), List.of());

        metrics.forget(RUN);

        String text = new String(TextExposition.render(registry), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("run=\"" + RUN + "\"").contains("run=\"other\"");
    }

    @Test
    void aBlankRunNameIsRefused() {
        assertThatThrownBy(() -> metrics.update(" ", status(RunState.RUNNING, 0, 0, 0, 0, null), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run name");
    }

    private Optional<Double> value(String name, Map<String, String> labels) {
        String text = new String(TextExposition.render(registry), StandardCharsets.UTF_8);
        List<Sample> found = ExpositionParser.parse(text).samples(name).stream()
                .filter(s -> s.labels().equals(labels)).toList();
        assertThat(found).as("series of %s%s", name, labels).hasSizeLessThanOrEqualTo(1);
        return found.stream().map(Sample::value).findFirst();
    }
}
