package io.aos.ops.golden.shadow.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a shadow workflow: which skill to call and with what input.
 *
 * @param stepId  a name for the step within its workflow, e.g. {@code s1}
 * @param skillId the registered skill, e.g. {@code compute_hash}; it is also the prefix of the step hash
 * @param input   the skill's input, fixed for the workflow
 */
public record WorkflowStep(String stepId, String skillId, JsonNode input) {

    public WorkflowStep {
        checkNotNull(stepId, "stepId");
        checkArgument(skillId != null && !skillId.isBlank(), "a step needs a skill id, got '%s'", skillId);
        checkNotNull(input, "input");
        input = input.deepCopy();
    }

    @Override
    public JsonNode input() {
        return input.deepCopy();
    }
}
