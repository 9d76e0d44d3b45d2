package io.aos.ops.monitor.cron;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runbook's crontab entry: every 15 minutes, this installation's {@code scripts/stress/shadow_cron_check.sh}, with
 * variables that move what the check reads. One home for the entry: {@code cron-check --print-crontab} prints it as a
 * user-crontab line, {@link CronInstallation} writes it as a file in {@code /etc/cron.d}.
 *
 * <p>Two layers of quoting meet in a crontab command: cron's own (a bare {@code %} ends the command and turns the rest
 * into stdin; {@code \%} is a literal {@code %}), then {@code /bin/sh}'s. Every {@code %} is therefore put outside the
 * shell's single quotes as {@code "%"} and then escaped for cron as {@code "\%"}: the shell never sees a backslash in
 * front of a {@code %}, which cron could not express.
 */
public final class CrontabLine {

    /** Every 15 minutes, as the runbook's entry. */
    public static final String SCHEDULE = "*/15 * * * *";

    /** Variables that move what the cron check reads; carried because cron starts with an empty environment. */
    static final List<String> CARRIED = List.of(
            "AOS_STATE_DIR", "AOS_SHADOW_GLOB", "AOS_SHADOW_LOG_GLOB", "AOS_CRON_ALERTS_LOG", "GOLDEN_DIR",
            "AOS_STALE_WARNING_SECONDS", "AOS_STALE_CRITICAL_SECONDS", "AOS_DISK_WARNING_PERCENT",
            "AOS_DISK_CRITICAL_PERCENT", "JAVA_HOME");

    private CrontabLine() {
    }

    /** The user-crontab line for the installation at {@code home}, carrying the variables set in {@code environment}. */
    public static String forInstallation(Path home, Map<String, String> environment) {
        checkNotNull(home, "home");
        StringBuilder line = new StringBuilder(SCHEDULE).append(' ');
        carried(environment).forEach((k, v) -> line.append(k).append('=').append(shellWord(v)).append(' '));
        line.append(shellWord(launcher(home).toString()));
        return escapePercent(line.toString());
    }

    /**
     * The carried variables that {@code config} sets, by flag (e.g. {@code --state-dir}) or environment, sorted by
     * name; a value on more than one line is a usage error (no crontab can hold it).
     */
    public static Map<String, String> carried(OpsConfig config) {
        checkNotNull(config, "config");
        Map<String, String> values = new TreeMap<>(config.environment());
        for (OpsSetting setting : OpsSetting.values()) {
            if (CARRIED.contains(setting.envVar()) && config.sourceOf(setting) == OpsConfig.Source.FLAG) {
                values.put(setting.envVar(), config.get(setting));
            }
        }
        return carried(values);
    }

    static Map<String, String> carried(Map<String, String> environment) {
        Map<String, String> carried = new TreeMap<>();
        for (String name : CARRIED) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                checkOneLine(name, value);
                carried.put(name, value);
            }
        }
        return carried;
    }

    /** The installation's cron-check launcher, the runbook's {@code scripts/stress/shadow_cron_check.sh}. */
    public static Path launcher(Path home) {
        checkNotNull(home, "home");
        return home.resolve("scripts/stress/shadow_cron_check.sh");
    }

    /** The command field of an entry that runs the launcher of {@code home}: shell-quoted, '%' escaped for cron. */
    static String command(Path home) {
        String launcher = launcher(home).toString();
        checkOneLine("the installation path", launcher);
        return escapePercent(shellWord(launcher));
    }

    /** {@code value} as one /bin/sh word; every '%' outside single quotes, as {@code "%"}. */
    static String shellWord(String value) {
        if (value.matches("[A-Za-z0-9_./:@+=,-]+")) {
            return value;
        }
        StringBuilder word = new StringBuilder();
        String[] segments = value.split("%", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                word.append("\"%\"");
            }
            if (!segments[i].isEmpty() || segments.length == 1) {
                word.append('\'').append(segments[i].replace("'", "'\\''")).append('\'');
            }
        }
        return word.toString();
    }

    /** cron's escape: a '%' that is to reach the shell is written {@code \%}. */
    static String escapePercent(String command) {
        return command.replace("%", "\\%");
    }

    static void checkOneLine(String name, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new BadConfigurationException(name + " holds a line break or NUL ('" + value.replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\0", "\\0") + "'); a crontab entry cannot carry it");
        }
    }
}
