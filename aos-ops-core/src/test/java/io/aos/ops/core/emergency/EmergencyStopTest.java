package io.aos.ops.core.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.Ticker;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.AuditEntry.Action;
import io.aos.ops.core.emergency.EmergencyStopStatus.Source;
import io.aos.ops.core.json.OpsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmergencyStopTest {

    private static final Instant T0 = Instant.parse("2025-12-02T14:05:31Z");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);

    private OpsConfig config() {
        return OpsConfig.rootedAt(root);
    }

    private EmergencyStop stop() {
        return EmergencyStop.forConfig(config(), clock);
    }

    /** The operator side of {@code stop}: enable, disable and the audit log. */
    private static EmergencyStopController control(EmergencyStop stop) {
        return EmergencyStopController.of(stop);
    }

    private Path state(String name) {
        return root.resolve("state").resolve(name);
    }

    @Test
    void aFreshStateDirectoryIsRunning() {
        EmergencyStop stop = stop();
        assertThat(stop.isEngaged()).isFalse();
        assertThatCode(stop::check).doesNotThrowAnyException();
        EmergencyStopStatus status = stop.status();
        assertThat(status.engaged()).isFalse();
        assertThat(status.source()).isEqualTo(Source.NONE);
        assertThat(status.state()).isEqualTo("RUNNING");
    }

    @Test
    void enableWritesTheFlagFileAsJsonWithWhoWhenHostAndReason() throws Exception {
        control(stop()).enable("P0: mismatch in cycle 12");
        Path flag = state(".workflow_emergency_stop");
        JsonNode record = OpsJson.readTree(flag);
        assertThat(record.get("who").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(record.get("when").asText()).isEqualTo("2025-12-02T14:05:31Z");
        assertThat(record.get("host").asText()).isNotBlank();
        assertThat(record.get("reason").asText()).isEqualTo("P0: mismatch in cycle 12");
    }

    @Test
    void sudoUserIsRecordedAlongsideTheOsUser() {
        OpsConfig config = OpsConfig.rootedAt(root, Map.of("SUDO_USER", "alice"));
        EmergencyStop stop = EmergencyStop.forConfig(config, clock);
        control(stop).enable("maintenance");
        EmergencyStopStatus status = stop.status();
        assertThat(status.sudoUser()).isEqualTo("alice");
        assertThat(status.describe()).contains("via sudo from alice");
    }

    @Test
    void statusAfterEnableSaysWhoWhenWhyAndForHowLong() {
        EmergencyStop stop = stop();
        control(stop).enable("disk full");
        clock.advance(Duration.ofMinutes(90));
        EmergencyStopStatus status = stop.status();
        assertThat(status.engaged()).isTrue();
        assertThat(status.source()).isEqualTo(Source.FLAG_FILE);
        assertThat(status.state()).isEqualTo("STOPPED");
        assertThat(status.who()).isEqualTo(System.getProperty("user.name"));
        assertThat(status.since()).isEqualTo(T0);
        assertThat(status.stoppedFor()).isEqualTo(Duration.ofMinutes(90));
        assertThat(status.reason()).isEqualTo("disk full");
        assertThat(status.describe()).contains("disk full", "2025-12-02T14:05:31Z");
    }

    @Test
    void aRecordDatedAfterTheReadersClockHasANegativeStoppedForNotZero() {
        EmergencyStop stop = stop();
        control(stop).enable("written on a host whose clock is ahead");
        clock.advance(Duration.ofMinutes(-5));
        EmergencyStopStatus status = stop.status();
        assertThat(status.since()).isEqualTo(T0);
        assertThat(status.stoppedFor()).isEqualTo(Duration.ofMinutes(-5));
    }

    @Test
    void checkThrowsWithTheReasonWhileEngaged() {
        EmergencyStop stop = stop();
        control(stop).enable("P1: runner crashed");
        assertThatThrownBy(stop::check)
                .isInstanceOf(EmergencyStopEngagedException.class)
                .hasMessageContaining("P1: runner crashed")
                .satisfies(e -> assertThat(((EmergencyStopEngagedException) e).status().engaged()).isTrue());
    }

    @Test
    void disableRemovesTheFlagFileAndResumes() {
        EmergencyStop stop = stop();
        control(stop).enable("test");
        EmergencyStopChange change = control(stop).disable("fixed");
        assertThat(change.changed()).isTrue();
        assertThat(change.stop().reason()).isEqualTo("test");
        assertThat(state(".workflow_emergency_stop")).doesNotExist();
        assertThat(stop.isEngaged()).isFalse();
        assertThat(stop.status().state()).isEqualTo("RUNNING");
    }

    @Test
    void theAuditLogSurvivesDisableWithOneLinePerAction() throws Exception {
        EmergencyStop stop = stop();
        control(stop).enable("first");
        clock.advance(Duration.ofMinutes(5));
        control(stop).disable("resolved");
        Path audit = state("emergency_stop_audit.log");
        assertThat(audit).exists();
        List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        List<AuditEntry> entries = control(stop).recentAudit(10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(Action.ENGAGE, Action.RELEASE);
        AuditEntry release = entries.get(1);
        assertThat(release.reason()).isEqualTo("resolved");
        assertThat(release.previousState()).isEqualTo("STOPPED");
        assertThat(release.newState()).isEqualTo("RUNNING");
        assertThat(release.stoppedSince()).isEqualTo(T0);
        assertThat(release.ts()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void enablingAnEngagedStopKeepsTheFirstRecordAndAuditsTheRepeat() {
        EmergencyStop stop = stop();
        control(stop).enable("first reason");
        clock.advance(Duration.ofMinutes(1));
        EmergencyStopChange repeat = control(stop).enable("second reason");
        assertThat(repeat.changed()).isFalse();
        assertThat(repeat.stop().reason()).isEqualTo("first reason");
        EmergencyStopStatus status = stop.status();
        assertThat(status.reason()).isEqualTo("first reason");
        assertThat(status.since()).isEqualTo(T0);
        List<AuditEntry> entries = control(stop).recentAudit(10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(Action.ENGAGE, Action.ENGAGE_REPEAT);
        assertThat(entries.get(1).reason()).isEqualTo("second reason");
        assertThat(entries.get(1).stoppedSince()).isEqualTo(T0);
    }

    @Test
    void disablingWhenNotEngagedChangesNothingButIsAudited() {
        EmergencyStop stop = stop();
        EmergencyStopChange change = control(stop).disable("just in case");
        assertThat(change.changed()).isFalse();
        assertThat(control(stop).recentAudit(10)).extracting(AuditEntry::action)
                .containsExactly(Action.RELEASE_NOT_ENGAGED);
    }

    @Test
    void theEnvironmentFileFollowsTheState() throws Exception {
        EmergencyStop stop = stop();
        Path env = state("emergency_stop.env");
        control(stop).enable(null);
        assertThat(Files.readAllLines(env)).contains("WORKFLOW_EMERGENCY_STOP=true")
                .allMatch(line -> line.startsWith("#") || line.startsWith("WORKFLOW_EMERGENCY_STOP="));
        control(stop).disable(null);
        assertThat(Files.readAllLines(env)).contains("WORKFLOW_EMERGENCY_STOP=false")
                .doesNotContain("WORKFLOW_EMERGENCY_STOP=true");
    }

    @Test
    void pathsComeFromTheirSettings() throws Exception {
        Path flag = root.resolve("elsewhere/stop.flag");
        Path audit = root.resolve("logs/audit.jsonl");
        Path env = root.resolve("etc/stop.env");
        OpsConfig config = config()
                .with(OpsSetting.EMERGENCY_STOP_FILE, flag)
                .with(OpsSetting.EMERGENCY_AUDIT_LOG, audit)
                .with(OpsSetting.EMERGENCY_ENV_FILE, env);
        for (Path file : List.of(flag, audit, env)) {
            Files.createDirectories(file.getParent());
        }
        control(EmergencyStop.forConfig(config, clock)).enable("moved");
        assertThat(flag).isRegularFile();
        assertThat(audit).isRegularFile();
        assertThat(env).isRegularFile();
    }

    @Test
    void environmentVariableTrueInAnyCaseIsEngaged() {
        for (String value : List.of("true", "TRUE", "True", " true ")) {
            OpsConfig config = OpsConfig.rootedAt(root, Map.of(EmergencyStop.ENV_VAR, value));
            EmergencyStop stop = EmergencyStop.forConfig(config, clock);
            assertThat(stop.isEngaged()).as(value).isTrue();
            assertThat(stop.status().source()).isEqualTo(Source.ENVIRONMENT);
            assertThatThrownBy(stop::check).hasMessageContaining("WORKFLOW_EMERGENCY_STOP=" + value.strip());
        }
    }

    @Test
    void environmentVariableFailsClosedOnOneYesOnAndAnyOtherValue() {
        for (String value : List.of("1", "yes", "YES", "on", "y", "enabled", "2", "stop", "flase")) {
            OpsConfig config = OpsConfig.rootedAt(root, Map.of(EmergencyStop.ENV_VAR, value));
            EmergencyStop stop = EmergencyStop.forConfig(config, clock);
            assertThat(stop.isEngaged()).as(value).isTrue();
            assertThat(stop.status().detail()).contains("WORKFLOW_EMERGENCY_STOP=" + value);
        }
    }

    @Test
    void environmentVariableEmptyZeroFalseOrNoIsNotEngaged() {
        for (String value : List.of("", "  ", "0", "false", "FALSE", " False ", "no", "NO", "No")) {
            OpsConfig config = OpsConfig.rootedAt(root, Map.of(EmergencyStop.ENV_VAR, value));
            assertThat(EmergencyStop.forConfig(config, clock).isEngaged()).as("'" + value + "'").isFalse();
        }
    }

    /** Oracle: the documented rule, written independently; over random strings from a small alphabet. */
    @Test
    void environmentVariableRuleMatchesItsOracleOnRandomValues() {
        java.util.Random random = new java.util.Random(20251202);
        String alphabet = "01nofalsyeNOFALSYE \t";
        List<String> seeds = List.of("", "0", "false", "no", "true", "1", "yes");
        for (int i = 0; i < 5_000; i++) {
            String value;
            if (random.nextBoolean()) {
                String base = seeds.get(random.nextInt(seeds.size()));
                StringBuilder b = new StringBuilder();
                for (char c : base.toCharArray()) {
                    b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                value = " ".repeat(random.nextInt(2)) + b + " ".repeat(random.nextInt(2));
            } else {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(6); n > 0; n--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                value = b.toString();
            }
            String t = value.trim().toLowerCase(java.util.Locale.ROOT);
            boolean expected = !(t.isEmpty() || t.equals("0") || t.equals("false") || t.equals("no"));
            assertThat(EmergencyStop.meansStopped(value)).as("'" + value + "'").isEqualTo(expected);
        }
        assertThat(EmergencyStop.meansStopped(null)).isFalse();
    }

    @Test
    void enableRefusesAnExplicitFlagPathWhoseDirectoryDoesNotExistAndChangesNothing() {
        Path typo = root.resolve("typo/path/stop.flag");
        OpsConfig config = config().with(OpsSetting.EMERGENCY_STOP_FILE, typo);
        assertThatThrownBy(() -> control(EmergencyStop.forConfig(config, clock)).enable("typo"))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining(root.resolve("typo/path").toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("nothing was changed");
        assertThat(root.resolve("typo")).doesNotExist();
        assertThat(root.resolve("state")).doesNotExist();
    }

    @Test
    void enableRefusesAnExplicitStateDirectoryThatDoesNotExist() {
        OpsConfig config = config().with(OpsSetting.STATE_DIR, root.resolve("no-such-state"));
        assertThatThrownBy(() -> control(EmergencyStop.forConfig(config, clock)).enable("typo"))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("no-such-state").hasMessageContaining(
                        "does not exist");
        assertThat(root.resolve("no-such-state")).doesNotExist();
    }

    @Test
    void enableRefusesAMissingEnvFileOrAuditLogDirectoryBeforeEngaging() {
        for (OpsSetting setting : List.of(OpsSetting.EMERGENCY_ENV_FILE, OpsSetting.EMERGENCY_AUDIT_LOG)) {
            OpsConfig config = config().with(setting, root.resolve("missing-" + setting + "/file"));
            assertThatThrownBy(() -> control(EmergencyStop.forConfig(config, clock)).enable("x")).as(setting.name())
                    .isInstanceOf(AosOpsException.class).hasMessageContaining("missing-" + setting)
                    .hasMessageContaining("does not exist");
            assertThat(state(".workflow_emergency_stop")).as(setting.name()).doesNotExist();
            assertThat(root.resolve("missing-" + setting)).doesNotExist();
        }
    }

    @Test
    void disableRefusesAnExplicitFlagPathWhoseDirectoryDoesNotExist() {
        OpsConfig config = config().with(OpsSetting.EMERGENCY_STOP_FILE, root.resolve("typo/stop.flag"));
        assertThatThrownBy(() -> control(EmergencyStop.forConfig(config, clock)).disable("typo"))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("does not exist");
        assertThat(root.resolve("typo")).doesNotExist();
        assertThat(root.resolve("state")).doesNotExist();
    }

    @Test
    void theStateDirectoryFromTheEnvironmentOrDefaultIsCreatedOnFirstUse() {
        control(stop()).enable("first use of this host");
        assertThat(state(".workflow_emergency_stop")).isRegularFile();
    }

    @Test
    void anEnvFileThatCannotBeWrittenLeavesTheStopEngagedAndSaysSo() throws Exception {
        // Its directory exists, but the atomic write's temporary name (longer than the file's) exceeds NAME_MAX.
        Path env = Files.createDirectories(root.resolve("etc")).resolve("e".repeat(250));
        OpsConfig config = config().with(OpsSetting.EMERGENCY_ENV_FILE, env);
        EmergencyStop stop = EmergencyStop.forConfig(config, clock);
        EmergencyStopChange change = control(stop).enable("env file broken");
        assertThat(change.changed()).isTrue();
        assertThat(stop.isEngaged()).isTrue();
        assertThat(control(stop).recentAudit(5)).extracting(AuditEntry::action).containsExactly(Action.ENGAGE);
        assertThat(change.problems()).singleElement().asString()
                .contains(env.toString(), "cannot be written", "the emergency stop IS engaged");
        EmergencyStopChange release = control(stop).disable("done");
        assertThat(release.problems()).singleElement().asString().contains("the emergency stop IS released");
        assertThat(stop.isEngaged()).isFalse();
    }

    @Test
    void aCleanChangeHasNoProblems() {
        assertThat(control(stop()).enable("ok").problems()).isEmpty();
        assertThat(control(stop()).disable("ok").problems()).isEmpty();
    }

    @Test
    void theEnvFileNamesTheFlagFileItWasWrittenFor() throws Exception {
        control(stop()).enable(null);
        assertThat(Files.readString(state("emergency_stop.env")))
                .contains("# Flag file: " + state(".workflow_emergency_stop"));
    }

    @Test
    void anEnvFileThatDisagreesWithTheFlagIsReported() throws Exception {
        Path other = Files.createDirectories(root.resolve("other")).resolve("stop.flag");
        // enable with another flag file, same (default) env file: the env file says true, our flag is absent
        EmergencyStopController.forConfig(config().with(OpsSetting.EMERGENCY_STOP_FILE, other), clock)
                .enable("elsewhere");
        EmergencyStop stop = stop();
        assertThat(stop.status().state()).isEqualTo("RUNNING");
        assertThat(control(stop).envFileDisagreement()).hasValueSatisfying(problem -> assertThat(problem)
                .contains(state("emergency_stop.env").toString(), "WORKFLOW_EMERGENCY_STOP=true",
                        other.toString(), state(".workflow_emergency_stop").toString()));
        assertThat(control(EmergencyStop.forConfig(config().with(OpsSetting.EMERGENCY_STOP_FILE, other), clock))
                .envFileDisagreement()).isEmpty();
    }

    @Test
    void anAgreeingOrMissingEnvFileIsNoDisagreement() {
        EmergencyStop stop = stop();
        assertThat(control(stop).envFileDisagreement()).isEmpty();
        control(stop).enable("x");
        assertThat(control(stop).envFileDisagreement()).isEmpty();
        control(stop).disable("y");
        assertThat(control(stop).envFileDisagreement()).isEmpty();
    }

    @Test
    void aFlagPathWhoseParentIsAFileReadsAsStoppedWithTheReason() throws Exception {
        Path notADir = Files.writeString(root.resolve("plain-file"), "x");
        OpsConfig config = config().with(OpsSetting.EMERGENCY_STOP_FILE, notADir.resolve("flag"));
        EmergencyStop stop = EmergencyStop.forConfig(config, clock);
        assertThat(stop.isEngaged()).isTrue();
        EmergencyStopStatus status = stop.status();
        assertThat(status.source()).isEqualTo(Source.UNREADABLE);
        assertThat(status.state()).isEqualTo("UNKNOWN");
        assertThat(status.detail()).containsIgnoringCase("not a directory");
        assertThatThrownBy(stop::check).hasMessageContaining("fail closed");
    }

    @Test
    void aFlagPathThatIsADirectoryReadsAsStopped() throws Exception {
        Path dir = Files.createDirectories(state(".workflow_emergency_stop"));
        EmergencyStop stop = stop();
        assertThat(stop.isEngaged()).isTrue();
        assertThat(stop.status().source()).isEqualTo(Source.UNREADABLE);
        assertThat(stop.status().detail()).contains("directory");
        assertThat(stop.status().describe()).contains(dir.toString());
    }

    @Test
    void enableOnAnUncheckableFlagPathFailsNamingTheFile() throws Exception {
        Files.createDirectories(state(".workflow_emergency_stop"));
        assertThatThrownBy(() -> control(stop()).enable("x"))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining(".workflow_emergency_stop: cannot be checked: it is a directory");
    }

    @Test
    void theFlagAndEnvFilesAreReadableByEnginesRunningAsOtherUsers() throws Exception {
        control(stop()).enable("perms");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state(".workflow_emergency_stop"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state("emergency_stop.env"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aHandMadeEmptyFlagFileStopsWorkflowsAndReportsItsModificationTime() throws Exception {
        Path flag = Files.createDirectories(state("")).resolve(".workflow_emergency_stop");
        Files.createFile(flag);
        EmergencyStop stop = stop();
        assertThat(stop.isEngaged()).isTrue();
        EmergencyStopStatus status = stop.status();
        assertThat(status.source()).isEqualTo(Source.FLAG_FILE);
        assertThat(status.since()).isEqualTo(Files.getLastModifiedTime(flag).toInstant());
        assertThat(status.detail()).contains("no aos-ops record");
    }

    @Test
    void oneLookAtTheFlagIsTrustedForTheRecheckIntervalOnly() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return nanos.get();
            }
        };
        EmergencyStop engine = stop().withTicker(ticker);
        assertThat(engine.isEngaged()).isFalse();
        control(stop()).enable("now");
        nanos.addAndGet(Duration.ofMillis(249).toNanos());
        assertThat(engine.isEngaged()).as("cached within 250 ms").isFalse();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(engine.isEngaged()).as("looked again at 250 ms").isTrue();
    }

    @Test
    void aZeroRecheckIntervalLooksOnEveryCall() {
        EmergencyStop engine = stop().withRecheckInterval(Duration.ZERO);
        assertThat(engine.isEngaged()).isFalse();
        control(stop()).enable("now");
        assertThat(engine.isEngaged()).isTrue();
    }

    @Test
    void aListenerHearsTheCurrentStateThenEachChange() throws Exception {
        BlockingQueue<EmergencyStopStatus> heard = new LinkedBlockingQueue<>();
        try (EmergencyStop engine = stop().withRecheckInterval(Duration.ofMillis(20))) {
            EmergencyStop.ListenerRegistration registration = engine.addListener(heard::add);
            assertThat(heard.poll(5, TimeUnit.SECONDS)).extracting(EmergencyStopStatus::engaged).isEqualTo(false);
            control(stop()).enable("listen");
            EmergencyStopStatus stopped = heard.poll(5, TimeUnit.SECONDS);
            assertThat(stopped).isNotNull();
            assertThat(stopped.reason()).isEqualTo("listen");
            control(stop()).disable("done");
            assertThat(heard.poll(5, TimeUnit.SECONDS)).extracting(EmergencyStopStatus::engaged).isEqualTo(false);
            registration.close();
        }
    }

    @Test
    void aListenerThatThrowsIsKeptAndHearsTheNextChange() throws Exception {
        BlockingQueue<EmergencyStopStatus> heard = new LinkedBlockingQueue<>();
        try (EmergencyStop engine = stop().withRecheckInterval(Duration.ofMillis(20))) {
            engine.addListener(status -> {
                heard.add(status);
                throw new IllegalStateException("listener bug");
            });
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isNotNull();
            control(stop()).enable("still heard");
            assertThat(heard.poll(5, TimeUnit.SECONDS)).extracting(EmergencyStopStatus::reason)
                    .isEqualTo("still heard");
        }
    }

    @Test
    void statusRendersAsJsonWithSnakeCaseFields() throws Exception {
        EmergencyStop stop = stop();
        control(stop).enable("json");
        clock.advance(Duration.ofSeconds(42));
        JsonNode json = OpsJson.mapper().valueToTree(stop.status());
        assertThat(json.get("status").asText()).isEqualTo("STOPPED");
        assertThat(json.get("engaged").asBoolean()).isTrue();
        assertThat(json.get("source").asText()).isEqualTo("FLAG_FILE");
        assertThat(json.get("flag_file").asText()).endsWith(".workflow_emergency_stop");
        assertThat(json.get("since").asText()).isEqualTo("2025-12-02T14:05:31Z");
        assertThat(json.get("stopped_for_seconds").asLong()).isEqualTo(42);
        assertThat(json.get("reason").asText()).isEqualTo("json");
        assertThat(json.has("stopped_for")).isFalse();
    }
}
