package io.aos.ops.monitor.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import io.aos.ops.monitor.metrics.MetricsExport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page and its JSON served beside /metrics by client_java's exporter, as the daemon sets it up. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StatusPageHandlerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesThePageWithItsPolicyTheJsonAndStillTheMetricsOnOnePort() throws Exception {
        LiveStatus live = new LiveStatus(run -> Map.of("VOLATILE_LEAK", 1L), 5);
        live.update(LiveStatusTest.report("shadow_simulation_7", 0, 3, 1, false));
        try (MetricsExport export = MetricsExport.start(0, null, null, new StatusPageHandler(live))) {
            URI base = export.baseUri().orElseThrow();
            assertThat(base.getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> page = send("GET", base);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValue(StatusPageHtml.CONTENT_SECURITY_POLICY);
            assertThat(page.body()).contains("<div class=\"big\" id=\"cycles-done\">3</div>")
                    .contains("<td>VOLATILE_LEAK</td>").contains("shadow_simulation_7");

            HttpResponse<String> json = send("GET", base.resolve("/api/status"));
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(OpsJson.mapper().readTree(json.body()).at("/cycles/done").asLong()).isEqualTo(3);

            export.monitor().recordProbe("process", io.aos.ops.core.health.HealthStatus.OK);
            assertThat(send("GET", base.resolve("/metrics")).body()).contains("aos_monitor_check_status{probe=\"process\"} 0");
            assertThat(send("GET", base.resolve("/nothing")).statusCode()).isEqualTo(404);
            HttpResponse<String> post = send("POST", base);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(send("HEAD", base.resolve("/api/status")).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String method, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
