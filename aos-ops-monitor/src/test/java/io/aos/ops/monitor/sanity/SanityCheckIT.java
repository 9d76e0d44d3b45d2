package io.aos.ops.monitor.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.metrics.ExporterScrape;
import io.aos.ops.monitor.probe.Thresholds;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SanityCheckIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Thresholds NEVER_FULL = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100,
            1L << 40);

    @TempDir
    Path tmp;
    HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI prometheus(String verifications, String failures) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String result = query.contains("verifications") ? verifications : failures;
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private SanityReport run(URI prometheus) throws Exception {
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp),
                new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL), CLOCK, () -> false);
        return new SanityCheck(check, new PrometheusQuery(prometheus, Duration.ofSeconds(2))).run();
    }

    @Test
    void fiveSectionsAndEveryPrometheusSeriesWithItsLabels() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "s")) {
            run.runningStatus(run.startRunner(), 20, NOW.minusSeconds(10)).golden(4);
            URI url = prometheus(
                    "{\"metric\":{\"__name__\":\"workflow_replay_verifications_total\",\"status\":\"passed\"},"
                            + "\"value\":[1,\"180\"]},{\"metric\":{\"status\":\"failed\"},\"value\":[1,\"0\"]}", "");

            SanityReport report = run(url);
            String text = report.render();

            assertThat(report.sections()).extracting(SanitySection::title).containsExactly("Process Status",
                    "Mismatch Check", "Disk Usage", "Recent Activity (last 10 entries)", "Prometheus Metrics");
            assertThat(text).contains("[1/5] Process Status", "[5/5] Prometheus Metrics",
                    "workflow_replay_verifications_total{status=\"passed\"} 180",
                    "workflow_replay_verifications_total{status=\"failed\"} 0",
                    "workflow_replay_failures_total: no series", "Files: 4");
            assertThat(report.verdict()).isEqualTo("Shadow run is HEALTHY");
            assertThat(report.status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void mismatchesMakeTheVerdictAFailureUnlikeUpstream() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "m")) {
            ProcessHandle runner = run.startRunner();
            run.status(runner.pid(), runner.info().startInstant().orElse(null), RunState.RUNNING, 20, 2, 1, NOW)
                    .cycleReport(17, 2);

            SanityReport report = run(prometheus("", ""));

            assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(report.verdict()).isEqualTo("Shadow run has MISMATCHES: 2 mismatches in cycle 17 (2)");
        }
    }

    @Test
    void controlSequencesInTheLogAreShownEscapedNotSentToTheTerminal() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "c")) {
            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2, 0, 0, NOW.minus(Duration.ofHours(2)));
            run.log("[INFO] 02:00:00 title \u001B]0;pwned\u0007 bell\r[INFO] 02:00:00 FAKE OK");

            String text = run(prometheus("", "")).render();

            assertThat(text.chars().filter(c -> c != '\t' && c != '\n')
                    .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as(text).isTrue();
            assertThat(text).contains("  [INFO] 02:00:00 title \\x1b]0;pwned\\x07 bell\\r[INFO] 02:00:00 FAKE OK\n");
        }
    }

    @Test
    void manySeriesAreCountedButOnlyTheFirstOnesPrinted() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < SanityCheck.MAX_SERIES_SHOWN + 10; i++) {
            many.append(i == 0 ? "" : ",").append("{\"metric\":{\"status\":\"failed\",\"instance\":\"i")
                    .append(i).append("\"},\"value\":[1,\"").append(i == 29 ? 3 : 0).append("\"]}");
        }
        try (RunFixture run = RunFixture.create(tmp, "n")) {
            run.runningStatus(run.startRunner(), 20, NOW.minusSeconds(10));

            SanitySection prom = run(prometheus(many.toString(), "{\"metric\":{},\"value\":[1,\"0\"]}"))
                    .sections().get(4);

            assertThat(prom.lines()).hasSize(SanityCheck.MAX_SERIES_SHOWN + 2)
                    .contains("… and 10 more series of workflow_replay_verifications_total");
            assertThat(prom.status()).isEqualTo(HealthStatus.WARNING); // the failure is in a series not printed
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPrometheusThatTricklesItsAnswerIsUnknownAfterTheTimeout() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the client hung up
            }
        });
        server.start();
        try (RunFixture run = RunFixture.create(tmp, "t")) {
            run.runningStatus(run.startRunner(), 20, NOW.minusSeconds(10));

            SanitySection prom = run(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .sections().get(4);

            assertThat(prom.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(prom.lines()).singleElement().asString()
                    .startsWith("Prometheus: NO USABLE ANSWER from ").contains("no complete answer within 2 s");
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anExporterThatTricklesItsPageIsUnknownAfterTheTimeoutAndTheVerdictStands() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('#');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the client hung up
            }
        });
        server.start();
        try (RunFixture run = RunFixture.create(tmp, "e")) {
            run.runningStatus(run.startRunner(), 20, NOW.minusSeconds(10));
            HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp),
                    new HealthCheck.Options(Optional.empty(), Optional.empty(), NEVER_FULL), CLOCK, () -> false);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";

            SanityReport report = new SanityCheck(check, ExporterScrape.of(url, Duration.ofSeconds(1))).run();

            assertThat(report.sections().get(4).status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(report.sections().get(4).lines()).singleElement().asString()
                    .startsWith("Prometheus: NO USABLE ANSWER from " + url).contains("no complete answer within 1 s");
            assertThat(report.status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void anUnreachablePrometheusIsUnknownForItsSectionNotZero() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunFixture run = RunFixture.create(tmp, "u")) {
            run.runningStatus(run.startRunner(), 20, NOW.minusSeconds(10));

            SanityReport report = run(URI.create("http://127.0.0.1:" + closedPort));

            SanitySection prom = report.sections().get(4);
            assertThat(prom.status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(prom.lines()).singleElement().asString().startsWith("Prometheus: NOT REACHABLE at ")
                    .doesNotContain(": 0");
            assertThat(report.status()).isEqualTo(HealthStatus.OK);
        }
    }
}
