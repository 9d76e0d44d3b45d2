package io.aos.ops.cli.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.AosOps;
import io.aos.ops.core.json.OpsJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command through {@link AosOps#run}, in a temporary state directory given with --state-dir. */
class EmergencyStopCommandTest {

    @TempDir
    Path state;

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("emergency-stop"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", state.toString()));
        return runRaw(all.toArray(String[]::new));
    }

    private static Result runRaw(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = AosOps.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void statusOfAFreshStateDirectoryIsRunningWithExit0() {
        Result r = run("status");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Workflow Emergency Stop Status\n==============================\n")
                .contains("Status: RUNNING", "No stop file present");
    }

    @Test
    void noSubcommandShowsTheStatusLikeTheOldScript() {
        Result r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Status: RUNNING");
    }

    @Test
    void enablePrintsTheSeedLinesAndStatusThenExits1() {
        Result enable = run("enable", "--reason", "P0 mismatch in cycle 12");
        assertThat(enable.code()).isZero();
        assertThat(enable.out()).contains(
                "[EMERGENCY] Disabling workflow execution",
                "Stop file created: " + state.resolve(".workflow_emergency_stop"),
                "Environment: WORKFLOW_EMERGENCY_STOP=true",
                "within 1 second")
                .doesNotContain("Restart services");

        Result status = run("status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("Status: STOPPED", "Stopped by: " + System.getProperty("user.name"),
                "Since: ", "Reason: P0 mismatch in cycle 12", "ENGAGE by");
    }

    @Test
    void disablePrintsRecoveryAndKeepsTheAuditTrail() throws Exception {
        run("enable", "-r", "drill");
        Result disable = run("disable", "--reason", "drill over");
        assertThat(disable.code()).isZero();
        assertThat(disable.out()).contains("[RECOVERY] Re-enabling workflow execution", "Stop file removed: ",
                "WORKFLOW_EMERGENCY_STOP=false", "the audit log is kept");
        assertThat(state.resolve(".workflow_emergency_stop")).doesNotExist();
        assertThat(Files.readAllLines(state.resolve("emergency_stop_audit.log"))).hasSize(2);

        Result status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Status: RUNNING", "ENGAGE by", "RELEASE by", "drill over");
    }

    @Test
    void enablingTwiceKeepsTheFirstReasonAndSaysSo() {
        run("enable", "first");
        Result again = run("enable", "second", "reason");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("Already stopped", "Reason: first");
        assertThat(run("status").out()).contains("Reason: first", "ENGAGE_REPEAT by", "second reason");
    }

    @Test
    void upstreamAliasesStopAndStartStillWork() {
        assertThat(run("stop").code()).isZero();
        assertThat(run("status").code()).isEqualTo(1);
        assertThat(run("start").code()).isZero();
        assertThat(run("status").code()).isZero();
    }

    @Test
    void statusJsonIsMachineReadable() throws Exception {
        run("enable", "--reason", "json please");
        Result r = run("status", "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode json = OpsJson.mapper().readTree(r.out());
        assertThat(json.get("status").asText()).isEqualTo("STOPPED");
        assertThat(json.get("engaged").asBoolean()).isTrue();
        assertThat(json.get("source").asText()).isEqualTo("FLAG_FILE");
        assertThat(json.get("reason").asText()).isEqualTo("json please");
        assertThat(json.get("recent_audit")).hasSize(1);
        assertThat(json.get("recent_audit").get(0).get("action").asText()).isEqualTo("ENGAGE");
    }

    @Test
    void enableJsonSaysWhatWasDone() throws Exception {
        Result r = run("enable", "--json", "--reason", "x");
        JsonNode json = OpsJson.mapper().readTree(r.out());
        assertThat(json.get("action").asText()).isEqualTo("enable");
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("audited").get("action").asText()).isEqualTo("ENGAGE");
    }

    @Test
    void anUncheckableStopFileIsStatusUnknownWithExit2() throws Exception {
        Path plain = Files.writeString(state.resolve("plain"), "x");
        Result r = run("status", "--stop-file", plain.resolve("flag").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("Status: UNKNOWN", "treat this as STOPPED", "Not a directory");
    }

    @Test
    void enableOnAnUncheckableStopFileFailsInOneLineWithExit2() throws Exception {
        Files.createDirectories(state.resolve(".workflow_emergency_stop"));
        Result r = run("enable");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("aos-ops: ").contains(".workflow_emergency_stop")
                .doesNotContain("\n");
    }

    @Test
    void optionsBeforeTheSubcommandApplyToIt() {
        Result enable = runRaw("emergency-stop", "--state-dir", state.toString(), "enable", "parent", "options");
        assertThat(enable.code()).isZero();
        assertThat(state.resolve(".workflow_emergency_stop")).isRegularFile();
    }

    @Test
    void aReasonGivenTwiceIsAUsageError() {
        Result r = run("enable", "--reason", "a", "b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either with --reason or as words");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("bogus").code()).isEqualTo(2);
    }
}
