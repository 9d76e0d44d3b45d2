package io.aos.ops.bench.hash;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.format.EngineTraceWriter;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.PyJsonOutput;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * A synthetic engine trace (format A) shaped like the engine's own traces: per step {@code data{index, step_id,
 * skill_id, seed (u64), inputs{url, params{limit, tags[3], ratio}}, output{StepResult: cost_cents, duration_ms,
 * error, error_code, output{status, items[5]{id, name, score}}, recovery_hint, retries, step_id, success},
 * output_hash, success}}, written exactly as the Python recorder writes it. Deterministic for a given seed.
 */
public final class EngineTraceCorpus {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SKILLS = {"http_call", "llm_invoke", "json_transform", "kv_get", "compute_hash"};

    private EngineTraceCorpus() {
    }

    /** The JSONL bytes of a trace with {@code steps} steps between a run_start and a run_end. */
    public static byte[] generate(int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PyJsonOutput out = new PyJsonOutput(steps * 700 + 1024);
        BigInteger base = BigInteger.valueOf(12345);
        ObjectNode start = event("run_start", "2026-11-28T02:24:38.585081+00:00");
        ObjectNode startData = start.putObject("data");
        startData.put("spec_id", "wf-bench").put("spec_name", "Bench").put("spec_version", "1.0.0")
                .put("steps_count", steps).put("seed", base).put("replay", false).put("spec_hash", "2549d1babfb4447b");
        EngineTraceWriter.appendLine(start, out);
        for (int i = 0; i < steps; i++) {
            EngineTraceWriter.appendLine(step(i, base, random), out);
        }
        ObjectNode end = event("run_end", "2026-11-28T03:24:38.585736+00:00");
        end.putObject("data").put("status", "completed");
        EngineTraceWriter.appendLine(end, out);
        return out.toByteArray();
    }

    private static ObjectNode event(String type, String timestamp) {
        ObjectNode e = NODES.objectNode();
        e.put("event_type", type).put("run_id", "run-bench-1").put("timestamp", timestamp);
        return e;
    }

    private static ObjectNode step(int i, BigInteger base, SplittableRandom random) {
        String stepId = "s" + i;
        ObjectNode e = event("step", String.format("2026-11-28T02:%02d:%02d.%06d+00:00",
                (i / 60) % 60, i % 60, random.nextInt(1_000_000)));
        ObjectNode data = e.putObject("data");
        data.put("index", i).put("step_id", stepId).put("skill_id", SKILLS[i % SKILLS.length]);
        ObjectNode inputs = data.putObject("inputs");
        inputs.put("url", "https://api.example.com/v1/items/" + random.nextInt(100_000));
        ObjectNode params = inputs.putObject("params");
        params.put("limit", 5 + random.nextInt(20));
        params.putArray("tags").add("alpha").add("beta-" + random.nextInt(10)).add("gamma");
        params.put("ratio", random.nextDouble());
        data.put("seed", GoldenHashes.stepSeed(base, i));
        data.put("success", true);
        ObjectNode result = NODES.objectNode();
        result.put("cost_cents", random.nextInt(5));
        result.put("duration_ms", random.nextInt(2000));
        result.putNull("error");
        result.putNull("error_code");
        ObjectNode output = result.putObject("output");
        output.put("status", "ok");
        ArrayNode items = output.putArray("items");
        for (int k = 0; k < 5; k++) {
            items.addObject().put("id", random.nextInt(1_000_000)).put("name", "item-" + k + "-\u00e9")
                    .put("score", random.nextDouble());
        }
        output.put("latency_ms", random.nextInt(500));
        result.putNull("recovery_hint");
        result.put("retries", 0);
        result.put("step_id", stepId);
        result.put("success", true);
        data.set("output", result);
        data.put("output_hash", GoldenHashes.outputHash(result));
        return e;
    }
}
