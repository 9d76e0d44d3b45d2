package io.aos.ops.golden.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One step of an audited trace: its stored hash against the recomputed one and, for engine traces, its stored seed
 * against the one derived from the run's base seed. A value that cannot be known is null: a simulation step's hash
 * cannot be recomputed (the skill result is not stored), a step without output has no hash, a trace without
 * {@code run_start} gives no base seed.
 */
public record StepCheck(int position, int index, String stepId, String skill, String storedHash,
                        String recomputedHash, BigInteger storedSeed, BigInteger expectedSeed) {

    /** False only when both hashes are known and differ. */
    public boolean hashMatches() {
        return storedHash == null || recomputedHash == null || storedHash.equals(recomputedHash);
    }

    /** False only when both seeds are known and differ. */
    public boolean seedMatches() {
        return storedSeed == null || expectedSeed == null || storedSeed.equals(expectedSeed);
    }

    public boolean ok() {
        return hashMatches() && seedMatches();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("position", position);
        o.put("index", index);
        if (stepId != null) {
            o.put("step_id", stepId);
        }
        o.put("skill", skill);
        o.put("stored_hash", storedHash);
        o.put("recomputed_hash", recomputedHash);
        o.put("hash_matches", hashMatches());
        if (storedSeed != null || expectedSeed != null) {
            o.put("seed", storedSeed);
            o.put("expected_seed", expectedSeed);
            o.put("seed_matches", seedMatches());
        }
        return o;
    }

    @Override
    public String toString() {
        return "step " + index + " " + Objects.requireNonNullElse(skill, "") + " " + storedHash;
    }
}
