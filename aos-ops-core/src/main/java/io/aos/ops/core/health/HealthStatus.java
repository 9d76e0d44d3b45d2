package io.aos.ops.core.health;

/**
 * The health of something checked, in the Monitoring Plugins order: OK &lt; WARNING &lt; CRITICAL, with UNKNOWN for
 * "could not tell". When results are combined the worst wins; UNKNOWN ranks between WARNING and CRITICAL, so a
 * probe that cannot read its input never hides a real CRITICAL and is never mistaken for OK.
 */
public enum HealthStatus {
    /** All well. */
    OK(0, 0),
    /** Needs attention soon; nothing has failed yet. */
    WARNING(1, 1),
    /** Could not tell: the input could not be read or the check could not run. */
    UNKNOWN(3, 2),
    /** Failed: what the seed calls a failure (a mismatch, a dead process, a full disk). */
    CRITICAL(2, 3);

    private final int nagiosCode;
    private final int severity;

    HealthStatus(int nagiosCode, int severity) {
        this.nagiosCode = nagiosCode;
        this.severity = severity;
    }

    /** {@return the Monitoring Plugins exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN} */
    public int nagiosCode() {
        return nagiosCode;
    }

    /**
     * The worse of the two, by the order OK &lt; WARNING &lt; UNKNOWN &lt; CRITICAL.
     *
     * @param other the other status
     * @return this or {@code other}
     */
    public HealthStatus worst(HealthStatus other) {
        return other.severity > severity ? other : this;
    }

    /**
     * The worst of all.
     *
     * @param statuses the statuses to combine
     * @return the worst, or OK when there are none
     */
    public static HealthStatus worstOf(Iterable<HealthStatus> statuses) {
        HealthStatus result = OK;
        for (HealthStatus status : statuses) {
            result = result.worst(status);
        }
        return result;
    }
}
