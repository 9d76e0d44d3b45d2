package io.aos.ops.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's wiring in-process: every path given by a flag, all in a temporary directory. */
class IncidentCaptureCommandTest {

    @TempDir
    Path tmp;

    private String[] capture(String... extra) {
        String[] base = {"incident", "capture", "--state-dir", tmp.resolve("state").toString(), "--reports-dir",
            tmp.resolve("reports").toString(), "--run-dir", tmp.resolve("run").toString(), "--prometheus-url",
            "http://127.0.0.1:1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    @Test
    void jsonNamesTheFirstMismatchAndTheVerifiedArchiveInSnakeCase() throws Exception {
        CliRun run = CliRun.capturingSystemStreams("shadow", "run", "--cycles", "2", "--cycle-interval", "0",
                "--seed", "5", "--inject", "seed-mismatch:0.5", "--state-dir", tmp.resolve("state").toString(),
                "-o", tmp.resolve("run").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        // A --state-dir given as a flag must exist before the stop is written there (a typo stops no engine).
        Files.createDirectories(tmp.resolve("state"));

        CliRun capture = CliRun.of(capture("--json", "--reason", "unit"));

        assertThat(capture.code()).as(capture.err() + capture.out()).isZero();
        JsonNode json = OpsJson.mapper().readTree(capture.out());
        assertThat(json.path("emergency_stop").asText()).isEqualTo("ENGAGED");
        assertThat(json.path("stop_engaged").asBoolean()).isTrue();
        assertThat(json.at("/first_mismatch/root_cause").asText()).isEqualTo("SEED_MISMATCH");
        assertThat(json.at("/root_causes/0/root_cause").asText()).isEqualTo("SEED_MISMATCH");
        assertThat(json.path("archive_verified").asBoolean()).isTrue();
        Path archive = Path.of(json.path("archive").asText());
        assertThat(archive).isRegularFile();
        assertThat(archive.resolveSibling(archive.getFileName() + ".sha256")).isRegularFile();
        assertThat(Path.of(json.path("bundle").asText()).resolve("INCIDENT.md")).isRegularFile();
    }

    @Test
    void badLimitsAreUsageErrorsWithNothingDone() throws Exception {
        Files.createDirectories(tmp.resolve("run"));
        CliRun zero = CliRun.of(capture("--max-mismatches", "0"));
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-mismatches must be at least 1");
        assertThat(CliRun.of(capture("--max-file-mb", "0")).code()).isEqualTo(2);
        assertThat(tmp.resolve("reports")).doesNotExist();
        assertThat(tmp.resolve("state/.workflow_emergency_stop")).doesNotExist();
    }

    @Test
    void aRunDirThatDoesNotExistIsExit2BeforeTheStopIsTouched() {
        CliRun r = CliRun.of(capture());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(tmp.resolve("run") + ": --run-dir is not a directory");
        assertThat(tmp.resolve("state/.workflow_emergency_stop")).doesNotExist();
    }
}
