package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * One executed step.
 *
 * @param index    0-based step index
 * @param stepId   the step's name in its workflow
 * @param skillId  the skill called
 * @param input    the step's declared input
 * @param seed     the derived step seed
 * @param output   the skill's output (what the step hash covers)
 * @param stepHash {@code <skill>:<16 hex>}, as in the golden file's {@code step_hashes}
 */
public record StepRecord(int index, String stepId, String skillId, JsonNode input, BigInteger seed, JsonNode output,
                         String stepHash) {
}
