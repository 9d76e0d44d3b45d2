package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How a run ended: for an engine trace the {@code run_end} event ({@code status}), for a simulation golden the
 * fields after the steps ({@code workflow_hash}, {@code duration_ms}, {@code success}, {@code error}).
 *
 * @param format the trace format
 * @param raw    A: the whole {@code run_end} event; B: the golden object
 */
public record RunEnd(TraceFormat format, JsonNode raw) {

    public RunEnd {
        checkNotNull(format, "format");
        checkNotNull(raw, "raw");
    }

    private JsonNode fields() {
        return format == TraceFormat.ENGINE_JSONL ? raw.path("data") : raw;
    }

    /** A: {@code completed}, {@code failed}, {@code budget_exceeded}, ... */
    public Optional<String> status() {
        return RunHeader.text(fields(), "status");
    }

    /** B: the stored {@code workflow_hash}. */
    public Optional<String> workflowHash() {
        return RunHeader.text(fields(), "workflow_hash");
    }

    /** B: {@code success}; A: whether the status is {@code completed}. */
    public Optional<Boolean> success() {
        if (format == TraceFormat.ENGINE_JSONL) {
            return status().map("completed"::equals);
        }
        JsonNode n = fields().get("success");
        return n != null && n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /** B: {@code duration_ms} (volatile, never hashed). */
    public Optional<Long> durationMs() {
        JsonNode n = fields().get("duration_ms");
        return n != null && n.canConvertToLong() ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** B: {@code error}, the exception text of a failed run. */
    public Optional<String> error() {
        return RunHeader.text(fields(), "error");
    }

    /** A: the envelope timestamp. */
    public Optional<String> timestamp() {
        return format == TraceFormat.ENGINE_JSONL ? RunHeader.text(raw, "timestamp") : Optional.empty();
    }
}
