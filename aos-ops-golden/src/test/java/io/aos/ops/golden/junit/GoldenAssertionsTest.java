package io.aos.ops.golden.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenAssertionsTest {

    @TempDir
    Path tmp;

    private static JsonNode json(String text) throws Exception {
        return OpsJson.mapper().readTree(text);
    }

    @Test
    void aMatchingTracePasses() throws Exception {
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        GoldenAssertions.check(json("{\"seed\":1,\"out\":\"x\",\"timestamp\":\"2027-01-01T00:00:00Z\"}"), golden,
                DiffOptions.defaults(), false);
    }

    @Test
    void aDifferentTraceFailsWithTheRootCauseFirst() throws Exception {
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\"}");
        assertThatThrownBy(() -> GoldenAssertions.check(json("{\"seed\":2,\"out\":\"x\"}"), golden,
                DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CRITICAL: SEED_MISMATCH")
                .hasMessageContaining("aos.golden.update");
    }

    @Test
    void aMissingGoldenFileFailsAndSaysHowToCreateIt() {
        assertThatThrownBy(() -> GoldenAssertions.check(json("{}"), tmp.resolve("none.json"),
                DiffOptions.defaults(), false))
                .hasMessageContaining("does not exist").hasMessageContaining("-Daos.golden.update=true");
    }

    @Test
    void updateModeWritesTheGoldenFileInsteadOfFailing() throws Exception {
        Path golden = tmp.resolve("sub/run.steps.jsonl");
        JsonNode trace = json("[{\"event_type\":\"run_start\"},{\"event_type\":\"run_end\"}]");
        GoldenAssertions.check(trace, golden, DiffOptions.defaults(), true);
        assertThat(Files.readAllLines(golden)).containsExactly("{\"event_type\":\"run_start\"}",
                "{\"event_type\":\"run_end\"}");
        GoldenAssertions.check(trace, golden, DiffOptions.defaults(), false);
    }

    @Test
    void theEnvironmentVariableTurnsUpdateModeOnWithOneOrTrue() {
        assertThat(GoldenAssertions.updateMode(null, "1")).isTrue();
        assertThat(GoldenAssertions.updateMode(null, "true")).isTrue();
        assertThat(GoldenAssertions.updateMode(null, "0")).isFalse();
        assertThat(GoldenAssertions.updateMode(null, null)).isFalse();
        assertThat(GoldenAssertions.updateMode("true", null)).isTrue();
    }

    @Test
    void thePublicAssertionFailsWithTheClassifiedDiffRootCauseFirst() throws Exception {
        assumeFalse(GoldenAssertions.updateMode(), "update mode is on in this environment");
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\"}");
        assertThatThrownBy(() -> GoldenAssertions.assertMatchesGolden(json("{\"seed\":1,\"out\":\"y\"}"), golden))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("does not match golden file " + golden)
                .hasMessageContaining("CRITICAL: DETERMINISM_VIOLATION");
    }

    @Test
    void theSystemPropertyTurnsUpdateModeOn() {
        String before = System.getProperty(GoldenAssertions.UPDATE_PROPERTY);
        try {
            System.setProperty(GoldenAssertions.UPDATE_PROPERTY, "true");
            assertThat(GoldenAssertions.updateMode()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(GoldenAssertions.UPDATE_PROPERTY);
            } else {
                System.setProperty(GoldenAssertions.UPDATE_PROPERTY, before);
            }
        }
    }

    @Test
    void documentsThatDifferAtTheTopLevelFail() throws Exception {
        Path golden = tmp.resolve("one.json");
        Files.writeString(golden, "1");
        assertThatThrownBy(() -> GoldenAssertions.check(json("2"), golden, DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CRITICAL");
        Path object = tmp.resolve("object.json");
        Files.writeString(object, "{}");
        assertThatThrownBy(() -> GoldenAssertions.check(json("[]"), object, DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CRITICAL");
    }

    @Test
    void anEngineTraceAgainstASimulationGoldenIsRefused() throws Exception {
        Path golden = tmp.resolve("r.golden.json");
        Files.writeString(golden, "{\"run_id\":\"r\",\"seed\":1,\"step_hashes\":[],\"workflow_hash\":\"ab\"}");
        Path trace = tmp.resolve("r.steps.jsonl");
        Files.writeString(trace, "{\"event_type\":\"run_start\",\"data\":{\"seed\":1}}\n");
        assertThatThrownBy(() -> GoldenAssertions.assertMatchesGolden(trace, golden))
                .isInstanceOf(io.aos.ops.core.AosOpsException.class).hasMessageContaining("cannot compare");
    }
}
