package io.aos.ops.monitor.alert;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs each alert as JSON to a webhook ({@code SHADOW_HOOK}) with a bounded timeout, so a slow or dead endpoint
 * delays a check by at most the timeout and never stops the daemon. The body keeps upstream's keys ({@code alert},
 * {@code message}, {@code timestamp}) and adds {@code probe} and {@code event}.
 */
public final class WebhookSink implements AlertSink {

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookSink(URI url, Duration timeout) {
        this.url = checkNotNull(url, "url");
        this.timeout = checkNotNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook " + url;
    }

    @Override
    public void send(Alert alert) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert", alert.level().name());
        body.put("message", alert.message());
        body.put("timestamp", alert.timestamp());
        body.put("probe", alert.probe());
        body.put("event", alert.event().json());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OpsJson.mapper().writeValueAsBytes(body)))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode());
        }
    }
}
