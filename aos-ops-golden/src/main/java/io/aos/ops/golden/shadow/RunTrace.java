package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The step-level evidence of a run, kept beside its golden file. A format-B golden holds only hashes, so it can say
 * <em>that</em> a replay diverged but not <em>why</em>; the trace keeps every step's seed, input and output in the
 * engine's event shape ({@code run_start}, {@code step}..., {@code run_end}, one JSON object per line), so the diff can
 * compare the replay with the original step by step. Traces live in {@code <output>/traces/<run_id>.steps.jsonl},
 * outside {@code golden/}, which stays byte-compatible with upstream.
 */
final class RunTrace {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RunTrace() {
    }

    /** The run as engine-format events. */
    static List<ObjectNode> events(WorkflowRun run, Instant at) {
        List<ObjectNode> events = new ArrayList<>();
        String ts = at.toString();
        ObjectNode start = envelope("run_start", run.runId(), ts);
        ObjectNode sd = start.putObject("data");
        sd.put("replay", run.replay());
        sd.put("seed", run.seed());
        sd.put("spec_id", run.type());
        sd.put("spec_name", run.type());
        sd.put("spec_version", "1.0.0");
        sd.put("steps_count", run.steps().size());
        events.add(start);
        for (StepRecord step : run.steps()) {
            ObjectNode e = envelope("step", run.runId(), ts);
            ObjectNode d = e.putObject("data");
            d.put("index", step.index());
            d.set("inputs", step.input());
            ObjectNode out = d.putObject("output");
            out.put("cost_cents", 0);
            out.putNull("error");
            out.putNull("error_code");
            out.set("output", step.output());
            out.putNull("recovery_hint");
            out.put("retries", 0);
            out.put("step_id", step.stepId());
            out.put("success", true);
            d.put("seed", step.seed());
            d.put("skill_id", step.skillId());
            d.put("step_hash", step.stepHash());
            d.put("step_id", step.stepId());
            d.put("success", true);
            events.add(e);
        }
        ObjectNode end = envelope("run_end", run.runId(), ts);
        end.putObject("data").put("status", run.status().json());
        events.add(end);
        return events;
    }

    static void write(Path file, WorkflowRun run, Instant at) {
        StringBuilder sb = new StringBuilder(2048);
        try {
            for (ObjectNode e : events(run, at)) {
                sb.append(OpsJson.mapper().writeValueAsString(e)).append('\n');
            }
            ShadowFiles.write(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    events.add(OpsJson.mapper().readTree(line));
                }
            }
        }
        return events;
    }

    /**
     * What a replay must reproduce: the step events' data, without the envelope (run id, timestamps) and the replay
     * flag, which differ between any two runs by design. Shaped as {@code {"steps": [...]}}.
     */
    static JsonNode comparable(List<? extends JsonNode> events) {
        ObjectNode view = NODES.objectNode();
        ArrayNode steps = view.putArray("steps");
        for (JsonNode e : events) {
            if ("step".equals(e.path("event_type").asText())) {
                steps.add(e.path("data"));
            }
        }
        return view;
    }

    private static ObjectNode envelope(String type, String runId, String ts) {
        ObjectNode e = NODES.objectNode();
        e.put("event_type", type);
        e.put("run_id", runId);
        e.put("timestamp", ts);
        return e;
    }
}
