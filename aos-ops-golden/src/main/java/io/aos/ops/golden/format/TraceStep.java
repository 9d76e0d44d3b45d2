package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One step of a trace, in either format.
 *
 * <p>Engine traces (A) carry the whole step: index, step and skill id, declared inputs, the derived seed, success,
 * the full step result and its stored {@code output_hash}, which {@link #recomputedHash()} recomputes. Simulation
 * goldens (B) carry only {@code "<skill>:<16 hex>"} per step: the step hash cannot be recomputed without re-running
 * the skill, so {@link #recomputedHash()} is empty.
 *
 * @param format   the trace format
 * @param position 0-based position of the step in the file (B's only index)
 * @param raw      A: the whole {@code step} event; B: the {@code step_hashes} entry as a text node
 * @param line     A: 1-based line of the event; B: 0
 */
public record TraceStep(TraceFormat format, int position, JsonNode raw, long line) {

    /**
     * Checks the step.
     *
     * @throws NullPointerException if {@code format} or {@code raw} is null
     */
    public TraceStep {
        checkNotNull(format, "format");
        checkNotNull(raw, "raw");
    }

    /** A B step from its {@code step_hashes} entry. */
    static TraceStep simulation(int position, String entry) {
        return new TraceStep(TraceFormat.SIMULATION_JSON, position, TextNode.valueOf(entry), 0);
    }

    private JsonNode data() {
        return raw.path("data");
    }

    /**
     * The step's index: A {@code data.index} when it is a JSON integer from 0 to {@link Integer#MAX_VALUE}; B the
     * position. An A step whose index is missing or unusable ({@code -1}, {@code 0.0}, {@code "3"}, {@code null}, out
     * of range) has none: it is never taken for the step of its position, as {@code golden hash} shows it as
     * {@code step ?} and names the problem ({@link #badIndex()}).
     *
     * @return the index, or empty for an A step without a usable one
     */
    public OptionalInt index() {
        if (format != TraceFormat.ENGINE_JSONL) {
            return OptionalInt.of(position);
        }
        JsonNode index = data().get("index");
        return usable(index) ? OptionalInt.of(index.intValue()) : OptionalInt.empty();
    }

    /**
     * {@return A: {@code data.index} as written (compact JSON) when it is there but not usable as {@link #index()};
     * else empty}
     */
    public Optional<String> badIndex() {
        JsonNode index = format == TraceFormat.ENGINE_JSONL ? data().get("index") : null;
        return index == null || usable(index) ? Optional.empty() : Optional.of(GoldenJson.compact(index));
    }

    /** A JSON integer (not {@code 0.0}) of {@code int} range, not negative: what the hash audit takes as an index. */
    private static boolean usable(JsonNode index) {
        return index != null && index.isIntegralNumber() && index.canConvertToInt() && index.intValue() >= 0;
    }

    /** {@return A: {@code skill_id}; B: the part of the entry before the last {@code ':'}} */
    public String skill() {
        if (format == TraceFormat.ENGINE_JSONL) {
            return data().path("skill_id").asText("");
        }
        String entry = raw.asText();
        int colon = entry.lastIndexOf(':');
        return colon < 0 ? "" : entry.substring(0, colon);
    }

    /** {@return A: {@code step_id}; B: empty} */
    public Optional<String> stepId() {
        return RunHeader.text(data(), "step_id");
    }

    /** {@return A: the derived per-step seed, exactly; B: empty} */
    public Optional<BigInteger> seed() {
        JsonNode seed = data().get("seed");
        return seed != null && seed.isIntegralNumber() ? Optional.of(seed.bigIntegerValue()) : Optional.empty();
    }

    /** {@return A: {@code success}; B: empty} */
    public Optional<Boolean> success() {
        JsonNode n = data().get("success");
        return n != null && n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /** {@return A: the declared inputs; B: empty} */
    public Optional<JsonNode> inputs() {
        return Optional.ofNullable(data().get("inputs"));
    }

    /** {@return A: the full step result ({@code StepResult.to_dict()}), not canonicalised; B: empty} */
    public Optional<JsonNode> output() {
        JsonNode output = data().get("output");
        return output == null || output.isNull() ? Optional.empty() : Optional.of(output);
    }

    /** {@return A: {@code error_code} of a failed step, when written; B: empty} */
    public Optional<String> errorCode() {
        return RunHeader.text(data(), "error_code");
    }

    /** {@return A: {@code recovery_hint} of a failed step, when written; B: empty} */
    public Optional<String> recoveryHint() {
        return RunHeader.text(data(), "recovery_hint");
    }

    /** {@return A: the envelope timestamp; B: empty} */
    public Optional<String> timestamp() {
        return format == TraceFormat.ENGINE_JSONL ? RunHeader.text(raw, "timestamp") : Optional.empty();
    }

    /** {@return the hash the file stores for this step: A {@code output_hash}; B the 16 hex digits after the skill} */
    public Optional<String> storedHash() {
        if (format == TraceFormat.ENGINE_JSONL) {
            return RunHeader.text(data(), "output_hash");
        }
        String entry = raw.asText();
        int colon = entry.lastIndexOf(':');
        return Optional.of(colon < 0 ? entry : entry.substring(colon + 1));
    }

    /** {@return B: the whole {@code step_hashes} entry, {@code "<skill>:<hash>"}; A: empty} */
    public Optional<String> hashEntry() {
        return format == TraceFormat.SIMULATION_JSON ? Optional.of(raw.asText()) : Optional.empty();
    }

    /** {@return A: the {@code output_hash} recomputed from the stored output; B: empty (the skill result is not stored)} */
    public Optional<String> recomputedHash() {
        return output().map(GoldenHashes::outputHash);
    }
}
