package io.aos.ops.golden.shadow.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * A deterministic step of a shadow workflow: the same input and seed must always give the same output. The runner
 * hashes the output exactly as upstream does ({@code sha256(json.dumps(output, sort_keys=True))[:16]}), so the output
 * must be a JSON object of strings, integers, booleans, nulls, arrays and objects.
 *
 * <p>Implementations must be thread-safe: workers call them in parallel. A skill that throws makes its run fail
 * (recorded, never a golden file), exactly like a Python exception upstream.
 */
@FunctionalInterface
public interface Skill {

    /**
     * Runs the step.
     *
     * @param input the step's input as declared in the workflow (a string, an object, an array, ...)
     * @param seed  the derived per-step seed, {@code int(sha256("<base>:<index>")[:16], 16)}, a 64-bit unsigned value
     * @return the step's output, a JSON object
     */
    JsonNode execute(JsonNode input, BigInteger seed);
}
