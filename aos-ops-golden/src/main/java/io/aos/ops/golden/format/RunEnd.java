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

    /**
     * Checks the end.
     *
     * @throws NullPointerException if an argument is null
     */
    public RunEnd {
        checkNotNull(format, "format");
        checkNotNull(raw, "raw");
    }

    private JsonNode fields() {
        return format == TraceFormat.ENGINE_JSONL ? raw.path("data") : raw;
    }

    /** {@return A: {@code completed}, {@code failed}, {@code budget_exceeded}, ...; B: empty} */
    public Optional<String> status() {
        return RunHeader.text(fields(), "status");
    }

    /** {@return B: the stored {@code workflow_hash}; A: empty} */
    public Optional<String> workflowHash() {
        return RunHeader.text(fields(), "workflow_hash");
    }

    /** {@return B: {@code success}; A: whether the status is {@code completed}} */
    public Optional<Boolean> success() {
        if (format == TraceFormat.ENGINE_JSONL) {
            return status().map("completed"::equals);
        }
        JsonNode n = fields().get("success");
        return n != null && n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /** {@return B: {@code duration_ms} (volatile, never hashed); A: empty} */
    public Optional<Long> durationMs() {
        JsonNode n = fields().get("duration_ms");
        return n != null && n.canConvertToLong() ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** {@return B: {@code error}, the exception text of a failed run; A: empty} */
    public Optional<String> error() {
        return RunHeader.text(fields(), "error");
    }

    /** {@return A: the envelope timestamp; B: empty} */
    public Optional<String> timestamp() {
        return format == TraceFormat.ENGINE_JSONL ? RunHeader.text(raw, "timestamp") : Optional.empty();
    }
}
