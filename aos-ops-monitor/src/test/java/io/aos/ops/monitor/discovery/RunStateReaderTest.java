package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateReaderTest {

    @TempDir
    Path tmp;

    @Test
    void statusWrittenByTheSharedMapperReadsBackFieldForField() throws Exception {
        Instant t = Instant.parse("2026-11-28T02:24:03.915613Z");
        ShadowRunStatus status = new ShadowRunStatus(1, 752320, t, t, t, RunState.PAUSED, 106, 954, 954, 2, 1, t,
                24.0, 2880L, true, "paused by emergency stop");
        Path file = tmp.resolve("status.json");
        Files.write(file, OpsJson.pretty().writeValueAsBytes(status));

        assertThat(RunStateReader.readStatus(file)).isEqualTo(status);
    }

    @Test
    void upstreamCycleReportsReadTheirCounts() throws Exception {
        Path file = tmp.resolve("cycle_3.json");
        Files.writeString(file, "{\n  \"timestamp\": \"2026-11-28T02:24:03.915613+00:00\",\n  \"primary\": {\"total\": 3,"
                + " \"successful\": 3, \"failed\": 0},\n  \"shadow\": {\"total_replays\": 3, \"matches\": 1,"
                + " \"mismatches\": 2},\n  \"mismatch_details\": [{\"a\": [1, {\"b\": 2}]}, {}],\n  \"passed\": false\n}");

        assertThat(CycleReportReader.readCounts(file)).isEqualTo(new CycleReportReader.CycleCounts(3, 3, 2));
    }

    @Test
    void badJsonNamesFileLineAndColumn() throws Exception {
        Path file = tmp.resolve("status.json");
        Files.writeString(file, "{\n  \"pid\": 12,\n  \"cycles\": oops\n}");

        assertThatThrownBy(() -> RunStateReader.readStatus(file)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining(file + ": invalid JSON at line 3, column");
    }

    /** Each field of status.json and the JSON kinds it accepts (null is accepted by every field). */
    private static final Map<String, Set<String>> ACCEPTS = Map.ofEntries(
            Map.entry("schema_version", Set.of("number")), Map.entry("pid", Set.of("number")),
            Map.entry("process_start_time", Set.of("number", "time")), Map.entry("started_at", Set.of("number", "time")),
            Map.entry("updated_at", Set.of("number", "time")), Map.entry("state", Set.of("state")),
            Map.entry("cycles", Set.of("number")), Map.entry("workflows", Set.of("number")),
            Map.entry("replays", Set.of("number")), Map.entry("mismatches", Set.of("number")),
            Map.entry("cycles_with_mismatches", Set.of("number")),
            Map.entry("last_cycle_at", Set.of("number", "time")), Map.entry("target_hours", Set.of("number")),
            Map.entry("target_cycles", Set.of("number")), Map.entry("emergency_stop", Set.of("boolean")),
            Map.entry("message", Set.of("string", "time", "state")));

    /** A value of each kind, as JSON; an object holds a field that would change the verdict if it leaked out. */
    private static final Map<String, String> VALUES = Map.of("number", "7", "time", "\"2026-11-28T02:24:03Z\"",
            "state", "\"running\"", "string", "\"some text\"", "boolean", "true",
            "object", "{\"pid\": 99, \"state\": \"completed\"}", "array", "[1, {\"pid\": 99}]", "null", "null");

    @Test
    void everyFieldOfTheWrongKindIsNamedWithItsLineAndColumnAndNothingInsideItLeaksOut() throws Exception {
        // Every field against every kind, each placed between two good fields on a line of its own: the oracle is
        // the table above, written from ShadowRunStatus's types.
        for (Map.Entry<String, Set<String>> field : ACCEPTS.entrySet()) {
            for (Map.Entry<String, String> value : VALUES.entrySet()) {
                Path file = tmp.resolve("status.json");
                Files.writeString(file, "{\n\"pid\": 12,\n\"" + field.getKey() + "\": " + value.getValue()
                        + ",\n\"cycles\": 5\n}");
                boolean accepted = value.getKey().equals("null") || field.getValue().contains(value.getKey());
                String label = field.getKey() + " = " + value.getValue();
                if (accepted) {
                    ShadowRunStatus read = RunStateReader.readStatus(file);
                    assertThat(read.cycles()).as(label).isEqualTo(5);
                    assertThat(read.pid()).as(label).isIn(12L, 7L, 0L);
                } else {
                    assertThatThrownBy(() -> RunStateReader.readStatus(file)).as(label)
                            .isInstanceOf(AosOpsException.class)
                            .hasMessageStartingWith(file + ": invalid JSON at line 3, column")
                            .hasMessageContaining("field " + field.getKey());
                }
            }
        }
    }
}
