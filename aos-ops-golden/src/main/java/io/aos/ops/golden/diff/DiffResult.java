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
        this.differences = List.copyOf(differences);
    }

    /** MATCH, WARNING or CRITICAL. */
    public Severity severity() {
        return severity;
    }

    /** True iff the severity is MATCH (at most expected-volatile differences). */
    public boolean matches() {
        return severity == Severity.MATCH;
    }

    /** The category of the first divergence; empty when the documents match (expected-volatile only or equal). */
    public Optional<RootCause> rootCause() {
        return Optional.ofNullable(rootCause);
    }

    /** The 0-based index of the first step that differs in more than expected-volatile fields. */
    public OptionalInt firstDivergingStep() {
        return firstDivergingStep;
    }

    /** One sentence: what decided the root cause (or why the documents match). */
    public String evidence() {
        return evidence;
    }

    /** Classified divergences in trace order; the first is the root cause. Empty on a match. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * Every difference in trace order, consequences included. Expected-volatile differences are listed only where
     * they share an event with other differences, or with {@link DiffOptions#withExpectedVolatileListed}; the rest
     * are counted in {@link #expectedVolatile()}.
     */
    public List<Difference> differences() {
        return differences;
    }

    /** How many expected-volatile differences each volatile field had, listed or not (e.g. timestamp=100001). */
    public Map<String, Long> expectedVolatile() {
        return expectedVolatile;
    }

    /** The total of {@link #expectedVolatile()}. */
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
