package io.aos.ops.monitor.discovery;

/** Where the run's process id came from. */
public enum ProcessSource {
    /** {@code status.json}: PID and recorded start time. */
    STATUS_JSON,
    /** {@code shadow.pid}: PID, with the start time when recorded. */
    PID_FILE,
    /** A command-line match for upstream's bash runner, outside the monitor's own process tree. */
    COMMAND_LINE,
    /** No source names a process. */
    NONE
}
