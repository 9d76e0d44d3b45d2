package com.example.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.golden.format.GoldenRecorder;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A stand-in for a service's workflow engine: three steps, each recorded into an engine trace with
 * {@link GoldenRecorder}, and the emergency stop checked before every step.
 */
final class CheckoutWorkflow {

    static final List<String> SKILLS = List.of("load_cart", "price_cart", "reserve_stock");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EmergencyStop emergencyStop;
    private final UnaryOperator<ObjectNode> stepOutput;

    /**
     * @param emergencyStop checked before every step
     * @param stepOutput    lets a test change what a step returns (to make a replay diverge)
     */
    CheckoutWorkflow(EmergencyStop emergencyStop, UnaryOperator<ObjectNode> stepOutput) {
        this.emergencyStop = emergencyStop;
        this.stepOutput = stepOutput;
    }

    /** Runs the workflow once and returns the signed trace {@code <dir>/<runId>.steps.jsonl}. */
    Path run(Path dir, String runId, long seed, byte[] secret, Clock clock) throws IOException {
        ObjectNode spec = JSON.objectNode().put("id", "checkout").put("name", "Checkout").put("version", "2.1.0");
        SKILLS.forEach(skill -> spec.withArray("steps").addObject().put("skill", skill));
        BigInteger baseSeed = BigInteger.valueOf(seed);
        try (GoldenRecorder recorder = GoldenRecorder.open(dir, runId, secret, clock)) {
            recorder.recordRunStart(spec, baseSeed, false, null);
            for (int i = 0; i < SKILLS.size(); i++) {
                emergencyStop.check();  // throws EmergencyStopEngagedException while the stop is engaged
                BigInteger stepSeed = GoldenHashes.stepSeed(baseSeed, i);
                ObjectNode inputs = JSON.objectNode().put("cart", "cart-42");
                JsonNode result = execute(i, stepSeed);
                recorder.recordStep(i, "s" + i, SKILLS.get(i), inputs, stepSeed, true, result, null, null);
            }
            recorder.recordRunEnd("completed");
            return recorder.file();
        }
    }

    /** What the step returns: a {@code StepResult} dictionary whose output depends only on the step's seed. */
    private JsonNode execute(int index, BigInteger stepSeed) {
        ObjectNode output = JSON.objectNode()
                .put("items", 3)
                .put("total_cents", 1000 + stepSeed.mod(BigInteger.valueOf(500)).intValue());
        return JSON.objectNode()
                .put("step_id", "s" + index)
                .put("success", true)
                .put("duration_ms", 4)
                .set("output", index == 1 ? stepOutput.apply(output) : output);
    }
}
