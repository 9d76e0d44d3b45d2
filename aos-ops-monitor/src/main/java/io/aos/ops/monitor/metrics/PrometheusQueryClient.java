package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus server's HTTP API ({@code /api/v1/query}). Unlike upstream's sanity check, which took
 * {@code .data.result[0].value[1] // "N/A"}, it returns every series with its labels, and an empty result stays empty
 * (absent: UNKNOWN), never a 0. The timeout bounds each request whole, answer included, and an answer is read up to
 * {@link BoundedHttpGet#MAX_RESPONSE_BYTES} ({@link BoundedHttpGet}): a server that trickles or sends an endless
 * answer is an {@link UnusableAnswerException}, not a hang.
 */
public final class PrometheusQueryClient implements MetricSource {

    private final URI base;
    private final BoundedHttpGet http;

    private PrometheusQueryClient(URI base, BoundedHttpGet http) {
        this.base = base;
        this.http = http;
    }

    /** A client for the server at {@code baseUrl} (e.g. {@code http://localhost:9090}) with a 10 s request timeout. */
    public static PrometheusQueryClient of(String baseUrl) {
        return of(baseUrl, Duration.ofSeconds(10));
    }

    /** A client for the server at {@code baseUrl}; every request gives up after {@code timeout}, answer included. */
    public static PrometheusQueryClient of(String baseUrl, Duration timeout) {
        checkNotNull(timeout, "timeout");
        checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, got %s", timeout);
        return of(baseUrl, BoundedHttpGet.of(timeout));
    }

    /** As {@link #of(String, Duration)}, requesting with {@code http} (another cap on an answer's size). */
    static PrometheusQueryClient of(String baseUrl, BoundedHttpGet http) {
        checkNotNull(baseUrl, "baseUrl");
        checkArgument(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"),
                "Prometheus URL must start with http:// or https://, got '%s'", baseUrl);
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new PrometheusQueryClient(URI.create(trimmed), checkNotNull(http, "http"));
    }

    /** True if the server answers {@code /-/ready} with 200 within the timeout. */
    public boolean ready() {
        try {
            return http.get(URI.create(base + "/-/ready")).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every series of the metric {@code name}. */
    @Override
    public List<Sample> series(String name) throws IOException {
        return query(name);
    }

    /**
     * Evaluates the instant query {@code promql} now and returns every element of the resulting vector (or the one
     * scalar, with an empty name and no labels).
     *
     * @throws IOException if the server cannot be reached or answers with an error; an
     *     {@link UnusableAnswerException} if no complete answer comes within the timeout or it is too large
     */
    public List<Sample> query(String promql) throws IOException {
        checkNotNull(promql, "promql");
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        BoundedHttpGet.Answer response = http.get(uri);
        JsonNode root;
        try {
            root = OpsJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException(base + " answered HTTP " + response.statusCode() + " with something that is not JSON",
                    e);
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new IOException(base + " rejected the query '" + promql + "': "
                    + root.path("errorType").asText("HTTP " + response.statusCode()) + ": " + root.path("error").asText());
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        List<Sample> result = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode element : data.path("result")) {
                    result.add(sample(element.path("metric"), element.path("value")));
                }
            }
            case "scalar" -> result.add(sample(null, data.path("result")));
            default -> throw new IOException(base + " answered the query '" + promql + "' with a " + type
                    + " result; expected an instant vector");
        }
        return result;
    }

    @Override
    public String describe() {
        return base.toString();
    }

    private static Sample sample(JsonNode metric, JsonNode value) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        String name = "";
        if (metric != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (label.getKey().equals("__name__")) {
                    name = label.getValue().asText();
                } else {
                    labels.put(label.getKey(), label.getValue().asText());
                }
            }
        }
        // The API sends [ <unix time>, "<value>" ], the value as a string so NaN and +Inf survive JSON.
        if (!value.isArray() || value.size() != 2) {
            throw new IOException("unreadable sample value " + value);
        }
        return new Sample(name, labels, parseValue(value.get(1).asText()));
    }

    private static double parseValue(String text) throws IOException {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IOException("unreadable sample value '" + text + "'", e);
                }
            }
        };
    }
}
