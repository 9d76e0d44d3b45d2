package io.aos.ops.bench.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One format (B) golden file, {@code <run_id>.golden.json} of upstream's shadow runner: the fields in its
 * dataclass order, indent 2, no trailing newline, about 400 bytes.
 */
record ShadowGolden(String runId, UpstreamWorkflow workflow, long seed, int durationMs) {

    /**
     * A primary run as upstream's runner would record it: random type, seed in 10000..99999. The run id's eight hex
     * digits are a bijection of {@code serial} (keyed by the corpus seed), so ids never collide within a corpus,
     * where upstream's random uuid4 prefixes would collide about a hundred times among a million files.
     */
    static ShadowGolden random(SplittableRandom random, int worker, int serial, long corpusSeed) {
        UpstreamWorkflow[] types = UpstreamWorkflow.values();
        return new ShadowGolden(
                "primary-w" + worker + "-" + uniqueHex8(serial, corpusSeed),
                types[random.nextInt(types.length)],
                random.nextInt(10_000, 100_000),
                random.nextInt(0, 3));
    }

    static String hex8(SplittableRandom random) {
        return String.format("%08x", random.nextInt() & 0xffffffffL);
    }

    /** Eight hex digits that look random and differ for every {@code serial}: each step below is invertible mod 2^32. */
    static String uniqueHex8(int serial, long corpusSeed) {
        int x = serial ^ (int) (corpusSeed ^ (corpusSeed >>> 32));
        x *= 0x9E3779B1;
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        return String.format("%08x", x & 0xffffffffL);
    }

    String fileName() {
        return runId + ".golden.json";
    }

    String workflowHash() {
        return UpstreamWorkflow.workflowHash(workflow.stepHashes(seed));
    }

    String json() {
        List<String> stepHashes = workflow.stepHashes(seed);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run_id", runId);
        fields.put("workflow_type", workflow.typeName());
        fields.put("seed", seed);
        fields.put("step_hashes", stepHashes);
        fields.put("workflow_hash", UpstreamWorkflow.workflowHash(stepHashes));
        fields.put("duration_ms", durationMs);
        fields.put("success", true);
        fields.put("error", null);
        return CorpusJson.indented(fields, 2);
    }
}
