package io.aos.ops.monitor.finish;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What one step of {@link ShadowFinish} did.
 *
 * @param step   the step
 * @param result what came of it
 * @param detail what it did or found, in one sentence naming the files and processes involved
 */
public record StepOutcome(FinishStep step, Result result, String detail) {

    /** What came of a step. */
    public enum Result {
        /** It did its work now. */
        DONE,
        /** A finish before this one did it, and what it did still holds (re-checked, not taken on trust). */
        ALREADY_DONE,
        /** It did not start: the run is not ready or an input is not what the step needs. Nothing was changed. */
        REFUSED,
        /** It failed; the steps after it did not run. Re-running the finish resumes here. */
        FAILED
    }

    public StepOutcome {
        checkNotNull(step, "step");
        checkNotNull(result, "result");
        checkNotNull(detail, "detail");
    }
}
