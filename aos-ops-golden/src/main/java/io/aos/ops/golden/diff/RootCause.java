package io.aos.ops.golden.diff;

/**
 * Why a replay diverged from its golden trace. The first five are upstream's categories; the last three come from
 * the flaky-test literature (unordered collections, floating point, and volatile-by-definition fields).
 */
public enum RootCause {
    /** A volatile value (clock, duration, generated id) reached an output or a hash. */
    VOLATILE_LEAK(Severity.WARNING),
    /** The run or a step was replayed with a different seed. */
    SEED_MISMATCH(Severity.CRITICAL),
    /** The seeds agree but a value looks drawn from an unseeded random generator. */
    UNSEEDED_RNG(Severity.CRITICAL),
    /** The step calls something outside the process (HTTP, an API, an LLM) and its answer changed. */
    EXTERNAL_CALL(Severity.CRITICAL),
    /** Same seed, same inputs, different result: the step (or the step list) is not deterministic. */
    DETERMINISM_VIOLATION(Severity.CRITICAL),
    /** The same elements in a different order (hash-map or set iteration order). */
    UNORDERED_COLLECTION(Severity.WARNING),
    /** Numbers that are equal within the tolerance, or equal values written as int vs float. */
    FLOAT_PRECISION(Severity.WARNING),
    /** Only fields that are volatile by definition (timestamps, durations, run ids) differ, and no hash changed. */
    EXPECTED_VOLATILE(Severity.MATCH);

    private final Severity severity;

    RootCause(Severity severity) {
        this.severity = severity;
    }

    /**
     * The severity a finding of this category carries.
     *
     * @return {@link Severity#CRITICAL} for a seed mismatch, an unseeded RNG, an external call or a determinism
     *     violation; {@link Severity#WARNING} for a volatile leak, an unordered collection or float precision;
     *     {@link Severity#MATCH} for expected-volatile
     */
    public Severity severity() {
        return severity;
    }
}
