package io.aos.ops.monitor.alert;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert: a condition started, changed or cleared.
 *
 * @param timestamp {@code date -Iseconds} of the check that saw it
 * @param level     the probe's status now (OK for a cleared condition)
 * @param probe     the probe that saw it
 * @param event     raised, changed or cleared
 * @param message   the probe's message now
 */
public record Alert(String timestamp, HealthStatus level, String probe, Event event, String message) {

    /** What happened to the condition. */
    public enum Event {
        RAISED, CHANGED, CLEARED;

        public String json() {
            return name().toLowerCase();
        }
    }

    public Alert {
        checkNotNull(timestamp, "timestamp");
        checkNotNull(level, "level");
        checkNotNull(probe, "probe");
        checkNotNull(event, "event");
        checkNotNull(message, "message");
    }

    /** {@code [ts] ALERT[CRITICAL]: message}, or {@code [ts] CLEARED[probe]: message} (upstream's alert line shape). */
    public String logLine() {
        if (event == Event.CLEARED) {
            return "[" + timestamp + "] CLEARED[" + probe + "]: " + message;
        }
        return "[" + timestamp + "] ALERT[" + level + "]: " + message;
    }

    /** The JSON object of the alerts file: upstream's {@code timestamp}, {@code level}, {@code message}, plus more. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp);
        json.put("level", level.name());
        json.put("message", message);
        json.put("probe", probe);
        json.put("event", event.json());
        return json;
    }
}
