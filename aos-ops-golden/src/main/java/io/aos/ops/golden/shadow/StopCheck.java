package io.aos.ops.golden.shadow;

/**
 * The emergency stop as the runner sees it: checked before every step, so it must be cheap. The CLI wires the
 * suite's emergency stop (flag file and {@code WORKFLOW_EMERGENCY_STOP}); a service may pass its own.
 */
@FunctionalInterface
public interface StopCheck {

    /** A check that is never engaged. */
    StopCheck NEVER = () -> false;

    /** True while workflow execution must halt. */
    boolean isEngaged();
}
