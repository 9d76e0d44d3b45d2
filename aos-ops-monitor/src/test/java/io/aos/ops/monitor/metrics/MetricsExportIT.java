package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.health.HealthStatus;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsExportIT {

    @Test
    void servesOnLoopbackByDefaultAndWritesTheTextfile(@TempDir Path dir) throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, dir)) {
            export.monitor().recordProbe("process", HealthStatus.OK);

            assertThat(export.metricsUri()).hasValueSatisfying(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
            Path file = export.writeTextfile().orElseThrow();
            assertThat(Files.readString(file)).contains("aos_monitor_check_status{probe=\"process\"} 0.0");
        }
    }

    @Test
    void servesTheTextFormatAtSlashMetricsWithThe004ContentTypeByDefault() throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, null)) {
            export.shadowRuns().update("run-a", MetricsFixture.status(io.aos.ops.golden.shadow.state.RunState.RUNNING, 3, 27, 27, 0, null), List.of());

            HttpResponse<String> response = get(export.metricsUri().orElseThrow());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body()).contains("# TYPE aos_shadow_cycles_total counter").endsWith("\n")
                    .doesNotContain("_created");
            assertThat(ExpositionParser.parse(response.body()).samples("aos_shadow_cycles_total"))
                    .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
        }
    }

    @Test
    void theCheckTimeAndEmergencyStopAreAbsentUntilRecorded() throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, null)) {
            URI metrics = export.metricsUri().orElseThrow();
            assertThat(get(metrics).body()).doesNotContain("aos_monitor_last_check_timestamp_seconds ")
                    .doesNotContain("aos_monitor_emergency_stop_engaged ");

            export.monitor().recordEmergencyStop(false);
            export.monitor().recordCheckFinished(java.time.Instant.ofEpochSecond(1_700_000_000));

            ExpositionParser.Result parsed = ExpositionParser.parse(get(metrics).body());
            assertThat(parsed.samples("aos_monitor_emergency_stop_engaged")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isZero());
            assertThat(parsed.samples("aos_monitor_last_check_timestamp_seconds")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.7e9));
        }
    }

    @Test
    void refreshesBeforeEachScrapeAndKeepsTheValuesWhenTheRefreshFails() throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, null)) {
            java.util.concurrent.atomic.AtomicInteger scrapes = new java.util.concurrent.atomic.AtomicInteger();
            export.beforeScrape(() -> {
                int n = scrapes.incrementAndGet();
                if (n == 2) {
                    throw new IllegalStateException("run files unreadable");
                }
                export.monitor().recordProbe("process", n == 1 ? HealthStatus.OK : HealthStatus.CRITICAL);
            });
            URI metrics = export.metricsUri().orElseThrow();

            assertThat(probe(get(metrics).body())).isEqualTo(0.0);
            assertThat(probe(get(metrics).body())).as("a failed refresh keeps the values").isEqualTo(0.0);
            assertThat(probe(get(metrics).body())).isEqualTo(2.0);
            assertThat(scrapes).hasValue(3);
        }
    }

    @Test
    void withoutAStatusPageTheRootPointsToMetricsAndOtherPathsAre404() throws Exception {
        try (MetricsExport export = MetricsExport.start(0, null, null)) {
            URI base = export.baseUri().orElseThrow();

            assertThat(get(base).body()).contains("/metrics");
            assertThat(get(base.resolve("/nothing")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/-/healthy")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port;
        try (MetricsExport export = MetricsExport.start(0, null, null)) {
            port = export.address().orElseThrow().getPort();
        }
        try (MetricsExport again = MetricsExport.start(port, null, null)) {
            assertThat(again.address().orElseThrow().getPort()).isEqualTo(port);
        }
    }

    private static double probe(String exposition) {
        return ExpositionParser.parse(exposition).samples("aos_monitor_check_status").get(0).value();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutPortOrDirectoryNothingIsServedOrWritten() throws Exception {
        try (MetricsExport export = MetricsExport.start(null, null, null)) {
            assertThat(export.metricsUri()).isEmpty();
            assertThat(export.writeTextfile()).isEmpty();
        }
    }

    @Test
    void aTakenPortIsAUsageErrorNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricsExport.start(taken.getLocalPort(), "127.0.0.1", null))
                    .isInstanceOf(AosOpsException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .isInstanceOf(BadConfigurationException.class);
        }
    }

    @Test
    void aBindAddressWithoutAPortIsAUsageError() {
        assertThatThrownBy(() -> MetricsExport.start(null, "0.0.0.0", null))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("--metrics-bind needs --metrics-port");
    }
}
