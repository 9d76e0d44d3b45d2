package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of {@link GoldenDiff#compare}: a verdict, the root cause at the first diverging step with the evidence
 * that decided it, the classified findings, and every difference (values complete, never cut). Immutable and
 * thread-safe.
 */
public final class DiffResult {

    private final Severity severity;
    private final RootCause rootCause;
    private final OptionalInt firstDivergingStep;
    private final String evidence;
    private final List<Finding> findings;
    private final List<Difference> differences;
    private final Map<String, Long> expectedVolatile;

    DiffResult(Severity severity, RootCause rootCause, OptionalInt firstDivergingStep, String evidence,
            List<Finding> findings, List<Difference> differences, Map<String, Long> expectedVolatile) {
        this.expectedVolatile = Collections.unmodifiableMap(new LinkedHashMap<>(expectedVolatile));
        this.severity = checkNotNull(severity, "severity");
        this.rootCause = rootCause;
        this.firstDivergingStep = checkNotNull(firstDivergingStep, "firstDivergingStep");
        this.evidence = checkNotNull(evidence, "evidence");
        this.findings = List.copyOf(findings);
        this.differences = differences instanceof DifferenceList list ? list : List.copyOf(differences);
    }

    /**
     * The differences built as they were classified (all but the consequences and expected-volatile differences of
     * deferred pairs), in order: every one that is evidence of a finding, without building the others.
     */
    List<Difference> builtDifferences() {
        return differences instanceof DifferenceList list ? list.built() : differences;
    }

    /**
     * How many of {@link #differences()} are consequences, without building them.
     *
     * @return the number of differences whose {@link Difference#isConsequence()} is true
     */
    public long consequenceCount() {
        return differences instanceof DifferenceList list ? list.consequences()
                : differences.stream().filter(Difference::isConsequence).count();
    }

    /**
     * The verdict: the worst severity among the findings.
     *
     * @return {@link Severity#MATCH} when there is no finding (equal, or expected-volatile differences only), else
     *     {@link Severity#WARNING} or {@link Severity#CRITICAL}
     */
    public Severity severity() {
        return severity;
    }

    /**
     * Whether the documents match.
     *
     * @return true iff {@link #severity()} is {@link Severity#MATCH}: equal, or different in expected-volatile fields
     *     only
     */
    public boolean matches() {
        return severity == Severity.MATCH;
    }

    /**
     * The category of the first divergence, the one of the first of {@link #findings()}.
     *
     * @return the root cause; empty exactly when the documents match (equal, or expected-volatile differences only)
     */
    public Optional<RootCause> rootCause() {
        return Optional.ofNullable(rootCause);
    }

    /**
     * The first step that differs in more than expected-volatile fields.
     *
     * @return its 0-based index; empty when the documents match or only run-level fields (outside every step) differ
     */
    public OptionalInt firstDivergingStep() {
        return firstDivergingStep;
    }

    /**
     * What decided the verdict, for people.
     *
     * @return one sentence: where the root cause was found and what decided it, or why the documents match; never
     *     null
     */
    public String evidence() {
        return evidence;
    }

    /**
     * The classified divergences, one per diverging step or run-level locus that does not merely follow from an
     * earlier one.
     *
     * @return the findings in trace order, unmodifiable; the first is the root cause; empty on a match
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * Every difference in trace order, consequences included. Expected-volatile differences are listed only where
     * they share an event with other differences, or with {@link DiffOptions#withExpectedVolatileListed}; the rest
     * are counted in {@link #expectedVolatile()}.
     *
     * <p>The consequences of a divergence in a long JSONL trace (every step after an inserted one) are counted when
     * the traces are compared but built only when this list's elements are first read: the pairs of events are then
     * compared again. Until then the result keeps both traces in memory; {@link #consequenceCount()} and
     * {@code differences().size()} build nothing.
     *
     * @return the differences, unmodifiable, values complete; empty when the documents are equal
     */
    public List<Difference> differences() {
        return differences;
    }

    /**
     * How many expected-volatile differences each volatile field had, listed in {@link #differences()} or not.
     *
     * @return field name to count (e.g. {@code timestamp=100001}), unmodifiable, by field name; empty when no
     *     volatile field differs
     */
    public Map<String, Long> expectedVolatile() {
        return expectedVolatile;
    }

    /**
     * The number of expected-volatile differences, listed or not.
     *
     * @return the sum of the counts in {@link #expectedVolatile()}; 0 when none
     */
    public long expectedVolatileCount() {
        return expectedVolatile.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return "DiffResult[" + severity + (rootCause == null ? "" : ", " + rootCause)
                + (firstDivergingStep.isPresent() ? " at step " + firstDivergingStep.getAsInt() : "")
                + ", " + differences.size() + " differences: " + evidence + "]";
    }
}
