package io.aos.ops.monitor.cron;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The seed's crontab entry (every 15 minutes, the installation's {@code scripts/stress/shadow_cron_check.sh}). */
public final class CrontabLine {

    /** Variables that move what the cron check reads; passed inline because cron starts with an empty environment. */
    private static final String[] CARRIED = {
        "AOS_STATE_DIR", "AOS_SHADOW_GLOB", "AOS_SHADOW_LOG_GLOB", "AOS_CRON_ALERTS_LOG", "GOLDEN_DIR",
        "AOS_STALE_WARNING_SECONDS", "AOS_STALE_CRITICAL_SECONDS", "AOS_DISK_WARNING_PERCENT",
        "AOS_DISK_CRITICAL_PERCENT", "JAVA_HOME"
    };

    private CrontabLine() {
    }

    /** The line for the installation at {@code home}, carrying the variables set in {@code environment}. */
    public static String forInstallation(Path home, Map<String, String> environment) {
        checkNotNull(home, "home");
        Map<String, String> carried = new TreeMap<>();
        for (String name : CARRIED) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                carried.put(name, value);
            }
        }
        StringBuilder line = new StringBuilder("*/15 * * * * ");
        carried.forEach((k, v) -> line.append(k).append('=').append(shellQuote(v)).append(' '));
        line.append(shellQuote(home.resolve("scripts/stress/shadow_cron_check.sh").toString()));
        return line.toString();
    }

    private static String shellQuote(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
