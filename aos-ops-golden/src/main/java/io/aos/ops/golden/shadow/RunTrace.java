package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.format.EngineTraceWriter;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The step-level evidence of a run, kept beside its golden file. A format-B golden holds only hashes, so it can say
 * <em>that</em> a replay diverged but not <em>why</em>; the trace keeps every step's seed, input and output as an
 * engine-format (A) JSONL trace ({@code run_start}, {@code step}..., {@code run_end}, written byte-compatibly with
 * the engine's recorder, unsigned), plus each step's simulation {@code step_hash}, so the golden diff can compare
 * a replay with the original step by step. Traces live in {@code <output>/traces/<run_id>.steps.jsonl}, outside
 * {@code golden/}, which stays exactly upstream's.
 */
public final class RunTrace {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter PY_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private RunTrace() {
    }

    /** The run as engine-format events. */
    static List<ObjectNode> events(WorkflowRun run, Instant at) {
        List<ObjectNode> events = new ArrayList<>();
        String ts = at.atOffset(ZoneOffset.UTC).format(PY_ISO);
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
            out.put("duration_ms", 0);
            out.putNull("error");
            out.putNull("error_code");
            out.set("output", step.output());
            out.putNull("recovery_hint");
            out.put("retries", 0);
            out.put("step_id", step.stepId());
            out.put("success", true);
            d.put("output_hash", GoldenHashes.outputHash(out));
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

    public static void write(Path file, WorkflowRun run, Instant at) {
        try {
            ShadowFiles.write(file, EngineTraceWriter.toBytes(events(run, at)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
    }

    private static ObjectNode envelope(String type, String runId, String ts) {
        ObjectNode e = NODES.objectNode();
        e.put("event_type", type);
        e.put("run_id", runId);
        e.put("timestamp", ts);
        return e;
    }
}
