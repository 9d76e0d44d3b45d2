package io.aos.ops.monitor.metrics;

import static io.aos.ops.monitor.metrics.MetricsFixture.mismatch;
import static io.aos.ops.monitor.metrics.MetricsFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter and the rules against a real Prometheus server (Debian package {@code prometheus}, which .ci/run
 * installs): it scrapes the exporter every second on loopback, the query API returns the series, and the mismatch
 * alert fires on an increase. Without the binaries the test is skipped, except under {@code CI=true}, where it fails.
 * Everything it starts listens on 127.0.0.1 and is stopped at the end; every wait is bounded.
 */
class RealPrometheusIT {

    private static final String RUN = "shadow_simulation_20261128_020000";

    @TempDir
    Path tmp;

    /** client_java's exporter, as MetricsExport starts it, on a free loopback port. */
    private static HTTPServer exporterOf(PrometheusRegistry registry) throws IOException {
        return HTTPServer.builder().inetAddress(InetAddress.getLoopbackAddress()).port(0).registry(registry)
                .buildAndStart();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void prometheusScrapesTheExporterAndTheMismatchAlertFiresOnAnIncrease() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ShadowRunMetrics shadow = ShadowRunMetrics.registerIn(registry);
        MonitorMetrics monitor = MonitorMetrics.registerIn(registry);
        Instant now = Instant.now();
        shadow.update(RUN, status(3, 27, 1, now), List.of(report(1, 9), report(2, 9),
                report(3, 9, mismatch("compute", "VOLATILE_LEAK"))));
        monitor.recordProbe("process", HealthStatus.OK);
        monitor.recordDiskUsage("/var/lib/aos", 0.42); // a metric label only: nothing is read or written there
        monitor.recordEmergencyStop(true);
        monitor.recordCheckFinished(now);

        try (HTTPServer exporter = exporterOf(registry)) {
            PrometheusServer server = startPrometheus("""
                      - job_name: aos-ops-monitor
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(exporter.getPort()));
            try {
                PrometheusQueryClient api = api(server);
                List<Sample> cycles = await("a scrape of aos_shadow_cycles_total", server,
                        () -> nonEmpty(api.series("aos_shadow_cycles_total")));

                assertThat(cycles).singleElement().satisfies(s -> {
                    assertThat(s.labels()).containsEntry("run", RUN).containsEntry("job", "aos-ops-monitor")
                            .containsEntry("instance", "127.0.0.1:" + exporter.getPort());
                    assertThat(s.value()).isEqualTo(3.0);
                });
                assertThat(api.series("workflow_replay_verifications_total"))
                        .extracting(s -> s.label("status"), Sample::value)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("passed", 26.0),
                                org.assertj.core.groups.Tuple.tuple("failed", 1.0));
                assertThat(api.series("aos_monitor_disk_usage_ratio")).singleElement()
                        .extracting(Sample::value).isEqualTo(0.42);
                assertThat(api.series("aos_shadow_no_such_metric")).isEmpty();

                // A new mismatch after the first scrape: the alert must fire on the increase.
                shadow.update(RUN, status(4, 36, 2, Instant.now()),
                        List.of(report(4, 9, mismatch("io", "VOLATILE_LEAK"))));
                List<Sample> firing = await("AosShadowMismatchDetected firing", server, () -> nonEmpty(
                        api.query("ALERTS{alertname=\"AosShadowMismatchDetected\",alertstate=\"firing\"}")));
                assertThat(firing).singleElement().satisfies(s -> assertThat(s.labels())
                        .containsEntry("run", RUN).containsEntry("severity", "critical"));
                assertThat(api.query("ALERTS{alertname=\"AosEmergencyStopEngaged\"}")).isNotEmpty();
                assertThat(api.query("ALERTS{alertname=~\"AosDisk.*\"}")).isEmpty();
            } finally {
                stop(server);
            }
        }
    }

    /**
     * The run's only mismatch comes after Prometheus first scraped it, in a run older than the alert's window, so only
     * increase() can see it: its series must have been there at 0. Runner and monitor both export the run, as in the
     * example scrape config, and one mismatch is one alert, not one per exporter.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRunsOnlyMismatchAfterTheFirstScrapeFiresOneAlertWithRunnerAndMonitorBothScraped() throws Exception {
        Instant started = Instant.now().minus(Duration.ofHours(1));
        PrometheusRegistry runnerRegistry = new PrometheusRegistry();
        ShadowRunMetrics runner = ShadowRunMetrics.registerIn(runnerRegistry);
        PrometheusRegistry monitorRegistry = new PrometheusRegistry();
        ShadowRunMetrics monitor = ShadowRunMetrics.registerIn(monitorRegistry);
        for (ShadowRunMetrics exporter : List.of(runner, monitor)) {
            exporter.update(RUN, status(started, 5, 45, 0, Instant.now()),
                    List.of(report(1, 9), report(2, 9), report(3, 9), report(4, 9), report(5, 9)));
        }

        try (HTTPServer runnerServer = exporterOf(runnerRegistry);
             HTTPServer monitorServer = exporterOf(monitorRegistry)) {
            PrometheusServer server = startPrometheus("""
                      - job_name: aos-ops-monitor
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                      - job_name: aos-shadow-runner
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(monitorServer.getPort(), runnerServer.getPort()));
            try {
                PrometheusQueryClient api = api(server);
                String series = "aos_shadow_mismatches_total{run=\"" + RUN + "\",root_cause=\"DETERMINISM_VIOLATION\"}";
                await("both exporters scraped before the mismatch", server, () -> api.query(
                        "aos_shadow_cycles_total{run=\"" + RUN + "\"} == 5").size() == 2 ? Boolean.TRUE : null);

                for (ShadowRunMetrics exporter : List.of(runner, monitor)) {
                    exporter.update(RUN, status(started, 6, 54, 1, Instant.now()),
                            List.of(report(6, 9, mismatch("compute", "DETERMINISM_VIOLATION"))));
                }
                String firing = "ALERTS{alertname=\"AosShadowMismatchDetected\",alertstate=\"firing\"}";
                await("AosShadowMismatchDetected firing", server, () -> nonEmpty(api.query(firing)));
                // Wait for a rule evaluation that saw the mismatch from both exporters, then count the alerts.
                await("both exporters scraped after the mismatch", server,
                        () -> api.query(series + " == 1").size() == 2 ? Boolean.TRUE : null);
                double bothSeen = api.query("time()").get(0).value();
                await("a rule evaluation after both scrapes", server, () -> nonEmpty(
                        api.query("timestamp(" + firing + ") > " + (bothSeen + 1))));

                assertThat(api.query(firing)).singleElement().satisfies(s -> assertThat(s.labels())
                        .containsEntry("run", RUN).containsEntry("host", "127.0.0.1")
                        .containsEntry("severity", "critical"));
            } finally {
                stop(server);
            }
        }
    }

    /**
     * A run whose first cycle already had a mismatch when Prometheus first saw it: increase() reads 0 for a series
     * that appears at 1, so the rule also fires on the mismatches of a run that started less than 15 minutes ago.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMismatchBeforeTheFirstScrapeOfAYoungRunFiresTheAlert() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ShadowRunMetrics shadow = ShadowRunMetrics.registerIn(registry);
        Instant now = Instant.now();
        shadow.update(RUN, status(now.minusSeconds(40), 1, 9, 1, now),
                List.of(report(1, 9, mismatch("compute", "SEED_MISMATCH"))));

        try (HTTPServer exporter = exporterOf(registry)) {
            PrometheusServer server = startPrometheus("""
                      - job_name: aos-shadow-runner
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(exporter.getPort()));
            try {
                PrometheusQueryClient api = api(server);
                List<Sample> firing = await("AosShadowMismatchDetected firing", server, () -> nonEmpty(api.query(
                        "ALERTS{alertname=\"AosShadowMismatchDetected\",alertstate=\"firing\"}")));

                assertThat(firing).singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("run", RUN));
            } finally {
                stop(server);
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void promtoolAcceptsTheShippedRules() throws Exception {
        String output = promtool("check", "rules", AlertRules.file().toString());

        assertThat(output).contains("SUCCESS");
    }

    /**
     * The rules' own unit tests (deploy/prometheus/aos-ops-rules.test.yml), on promtool's simulated clock: one alert
     * per host, run and root cause with runner and monitor both scraped, no alert for a series that first appears at 1
     * in an old run (why every root cause is exported at 0), an alert for a young run's first mismatch, resolution
     * after 15 min, a dead runner seen by the monitor, the host label on disk and monitor alerts.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void promtoolRunsTheRulesUnitTests() throws Exception {
        Path tests = AlertRules.file().resolveSibling("aos-ops-rules.test.yml");
        String output = promtool("test", "rules", tests.toString());

        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static String promtool(String... args) throws Exception {
        ExternalTool.Result run = ExternalTool.run(ExternalTool.require("promtool", "prometheus"), args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.output();
    }

    private static ShadowRunStatus status(long cycles, long replays, long mismatches, Instant at) {
        return status(MetricsFixture.STARTED, cycles, replays, mismatches, at);
    }

    private static ShadowRunStatus status(Instant started, long cycles, long replays, long mismatches, Instant at) {
        return new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 4242, null, started, at,
                RunState.RUNNING, cycles, replays, replays, mismatches, mismatches, at, 24.0, null, false, null);
    }

    /** Prometheus with the shipped rules, scraping {@code scrapeConfigs} (the indented list under scrape_configs). */
    private PrometheusServer startPrometheus(String scrapeConfigs) throws Exception {
        return PrometheusServer.start(tmp.resolve("prometheus"), AlertRules.file(), scrapeConfigs, Optional.empty());
    }

    private static PrometheusQueryClient api(PrometheusServer server) {
        return server.api();
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return Polling.nonEmpty(list);
    }

    private static <T> T await(String what, PrometheusServer server, Polling.Probe<T> probe) throws Exception {
        return server.await(what, probe);
    }

    private static void stop(PrometheusServer server) {
        server.close();
    }
}
