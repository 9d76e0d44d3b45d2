package io.aos.ops.monitor.metrics;

import static io.aos.ops.monitor.metrics.MetricsFixture.mismatch;
import static io.aos.ops.monitor.metrics.MetricsFixture.report;
import static io.aos.ops.monitor.metrics.MetricsFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowRunMetricsUpdaterTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ShadowRunMetricsUpdater observer = new ShadowRunMetricsUpdater(ShadowRunMetrics.registerIn(registry));

    @Test
    void readsStatusAndEachCycleReportOnce(@TempDir Path tmp) throws Exception {
        ShadowRunLayout run = ShadowRunLayout.of(tmp.resolve("shadow_simulation_1"));
        Files.createDirectories(run.reportsDir());
        write(run.cycleReport(1), report(1, 9, mismatch("compute", "VOLATILE_LEAK")));
        write(run.statusFile(), status(RunState.RUNNING, 1, 9, 9, 1, MetricsFixture.LAST_CYCLE));

        assertThat(observer.observe(run)).isTrue();
        write(run.cycleReport(2), report(2, 9, mismatch("compute", "VOLATILE_LEAK")));
        write(run.statusFile(), status(RunState.RUNNING, 2, 18, 18, 2, MetricsFixture.LAST_CYCLE));
        observer.observe(run);
        observer.observe(run);

        assertThat(samples("aos_shadow_mismatches_total")).filteredOn(s -> s.value() > 0)
                .singleElement().satisfies(s -> {
            assertThat(s.label("run")).isEqualTo("shadow_simulation_1");
            assertThat(s.value()).isEqualTo(2.0);
        });
        assertThat(samples("aos_shadow_cycles_total")).singleElement().extracting(Sample::value).isEqualTo(2.0);
    }

    @Test
    void anUpstreamReportWithoutACycleNumberIsNumberedByItsFileName(@TempDir Path tmp) throws Exception {
        ShadowRunLayout run = ShadowRunLayout.of(tmp.resolve("r"));
        Files.createDirectories(run.reportsDir());
        Files.writeString(run.cycleReport(1), """
                {"timestamp":"2026-11-28T02:24:03.915613+00:00","primary":{"total":3,"successful":3,"failed":0},
                 "shadow":{"total_replays":3,"matches":2,"mismatches":1},"mismatch_details":[
                 {"original_run_id":"primary-w0-1","replay_run_id":"shadow-1","original_hash":"a","replay_hash":"b",
                  "match":false,"diff_details":null}],"passed":false}""");
        write(run.statusFile(), status(RunState.RUNNING, 1, 3, 3, 1, MetricsFixture.LAST_CYCLE));

        observer.observe(run);
        observer.observe(run);

        assertThat(samples("aos_shadow_mismatches_total")).filteredOn(s -> s.value() > 0)
                .singleElement().satisfies(s -> {
            assertThat(s.label("root_cause")).isEqualTo(ShadowRunMetrics.UNCLASSIFIED);
            assertThat(s.value()).isEqualTo(1.0);
        });
    }

    @Test
    void aRunWithoutStatusJsonExportsNothing(@TempDir Path tmp) throws Exception {
        assertThat(observer.observe(ShadowRunLayout.of(tmp))).isFalse();
        assertThat(samples("aos_shadow_cycles_total")).isEmpty();
    }

    private static void write(Path file, Object value) throws Exception {
        Files.write(file, OpsJson.mapper().writeValueAsBytes(value));
    }

    private List<Sample> samples(String name) {
        return ExpositionParser.parse(new String(TextExposition.render(registry), StandardCharsets.UTF_8))
                .samples(name);
    }
}
