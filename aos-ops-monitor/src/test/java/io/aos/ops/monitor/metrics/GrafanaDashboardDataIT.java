package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's queries against what a run really produces: a shadow run with one injected mismatch, its runner's
 * /metrics and the monitor daemon watching it, both scraped by a real Prometheus with the shipped rules. Every panel
 * shows data, so no query selects a label or a job the exporters do not have.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GrafanaDashboardDataIT {

    /**
     * Panels whose emptiness is the healthy reading: the disk is not filling up here, so there is no time to 90 %.
     * Each is named with its reason; every other query must return series.
     */
    private static final Set<String> EMPTY_WHEN_HEALTHY = Set.of("panel \"Time to 90 % disk\" target A");

    @TempDir
    Path tmp;

    @Test
    void everyPanelShowsDataForARunWithOneMismatch() throws Exception {
        Path runDir = tmp.resolve("shadow_simulation_dashboard");
        Files.createDirectories(runDir);
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        try (MonitorUnderTest monitor = MonitorUnderTest.start(tmp, runDir);
             MetricsExport runner = MetricsExport.start(0, null, null)) {
            runner.observeBeforeScrape(ShadowRunLayout.of(runDir));
            try (PrometheusServer prometheus = PrometheusServer.start(tmp.resolve("prometheus"), AlertRules.file(), """
                      - job_name: aos-ops-monitor
                        static_configs:
                          - targets: ['%s']
                      - job_name: aos-shadow-runner
                        static_configs:
                          - targets: ['%s']
                    """.formatted(monitor.metricsTarget(), runner.metricsUri().orElseThrow().getAuthority()),
                    Optional.empty())) {
                ShadowRunResult result = MonitorUnderTest.runWithOneFlaw(runDir, "external-call");
                assertThat(result.mismatches()).isEqualTo(1);
                // rate() and deriv() need two samples after the run: wait for three scrapes of each exporter.
                prometheus.await("three scrapes of the finished run by both exporters", () -> prometheus.api().query(
                        "count_over_time(aos_shadow_cycles_total{run=\"shadow_simulation_dashboard\"}[5m] ) >= 3 "
                                + "and aos_shadow_cycles_total == 1").size() == 2 ? Boolean.TRUE : null);
                prometheus.await("the mismatch alert's evaluation", () -> Polling.nonEmpty(prometheus.api().query(
                        "ALERTS{alertname=\"AosShadowMismatchDetected\",alertstate=\"firing\"}")));

                List<String> empty = new ArrayList<>();
                for (GrafanaDashboard.Query q : dashboard.queries()) {
                    String promql = dashboard.asPromql(q.expr());
                    if (prometheus.api().query(promql).isEmpty() && !EMPTY_WHEN_HEALTHY.contains(q.where())) {
                        empty.add(q.where() + ": " + promql);
                    }
                }

                assertThat(empty).as("queries without data").isEmpty();
                assertThat(prometheus.api().query(dashboard.asPromql(mismatchPanelQuery(dashboard))))
                        .singleElement().satisfies(s -> {
                            assertThat(s.labels()).containsEntry("root_cause", "EXTERNAL_CALL");
                            assertThat(s.value()).as("one mismatch, counted once for two exporters").isEqualTo(1.0);
                        });
            }
        }
    }

    private static String mismatchPanelQuery(GrafanaDashboard dashboard) {
        return dashboard.queries().stream()
                .filter(q -> q.where().equals("panel \"Mismatches in the run, by root cause\" target A"))
                .findFirst().orElseThrow().expr();
    }
}
