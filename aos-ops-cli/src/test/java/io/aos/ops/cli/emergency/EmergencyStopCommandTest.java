package io.aos.ops.cli.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command through {@link AosOps#run}, in a temporary state directory given with --state-dir. */
class EmergencyStopCommandTest {

    @TempDir
    Path state;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("emergency-stop"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", state.toString()));
        return CliRun.capturingSystemStreams(all.toArray(String[]::new));
    }

    @Test
    void statusOfAFreshStateDirectoryIsRunningWithExit0() {
        CliRun r = run("status");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Workflow Emergency Stop Status\n==============================\n")
                .contains("Status: RUNNING", "No stop file present");
    }

    @Test
    void noSubcommandShowsTheStatusLikeTheOldScript() {
        CliRun r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Status: RUNNING");
    }

    @Test
    void enablePrintsTheSeedLinesAndStatusThenExits1() {
        CliRun enable = run("enable", "--reason", "P0 mismatch in cycle 12");
        assertThat(enable.code()).isZero();
        assertThat(enable.out()).contains(
                "[EMERGENCY] Disabling workflow execution",
                "Stop file created: " + state.resolve(".workflow_emergency_stop"),
                "Environment: WORKFLOW_EMERGENCY_STOP=true",
                "see it within 250 ms and halt before their next step")
                .doesNotContain("Restart services");

        CliRun status = run("status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("Status: STOPPED", "Stopped by: " + System.getProperty("user.name"),
                "Since: ", "Reason: P0 mismatch in cycle 12", "ENGAGE by");
    }

    @Test
    void aReasonWithControlCharactersIsShownEscapedOnOneLine() {
        assertThat(run("enable", "--reason", "drill \u001b]0;owned\u0007\nReason: none").code()).isZero();

        CliRun status = run("status");

        assertThat(status.out()).contains("Reason: drill \\x1b]0;owned\\x07\\nReason: none\n")
                .doesNotContain("\u001b]0;owned", "\nReason: none");
    }

    @Test
    void disablePrintsRecoveryAndKeepsTheAuditTrail() throws Exception {
        run("enable", "-r", "drill");
        CliRun disable = run("disable", "--reason", "drill over");
        assertThat(disable.code()).isZero();
        assertThat(disable.out()).contains("[RECOVERY] Re-enabling workflow execution", "Stop file removed: ",
                "WORKFLOW_EMERGENCY_STOP=false", "the audit log is kept");
        assertThat(state.resolve(".workflow_emergency_stop")).doesNotExist();
        assertThat(Files.readAllLines(state.resolve("emergency_stop_audit.log"))).hasSize(2);

        CliRun status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Status: RUNNING", "ENGAGE by", "RELEASE by", "drill over");
    }

    @Test
    void aStopDatedInTheFutureIsShownAsSuchNotAsZeroSecondsAgo() throws Exception {
        Instant ahead = Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(30);
        Files.writeString(state.resolve(".workflow_emergency_stop"), "{\"who\": \"ops\", \"when\": \"" + ahead
                + "\", \"host\": \"h1\", \"reason\": \"clock ahead\"}");
        CliRun status = run("status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).containsPattern("Since: \\S+ \\(dated 5m [23]\\ds in the future\\)")
                .doesNotContain("0s ago");
        CliRun disable = run("disable", "--reason", "drill over");
        assertThat(disable.out()).containsPattern("\\(dated 5m [23]\\ds in the future by ops")
                .doesNotContain("stopped for 0s");
    }

    @Test
    void theTimesTheToolGivesAreTheLibrarysIntervals() {
        String recheck = EmergencyStop.DEFAULT_RECHECK_INTERVAL.toMillis() + " ms";
        String pausePoll = ShadowRunOptions.DEFAULT_PAUSE_POLL_INTERVAL.toSeconds() + " s";
        assertThat(recheck).isEqualTo("250 ms");
        assertThat(run("enable", "drill").out()).contains("see it within " + recheck);
        assertThat(run("disable", "drill").out()).contains("see the release within " + recheck,
                "looks again every " + pausePoll);
        for (String sub : List.of("enable", "disable")) {
            String help = CliRun.capturingSystemStreams("emergency-stop", sub, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).contains("within " + recheck).doesNotContain("1 second");
        }
        String help = CliRun.capturingSystemStreams("emergency-stop", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("'enable' within " + recheck, "'disable' within " + recheck,
                "looks again every " + pausePoll).doesNotContain("1 second");
    }

    @Test
    void enablingTwiceKeepsTheFirstReasonAndSaysSo() {
        run("enable", "first");
        CliRun again = run("enable", "second", "reason");
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
        CliRun r = run("status", "--json");
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
        CliRun r = run("enable", "--json", "--reason", "x");
        JsonNode json = OpsJson.mapper().readTree(r.out());
        assertThat(json.get("action").asText()).isEqualTo("enable");
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("audited").get("action").asText()).isEqualTo("ENGAGE");
    }

    @Test
    void anUncheckableStopFileIsStatusUnknownWithExit2() throws Exception {
        Path plain = Files.writeString(state.resolve("plain"), "x");
        CliRun r = run("status", "--stop-file", plain.resolve("flag").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("Status: UNKNOWN", "treat this as STOPPED", "Not a directory");
    }

    @Test
    void enableOnAnUncheckableStopFileFailsInOneLineWithExit2() throws Exception {
        Files.createDirectories(state.resolve(".workflow_emergency_stop"));
        CliRun r = run("enable");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("aos-ops: ").contains(".workflow_emergency_stop")
                .doesNotContain("\n");
    }

    @Test
    void optionsBeforeTheSubcommandApplyToIt() {
        CliRun enable = CliRun.capturingSystemStreams("emergency-stop", "--state-dir", state.toString(), "enable", "parent", "options");
        assertThat(enable.code()).isZero();
        assertThat(state.resolve(".workflow_emergency_stop")).isRegularFile();
    }

    @Test
    void aReasonGivenTwiceIsAUsageError() {
        CliRun r = run("enable", "--reason", "a", "b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either with --reason or as words");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("bogus").code()).isEqualTo(2);
    }

    @Test
    void enableWithAStopFileInAMissingDirectoryIsRefusedWithExit2AndChangesNothing() throws Exception {
        Path typo = state.resolve("typo/path/.workflow_emergency_stop");
        List<String> before = listing();
        CliRun r = run("enable", "--stop-file", typo.toString(), "--reason", "typo");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("aos-ops: ").contains(state.resolve("typo/path").toString(),
                "does not exist", "nothing was changed").doesNotContain("\n");
        assertThat(listing()).isEqualTo(before);
        assertThat(run("status").code()).isZero();
    }

    @Test
    void statusWarnsWhenTheEnvFileWasWrittenForAnotherStopFile() throws Exception {
        Path other = Files.createDirectories(state.resolve("other")).resolve("stop.flag");
        assertThat(run("enable", "--stop-file", other.toString(), "-r", "elsewhere").code()).isZero();
        CliRun status = run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("Status: RUNNING", "Checked: " + state.resolve(".workflow_emergency_stop"),
                "Warning: " + state.resolve("emergency_stop.env") + " says WORKFLOW_EMERGENCY_STOP=true",
                other.toString());
        JsonNode json = OpsJson.mapper().readTree(run("status", "--json").out());
        assertThat(json.get("env_file_disagreement").asText()).contains(other.toString());
        assertThat(run("status", "--stop-file", other.toString()).out()).contains("Status: STOPPED")
                .doesNotContain("Warning: ");
    }

    @Test
    void enableWhoseEnvFileCannotBeWrittenSaysTheStopIsEngagedAndExits1() throws Exception {
        // The directory exists; the atomic write's temporary name is longer than the file system allows.
        Path env = Files.createDirectories(state.resolve("etc")).resolve("e".repeat(250));
        CliRun r = run("enable", "--env-file", env.toString(), "-r", "env broken");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Stop file created: ");
        assertThat(r.err()).contains("WARNING: " + env, "cannot be written", "the emergency stop IS engaged");
        assertThat(run("status").code()).isEqualTo(1);
        JsonNode json = OpsJson.mapper().readTree(run("enable", "--json", "--env-file", env.toString()).out());
        assertThat(json.get("problems").get(0).asText()).contains("IS engaged");
    }

    private List<String> listing() throws Exception {
        try (var files = Files.walk(state)) {
            return files.map(p -> state.relativize(p).toString()).sorted().toList();
        }
    }
}
