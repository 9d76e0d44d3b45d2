package io.aos.ops.monitor.health;

/** The one word at the start of the status line. */
public enum Verdict {
    /** Every probe is OK and the run is going. */
    HEALTHY,
    /** The run ended cleanly (no probe critical). */
    COMPLETED,
    /** Something deserves a look: a WARNING or an UNKNOWN, nothing critical. */
    DEGRADED,
    /** At least one probe is CRITICAL: dead process, mismatches, stale for 30 min, disk 95 % full. */
    CRITICAL
}
