package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.function.Consumer;

/** Small engine (format A) traces for tests: run_start, N steps, run_end, as the recorder writes them. */
final class EngineTraces {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EngineTraces() {
    }

    static ArrayNode trace(String runId, int steps, String... skills) {
        ArrayNode events = F.arrayNode();
        ObjectNode start = event("run_start", runId, 0);
        ObjectNode sd = start.putObject("data");
        sd.put("seed", 12345).put("replay", false).put("spec_id", "wf-demo").put("steps_count", steps)
                .put("spec_hash", "2549d1babfb4447b");
        events.add(start);
        for (int i = 0; i < steps; i++) {
            String skill = skills.length == 0 ? "compute_hash" : skills[i % skills.length];
            ObjectNode e = event("step", runId, i + 1);
            ObjectNode d = e.putObject("data");
            d.put("index", i).put("step_id", "s" + i).put("skill_id", skill)
                    .put("seed", new BigInteger("15554826178763638935").add(BigInteger.valueOf(i)))
                    .put("success", true).put("output_hash", String.format("%016x", 0xabc000L + i));
            d.putObject("inputs").put("msg", "step " + i);
            ObjectNode out = d.putObject("output");
            out.put("step_id", "s" + i).put("success", true).put("duration_ms", 3).put("retries", 0);
            out.putObject("output").put("value", "v" + i).put("count", i);
            events.add(e);
        }
        ObjectNode end = event("run_end", runId, steps + 1);
        end.putObject("data").put("status", "completed");
        events.add(end);
        return events;
    }

    private static ObjectNode event(String type, String runId, int second) {
        ObjectNode e = F.objectNode();
        e.put("event_type", type).put("run_id", runId)
                .put("timestamp", String.format("2026-11-28T02:24:%02d.585081+00:00", second % 60));
        return e;
    }

    /** The event of step {@code i} (index i + 1 in the array). */
    static ObjectNode step(JsonNode trace, int i) {
        return (ObjectNode) trace.get(i + 1);
    }

    static ArrayNode edit(ArrayNode trace, int step, Consumer<ObjectNode> change) {
        ArrayNode copy = trace.deepCopy();
        change.accept((ObjectNode) copy.get(step + 1).get("data"));
        return copy;
    }

    /** A simulation golden (format B). */
    static ObjectNode simulation(String runId, long seed, String... stepHashes) {
        ObjectNode g = F.objectNode();
        g.put("run_id", runId).put("workflow_type", "io").put("seed", seed);
        ArrayNode hashes = g.putArray("step_hashes");
        for (String h : stepHashes) {
            hashes.add(h);
        }
        g.put("workflow_hash", Integer.toHexString(String.join(":", stepHashes).hashCode()));
        g.put("duration_ms", 0).put("success", true).putNull("error");
        return g;
    }
}
