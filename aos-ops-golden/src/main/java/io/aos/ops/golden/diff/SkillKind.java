package io.aos.ops.golden.diff;

import java.util.Locale;
import java.util.Optional;

/**
 * What a skill does that decides how a difference in its output is explained, as declared in a
 * {@link SkillRegistry}.
 */
public enum SkillKind {
    /**
     * Calls out of the process (an HTTP API, a model, a remote service): its output may differ between a run and
     * its replay with the seeds equal. Such a difference is an {@link RootCause#EXTERNAL_CALL}.
     */
    EXTERNAL_CALL("external"),
    /**
     * Draws random numbers: with the seeds equal, a difference in its output means a draw that is not seeded from
     * the run's seed, an {@link RootCause#UNSEEDED_RNG}.
     */
    RANDOM("random"),
    /**
     * Neither calls out nor draws random numbers: a difference in its output with the seeds equal is a
     * {@link RootCause#DETERMINISM_VIOLATION} (unless the values themselves say otherwise, e.g. a clock value under
     * a key that is not volatile), whatever the skill's name says.
     */
    PURE("pure");

    private final String label;

    SkillKind(String label) {
        this.label = label;
    }

    /** @return the word a skill registry file uses for this kind: {@code external}, {@code random} or {@code pure} */
    public String label() {
        return label;
    }

    /**
     * The kind a registry file's word names.
     *
     * @param label {@code external}, {@code random} or {@code pure}, in any case
     * @return the kind, or empty for any other word
     */
    public static Optional<SkillKind> fromLabel(String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        for (SkillKind k : values()) {
            if (k.label.equals(lower)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
