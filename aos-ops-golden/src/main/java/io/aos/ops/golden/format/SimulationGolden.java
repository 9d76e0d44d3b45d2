package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.hash.GoldenHashes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a simulation golden (format B), in the Python runner's dataclass field order: {@code run_id,
 * workflow_type, seed, step_hashes, workflow_hash, duration_ms, success, error}.
 *
 * @param runId        {@code primary-w<worker>-<hex8>} upstream
 * @param workflowType {@code compute}, {@code io}, {@code llm}, ...
 * @param seed         the workflow's base seed
 * @param stepHashes   {@code "<skill>:<16 hex>"} per step
 * @param workflowHash full SHA-256 hex of the step hashes joined with {@code ":"}
 * @param durationMs   wall clock (volatile, never hashed)
 * @param success      whether the run succeeded (upstream only writes successful runs)
 * @param error        the exception text of a failed run, or null
 */
public record SimulationGolden(String runId, String workflowType, BigInteger seed, List<String> stepHashes,
                               String workflowHash, long durationMs, boolean success, String error) {

    /**
     * Checks the components and copies the step hashes.
     *
     * @throws NullPointerException if {@code runId}, {@code workflowType}, {@code seed}, {@code stepHashes} or
     *         {@code workflowHash} is null
     */
    public SimulationGolden {
        checkNotNull(runId, "run_id");
        checkNotNull(workflowType, "workflow_type");
        checkNotNull(seed, "seed");
        stepHashes = List.copyOf(stepHashes);
        checkNotNull(workflowHash, "workflow_hash");
    }

    /**
     * A golden for these step hashes with its workflow hash computed.
     *
     * @param runId        the run id
     * @param workflowType the workflow type
     * @param seed         the base seed
     * @param stepHashes   {@code "<skill>:<16 hex>"} per step
     * @param durationMs   wall clock
     * @param success      whether the run succeeded
     * @param error        the exception text of a failed run, or null
     * @return the golden
     */
    public static SimulationGolden of(String runId, String workflowType, BigInteger seed, List<String> stepHashes,
                                      long durationMs, boolean success, String error) {
        return new SimulationGolden(runId, workflowType, seed, stepHashes, GoldenHashes.workflowHash(stepHashes),
                durationMs, success, error);
    }

    /**
     * The golden as a JSON object with fields in dataclass order.
     *
     * @return a new object
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("run_id", runId);
        o.put("workflow_type", workflowType);
        o.put("seed", seed);
        ArrayNode hashes = o.putArray("step_hashes");
        stepHashes.forEach(hashes::add);
        o.put("workflow_hash", workflowHash);
        o.put("duration_ms", durationMs);
        o.put("success", success);
        if (error == null) {
            o.putNull("error");
        } else {
            o.put("error", error);
        }
        return o;
    }

    /**
     * Reads the known fields of a golden object (unknown fields are ignored here; the reader keeps them).
     *
     * @param o a golden object as read
     * @return the golden; missing fields are empty, zero or false
     */
    public static SimulationGolden fromJson(JsonNode o) {
        List<String> hashes = new ArrayList<>();
        o.path("step_hashes").forEach(h -> hashes.add(h.asText()));
        JsonNode seed = o.path("seed");
        JsonNode error = o.path("error");
        return new SimulationGolden(o.path("run_id").asText(""), o.path("workflow_type").asText(""),
                seed.isIntegralNumber() ? seed.bigIntegerValue() : BigInteger.ZERO, hashes,
                o.path("workflow_hash").asText(""), o.path("duration_ms").asLong(0), o.path("success").asBoolean(false),
                error.isTextual() ? error.textValue() : null);
    }

    /**
     * The workflow hash recomputed from the step hashes.
     *
     * @return 64 lowercase hex digits
     */
    public String recomputedWorkflowHash() {
        return GoldenHashes.workflowHash(stepHashes);
    }
}
