package io.aos.ops.monitor.health;

import io.aos.ops.core.health.HealthStatus;

/**
 * The one word at the start of the status line. It names the check's worst status, so the word and the exit code
 * agree: HEALTHY, COMPLETED and DEGRADED exit 0 (Nagios 0, or 1 for DEGRADED), UNKNOWN 2 (Nagios 3), CRITICAL 1
 * (Nagios 2).
 */
public enum Verdict {
    /** Every probe is OK and the run is going. */
    HEALTHY,
    /** The run ended cleanly: no probe critical or unknown (a warning may remain). */
    COMPLETED,
    /** Something deserves a look: a WARNING, nothing unknown or critical. */
    DEGRADED,
    /** A probe could not tell (a PID not proven to be the run, an unreadable disk or golden dir); none critical. */
    UNKNOWN,
    /** At least one probe is CRITICAL: dead process, mismatches, stale for 30 min, disk 95 % full. */
    CRITICAL;

    /**
     * The verdict of a check whose worst probe status is {@code worst}.
     *
     * @param worst     the worst probe status
     * @param completed whether the run ended cleanly
     * @return CRITICAL or UNKNOWN as the worst status says, else COMPLETED for an ended run, else DEGRADED on a
     *         warning, else HEALTHY
     */
    public static Verdict of(HealthStatus worst, boolean completed) {
        return switch (worst) {
            case CRITICAL -> CRITICAL;
            case UNKNOWN -> UNKNOWN;
            case WARNING -> completed ? COMPLETED : DEGRADED;
            case OK -> completed ? COMPLETED : HEALTHY;
        };
    }
}
