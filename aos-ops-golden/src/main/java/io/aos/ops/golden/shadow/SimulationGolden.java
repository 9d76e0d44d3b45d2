package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A format-B golden file, {@code <output>/golden/<run_id>.golden.json}, field for field as upstream's runner writes
 * it ({@code json.dump(asdict(result), f, indent=2)}: dataclass field order, two-space indent, no trailing newline).
 * TEMPORARY writer until golden-formats' format-B writer lands; the bytes are the same.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"run_id", "workflow_type", "seed", "step_hashes", "workflow_hash", "duration_ms", "success", "error"})
record SimulationGolden(String runId, String workflowType, long seed, List<String> stepHashes, String workflowHash,
                        long durationMs, boolean success, String error) {

    SimulationGolden {
        stepHashes = stepHashes == null ? List.of() : List.copyOf(stepHashes);
    }

    static SimulationGolden of(WorkflowRun run) {
        return new SimulationGolden(run.runId(), run.type(), run.seed(), run.stepHashes(), run.workflowHash(),
                run.durationMs(), run.completed(), run.error());
    }

    /** The file's bytes as Python writes them. */
    String render() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\n  \"run_id\": ");
        SimulationHashes.string(sb, runId);
        sb.append(",\n  \"workflow_type\": ");
        SimulationHashes.string(sb, workflowType);
        sb.append(",\n  \"seed\": ").append(seed);
        sb.append(",\n  \"step_hashes\": ");
        if (stepHashes.isEmpty()) {
            sb.append("[]");
        } else {
            sb.append('[');
            for (int i = 0; i < stepHashes.size(); i++) {
                sb.append(i == 0 ? "\n    " : ",\n    ");
                SimulationHashes.string(sb, stepHashes.get(i));
            }
            sb.append("\n  ]");
        }
        sb.append(",\n  \"workflow_hash\": ");
        SimulationHashes.string(sb, workflowHash);
        sb.append(",\n  \"duration_ms\": ").append(durationMs);
        sb.append(",\n  \"success\": ").append(success);
        sb.append(",\n  \"error\": ");
        if (error == null) {
            sb.append("null");
        } else {
            SimulationHashes.string(sb, error);
        }
        sb.append("\n}");
        return sb.toString();
    }
}
