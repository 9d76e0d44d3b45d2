package io.aos.ops.core.process;

/** What a process lookup found. Only {@link #RUNNING} counts as alive, and only a RUNNING process may be signalled. */
public enum ProcessState {
    /** The process exists, is not a zombie, and (when a start time was recorded) started when it was recorded to. */
    RUNNING,
    /** No process has that PID. */
    NOT_RUNNING,
    /** A process has that PID but it started at another time (or it is the caller's own tree): the PID was reused. */
    RECYCLED,
    /** The process has exited and waits for its parent to reap it. */
    ZOMBIE,
    /**
     * A live process has that PID, but nothing proves it is the one meant: no start time was recorded (a PID-only
     * file, or a damaged start-time line), or its command line is not the expected one (or cannot be read). It is
     * neither reported as running nor ever signalled.
     */
    UNPROVEN;

    /** {@return whether this counts as alive: {@link #RUNNING} only} */
    public boolean isAlive() {
        return this == RUNNING;
    }
}
