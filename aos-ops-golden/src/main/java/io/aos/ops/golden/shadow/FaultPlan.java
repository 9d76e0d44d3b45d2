package io.aos.ops.golden.shadow;

import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowSpec;
import io.aos.ops.golden.shadow.spi.WorkflowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Which primary runs carry an injected flaw ({@code --inject}), and at which step; drawn from the run's seed. */
final class FaultPlan {

    private final List<FaultInjection> injections;
    private final WorkflowRegistry registry;

    FaultPlan(List<FaultInjection> injections, WorkflowRegistry registry) {
        this.injections = List.copyOf(injections);
        this.registry = registry;
    }

    /** The flaw a run of {@code type} carries, or null; draws from {@code rng} once per injection. */
    PlannedFault draw(SplittableRandom rng, String type) {
        for (FaultInjection injection : injections) {
            if (rng.nextDouble() < injection.rate()) {
                List<Integer> steps = flawSteps(injection.kind(), type);
                if (!steps.isEmpty()) {
                    return new PlannedFault(injection.kind(), steps.get(rng.nextInt(steps.size())));
                }
            }
        }
        return null;
    }

    /**
     * The steps where a flaw of this kind can show. An external call only happens in a skill that makes one (a name
     * token such as llm, http or api, as the diff recognises them); a workflow without such a step gets none.
     */
    private List<Integer> flawSteps(FaultKind kind, String type) {
        List<Integer> steps = new ArrayList<>();
        List<WorkflowStep> declared = registry.workflow(type).map(WorkflowSpec::steps).orElse(List.of());
        for (int i = 0; i < declared.size(); i++) {
            if (kind != FaultKind.EXTERNAL_CALL || callsOut(declared.get(i).skillId())) {
                steps.add(i);
            }
        }
        return steps;
    }

    private static boolean callsOut(String skillId) {
        for (String token : skillId.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (DiffOptions.DEFAULT_EXTERNAL_SKILL_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
