package io.aos.ops.monitor.sanity;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Instant queries against a Prometheus server's HTTP API ({@code GET /api/v1/query?query=...}) with a short timeout.
 * Returns every series with its labels (upstream read only the first series, whatever its labels).
 *
 * <p>The timeout bounds the whole query, connection and complete answer together: the HTTP client's own request
 * timeout ends only the wait for the headers, and a server that then sends one byte every half second would keep a
 * check waiting for ever. An answer over {@link #MAX_RESPONSE_BYTES} is not read on: the query fails with an
 * {@link UnusableAnswerException} saying so, rather than holding gigabytes.
 */
public final class PrometheusQuery {

    /** The most of one answer read; two counters' series fit in a few kilobytes. */
    public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

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

    /**
     * The server was reached but gave no answer that can be used: none complete within the timeout, or one larger
     * than {@link #MAX_RESPONSE_BYTES}.
     */
    public static final class UnusableAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        UnusableAnswerException(String message) {
            super(message);
        }
    }

    private final URI base;
    private final Duration timeout;
    private final int maxBytes;
    private final HttpClient client;

    public PrometheusQuery(URI base, Duration timeout) {
        this(base, timeout, MAX_RESPONSE_BYTES);
    }

    /** As the public constructor, with another bound on an answer's size. */
    PrometheusQuery(URI base, Duration timeout, int maxBytes) {
        this.base = checkNotNull(base, "base");
        this.timeout = checkNotNull(timeout, "timeout");
        checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, got %s", timeout);
        checkArgument(maxBytes > 0, "maxBytes must be positive, got %s", maxBytes);
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, info -> new CappedBody(maxBytes));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true); // closes the connection: the server is not read from any more
            throw new UnusableAnswerException("no complete answer within " + describe(timeout));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
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

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Collects an answer's body up to a bound; past it, stops reading and fails. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new UnusableAnswerException("answer larger than "
                            + (max % (1 << 20) == 0 ? (max >> 20) + " MiB" : max + " bytes") + ", not read further"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
