package io.aos.ops.monitor.sanity;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Instant queries against a Prometheus server's HTTP API ({@code GET /api/v1/query?query=...}) with a short timeout.
 * Returns every series with its labels (upstream read only the first series, whatever its labels).
 */
public final class PrometheusQuery {

    /** One series of an instant vector. */
    public record Series(Map<String, String> labels, String value) {

        /** {@code name{label="v",...} value}. */
        public String render(String metric) {
            StringBuilder text = new StringBuilder(metric);
            Map<String, String> shown = new TreeMap<>(labels);
            shown.remove("__name__");
            if (!shown.isEmpty()) {
                List<String> parts = new ArrayList<>();
                shown.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
                text.append('{').append(String.join(",", parts)).append('}');
            }
            return text.append(' ').append(value).toString();
        }
    }

    private final URI base;
    private final Duration timeout;
    private final HttpClient client;

    public PrometheusQuery(URI base, Duration timeout) {
        this.base = checkNotNull(base, "base");
        this.timeout = checkNotNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** Every series the query returns (empty when the metric does not exist); an IOException when unreachable. */
    public List<Series> query(String promql) throws IOException {
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        JsonNode root0 = OpsJson.mapper().readTree(response.body());
        if (!"success".equals(root0.path("status").asText())) {
            throw new IOException("query failed: " + root0.path("error").asText("status " + root0.path("status")));
        }
        List<Series> result = new ArrayList<>();
        for (JsonNode series : root0.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = series.path("metric").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                labels.put(f.getKey(), f.getValue().asText());
            }
            result.add(new Series(labels, series.path("value").path(1).asText("NaN")));
        }
        return result;
    }
}
