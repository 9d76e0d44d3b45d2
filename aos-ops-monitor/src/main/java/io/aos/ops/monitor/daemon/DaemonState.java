package io.aos.ops.monitor.daemon;

/** What {@code monitor status} reports about the daemon. */
public enum DaemonState {
    /**
     * A live daemon holds the daemon lock, or (a daemon holding none) the PID file names one: its recorded start time
     * and its command line match.
     */
    RUNNING,
    /** The PID file names a process that is gone (or a reused PID with another start time): a stale PID file. */
    DEAD,
    /**
     * The PID file names a live process that is not proven to be the daemon: no start time recorded (upstream's
     * PID-only format, a damaged line) or a command line that is not the daemon's. It is never signalled.
     */
    NOT_PROVEN,
    /**
     * The PID file exists but cannot be read (not a PID, not a regular file, too large), the daemon lock cannot be
     * checked, or it is held by a process not proven to be the daemon: nothing is known.
     */
    UNKNOWN,
    /** There is no PID file. */
    NOT_RUNNING
}
