package io.aos.ops.core.process;

/** What a process lookup found. Only {@link #RUNNING} counts as alive. */
public enum ProcessState {
    /** The process exists, is not a zombie, and (when a start time was recorded) started when it was recorded to. */
    RUNNING,
    /** No process has that PID. */
    NOT_RUNNING,
    /** A process has that PID but it started at another time (or it is the caller's own tree): the PID was reused. */
    RECYCLED,
    /** The process has exited and waits for its parent to reap it. */
    ZOMBIE;

    public boolean isAlive() {
        return this == RUNNING;
    }
}
