package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's path end to end: {@code run_shadow_simulation.sh --inject ...} writes a run below a temp
 * {@code AOS_SHADOW_GLOB}, and {@code shadow_debug.sh} finds it as the newest run without flags.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DebugIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    Run run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("NO_COLOR", "1");
        // the commands' own temporary files go here, so the test can check that none is left behind
        pb.environment().put("AOS_OPS_JAVA_OPTS", "-Djava.io.tmpdir=" + Files.createDirectories(javaTmp()));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDebugLauncherFindsTheNewestRunAndReplaysAFlawedRunWithoutTouchingItsGoldenDir() throws Exception {
        Path runDir = tmp.resolve("runs/shadow_simulation_20261128_020000");
        Run shadow = run("scripts/stress/run_shadow_simulation.sh", "--cycles", "2", "-i", "0", "-n", "6",
                "--seed", "42", "--inject", "volatile-leak:0.5", "-o", runDir.toString());
        assertThat(shadow.code()).as(shadow.err()).isEqualTo(1);

        Run full = run("scripts/stress/shadow_debug.sh", "full", "--json");
        assertThat(full.code()).as(full.err()).isEqualTo(1);
        JsonNode doc = OpsJson.mapper().readTree(full.out());
        assertThat(doc.path("run_dir").asText()).isEqualTo(runDir.toString());
        JsonNode cycles = doc.path("sections").path("mismatches").path("cycles");
        assertThat(cycles).isNotEmpty();
        String runId = null;
        for (JsonNode cycle : cycles) {
            for (JsonNode d : cycle.path("details")) {
                if (runId == null && "VOLATILE_LEAK".equals(d.path("root_cause").asText())) {
                    runId = d.path("original_run_id").asText();
                }
            }
        }
        assertThat(runId).as("a mismatch caused by the injected leak").isNotNull();

        List<String> before;
        try (Stream<Path> files = Files.list(runDir.resolve("golden"))) {
            before = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Run replay = run("scripts/stress/shadow_debug.sh", "replay", runId);
        assertThat(replay.code()).as(replay.err()).isEqualTo(1);
        assertThat(replay.out()).startsWith("MISMATCH: " + runId).contains("Root cause:");
        try (Stream<Path> files = Files.list(runDir.resolve("golden"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(before);
        }
        assertThat(javaTmp()).as("debug replay deletes its temporary replay file").isEmptyDirectory();

        Run tail = run("scripts/stress/shadow_debug.sh", "tail");
        assertThat(tail.code()).isZero();
        assertThat(tail.out()).contains("Shadow simulation complete");
    }

    private Path javaTmp() {
        return tmp.resolve("java.io.tmpdir");
    }
}
