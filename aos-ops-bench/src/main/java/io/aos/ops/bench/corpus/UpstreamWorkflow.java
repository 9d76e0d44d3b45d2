package io.aos.ops.bench.corpus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three workflows of upstream's shadow runner ({@code compute}, {@code io}, {@code llm}) with their deterministic
 * stub skills, so generated {@code .golden.json} files carry the step and workflow hashes
 * a real run with the same seed would record: a replay of a generated corpus matches.
 */
enum UpstreamWorkflow {
    COMPUTE(List.of(
            Step.of("compute_hash", "input_data_step_1"),
            Step.of("transform_json", Map.of("a", 1, "b", 2, "c", 3)),
            Step.of("compute_hash", "step_2_output"),
            Step.of("transform_json", List.of(1, 2, 3, 4, 5)),
            Step.of("llm_stub", "Summarize the computation"))),
    IO(List.of(
            Step.of("mock_io", "{'file': 'file1.txt'}"),
            Step.of("mock_io", "{'file': 'file2.txt'}"),
            Step.of("transform_json", Map.of("files", List.of("f1", "f2"))),
            Step.of("compute_hash", "combined_content"))),
    LLM(List.of(
            Step.of("llm_stub", "Step 1: Analyze"),
            Step.of("transform_json", Map.of("analysis", true)),
            Step.of("llm_stub", "Step 2: Execute")));

    /** One step: the skill's name and its fixed argument ({@code mock_io}'s is the Python repr of its params). */
    private record Step(String skill, Object argument) {
        static Step of(String skill, Object argument) {
            return new Step(skill, argument);
        }
    }

    private final List<Step> steps;

    UpstreamWorkflow(List<Step> steps) {
        this.steps = steps;
    }

    /** The name in the file: {@code compute}, {@code io} or {@code llm}. */
    String typeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code "<skill>:<16 hex>"} per step, for the run with base seed {@code seed}. */
    List<String> stepHashes(long seed) {
        List<String> hashes = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Map<String, Object> result = run(step, Digests.stepSeed(seed, i));
            hashes.add(step.skill() + ":" + Digests.sha256Hex(CorpusJson.defaultSorted(result)).substring(0, 16));
        }
        return hashes;
    }

    /** {@code sha256(":".join(step_hashes))}, full hex. */
    static String workflowHash(List<String> stepHashes) {
        return Digests.sha256Hex(String.join(":", stepHashes));
    }

    private static Map<String, Object> run(Step step, BigInteger seed) {
        Map<String, Object> result = new LinkedHashMap<>();
        switch (step.skill()) {
            case "compute_hash" -> result.put("hash", Digests.sha256Hex(step.argument() + ":" + seed));
            case "transform_json" -> {
                if (step.argument() instanceof Map<?, ?> map) {
                    List<String> keys = new ArrayList<>();
                    map.keySet().forEach(k -> keys.add((String) k));
                    keys.sort(null);
                    result.put("keys", keys);
                    result.put("count", map.size());
                } else if (step.argument() instanceof List<?> list) {
                    result.put("count", list.size());
                } else {
                    result.put("count", 1);
                }
            }
            case "mock_io" -> {
                result.put("read_bytes", ((String) step.argument()).length());
                result.put("operation", "mock_read");
            }
            case "llm_stub" -> result.put("response",
                    "Response-" + seed + "-" + Digests.md5Hex((String) step.argument()).substring(0, 8));
            default -> throw new IllegalStateException("unknown skill " + step.skill());
        }
        result.put("seed", seed);
        return result;
    }
}
