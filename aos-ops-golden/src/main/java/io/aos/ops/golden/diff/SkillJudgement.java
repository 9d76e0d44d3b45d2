package io.aos.ops.golden.diff;

import java.util.Optional;
import java.util.Set;

/**
 * What the classifier knows of a skill: its declared kind ({@link SkillRegistry}), else what its name says. The one
 * place the name rules live; {@link SkillRegistry} documents them for users.
 *
 * @param kind the declared or guessed kind; empty when nothing is known (the values' evidence decides)
 * @param declared whether the registry declared it
 * @param token the name token that made an undeclared skill an external call, else null
 */
record SkillJudgement(Optional<SkillKind> kind, boolean declared, String token) {

    /** Tokens that name a stand-in: such a skill runs in the process, whatever else its name says. */
    static final Set<String> IN_PROCESS_TOKENS = Set.of("stub", "stubs", "mock", "mocks", "mocked", "fake", "fakes");

    private static final SkillJudgement UNKNOWN = new SkillJudgement(Optional.empty(), false, null);

    static SkillJudgement of(String skill, DiffOptions options) {
        Optional<SkillKind> declared = options.skillRegistry().declared(skill);
        if (declared.isPresent()) {
            return new SkillJudgement(declared, true, null);
        }
        if (skill == null) {
            return UNKNOWN;
        }
        String external = null;
        for (String t : FieldNames.tokens(skill)) {
            if (IN_PROCESS_TOKENS.contains(t)) {
                return UNKNOWN;
            }
            if (external == null && options.externalSkillTokens().contains(t)) {
                external = t;
            }
        }
        return external == null ? UNKNOWN : new SkillJudgement(Optional.of(SkillKind.EXTERNAL_CALL), false, external);
    }

    boolean is(SkillKind k) {
        return kind.isPresent() && kind.get() == k;
    }

    /** Why the skill has its kind, for evidence: "is declared pure" or "is an external call (token 'x')". */
    String because() {
        String what = switch (kind.orElseThrow()) {
            case EXTERNAL_CALL -> "an external call";
            case RANDOM -> "a skill that draws random numbers";
            case PURE -> "pure";
        };
        return declared ? "is declared " + what : "is " + what + " (token '" + token + "')";
    }
}
