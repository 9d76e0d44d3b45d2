package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of an engine trace (format A): {@code {"data":{...},"event_type":...,"run_id":...,"timestamp":...}}.
 * The whole parsed line is kept in {@link #raw()}, unknown fields included, so writing it back gives the same bytes.
 *
 * @param raw  the event object as read or as it will be written
 * @param line 1-based line where the event starts, or 0 for an event built in memory
 */
public record GoldenEvent(ObjectNode raw, long line) {

    /** The {@code event_type} of the event that opens a run. */
    public static final String RUN_START = "run_start";
    /** The {@code event_type} of one step. */
    public static final String STEP = "step";
    /** The {@code event_type} of the event that closes a run. */
    public static final String RUN_END = "run_end";

    /**
     * Checks the event.
     *
     * @throws NullPointerException if {@code raw} is null
     */
    public GoldenEvent {
        checkNotNull(raw, "raw event");
    }

    /** {@return {@code event_type}, or "" if absent} */
    public String eventType() {
        return raw.path("event_type").asText("");
    }

    /** {@return whether this is a {@code run_start} event} */
    public boolean isRunStart() {
        return RUN_START.equals(eventType());
    }

    /** {@return whether this is a {@code step} event} */
    public boolean isStep() {
        return STEP.equals(eventType());
    }

    /** {@return whether this is a {@code run_end} event} */
    public boolean isRunEnd() {
        return RUN_END.equals(eventType());
    }

    /** {@return {@code run_id}, or "" if absent} */
    public String runId() {
        return raw.path("run_id").asText("");
    }

    /** {@return the envelope timestamp as written ({@code datetime.isoformat()}), or "" if absent} */
    public String timestamp() {
        return raw.path("timestamp").asText("");
    }

    /** {@return the {@code data} object, or a missing node} */
    public JsonNode data() {
        JsonNode data = raw.get("data");
        return data == null ? MissingNode.getInstance() : data;
    }
}
