package io.aos.ops.cli.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.core.json.OpsJson;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Printing for the monitoring commands: JSON reports through the one mapper, text as is. */
final class Output {

    private Output() {
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static void json(CommandSpec spec, Object value) {
        json(out(spec), value);
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(OpsJson.pretty().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report cannot be written as JSON", e);
        }
        out.flush();
    }

    static void text(CommandSpec spec, String text) {
        text(out(spec), text);
    }

    static void text(PrintWriter out, String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
