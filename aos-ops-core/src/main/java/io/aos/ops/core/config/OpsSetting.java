package io.aos.ops.core.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Every configurable path and value of the suite, with the environment variable that sets it and its default.
 *
 * <p>Precedence is always: command-line flag, then environment variable, then default. Defaults that live under
 * {@code /var/lib/aos} derive from {@link #STATE_DIR}, so {@code AOS_STATE_DIR} moves all state at once.
 * The archive directory and the shadow-run glob are not state and keep the runbook's defaults unless set.
 */
public enum OpsSetting {
    // ---- state directory and what lives in it -------------------------------------------------------------
    /** The state directory ({@code /var/lib/aos}); the other state paths default to names inside it. */
    STATE_DIR("AOS_STATE_DIR", c -> "/var/lib/aos"),
    /** Where the engine's golden traces live ({@code <state>/golden}). */
    GOLDEN_DIR("GOLDEN_DIR", c -> state(c, "golden")),
    /** The logs of the upstream bash shadow runner ({@code <state>/shadow_24h_*.log}), read when no heartbeat exists. */
    SHADOW_LOG_GLOB("AOS_SHADOW_LOG_GLOB", c -> state(c, "shadow_24h_*.log")),

    // ---- shadow runs ---------------------------------------------------------------------------------------
    /** Where shadow runs live; the runner's default output is this glob with {@code *} replaced by a timestamp. */
    SHADOW_RUN_GLOB("AOS_SHADOW_GLOB", c -> "/tmp/shadow_simulation_*"),

    // ---- monitor -------------------------------------------------------------------------------------------
    /** The monitor daemon's log file. */
    MONITOR_LOG("AOS_MONITOR_LOG", c -> state(c, "shadow_monitor.log")),
    /** The monitor daemon's pid file (pid and process start time). */
    MONITOR_PID_FILE("AOS_MONITOR_PID_FILE", c -> state(c, "shadow_monitor.pid")),
    /** The JSON file of current alerts the monitor writes. */
    ALERTS_FILE("AOS_ALERTS_FILE", c -> state(c, "shadow_alerts.json")),
    /** The log the cron check appends its alerts to. */
    CRON_ALERTS_LOG("AOS_CRON_ALERTS_LOG", c -> state(c, "shadow_cron_alerts.log")),
    /** Where {@code aos-ops cron install} puts its crontab file ({@code aos-ops}); not state. */
    CRON_DIR("AOS_CRON_DIR", c -> "/etc/cron.d"),
    /** A command the monitor runs on every alert (empty: none). */
    SHADOW_HOOK("SHADOW_HOOK", c -> ""),
    /** The Prometheus server the debug console queries. */
    PROMETHEUS_URL("PROMETHEUS_URL", c -> "http://localhost:9090"),
    /**
     * The address the monitor daemon's HTTP port (status page and metrics) binds to: loopback unless opened up, since
     * the page shows run names, paths and alert text to anyone who can reach it.
     */
    MONITOR_BIND("AOS_MONITOR_BIND", c -> "127.0.0.1"),
    /** Seconds between two checks of the monitor daemon. */
    MONITOR_INTERVAL("AOS_MONITOR_INTERVAL", c -> "300"),
    /** Heartbeat or log older than this many seconds: WARNING. */
    STALE_WARNING_SECONDS("AOS_STALE_WARNING_SECONDS", c -> "600"),
    /** Heartbeat or log older than this many seconds: CRITICAL. */
    STALE_CRITICAL_SECONDS("AOS_STALE_CRITICAL_SECONDS", c -> "1800"),
    /** A filesystem at least this full (percent used): WARNING. */
    DISK_WARNING_PERCENT("AOS_DISK_WARNING_PERCENT", c -> "90"),
    /** A filesystem at least this full (percent used): CRITICAL. */
    DISK_CRITICAL_PERCENT("AOS_DISK_CRITICAL_PERCENT", c -> "95"),
    /** A golden directory larger than this many MiB: WARNING. */
    GOLDEN_WARNING_MB("AOS_GOLDEN_WARNING_MB", c -> "1000"),

    // ---- retention -----------------------------------------------------------------------------------------
    /** The retention commands' log file. */
    RETENTION_LOG("AOS_RETENTION_LOG", c -> state(c, "golden_retention.log")),
    /** Where retention writes golden-file archives; not state, so {@code AOS_STATE_DIR} does not move it. */
    ARCHIVE_DIR("ARCHIVE_DIR", c -> "/root/archive/golden"),
    /** Golden files older than this many days are archived and may be cleaned up. */
    RETENTION_DAYS("RETENTION_DAYS", c -> "7"),

    // ---- reports -------------------------------------------------------------------------------------------
    /**
     * Where the runbook's workflows write reports ({@code m4-shadow-summary.json}, incident bundles): the runbook's
     * {@code /root/reports}. Reports are not state, so {@code AOS_STATE_DIR} does not move them.
     */
    REPORTS_DIR("AOS_REPORTS_DIR", c -> "/root/reports"),

    // ---- emergency stop ------------------------------------------------------------------------------------
    /** The emergency stop's flag file: while it exists, workflows do not run. */
    EMERGENCY_STOP_FILE("AOS_EMERGENCY_STOP_FILE", c -> state(c, ".workflow_emergency_stop")),
    /** The emergency stop's append-only audit log. */
    EMERGENCY_AUDIT_LOG("AOS_EMERGENCY_AUDIT_LOG", c -> state(c, "emergency_stop_audit.log")),
    /** The environment file ({@code WORKFLOW_EMERGENCY_STOP=...}) the emergency stop writes for services started later. */
    EMERGENCY_ENV_FILE("AOS_EMERGENCY_ENV_FILE", c -> state(c, "emergency_stop.env"));

    private final String envVar;
    private final Function<OpsConfig, String> defaultValue;

    OpsSetting(String envVar, Function<OpsConfig, String> defaultValue) {
        this.envVar = envVar;
        this.defaultValue = defaultValue;
    }

    /** {@return the environment variable that sets this value} */
    public String envVar() {
        return envVar;
    }

    String defaultValue(OpsConfig config) {
        return defaultValue.apply(config);
    }

    private static String state(OpsConfig config, String name) {
        return config.path(STATE_DIR).resolve(name).toString();
    }

    static Path pathOf(String value) {
        return Path.of(value);
    }
}
