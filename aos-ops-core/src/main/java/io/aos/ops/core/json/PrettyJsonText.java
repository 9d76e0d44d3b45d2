package io.aos.ops.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON text in {@link OpsJson#pretty()}'s layout (two-space indent, {@code " : "} between a name and its value, no
 * final newline), written by jackson-core's streaming generator alone. For the reports of short commands that a
 * cold JVM prints ({@code golden summary --json}, {@code retention status --json}): data binding's set-up, some 600
 * classes, costs such a run more than its output. Using this class loads no data-binding class. Stateless and
 * thread-safe.
 */
public final class PrettyJsonText {

    /** What writes one document to the generator it is given. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the document.
         *
         * @param g the generator, with the pretty printer set
         * @throws IOException as the generator throws it (not for a string)
         */
        void write(JsonGenerator g) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private PrettyJsonText() {
    }

    /**
     * The document {@code body} writes, as text.
     *
     * @param capacity the expected length in characters (a hint)
     * @param body     writes the document
     * @return the JSON, without a final newline
     */
    public static String of(int capacity, Body body) {
        StringWriter out = new StringWriter(capacity);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
