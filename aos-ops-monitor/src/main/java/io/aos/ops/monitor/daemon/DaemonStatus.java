package io.aos.ops.monitor.daemon;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's state, its log and its recent alerts.
 *
 * @param state        RUNNING, DEAD (stale PID file), NOT_PROVEN, UNKNOWN (unreadable PID file) or NOT_RUNNING
 * @param pid          the daemon's PID (from its lock, else the PID file), if any
 * @param detail       for NOT_PROVEN and UNKNOWN, what was found, in one sentence; for RUNNING, what the PID file
 *                     says when it does not name the daemon that holds the lock
 * @param log          the monitor log
 * @param logBytes     its size, 0 if missing
 * @param lastEntries  its last lines
 * @param alertsFile   the alerts file
 * @param alertCount   alerts in it
 * @param recentAlerts its last lines
 */
public record DaemonStatus(DaemonState state, Optional<Long> pid, Optional<String> detail, Path log, long logBytes, List<String> lastEntries,
                           Path alertsFile, long alertCount, List<String> recentAlerts) {

    public DaemonStatus {
        lastEntries = List.copyOf(lastEntries);
        recentAlerts = List.copyOf(recentAlerts);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state.name());
        json.put("pid", pid.orElse(null));
        json.put("detail", detail.orElse(null));
        json.put("log", log.toString());
        json.put("log_bytes", logBytes);
        json.put("last_entries", lastEntries);
        json.put("alerts_file", alertsFile.toString());
        json.put("alerts", alertCount);
        json.put("recent_alerts", recentAlerts);
        return json;
    }
}
