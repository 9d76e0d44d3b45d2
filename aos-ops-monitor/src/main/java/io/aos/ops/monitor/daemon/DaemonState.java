package io.aos.ops.monitor.daemon;

/** What {@code monitor status} reports about the daemon. */
public enum DaemonState {
    /** The PID file names a live daemon. */
    RUNNING,
    /** The PID file names a process that is gone (or a reused PID): a stale PID file. */
    DEAD,
    /** There is no PID file. */
    NOT_RUNNING
}
