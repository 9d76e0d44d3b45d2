package io.aos.ops.monitor.sanity;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.monitor.metrics.BoundedHttpGet;
import io.aos.ops.monitor.metrics.UnusableAnswerException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
 *
 * <p>The timeout bounds the whole query, connection and complete answer together, and an answer is read up to
 * {@link BoundedHttpGet#MAX_RESPONSE_BYTES} ({@link BoundedHttpGet}): a server that trickles its answer or sends an
 * endless one fails the query with an {@link UnusableAnswerException} saying so, rather than holding the check or
 * gigabytes.
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
    private final BoundedHttpGet http;

    public PrometheusQuery(URI base, Duration timeout) {
        this(base, timeout, BoundedHttpGet.MAX_RESPONSE_BYTES);
    }

    /** As the public constructor, with another bound on an answer's size. */
    PrometheusQuery(URI base, Duration timeout, int maxBytes) {
        this.base = checkNotNull(base, "base");
        this.http = BoundedHttpGet.of(timeout, maxBytes);
    }

    public URI base() {
        return base;
    }

    /**
     * Every series the query returns (empty when the metric does not exist); an IOException when unreachable, and an
     * {@link UnusableAnswerException} when the answer is not complete within the timeout or is too large.
     */
    public List<Series> query(String promql) throws IOException {
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        BoundedHttpGet.Answer response = http.get(uri);
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
