package io.aos.ops.golden.shadow.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.SkillKind;
import io.aos.ops.golden.diff.SkillRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowSpec;
import io.aos.ops.golden.shadow.spi.WorkflowStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The default registration: upstream's {@code compute}, {@code io} and {@code llm} shadow workflows over its four
 * stub skills, with the same fixed inputs, so a type and a seed give the same step and workflow hashes as upstream
 * (for example {@code io} with seed 74439 gives {@code 85046808c4908b85...}, the committed sample).
 */
public final class BuiltinWorkflows {

    public static final String COMPUTE = "compute";
    public static final String IO = "io";
    public static final String LLM = "llm";

    public static final String COMPUTE_HASH = "compute_hash";
    public static final String TRANSFORM_JSON = "transform_json";
    public static final String MOCK_IO = "mock_io";
    public static final String LLM_STUB = "llm_stub";

    /**
     * The skill kinds to diff the simulator's traces with: {@code llm_stub} stands for the workflow's LLM call (an
     * injected external-call fault lands there), which its name alone would call an in-process stand-in.
     */
    public static final SkillRegistry SKILL_KINDS = SkillRegistry.empty().with(LLM_STUB, SkillKind.EXTERNAL_CALL);

    /** Options to diff the simulator's traces with: the defaults and {@link #SKILL_KINDS}. */
    public static final DiffOptions DIFF_OPTIONS = DiffOptions.defaults().withSkillRegistry(SKILL_KINDS);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BuiltinWorkflows() {
    }

    /** Registers the four stub skills and the three workflows, in upstream's order (compute, io, llm). */
    public static void register(WorkflowRegistry.Builder registry) {
        registry.skill(COMPUTE_HASH, StubSkills::computeHash)
                .skill(TRANSFORM_JSON, StubSkills::transformJson)
                .skill(MOCK_IO, StubSkills::mockIo)
                .skill(LLM_STUB, StubSkills::llmStub)
                .workflow(compute())
                .workflow(io())
                .workflow(llm());
    }

    static WorkflowSpec compute() {
        ObjectNode abc = NODES.objectNode().put("a", 1).put("b", 2).put("c", 3);
        var oneToFive = NODES.arrayNode().add(1).add(2).add(3).add(4).add(5);
        return spec(COMPUTE,
                COMPUTE_HASH, NODES.textNode("input_data_step_1"),
                TRANSFORM_JSON, abc,
                COMPUTE_HASH, NODES.textNode("step_2_output"),
                TRANSFORM_JSON, oneToFive,
                LLM_STUB, NODES.textNode("Summarize the computation"));
    }

    static WorkflowSpec io() {
        ObjectNode files = NODES.objectNode();
        files.putArray("files").add("f1").add("f2");
        return spec(IO,
                MOCK_IO, NODES.objectNode().put("file", "file1.txt"),
                MOCK_IO, NODES.objectNode().put("file", "file2.txt"),
                TRANSFORM_JSON, files,
                COMPUTE_HASH, NODES.textNode("combined_content"));
    }

    static WorkflowSpec llm() {
        return spec(LLM,
                LLM_STUB, NODES.textNode("Step 1: Analyze"),
                TRANSFORM_JSON, NODES.objectNode().put("analysis", true),
                LLM_STUB, NODES.textNode("Step 2: Execute"));
    }

    /** Pairs of (skill id, input); steps are named s1, s2, ... */
    private static WorkflowSpec spec(String type, Object... skillAndInput) {
        List<WorkflowStep> steps = new ArrayList<>();
        for (int i = 0; i < skillAndInput.length; i += 2) {
            steps.add(new WorkflowStep("s" + (i / 2 + 1), (String) skillAndInput[i], (JsonNode) skillAndInput[i + 1]));
        }
        return new WorkflowSpec(type, steps);
    }
}
