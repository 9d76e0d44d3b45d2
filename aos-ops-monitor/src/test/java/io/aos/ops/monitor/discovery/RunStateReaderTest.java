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
}
