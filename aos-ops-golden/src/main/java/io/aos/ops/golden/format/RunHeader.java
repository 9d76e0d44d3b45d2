package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What a trace says about its run before the steps: for an engine trace the {@code run_start} event (spec id, name,
 * version, step count, base seed, replay flag, spec hash, budget snapshot), for a simulation golden its
 * {@code run_id}, {@code workflow_type} and {@code seed}. Fields the format lacks are empty; {@link #raw()} keeps
 * everything that was read, unknown fields included.
 *
 * @param format the trace format
 * @param raw    A: the whole {@code run_start} event; B: the golden object
 */
public record RunHeader(TraceFormat format, JsonNode raw) {

    /**
     * Checks the header.
     *
     * @throws NullPointerException if an argument is null
     */
    public RunHeader {
        checkNotNull(format, "format");
        checkNotNull(raw, "raw");
    }

    private JsonNode fields() {
        return format == TraceFormat.ENGINE_JSONL ? raw.path("data") : raw;
    }

    /** {@return {@code run_id}, or "" if absent} */
    public String runId() {
        return raw.path("run_id").asText("");
    }

    /** {@return the base seed, exactly (engine seeds are unsigned 64-bit and may exceed {@code Long.MAX_VALUE})} */
    public Optional<BigInteger> seed() {
        JsonNode seed = fields().get("seed");
        return seed != null && seed.isIntegralNumber() ? Optional.of(seed.bigIntegerValue()) : Optional.empty();
    }

    /** {@return B: {@code compute}, {@code io}, {@code llm}; A: empty} */
    public Optional<String> workflowType() {
        return text(fields(), "workflow_type");
    }

    /** {@return A: {@code spec_id}; B: empty} */
    public Optional<String> specId() {
        return text(fields(), "spec_id");
    }

    /** {@return A: {@code spec_name}; B: empty} */
    public Optional<String> specName() {
        return text(fields(), "spec_name");
    }

    /** {@return A: {@code spec_version}; B: empty} */
    public Optional<String> specVersion() {
        return text(fields(), "spec_version");
    }

    /** {@return A: the 16-hex {@code spec_hash}; B: empty} */
    public Optional<String> specHash() {
        return text(fields(), "spec_hash");
    }

    /** {@return A: {@code steps_count}, the number of steps the spec declares; B: empty} */
    public Optional<Integer> stepsCount() {
        JsonNode n = fields().get("steps_count");
        return n != null && n.canConvertToInt() ? Optional.of(n.intValue()) : Optional.empty();
    }

    /** {@return A: whether this was a replay run; B: empty} */
    public Optional<Boolean> replay() {
        JsonNode n = fields().get("replay");
        return n != null && n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /** {@return A: the envelope timestamp; B: empty} */
    public Optional<String> timestamp() {
        return format == TraceFormat.ENGINE_JSONL ? text(raw, "timestamp") : Optional.empty();
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
