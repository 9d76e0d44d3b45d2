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
        try {
            out(spec).println(OpsJson.pretty().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report cannot be written as JSON", e);
        }
        out(spec).flush();
    }

    static void text(CommandSpec spec, String text) {
        PrintWriter out = out(spec);
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
