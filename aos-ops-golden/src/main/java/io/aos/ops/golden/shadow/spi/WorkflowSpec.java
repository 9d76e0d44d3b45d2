package io.aos.ops.golden.shadow.spi;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * A shadow workflow: a named, fixed list of steps. The runner chooses a type and a base seed per run; the step seeds
 * derive from the base seed and the step index, so a type and a seed fully determine the run.
 *
 * @param type  the workflow type written into golden files, e.g. {@code compute}
 * @param steps the steps in order; at least one
 */
public record WorkflowSpec(String type, List<WorkflowStep> steps) {

    public WorkflowSpec {
        checkArgument(type != null && !type.isBlank(), "a workflow needs a type, got '%s'", type);
        steps = List.copyOf(steps);
        checkArgument(!steps.isEmpty(), "workflow %s has no steps", type);
    }
}
