package io.aos.ops.golden.format;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.json.PyJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.util.List;

/**
 * Writes engine trace lines (format A) exactly as the engine's {@code GoldenRecorder} does:
 * {@code json.dumps(event, sort_keys=True, separators=(",", ":"))} (ASCII-escaped, nulls kept, floats as
 * {@code repr}) followed by {@code "\n"}.
 */
public final class EngineTraceWriter {

    private EngineTraceWriter() {
    }

    /**
     * One event as its line, newline included.
     *
     * @param event the event object
     * @return the line
     */
    public static String line(JsonNode event) {
        checkNotNull(event, "event");
        PyJsonOutput out = new PyJsonOutput();
        appendLine(event, out);
        return out.toString();
    }

    /**
     * Appends one event line, newline included, to {@code out}.
     *
     * @param event the event object
     * @param out   where to append
     */
    public static void appendLine(JsonNode event, PyJsonOutput out) {
        PyJson.write(event, PyJson.Style.COMPACT, out);
        out.writeByte('\n');
    }

    /**
     * A whole file of events.
     *
     * @param events the event objects in file order
     * @return the file's bytes
     */
    public static byte[] toBytes(List<? extends JsonNode> events) {
        PyJsonOutput out = new PyJsonOutput(4096);
        for (JsonNode event : events) {
            appendLine(event, out);
        }
        return out.toByteArray();
    }
}
