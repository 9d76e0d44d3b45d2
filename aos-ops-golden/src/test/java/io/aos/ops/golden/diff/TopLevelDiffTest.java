package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.json.OpsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents that differ at the top level (the whole value, not a field in it) are never a MATCH. */
class TopLevelDiffTest {

    @TempDir
    Path tmp;

    private static JsonNode json(String text) throws Exception {
        return OpsJson.mapper().readTree(text);
    }

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void twoDifferentTopLevelNumbersAreCritical() throws Exception {
        DiffResult r = GoldenDiff.compare(json("1"), json("2"));
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.evidence()).contains("expected 1, actual 2");
        assertThat(GoldenDiff.compare(file("a.json", "1"), file("b.json", "2")).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anObjectAgainstAnArrayIsCritical() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{}"), json("[]"));
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.differences()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DiffKind.TYPE_CHANGED));
        assertThat(GoldenDiff.compare(file("o.json", "{}"), file("arr.json", "[]")).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aSimulationGoldenAgainstAnEmptyArrayIsCritical() throws Exception {
        JsonNode golden = EngineTraces.simulation("r", 7, "mock_io:87bec47e62613a99");
        assertThat(GoldenDiff.compare(golden, json("[]")).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(GoldenDiff.compare(json("[]"), golden).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(GoldenDiff.compare(file("r.golden.json", golden.toString()), file("e.json", "[]")).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aTopLevelStringAndNullAndBooleanDifferAsValues() throws Exception {
        assertThat(GoldenDiff.compare(json("\"a\""), json("\"b\"")).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(GoldenDiff.compare(json("null"), json("false")).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(GoldenDiff.compare(json("true"), json("true")).severity()).isEqualTo(Severity.MATCH);
    }

    @Test
    void aSimulationGoldenAgainstAnEngineTraceIsRefusedAsAUsageError() throws Exception {
        Path golden = file("r.golden.json", EngineTraces.simulation("r", 7, "mock_io:87bec47e62613a99").toString());
        StringBuilder lines = new StringBuilder();
        for (JsonNode e : EngineTraces.trace("other", 2)) {
            lines.append(e).append('\n');
        }
        Path trace = file("other.steps.jsonl", lines.toString());
        for (Path[] pair : new Path[][] {{golden, trace}, {trace, golden}}) {
            assertThatThrownBy(() -> GoldenDiff.compare(pair[0], pair[1]))
                    .isInstanceOf(BadConfigurationException.class)
                    .hasMessageContaining("simulation golden").hasMessageContaining("engine trace")
                    .hasMessageContaining("r.golden.json").hasMessageContaining("other.steps.jsonl");
        }
    }

    @Test
    void aJsonlTraceAgainstTheSameEventsAsAJsonArrayStillMatches() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (JsonNode e : EngineTraces.trace("r", 3)) {
            lines.append(e).append('\n');
        }
        DiffResult r = GoldenDiff.compare(file("r.steps.jsonl", lines.toString()),
                file("r.json", EngineTraces.trace("r", 3).toPrettyString()));
        assertThat(r.severity()).isEqualTo(Severity.MATCH);
    }

    @Test
    void jsonlLinesThatAreScalarsAreComparedAsValues() throws Exception {
        DiffResult r = GoldenDiff.compare(file("a.jsonl", "1\n"), file("b.jsonl", "2\n"));
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.evidence()).contains("expected 1, actual 2");
    }
}
