package io.aos.ops.core.emergency;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Thrown by {@link EmergencyStop#check()} when workflows must not run. Unchecked, so an engine can let it travel up
 * from the step loop to where the run is ended as {@code emergency_stopped}. Not retryable: wait for the stop to be
 * lifted.
 */
public final class EmergencyStopEngagedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient EmergencyStopStatus status;

    public EmergencyStopEngagedException(EmergencyStopStatus status) {
        super(checkNotNull(status, "status").describe());
        this.status = status;
    }

    /** The state that stopped the engine: who, when, why, or why the flag could not be read. */
    public EmergencyStopStatus status() {
        return status;
    }
}
