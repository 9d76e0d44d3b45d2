package io.aos.ops.golden.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Engine (format A) traces for the report tests: run_start, N steps, run_end, one event per line. */
final class Traces {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Traces() {
    }

    static ArrayNode trace(int steps) {
        ArrayNode events = F.arrayNode();
        ObjectNode start = event("run_start", 0);
        start.putObject("data").put("seed", 12345).put("replay", false).put("steps_count", steps);
        events.add(start);
        for (int i = 0; i < steps; i++) {
            events.add(step(i, i));
        }
        ObjectNode end = event("run_end", steps + 1);
        end.putObject("data").put("status", "completed");
        events.add(end);
        return events;
    }

    /** Step event {@code index} whose content is drawn from {@code content} (two steps with one content are equal). */
    static ObjectNode step(int index, long content) {
        ObjectNode e = event("step", index + 1);
        ObjectNode d = e.putObject("data");
        d.put("index", index).put("step_id", "s" + content).put("skill_id", content % 2 == 0 ? "compute_hash"
                : "transform_json").put("seed", 1_000_000L + content).put("success", true)
                .put("output_hash", String.format("%016x", 0xabc000L + content));
        ObjectNode out = d.putObject("output");
        out.put("step_id", "s" + content).put("duration_ms", 3).putObject("output").put("value", "v" + content)
                .put("count", content);
        return e;
    }

    private static ObjectNode event(String type, int second) {
        ObjectNode e = F.objectNode();
        e.put("event_type", type).put("run_id", "run-test")
                .put("timestamp", String.format("2026-11-28T02:%02d:%02d.585081+00:00", second / 60 % 60, second % 60));
        return e;
    }

    /** The data object of step {@code i}. */
    static ObjectNode data(ArrayNode trace, int i) {
        return (ObjectNode) trace.get(i + 1).get("data");
    }

    static Path write(Path file, JsonNode events) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events) {
            sb.append(e.toString()).append('\n');
        }
        try {
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
