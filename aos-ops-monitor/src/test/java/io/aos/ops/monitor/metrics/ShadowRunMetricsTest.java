package io.aos.ops.monitor.metrics;

import static io.aos.ops.monitor.metrics.MetricsFixture.mismatch;
import static io.aos.ops.monitor.metrics.MetricsFixture.report;
import static io.aos.ops.monitor.metrics.MetricsFixture.reportWithMismatches;
import static io.aos.ops.monitor.metrics.MetricsFixture.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.golden.diff.RootCause;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.RunState;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
    void everyKnownRootCauseIsExportedAtZeroBeforeTheFirstMismatch() {
        // increase() cannot see a counter's first step from absent to 1: the series must be there at 0 first.
        metrics.update(RUN, status(RunState.RUNNING, 0, 0, 0, 0, null), List.of());

        for (String cause : ShadowRunMetrics.KNOWN_ROOT_CAUSES) {
            assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", cause)))
                    .as(cause).contains(0.0);
        }
        assertThat(ShadowRunMetrics.KNOWN_ROOT_CAUSES).contains(ShadowRunMetrics.UNCLASSIFIED)
                .containsAll(Arrays.stream(RootCause.values()).map(Enum::name).toList());
    }

    @Test
    void generatedRunsExportEveryKnownCauseAndCountEachMismatchOnce() {
        // Oracle: a plain tally of the generated mismatches per cause, with unlisted ones as UNCLASSIFIED.
        Random random = new Random(16);
        List<String> causes = new ArrayList<>(ShadowRunMetrics.KNOWN_ROOT_CAUSES);
        causes.add("SOME_FUTURE_CAUSE");
        for (int round = 0; round < 200; round++) {
            PrometheusRegistry fresh = new PrometheusRegistry();
            ShadowRunMetrics m = ShadowRunMetrics.registerIn(fresh);
            Map<String, Long> expected = new HashMap<>();
            ShadowRunMetrics.KNOWN_ROOT_CAUSES.forEach(c -> expected.put(c, 0L));
            long total = 0;
            int cycles = random.nextInt(6);
            m.update(RUN, status(RunState.RUNNING, 0, 0, 0, 0, null), List.of());
            for (int cycle = 1; cycle <= cycles; cycle++) {
                int listed = random.nextInt(3);
                int unlisted = random.nextInt(2);
                CycleReport.MismatchDetail[] details = new CycleReport.MismatchDetail[listed];
                for (int i = 0; i < listed; i++) {
                    String cause = causes.get(random.nextInt(causes.size()));
                    details[i] = mismatch("compute", cause);
                    expected.merge(cause, 1L, Long::sum);
                }
                expected.merge(ShadowRunMetrics.UNCLASSIFIED, (long) unlisted, Long::sum);
                total += listed + unlisted;
                CycleReport report = reportWithMismatches(cycle, 9, listed + unlisted, details);
                m.update(RUN, status(RunState.RUNNING, cycle, 9L * cycle, 9L * cycle, total,
                        MetricsFixture.LAST_CYCLE), List.of(report, report));
            }
            Map<String, Long> exported = new HashMap<>();
            String text = new String(TextExposition.render(fresh), StandardCharsets.UTF_8);
            for (Sample s : ExpositionParser.parse(text).samples("aos_shadow_mismatches_total")) {
                assertThat(exported.put(s.label("root_cause"), (long) s.value())).as("one series per cause").isNull();
            }
            assertThat(exported).as("round %d", round).isEqualTo(expected);
        }
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
        assertThat(value("aos_shadow_mismatches_total", Map.of("run", RUN, "root_cause", "VOLATILE_LEAK")))
                .contains(0.0);
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
