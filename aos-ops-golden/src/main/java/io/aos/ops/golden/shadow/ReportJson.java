package io.aos.ops.golden.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aos.ops.core.json.OpsJson;

/**
 * Writes the run's reports indented the way upstream's tools wrote them ({@code "key": value}, {@code []} when
 * empty): cycle reports with two spaces like Python's {@code indent=2}, the summary with four like upstream's heredoc.
 */
final class ReportJson {

    private static final ObjectWriter TWO = OpsJson.mapper().writer(printer("  "));
    private static final ObjectWriter FOUR = OpsJson.mapper().writer(printer("    "));

    private ReportJson() {
    }

    static String indent2(Object value) throws JsonProcessingException {
        return TWO.writeValueAsString(value);
    }

    static String indent4(Object value) throws JsonProcessingException {
        return FOUR.writeValueAsString(value);
    }

    private static DefaultPrettyPrinter printer(String indent) {
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
