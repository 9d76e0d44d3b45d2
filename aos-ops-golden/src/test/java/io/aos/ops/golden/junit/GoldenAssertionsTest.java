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
        GoldenAssertions.check(golden, json("{\"seed\":1,\"out\":\"x\",\"timestamp\":\"2027-01-01T00:00:00Z\"}"),
                DiffOptions.defaults(), false);
    }

    @Test
    void aDifferentTraceFailsWithTheRootCauseFirst() throws Exception {
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\"}");
        assertThatThrownBy(() -> GoldenAssertions.check(golden, json("{\"seed\":2,\"out\":\"x\"}"),
                DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CRITICAL: SEED_MISMATCH")
                .hasMessageContaining("aos.golden.update");
    }

    @Test
    void aMissingGoldenFileFailsAndSaysHowToCreateIt() {
        assertThatThrownBy(() -> GoldenAssertions.check(tmp.resolve("none.json"), json("{}"),
                DiffOptions.defaults(), false))
                .hasMessageContaining("does not exist").hasMessageContaining("-Daos.golden.update=true");
    }

    @Test
    void updateModeWritesTheGoldenFileInsteadOfFailing() throws Exception {
        Path golden = tmp.resolve("sub/run.steps.jsonl");
        JsonNode trace = json("[{\"event_type\":\"run_start\"},{\"event_type\":\"run_end\"}]");
        GoldenAssertions.check(golden, trace, DiffOptions.defaults(), true);
        assertThat(Files.readAllLines(golden)).containsExactly("{\"event_type\":\"run_start\"}",
                "{\"event_type\":\"run_end\"}");
        GoldenAssertions.check(golden, trace, DiffOptions.defaults(), false);
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
        assertThatThrownBy(() -> GoldenAssertions.assertGoldenMatches(golden, json("{\"seed\":1,\"out\":\"y\"}")))
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
        assertThatThrownBy(() -> GoldenAssertions.check(golden, json("2"), DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CRITICAL");
        Path object = tmp.resolve("object.json");
        Files.writeString(object, "{}");
        assertThatThrownBy(() -> GoldenAssertions.check(object, json("[]"), DiffOptions.defaults(), false))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("CRITICAL");
    }

    @Test
    void anEngineTraceAgainstASimulationGoldenIsRefused() throws Exception {
        assumeFalse(GoldenAssertions.updateMode(), "update mode writes the golden file instead of comparing");
        Path golden = tmp.resolve("r.golden.json");
        Files.writeString(golden, "{\"run_id\":\"r\",\"seed\":1,\"step_hashes\":[],\"workflow_hash\":\"ab\"}");
        Path trace = tmp.resolve("r.steps.jsonl");
        Files.writeString(trace, "{\"event_type\":\"run_start\",\"data\":{\"seed\":1}}\n");
        assertThatThrownBy(() -> GoldenAssertions.assertGoldenMatches(golden, trace))
                .isInstanceOf(io.aos.ops.core.AosOpsException.class).hasMessageContaining("cannot compare");
    }

    @Test
    void aMismatchLeavesTheGoldenFileAloneAndTheMessageNamesBothFiles() throws Exception {
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\"}");
        Path pending = tmp.resolve("run.json.new");
        assertThatThrownBy(() -> GoldenAssertions.check(golden, json("{\"seed\":1,\"out\":\"y\"}"),
                DiffOptions.defaults(), false))
                .hasMessageContaining("expected: " + golden).hasMessageContaining("actual:   " + pending)
                .hasMessageNotContaining("actual:   actual");
        assertThat(Files.readString(golden)).isEqualTo("{\"seed\":1,\"out\":\"x\"}");
        assertThat(OpsJson.mapper().readTree(pending.toFile())).isEqualTo(json("{\"seed\":1,\"out\":\"y\"}"));
    }

    @Test
    void aTraceFileMismatchNamesTheGoldenAndTheTraceFile() throws Exception {
        assumeFalse(GoldenAssertions.updateMode(), "update mode is on in this environment");
        Path golden = tmp.resolve("run.steps.jsonl");
        Files.writeString(golden, "{\"event_type\":\"run_start\",\"data\":{\"seed\":1}}\n");
        Path trace = tmp.resolve("trace.steps.jsonl");
        Files.writeString(trace, "{\"event_type\":\"run_start\",\"data\":{\"seed\":2}}\n");
        assertThatThrownBy(() -> GoldenAssertions.assertGoldenMatches(golden, trace))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("expected: " + golden).hasMessageContaining("actual:   " + trace);
    }

    @Test
    void aMatchRemovesAStalePendingFile() throws Exception {
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1}");
        Path pending = tmp.resolve("run.json.new");
        Files.writeString(pending, "{\"seed\":2}");
        GoldenAssertions.check(golden, json("{\"seed\":1}"), DiffOptions.defaults(), false);
        assertThat(pending).doesNotExist();
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedActualFirstAssertionsStillCompareTheSameWay() throws Exception {
        assumeFalse(GoldenAssertions.updateMode(), "update mode is on in this environment");
        Path golden = tmp.resolve("run.json");
        Files.writeString(golden, "{\"seed\":1,\"out\":\"x\"}");
        GoldenAssertions.assertMatchesGolden(json("{\"seed\":1,\"out\":\"x\"}"), golden);
        assertThatThrownBy(() -> GoldenAssertions.assertMatchesGolden(json("{\"seed\":1,\"out\":\"y\"}"), golden))
                .hasMessageContaining("does not match golden file " + golden);
        Path trace = tmp.resolve("trace.json");
        Files.writeString(trace, "{\"seed\":1,\"out\":\"x\"}");
        GoldenAssertions.assertMatchesGolden(trace, golden);
    }
}
