package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MetricsHttpServerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheTextFormatAtSlashMetricsOnLoopback() throws Exception {
        try (MetricsHttpServer server = MetricsHttpServer.startOnLoopback(MetricsFixture.everyMetric(), 0)) {
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();

            HttpResponse<String> response = get(server.metricsUri());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body()).contains("# TYPE aos_shadow_cycles_total counter").endsWith("\n");
            assertThat(ExpositionParser.parse(response.body()).samples("aos_shadow_cycles_total")).hasSize(1);
        }
    }

    @Test
    void answersOtherPathsWith404() throws Exception {
        try (MetricsHttpServer server = MetricsHttpServer.startOnLoopback(MetricsFixture.everyMetric(), 0)) {
            HttpResponse<String> response = get(server.metricsUri().resolve("/nothing"));

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port;
        try (MetricsHttpServer server = MetricsHttpServer.startOnLoopback(MetricsFixture.everyMetric(), 0)) {
            port = server.port();
        }
        try (MetricsHttpServer again = MetricsHttpServer.startOnLoopback(MetricsFixture.everyMetric(), port)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
