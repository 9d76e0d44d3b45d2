package io.aos.ops.golden.shadow;

import java.util.List;

/**
 * What one workflow run did: the run's identity, its steps and hashes, and how it ended.
 *
 * @param runId        {@code primary-w<i>-<hex8>} or {@code shadow-<hex8>}
 * @param type         the workflow type
 * @param seed         the base seed
 * @param replay       true for a shadow replay
 * @param steps        the steps that ran (fewer than the workflow's when it failed or was stopped)
 * @param workflowHash {@code sha256(":".join(step_hashes))}; "" if the run did not complete
 * @param durationMs   wall-clock duration (volatile, never hashed)
 * @param status       how it ended
 * @param error        why it failed; null if it did not
 */
public record WorkflowRun(String runId, String type, long seed, boolean replay, List<StepRecord> steps,
                          String workflowHash, long durationMs, RunStatus status, String error) {

    public WorkflowRun {
        steps = List.copyOf(steps);
    }

    public List<String> stepHashes() {
        return steps.stream().map(StepRecord::stepHash).toList();
    }

    public boolean completed() {
        return status == RunStatus.COMPLETED;
    }
}
