package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runbook's {@code curl -s http://localhost:8000/health | jq .status}: GET the endpoint; its JSON {@code status}
 * must be {@code healthy} or {@code ok}. A refused connection, a timeout, another HTTP status, a body that is not JSON
 * or another status value is CRITICAL, with what was seen.
 */
public final class BackendHealthProbe implements PreflightProbe {

    private static final Set<String> HEALTHY = Set.of("healthy", "ok");

    private final URI url;
    private final Duration timeout;

    public BackendHealthProbe(URI url, Duration timeout) {
        this.url = checkNotNull(url, "url");
        this.timeout = checkNotNull(timeout, "timeout");
    }

    @Override
    public String name() {
        return "backend";
    }

    @Override
    public ProbeResult check() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("url", url.toString());
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return critical("Backend health " + url + ": no answer within " + timeout.toMillis() + " ms", figures);
        } catch (ConnectException e) {
            return critical("Backend health " + url + ": connection refused or unreachable", figures);
        } catch (IOException e) {
            return critical("Backend health " + url + ": " + describe(e), figures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Backend health " + url + ": interrupted", figures);
        }
        figures.put("http_status", response.statusCode());
        String body = response.body();
        JsonNode status;
        try {
            status = OpsJson.mapper().readTree(body).path("status");
        } catch (IOException e) {
            return critical("Backend health " + url + ": HTTP " + response.statusCode() + ", body is not JSON: "
                    + excerpt(body), figures);
        }
        if (!status.isTextual()) {
            return critical("Backend health " + url + ": HTTP " + response.statusCode() + ", no string .status in "
                    + excerpt(body), figures);
        }
        figures.put("health_status", status.asText());
        if (response.statusCode() / 100 != 2 || !HEALTHY.contains(status.asText().toLowerCase(Locale.ROOT))) {
            return critical("Backend health " + url + ": HTTP " + response.statusCode() + ", status '"
                    + status.asText() + "'", figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Backend " + url + ": " + status.asText(), figures);
    }

    private ProbeResult critical(String message, Map<String, Object> figures) {
        return ProbeResult.of(name(), HealthStatus.CRITICAL, message, figures);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() > 80 ? flat.substring(0, 80) + "..." : flat) + "'";
    }
}
