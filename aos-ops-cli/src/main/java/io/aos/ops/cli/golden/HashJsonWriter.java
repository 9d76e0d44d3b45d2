package io.aos.ops.cli.golden;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.RunHeader;
import io.aos.ops.golden.format.StepCheck;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.format.TraceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Streams the {@code golden hash --json} report: every step of every file is written as it is read, so a trace of
 * any length is reported in constant memory. Shape: {@code {"files":[{...summary, "step_checks":[...]}, ...],
 * "files_checked", "mismatched", "unreadable"}}.
 */
final class HashJsonWriter implements TraceAuditor.Listener, AutoCloseable {

    private final JsonGenerator json;
    private boolean inSteps;

    HashJsonWriter(PrintWriter out) {
        try {
            json = OpsJson.mapper().getFactory().createGenerator(out);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void started(Path file, TraceFormat format, RunHeader header) {
        try {
            json.writeStartObject();
            json.writeStringField("file", file.toString());
            json.writeArrayFieldStart("step_checks");
            inSteps = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void step(StepCheck check) {
        write(check.toJson());
    }

    /** Closes the file's object with its summary (or writes the whole object for a file that never opened). */
    void finished(TraceAudit audit) {
        try {
            if (!inSteps) {
                json.writeStartObject();
                json.writeStringField("file", audit.file().toString());
            } else {
                json.writeEndArray();
                inSteps = false;
            }
            ObjectNode summary = audit.summaryJson();
            for (Iterator<Map.Entry<String, JsonNode>> it = summary.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("file")) {
                    json.writeFieldName(field.getKey());
                    OpsJson.mapper().writeTree(json, field.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void totals(int checked, int mismatched, int unreadable) {
        try {
            json.writeEndArray();
            json.writeNumberField("files_checked", checked);
            json.writeNumberField("mismatched", mismatched);
            json.writeNumberField("unreadable", unreadable);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(JsonNode node) {
        try {
            OpsJson.mapper().writeTree(json, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
