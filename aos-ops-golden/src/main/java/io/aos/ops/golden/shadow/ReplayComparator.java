package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.shadow.builtin.BuiltinWorkflows;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Compares a replay with the golden file of the run it replays, as upstream does (equal iff the workflow hashes are
 * equal, the golden file read back from disk), and explains a mismatch: the first diverging step from the step
 * hashes, and the classified root cause from diffing the original's trace with the replay's step by step. The
 * replay's trace is kept beside the original's ({@code traces/<replay_run_id>.steps.jsonl}) as evidence.
 */
final class ReplayComparator {

    /** What the diff found; any field may be null when it could not tell. */
    record Classification(String rootCause, String severity, Integer firstDivergingStep, String evidence) {
    }

    /** Classifies the difference between the original's trace file and the replay's. */
    @FunctionalInterface
    interface Classifier {
        Classification classify(Path expectedTrace, Path actualTrace);

        /** The suite's golden diff ({@link GoldenDiff}): root cause, severity, first diverging step, evidence. */
        static Classifier goldenDiff() {
            return (expected, actual) -> {
                DiffResult r = GoldenDiff.compare(expected, actual, BuiltinWorkflows.DIFF_OPTIONS);
                return new Classification(r.rootCause().map(Enum::name).orElse(null), r.severity().name(),
                        r.firstDivergingStep().isPresent() ? r.firstDivergingStep().getAsInt() : null, r.evidence());
            };
        }
    }

    private final Path goldenDir;
    private final Path tracesDir;
    private final Classifier classifier;

    ReplayComparator(Path goldenDir, Path tracesDir, Classifier classifier) {
        this.goldenDir = goldenDir;
        this.tracesDir = tracesDir;
        this.classifier = classifier;
    }

    static Path goldenFile(Path goldenDir, String runId) {
        return goldenDir.resolve(runId + ".golden.json");
    }

    static Path traceFile(Path tracesDir, String runId) {
        return tracesDir.resolve(runId + ".steps.jsonl");
    }

    /** Empty when the replay matched; otherwise the cycle report's entry for it. */
    Optional<MismatchDetail> compare(ReplaySampler.Entry original, WorkflowRun replay, Instant now) {
        JsonNode golden;
        try {
            golden = OpsJson.readTree(goldenFile(goldenDir, original.runId()));
        } catch (RuntimeException e) {
            return Optional.of(detail(original, replay, "", null, null, "GOLDEN_UNREADABLE", "CRITICAL",
                    "the golden file cannot be read: " + e.getMessage()));
        }
        String originalHash = golden.path("workflow_hash").asText("");
        if (originalHash.equals(replay.workflowHash())) {
            return Optional.empty();
        }
        List<String> originalSteps = new java.util.ArrayList<>();
        for (JsonNode h : golden.path("step_hashes")) {
            originalSteps.add(h.asText());
        }
        List<String> replaySteps = replay.stepHashes();
        Integer first = null;
        String upstreamText = null;
        for (int i = 0; i < Math.min(originalSteps.size(), replaySteps.size()); i++) {
            if (!originalSteps.get(i).equals(replaySteps.get(i))) {
                first = i;
                upstreamText = "Mismatch at step " + i + ": original=" + originalSteps.get(i)
                        + ", replay=" + replaySteps.get(i);
                break;
            }
        }
        if (first == null && originalSteps.size() != replaySteps.size()) {
            first = Math.min(originalSteps.size(), replaySteps.size());
        }
        Classification c = classify(original, replay, now);
        Integer step = c.firstDivergingStep() != null ? c.firstDivergingStep() : first;
        String evidence = c.evidence() != null ? c.evidence()
                : first == null ? "workflow hashes differ but every step hash matches"
                : "step hashes differ from step " + first;
        return Optional.of(detail(original, replay, originalHash, upstreamText, step, c.rootCause(), c.severity(),
                evidence));
    }

    private Classification classify(ReplaySampler.Entry original, WorkflowRun replay, Instant now) {
        Path replayTrace = traceFile(tracesDir, replay.runId());
        RunTrace.write(replayTrace, replay, now);
        Path originalTrace = traceFile(tracesDir, original.runId());
        if (!Files.exists(originalTrace)) {
            return new Classification(null, null, null, "no trace of the original run (" + originalTrace + ")");
        }
        try {
            return classifier.classify(originalTrace, replayTrace);
        } catch (RuntimeException e) {
            return new Classification(null, null, null, "the diff failed: " + e);
        }
    }

    private static MismatchDetail detail(ReplaySampler.Entry original, WorkflowRun replay, String originalHash,
                                         String upstreamText, Integer step, String rootCause, String severity,
                                         String evidence) {
        return new MismatchDetail(original.runId(), replay.runId(), originalHash, replay.workflowHash(), false,
                upstreamText, original.type(), original.seed(), step, rootCause, severity, evidence);
    }
}
