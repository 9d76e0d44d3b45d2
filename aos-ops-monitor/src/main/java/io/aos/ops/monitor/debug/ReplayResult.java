package io.aos.ops.monitor.debug;

import io.aos.ops.core.text.ControlCharacters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code debug replay <run_id>} found.
 *
 * @param runId              the recorded run replayed
 * @param goldenFile         its golden file (read, never written)
 * @param workflowType       its workflow type
 * @param seed               its base seed
 * @param replayRunId        the id the replay ran under
 * @param originalHash       the golden file's workflow hash
 * @param replayHash         the replay's workflow hash
 * @param matches            true iff the two workflow hashes are equal (the runner's verdict)
 * @param severity           the classified diff's severity (MATCH, WARNING, CRITICAL)
 * @param rootCause          the classified diff's root cause; null when it found none
 * @param firstDivergingStep the 0-based step where the replay first differs; null when none or unknown
 * @param evidence           what decided the root cause, in one sentence
 * @param comparedWith       {@code trace} (step by step, with the run's recorded trace) or {@code golden file}
 * @param replayOutput       where the replay's trace (or golden-format result) was kept ({@code --output}); null when
 *                           none was given: the replay was written to a temporary file, compared, and deleted
 */
public record ReplayResult(String runId, Path goldenFile, String workflowType, long seed, String replayRunId,
                           String originalHash, String replayHash, boolean matches, String severity, String rootCause,
                           Integer firstDivergingStep, String evidence, String comparedWith, Path replayOutput) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", matches ? "MATCH" : "MISMATCH");
        json.put("run_id", runId);
        json.put("golden_file", goldenFile.toString());
        json.put("workflow_type", workflowType);
        json.put("seed", seed);
        json.put("replay_run_id", replayRunId);
        json.put("original_hash", originalHash);
        json.put("replay_hash", replayHash);
        json.put("severity", severity);
        json.put("root_cause", rootCause);
        json.put("first_diverging_step", firstDivergingStep);
        json.put("evidence", evidence);
        json.put("compared_with", comparedWith);
        json.put("replay_output", replayOutput == null ? null : replayOutput.toString());
        return json;
    }

    /** The verdict as text; what the golden file and diff hold is shown with its control characters escaped. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(matches ? "MATCH" : "MISMATCH").append(": ").append(runId).append(" (").append(workflowType)
                .append(", seed ").append(seed).append(") replayed as ").append(replayRunId).append('\n');
        out.append("  Golden file:     ").append(goldenFile).append('\n');
        out.append("  Golden hash:     ").append(originalHash).append('\n');
        out.append("  Replay hash:     ").append(replayHash).append('\n');
        if (!matches || rootCause != null) {
            out.append("  Root cause:      ").append(rootCause == null ? "not classified" : rootCause)
                    .append(severity == null ? "" : " (" + severity + ")").append('\n');
            out.append("  First diverging step: ").append(firstDivergingStep == null ? "unknown" : firstDivergingStep)
                    .append('\n');
            if (evidence != null && !evidence.isEmpty()) {
                out.append("  Evidence:        ").append(evidence).append('\n');
            }
        }
        out.append("  Compared with:   the recorded ").append(comparedWith).append('\n');
        out.append("  Replay written:  ").append(replayOutput == null ? "not kept (give --output FILE to keep it)"
                : replayOutput.toString()).append(" (nothing was written to the golden dir)\n");
        return ControlCharacters.forTerminal(out.toString());
    }
}
