package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalInt;

/**
 * One classified divergence: a step (or the run start/end) whose differences are evidence of one root cause.
 *
 * @param step         0-based step index; empty for the run start or end
 * @param locus        where: {@code step 3}, {@code run start}, {@code run end}
 * @param skill        the step's skill, if the trace names it
 * @param category     the root cause
 * @param evidence     one sentence: which evidence decided the category
 * @param differences  how many differences are evidence of it
 * @param consequences how many later differences only follow from it (grouped under it)
 */
public record Finding(
        OptionalInt step,
        String locus,
        String skill,
        RootCause category,
        String evidence,
        int differences,
        int consequences) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code step}, {@code locus}, {@code category} or {@code evidence} is null
     */
    public Finding {
        checkNotNull(step, "step");
        checkNotNull(locus, "locus");
        checkNotNull(category, "category");
        checkNotNull(evidence, "evidence");
    }

    /** @return the severity of this finding's category */
    public Severity severity() {
        return category.severity();
    }
}
