package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The runbook's {@code curl -s http://localhost:8000/health | jq .status}: GET the endpoint; its JSON {@code status}
 * must be {@code healthy} or {@code ok}. A refused connection, a timeout, another HTTP status, a body that is not JSON
 * or another status value is CRITICAL, with what was seen.
 *
 * <p>Through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the probe makes one request in a
 * process that lives a second, and the client's selector thread and TLS set-up cost more than the request (measured:
 * the cold client took most of a pre-flight's time). No proxy, no redirects, as {@code curl -s} does.
 */
public final class BackendHealthProbe implements PreflightProbe {

    private static final Set<String> HEALTHY = Set.of("healthy", "ok");
    private static final int MAX_BODY = 1 << 20;

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
        int code;
        String body;
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            try {
                connection.setConnectTimeout(millis());
                connection.setReadTimeout(millis());
                connection.setInstanceFollowRedirects(false);
                connection.setUseCaches(false);
                connection.setRequestProperty("Accept", "application/json");
                code = connection.getResponseCode();
                body = body(connection, code);
            } finally {
                connection.disconnect();
            }
        } catch (SocketTimeoutException e) {
            return critical("Backend health " + url + ": no answer within " + timeout.toMillis() + " ms", figures);
        } catch (ConnectException | NoRouteToHostException e) {
            return critical("Backend health " + url + ": connection refused or unreachable", figures);
        } catch (IOException | IllegalArgumentException e) {
            return critical("Backend health " + url + ": " + describe(e), figures);
        }
        figures.put("http_status", code);
        JsonNode status;
        try {
            status = OpsJson.mapper().readTree(body).path("status");
        } catch (IOException e) {
            return critical("Backend health " + url + ": HTTP " + code + ", body is not JSON: "
                    + excerpt(body), figures);
        }
        if (!status.isTextual()) {
            return critical("Backend health " + url + ": HTTP " + code + ", no string .status in "
                    + excerpt(body), figures);
        }
        figures.put("health_status", status.asText());
        if (code / 100 != 2 || !HEALTHY.contains(status.asText().toLowerCase(Locale.ROOT))) {
            return critical("Backend health " + url + ": HTTP " + code + ", status '"
                    + status.asText() + "'", figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Backend " + url + ": " + status.asText(), figures);
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** The body, error or not, up to {@link #MAX_BODY} bytes: a health answer is small, and what follows is not read. */
    private static String body(HttpURLConnection connection, int code) throws IOException {
        InputStream in = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
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
