package io.aos.ops.golden.diff;

/**
 * How bad a diff is, which decides the exit code of {@code aos-ops golden diff}: MATCH exits 0, WARNING exits 0
 * (1 with {@code --strict}), CRITICAL exits 1.
 */
public enum Severity {
    /** Equal, or different only in fields that are volatile by definition and reach no hash. */
    MATCH,
    /** A difference that does not break replay by itself: a leaked volatile value, float noise, collection order. */
    WARNING,
    /** A real determinism failure (or a difference that could not be explained, which is never treated as OK). */
    CRITICAL;

    /**
     * The worse of the two.
     *
     * @param other another severity
     * @return this or {@code other}, whichever is worse
     */
    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
