package io.aos.ops.monitor.metrics;

import static io.aos.ops.monitor.metrics.MetricsFixture.mismatch;
import static io.aos.ops.monitor.metrics.MetricsFixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String RUN = "shadow_simulation_20261128_020000";

    @TempDir
    Path tmp;

    private int port;

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
        monitor.recordDiskUsage("/var/lib/aos", 0.42);
        monitor.recordEmergencyStop(true);
        monitor.recordCheckFinished(now);

        try (HTTPServer exporter = exporterOf(registry)) {
            Process server = startPrometheus("""
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
            Process server = startPrometheus("""
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
            Process server = startPrometheus("""
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
        Path promtool = binary("promtool");
        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", AlertRules.file().toString())
                .redirectErrorStream(true).start();
        boolean done = check.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            check.destroyForcibly();
            fail("promtool check rules did not finish within " + WAIT);
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    /**
     * The rules' own unit tests (deploy/prometheus/aos-ops-rules.test.yml), on promtool's simulated clock: one alert
     * per host and run with runner and monitor both scraped, no alert for a series that first appears at 1 in an old
     * run (why every root cause is exported at 0), an alert for a young run's first mismatch, resolution after 15 min.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void promtoolRunsTheRulesUnitTests() throws Exception {
        Path tests = AlertRules.file().resolveSibling("aos-ops-rules.test.yml");
        String output = promtool("test", "rules", tests.toString());

        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(binary("promtool").toString()));
        command.addAll(List.of(args));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            run.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish within " + WAIT);
        }
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(output).isZero();
        return output;
    }

    private static ShadowRunStatus status(long cycles, long replays, long mismatches, Instant at) {
        return status(MetricsFixture.STARTED, cycles, replays, mismatches, at);
    }

    private static ShadowRunStatus status(Instant started, long cycles, long replays, long mismatches, Instant at) {
        return new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 4242, null, started, at,
                RunState.RUNNING, cycles, replays, replays, mismatches, mismatches, at, 24.0, null, false, null);
    }

    /**
     * Starts Prometheus on a free loopback port with the shipped rules, scraping and evaluating every second;
     * {@code scrapeConfigs} is the indented list under {@code scrape_configs:}.
     */
    private Process startPrometheus(String scrapeConfigs) throws IOException {
        port = freeLoopbackPort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                """.formatted(AlertRules.file().toAbsolutePath()) + scrapeConfigs);
        return new ProcessBuilder(binary("prometheus").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("prometheus.log").toFile())
                .start();
    }

    /** A query client for the server started last, once it is ready. */
    private PrometheusQueryClient api(Process server) throws Exception {
        PrometheusQueryClient api = PrometheusQueryClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(5));
        awaitTrue("Prometheus ready", server, api::ready);
        return api;
    }

    /** The binary from PATH; skipped when missing, except under CI=true where a missing binary is a failure. */
    private static Path binary(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = name + " is not on PATH (apt-get install prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; under CI=true this test must run");
        }
        Assumptions.assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        /** The value once the condition holds, or null to keep waiting. */
        T poll() throws Exception;
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    private void awaitTrue(String what, Process server, Probe<Boolean> probe) throws Exception {
        await(what, server, () -> Boolean.TRUE.equals(probe.poll()) ? Boolean.TRUE : null);
    }

    /** Polls a real server: there is no clock to fix, so this waits, bounded, and says what it waited for. */
    private <T> T await(String what, Process server, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("prometheus exited with " + server.exitValue() + " while waiting for " + what + ":\n" + log());
            }
            try {
                T value = probe.poll();
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        return fail("no " + what + " within " + WAIT + (last == null ? "" : " (last error: " + last.getMessage() + ")")
                + "\n" + log());
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(tmp.resolve("prometheus.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no prometheus log)";
        }
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
