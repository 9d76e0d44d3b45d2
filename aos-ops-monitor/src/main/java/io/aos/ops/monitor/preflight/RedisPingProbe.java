package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The runbook's {@code redis-cli ping}: PING through Jedis, with the password, database and TLS ({@code rediss://}) the
 * URL gives. Anything but PONG is CRITICAL with what was seen; the password is never shown.
 */
public final class RedisPingProbe implements PreflightProbe {

    private final URI url;
    private final Duration timeout;

    public RedisPingProbe(URI url, Duration timeout) {
        this.url = checkNotNull(url, "url");
        this.timeout = checkNotNull(timeout, "timeout");
    }

    @Override
    public String name() {
        return "redis";
    }

    /** The URL without its user information, for messages. */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getPath() == null ? "" : url.getPath());
    }

    @Override
    public ProbeResult check() {
        String where = redacted(url);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("url", where);
        int millis = Math.toIntExact(timeout.toMillis());
        try (Jedis jedis = new Jedis(url, millis, millis)) {
            String reply = jedis.ping();
            figures.put("reply", reply);
            if (!"PONG".equals(reply)) {
                return critical("Redis " + where + " answered " + BackendHealthProbe.excerpt(reply)
                        + " to PING, not PONG", figures);
            }
            return ProbeResult.of(name(), HealthStatus.OK, "Redis " + where + ": PONG", figures);
        } catch (JedisAccessControlException e) {
            return critical("Redis " + where + " refused the credentials: " + BackendHealthProbe.describe(e), figures);
        } catch (JedisConnectionException e) {
            return critical("Redis " + where + ": " + connectionProblem(e), figures);
        } catch (JedisException | IllegalArgumentException e) {
            return critical("Redis " + where + " did not answer PING: " + BackendHealthProbe.describe(e), figures);
        }
    }

    /** The innermost cause says what happened (Connection refused, Read timed out, Unknown reply: ...). */
    private static String connectionProblem(JedisConnectionException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = BackendHealthProbe.describe(root);
        if (message.startsWith("Unknown reply") || message.contains("protocol")) {
            return "answered something that is not Redis (" + message.replaceAll("\\s+", " ") + ")";
        }
        return message;
    }

    private ProbeResult critical(String message, Map<String, Object> figures) {
        return ProbeResult.of(name(), HealthStatus.CRITICAL, message, figures);
    }
}
