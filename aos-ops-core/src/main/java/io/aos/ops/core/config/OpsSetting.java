package io.aos.ops.core.config;

import java.nio.file.Path;

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
    STATE_DIR("AOS_STATE_DIR", "/var/lib/aos", null),
    /** Where the engine's golden traces live ({@code <state>/golden}). */
    GOLDEN_DIR("GOLDEN_DIR", null, "golden"),
    /** The logs of the upstream bash shadow runner ({@code <state>/shadow_24h_*.log}), read when no heartbeat exists. */
    SHADOW_LOG_GLOB("AOS_SHADOW_LOG_GLOB", null, "shadow_24h_*.log"),

    // ---- shadow runs ---------------------------------------------------------------------------------------
    /** Where shadow runs live; the runner's default output is this glob with {@code *} replaced by a timestamp. */
    SHADOW_RUN_GLOB("AOS_SHADOW_GLOB", "/tmp/shadow_simulation_*", null),

    // ---- monitor -------------------------------------------------------------------------------------------
    /** The monitor daemon's log file. */
    MONITOR_LOG("AOS_MONITOR_LOG", null, "shadow_monitor.log"),
    /** The monitor daemon's pid file (pid and process start time). */
    MONITOR_PID_FILE("AOS_MONITOR_PID_FILE", null, "shadow_monitor.pid"),
    /** The JSON file of current alerts the monitor writes. */
    ALERTS_FILE("AOS_ALERTS_FILE", null, "shadow_alerts.json"),
    /** The log the cron check appends its alerts to. */
    CRON_ALERTS_LOG("AOS_CRON_ALERTS_LOG", null, "shadow_cron_alerts.log"),
    /** Where {@code aos-ops cron install} puts its crontab file ({@code aos-ops}); not state. */
    CRON_DIR("AOS_CRON_DIR", "/etc/cron.d", null),
    /** A command the monitor runs on every alert (empty: none). */
    SHADOW_HOOK("SHADOW_HOOK", "", null),
    /** The Prometheus server the debug console queries. */
    PROMETHEUS_URL("PROMETHEUS_URL", "http://localhost:9090", null),
    /**
     * The address the monitor daemon's HTTP port (status page and metrics) binds to: loopback unless opened up, since
     * the page shows run names, paths and alert text to anyone who can reach it.
     */
    MONITOR_BIND("AOS_MONITOR_BIND", "127.0.0.1", null),
    /** Seconds between two checks of the monitor daemon. */
    MONITOR_INTERVAL("AOS_MONITOR_INTERVAL", "300", null),
    /** Heartbeat or log older than this many seconds: WARNING. */
    STALE_WARNING_SECONDS("AOS_STALE_WARNING_SECONDS", "600", null),
    /** Heartbeat or log older than this many seconds: CRITICAL. */
    STALE_CRITICAL_SECONDS("AOS_STALE_CRITICAL_SECONDS", "1800", null),
    /** A filesystem at least this full (percent used): WARNING. */
    DISK_WARNING_PERCENT("AOS_DISK_WARNING_PERCENT", "90", null),
    /** A filesystem at least this full (percent used): CRITICAL. */
    DISK_CRITICAL_PERCENT("AOS_DISK_CRITICAL_PERCENT", "95", null),
    /** A golden directory larger than this many MiB: WARNING. */
    GOLDEN_WARNING_MB("AOS_GOLDEN_WARNING_MB", "1000", null),

    // ---- retention -----------------------------------------------------------------------------------------
    /** The retention commands' log file. */
    RETENTION_LOG("AOS_RETENTION_LOG", null, "golden_retention.log"),
    /** Where retention writes golden-file archives; not state, so {@code AOS_STATE_DIR} does not move it. */
    ARCHIVE_DIR("ARCHIVE_DIR", "/root/archive/golden", null),
    /** Golden files older than this many days are archived and may be cleaned up. */
    RETENTION_DAYS("RETENTION_DAYS", "7", null),

    // ---- reports -------------------------------------------------------------------------------------------
    /**
     * Where the runbook's workflows write reports ({@code m4-shadow-summary.json}, incident bundles): the runbook's
     * {@code /root/reports}. Reports are not state, so {@code AOS_STATE_DIR} does not move them.
     */
    REPORTS_DIR("AOS_REPORTS_DIR", "/root/reports", null),

    // ---- emergency stop ------------------------------------------------------------------------------------
    /** The emergency stop's flag file: while it exists, workflows do not run. */
    EMERGENCY_STOP_FILE("AOS_EMERGENCY_STOP_FILE", null, ".workflow_emergency_stop"),
    /** The emergency stop's append-only audit log. */
    EMERGENCY_AUDIT_LOG("AOS_EMERGENCY_AUDIT_LOG", null, "emergency_stop_audit.log"),
    /** The environment file ({@code WORKFLOW_EMERGENCY_STOP=...}) the emergency stop writes for services started later. */
    EMERGENCY_ENV_FILE("AOS_EMERGENCY_ENV_FILE", null, "emergency_stop.env");

    private final String envVar;
    private final String fixedDefault;
    private final String nameInState;

    /**
     * A setting whose default is {@code fixedDefault}, or, when that is null, the name {@code nameInState} in the
     * state directory. (Strings, not a function per constant: 25 lambdas linked in this enum's initialiser cost every
     * command some 10 ms of start-up.)
     */
    OpsSetting(String envVar, String fixedDefault, String nameInState) {
        this.envVar = envVar;
        this.fixedDefault = fixedDefault;
        this.nameInState = nameInState;
    }

    /** {@return the environment variable that sets this value} */
    public String envVar() {
        return envVar;
    }

    String defaultValue(OpsConfig config) {
        return nameInState == null ? fixedDefault : state(config, nameInState);
    }

    private static String state(OpsConfig config, String name) {
        return config.path(STATE_DIR).resolve(name).toString();
    }

    static Path pathOf(String value) {
        return Path.of(value);
    }
}
