package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one probe found.
 *
 * @param probe     the probe's name ({@code process}, {@code freshness}, {@code mismatches}, {@code disk}, {@code golden})
 * @param status    OK, WARNING, CRITICAL or UNKNOWN
 * @param message   one sentence for the operator, naming the cause
 * @param figures   the numbers behind it (for {@code --json} and metrics), in a stable order
 * @param condition a stable key of the condition: an alert is raised when it changes, not when a figure that does not
 *                  change the condition (such as a growing age) does
 */
public record ProbeResult(String probe, HealthStatus status, String message, Map<String, Object> figures,
                          String condition) {

    public ProbeResult {
        checkNotNull(probe, "probe");
        checkNotNull(status, "status");
        checkNotNull(message, "message");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        checkNotNull(condition, "condition");
    }

    public static ProbeResult of(String probe, HealthStatus status, String message, Map<String, Object> figures) {
        return new ProbeResult(probe, status, message, figures, status.name());
    }

    /** A copy with another condition key. */
    public ProbeResult withCondition(String newCondition) {
        return new ProbeResult(probe, status, message, figures, newCondition);
    }

    public boolean isOk() {
        return status == HealthStatus.OK;
    }

    /** The {@code checks} object of a report's JSON: each probe's status, message and figures, under its name. */
    public static Map<String, Object> checksJson(List<ProbeResult> results) {
        Map<String, Object> checks = new LinkedHashMap<>();
        for (ProbeResult r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("status", r.status().name());
            check.put("message", r.message());
            check.putAll(r.figures());
            checks.put(r.probe(), check);
        }
        return checks;
    }
}
