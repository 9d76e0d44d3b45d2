package io.aos.ops.bench.corpus;

import java.util.Locale;

/** The one way trace B of a generated pair differs from trace A. */
public enum TraceDifference {
    /** B is a byte-identical copy of A: the matching-pair fast path. */
    IDENTICAL("B is a byte-identical copy of A"),
    /**
     * B is a replay an hour later: every event's {@code timestamp} and every step's {@code duration_ms} differ, nothing
     * else, so every {@code output_hash} still matches. A diff must say "volatile only", not N differences.
     */
    VOLATILE_ONLY("every envelope timestamp and step duration_ms differs; everything hashed is equal"),
    /**
     * One wall-clock value leaked into a step's output and its hash: step K's {@code data.output.output.generated_at}
     * differs (an hour apart), and since the engine's canonicalizer keeps that key, so does step K's
     * {@code output_hash}: the diff's VOLATILE_LEAK (a {@code timestamp} there would be dropped from the hash and be
     * an expected-volatile difference, a MATCH).
     */
    LEAKED_TIMESTAMP("step K's data.output.output.generated_at differs (a leaked wall clock), and so does its"
            + " output_hash"),
    /**
     * B has one extra step inserted before step K (step_id {@code s<K>-extra}); later steps keep their step_id,
     * seed and output, with {@code index} one higher, and run_start's {@code steps_count} is one higher.
     */
    INSERTED_STEP("one extra step s<K>-extra before step K; later steps shift their index by one"),
    /** Step K ran with a different seed in B (derived from base seed + 1): its seed, output and output_hash differ. */
    SEED_CHANGE("step K's seed differs, and with it its output.seed_mod and output_hash");

    private final String description;

    TraceDifference(String description) {
        this.description = description;
    }

    /** The name on the command line and in {@code pair.json}: {@code leaked-timestamp} etc. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public static TraceDifference fromCliName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
