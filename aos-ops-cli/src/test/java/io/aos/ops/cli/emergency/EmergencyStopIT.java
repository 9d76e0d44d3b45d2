package io.aos.ops.cli.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's {@code scripts/ops/disable-workflows.sh} against the built jar, in a temporary state directory. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmergencyStopIT {

    private static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path state;

    private record Run(int code, String out) {
    }

    private Run script(String... args) throws IOException, InterruptedException {
        return scriptWithEnv(null, args);
    }

    private Run scriptWithEnv(String envValue, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("scripts/ops/disable-workflows.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("WORKFLOW_EMERGENCY_STOP");
        if (envValue != null) {
            pb.environment().put("WORKFLOW_EMERGENCY_STOP", envValue);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theRunbookScriptStopsReportsAndResumesWithTheScriptableExitCodes() throws Exception {
        Run before = script();
        assertThat(before.code()).as(before.out()).isZero();
        assertThat(before.out()).contains("Status: RUNNING");

        Run enable = script("enable", "--reason", "IT drill");
        assertThat(enable.code()).as(enable.out()).isZero();
        assertThat(enable.out()).contains("[EMERGENCY] Disabling workflow execution", "Stop file created: ");

        Run stopped = script("status");
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.out()).contains("Status: STOPPED", "Reason: IT drill");

        Run disable = script("disable", "--reason", "drill over");
        assertThat(disable.code()).as(disable.out()).isZero();
        assertThat(disable.out()).contains("[RECOVERY] Re-enabling workflow execution");

        assertThat(script("status").code()).isZero();
        assertThat(Files.readAllLines(state.resolve("emergency_stop_audit.log"))).hasSize(2);
        assertThat(Files.readAllLines(state.resolve("emergency_stop.env"))).contains("WORKFLOW_EMERGENCY_STOP=false");
    }

    @Test
    void workflowEmergencyStopOneOrYesInTheEnvironmentIsStoppedAndFalseOrNoIsNot() throws Exception {
        for (String value : List.of("1", "yes", "true")) {
            Run r = scriptWithEnv(value, "status");
            assertThat(r.code()).as(value + ": " + r.out()).isEqualTo(1);
            assertThat(r.out()).contains("Status: STOPPED (by this shell's environment)",
                    "WORKFLOW_EMERGENCY_STOP=" + value);
        }
        for (String value : List.of("0", "no", "false", "")) {
            assertThat(scriptWithEnv(value, "status").code()).as(value).isZero();
        }
    }

    @Test
    void enableWithAStopFileInAMissingDirectoryExits2AndCreatesNothing() throws Exception {
        Run r = script("enable", "--stop-file", state.resolve("typo/flag").toString());
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).contains(state.resolve("typo").toString(), "does not exist");
        try (var files = Files.list(state)) {
            assertThat(files).isEmpty();
        }
    }
}
