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

    public RunHeader {
        checkNotNull(format, "format");
        checkNotNull(raw, "raw");
    }

    private JsonNode fields() {
        return format == TraceFormat.ENGINE_JSONL ? raw.path("data") : raw;
    }

    public String runId() {
        return raw.path("run_id").asText("");
    }

    /** The base seed, exactly (engine seeds are unsigned 64-bit and may exceed {@code Long.MAX_VALUE}). */
    public Optional<BigInteger> seed() {
        JsonNode seed = fields().get("seed");
        return seed != null && seed.isIntegralNumber() ? Optional.of(seed.bigIntegerValue()) : Optional.empty();
    }

    /** B: {@code compute}, {@code io}, {@code llm}. */
    public Optional<String> workflowType() {
        return text(fields(), "workflow_type");
    }

    /** A: {@code spec_id}. */
    public Optional<String> specId() {
        return text(fields(), "spec_id");
    }

    public Optional<String> specName() {
        return text(fields(), "spec_name");
    }

    public Optional<String> specVersion() {
        return text(fields(), "spec_version");
    }

    /** A: the 16-hex {@code spec_hash}. */
    public Optional<String> specHash() {
        return text(fields(), "spec_hash");
    }

    /** A: {@code steps_count}, the number of steps the spec declares. */
    public Optional<Integer> stepsCount() {
        JsonNode n = fields().get("steps_count");
        return n != null && n.canConvertToInt() ? Optional.of(n.intValue()) : Optional.empty();
    }

    /** A: whether this was a replay run. */
    public Optional<Boolean> replay() {
        JsonNode n = fields().get("replay");
        return n != null && n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /** A: the envelope timestamp. */
    public Optional<String> timestamp() {
        return format == TraceFormat.ENGINE_JSONL ? text(raw, "timestamp") : Optional.empty();
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
