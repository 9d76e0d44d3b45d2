package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkArgument;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.time.Duration;

/**
 * The levels at which probes warn and go critical. Defaults are the runbook's: heartbeat or log older than 10 min
 * WARNING, 30 min CRITICAL; a filesystem 90 % full WARNING, 95 % CRITICAL; a golden directory over 1000 MiB WARNING.
 *
 * @param staleWarning        heartbeat age for WARNING (strictly greater)
 * @param staleCritical       heartbeat age for CRITICAL (strictly greater)
 * @param diskWarningPercent  percent used for WARNING (at least)
 * @param diskCriticalPercent percent used for CRITICAL (at least)
 * @param goldenWarningBytes  golden directory size for WARNING (strictly greater)
 */
public record Thresholds(Duration staleWarning, Duration staleCritical, int diskWarningPercent,
                         int diskCriticalPercent, long goldenWarningBytes) {

    public Thresholds {
        checkArgument(!staleWarning.isNegative() && staleWarning.compareTo(staleCritical) <= 0,
                "the stale WARNING age (%s) must be between 0 and the CRITICAL age (%s)", staleWarning, staleCritical);
        checkArgument(0 <= diskWarningPercent && diskWarningPercent <= diskCriticalPercent && diskCriticalPercent <= 100,
                "disk thresholds must be 0 <= WARNING (%s) <= CRITICAL (%s) <= 100", diskWarningPercent,
                diskCriticalPercent);
        checkArgument(goldenWarningBytes >= 0, "golden size threshold must not be negative: %s", goldenWarningBytes);
    }

    /** The runbook's thresholds. */
    public static Thresholds defaults() {
        return new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 90, 95, 1000L << 20);
    }

    /** Thresholds from flags, environment ({@code AOS_STALE_WARNING_SECONDS} ...) or defaults. */
    public static Thresholds from(OpsConfig config) {
        try {
            return new Thresholds(
                    Duration.ofSeconds(config.intValue(OpsSetting.STALE_WARNING_SECONDS)),
                    Duration.ofSeconds(config.intValue(OpsSetting.STALE_CRITICAL_SECONDS)),
                    config.intValue(OpsSetting.DISK_WARNING_PERCENT),
                    config.intValue(OpsSetting.DISK_CRITICAL_PERCENT),
                    (long) config.intValue(OpsSetting.GOLDEN_WARNING_MB) << 20);
        } catch (IllegalArgumentException e) {
            throw new BadConfigurationException(e.getMessage());
        }
    }
}
