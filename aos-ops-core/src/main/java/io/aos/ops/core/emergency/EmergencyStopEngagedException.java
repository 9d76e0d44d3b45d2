package io.aos.ops.core.emergency;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Thrown by {@link EmergencyStop#check()} when workflows must not run. Unchecked, so an engine can let it travel up
 * from the step loop to where the run is ended as {@code emergency_stopped}. Not retryable: wait for the stop to be
 * lifted. Immutable, so safe to share between threads.
 */
public final class EmergencyStopEngagedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient EmergencyStopStatus status;

    /**
     * An exception whose message is {@code status.describe()}.
     *
     * @param status the state that stops workflows
     * @throws NullPointerException if {@code status} is null
     */
    public EmergencyStopEngagedException(EmergencyStopStatus status) {
        super(checkNotNull(status, "status").describe());
        this.status = status;
    }

    /**
     * The state that stopped the engine.
     *
     * @return who stopped workflows, when and why, or why the flag could not be checked; null only on an instance
     *     that was deserialized, as the status is not serialized
     */
    public EmergencyStopStatus status() {
        return status;
    }
}
