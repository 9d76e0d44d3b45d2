package io.aos.ops.monitor.alert;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a stream of health reports into alerts: one when a probe's condition starts, one when it changes (another
 * level, or another condition such as a new mismatch count) and one when it clears, never one per tick while it lasts.
 * Upstream's daemon re-alerted on every check, and its log grep re-alerted forever on one old error.
 */
public final class AlertTracker {

    private final Map<String, ProbeResult> last = new HashMap<>();

    /** The alerts that {@code report} causes, given the reports before it. */
    public List<Alert> update(HealthReport report) {
        List<Alert> alerts = new ArrayList<>();
        for (ProbeResult now : report.results()) {
            ProbeResult before = last.put(now.probe(), now);
            boolean wasOk = before == null || before.isOk();
            if (now.isOk()) {
                if (!wasOk) {
                    alerts.add(new Alert(report.timestamp(), HealthStatus.OK, now.probe(), Alert.Event.CLEARED,
                            now.message()));
                }
                continue;
            }
            if (wasOk) {
                alerts.add(new Alert(report.timestamp(), now.status(), now.probe(), Alert.Event.RAISED, now.message()));
            } else if (before.status() != now.status() || !before.condition().equals(now.condition())) {
                alerts.add(new Alert(report.timestamp(), now.status(), now.probe(), Alert.Event.CHANGED,
                        now.message()));
            }
        }
        return alerts;
    }
}
