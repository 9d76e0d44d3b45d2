package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a loopback stand-in that answers like Prometheus's /api/v1/query; the real server is in RealPrometheusIT. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PrometheusQueryClientIT {

    private HttpServer server;
    private volatile int status = 200;
    private volatile String body;
    private volatile String lastQuery;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            lastQuery = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("query=".length()),
                    StandardCharsets.UTF_8);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void returnsEverySeriesWithItsLabelsNotJustTheFirst() throws Exception {
        body = """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"workflow_replay_verifications_total","status":"passed","run":"a"},"value":[1.7e9,"12"]},
                 {"metric":{"__name__":"workflow_replay_verifications_total","status":"failed","run":"a"},"value":[1.7e9,"1"]},
                 {"metric":{"__name__":"workflow_replay_verifications_total","status":"passed","run":"b"},"value":[1.7e9,"NaN"]}]}}""";

        var samples = client().series("workflow_replay_verifications_total");

        assertThat(lastQuery).isEqualTo("workflow_replay_verifications_total");
        assertThat(samples).hasSize(3);
        assertThat(samples.get(1).labels()).isEqualTo(Map.of("status", "failed", "run", "a"));
        assertThat(samples.get(1).value()).isEqualTo(1.0);
        assertThat(samples.get(2).value()).isNaN();
    }

    @Test
    void anAbsentMetricIsAnEmptyResultNotZero() throws Exception {
        body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

        assertThat(client().series("nothing_total")).isEmpty();
    }

    @Test
    void aRejectedQueryIsAnErrorNamingIt() {
        status = 400;
        body = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";

        assertThatThrownBy(() -> client().query("sum(")).isInstanceOf(IOException.class)
                .hasMessageContaining("sum(").hasMessageContaining("bad_data");
    }

    @Test
    void anUnreachableServerIsAnIOException() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThatThrownBy(() -> PrometheusQueryClient.of("http://127.0.0.1:" + port, Duration.ofSeconds(2))
                .series("up")).isInstanceOf(IOException.class);
    }

    private PrometheusQueryClient client() {
        return PrometheusQueryClient.of("http://127.0.0.1:" + server.getAddress().getPort() + "/",
                Duration.ofSeconds(5));
    }
}
