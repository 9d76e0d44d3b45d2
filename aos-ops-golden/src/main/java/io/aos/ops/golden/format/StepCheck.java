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
 *
 * @param position       0-based position of the step in the file
 * @param index          the step's index ({@code data.index}; for B the position); -1 for an engine step without a
 *                       usable one (none, or not a non-negative integer)
 * @param stepId         A: {@code step_id}; B: null
 * @param skill          the step's skill
 * @param storedHash     the hash the file stores, or null
 * @param recomputedHash the hash recomputed from the stored output, or null
 * @param storedSeed     A: the seed the step stores, or null
 * @param expectedSeed   A: the seed derived from the run's base seed and the index, or null
 */
public record StepCheck(int position, int index, String stepId, String skill, String storedHash,
                        String recomputedHash, BigInteger storedSeed, BigInteger expectedSeed) {

    /**
     * False only when both hashes are known and differ.
     *
     * @return whether the hashes agree, as far as they are known
     */
    public boolean hashMatches() {
        return storedHash == null || recomputedHash == null || storedHash.equals(recomputedHash);
    }

    /**
     * False only when both seeds are known and differ.
     *
     * @return whether the seeds agree, as far as they are known
     */
    public boolean seedMatches() {
        return storedSeed == null || expectedSeed == null || storedSeed.equals(expectedSeed);
    }

    /** {@return whether both the hash and the seed match} */
    public boolean ok() {
        return hashMatches() && seedMatches();
    }

    /** {@return the check as a JSON object, as {@code golden verify --json} reports it} */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("position", position);
        if (index >= 0) {
            o.put("index", index);
        } else {
            o.putNull("index");
        }
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
        return "step " + (index >= 0 ? String.valueOf(index) : "?") + " " + Objects.requireNonNullElse(skill, "") + " " + storedHash;
    }
}
