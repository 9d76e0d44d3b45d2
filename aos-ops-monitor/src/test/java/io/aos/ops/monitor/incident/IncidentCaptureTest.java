package io.aos.ops.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.FaultInjection;
import io.aos.ops.golden.shadow.ShadowRunListener;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.summary.ShadowSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentCaptureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T03:45:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private OpsConfig config;
    private Path run;
    private Path state;

    @BeforeEach
    void setUp() throws IOException {
        // PROMETHEUS_URL: a closed port, so the sanity check's section 5 is UNKNOWN at once
        config = OpsConfig.rootedAt(tmp, Map.of("PROMETHEUS_URL", "http://127.0.0.1:1"));
        state = config.path(OpsSetting.STATE_DIR);
        Files.createDirectories(state);
        Files.writeString(state.resolve("shadow_24h_20261202_030000.log"), "[INFO] 03:00:00 Shadow run started\n");
        Files.writeString(config.path(OpsSetting.MONITOR_LOG), "[2026-12-02T03:30:00Z] CRITICAL: mismatches\n");
        Files.writeString(config.path(OpsSetting.RETENTION_LOG), "[2026-12-02T03:00:00Z] nothing to archive\n");
        run = tmp.resolve("tmp/shadow_simulation_20261202_030000");
    }

    private void shadowRun(long cycles, String... injections) {
        ShadowRunOptions.Builder options = ShadowRunOptions.builder(run).cycles(cycles).cycleInterval(Duration.ZERO)
                .workflowsPerCycle(4).seed(7L).verbose(true);
        for (String injection : injections) {
            options.inject(FaultInjection.parse(injection));
        }
        new ShadowRunner(options.build(), WorkflowRegistry.builtins(), StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();
    }

    private IncidentBundle capture(IncidentCapture.Options options) {
        return IncidentCapture.create(config, options, CLOCK).capture();
    }

    private static IncidentCapture.Options options(boolean stop, Optional<Path> out) {
        IncidentCapture.Options d = IncidentCapture.Options.defaults();
        return new IncidentCapture.Options(d.runDir(), d.log(), out, stop, "INC-42", d.maxMismatches(),
                d.maxFileBytes(), Duration.ofSeconds(1));
    }

    /** Every file below {@code dir} with its size, mtime and SHA-256: the sources before and after. */
    private static Map<String, String> listing(Path dir) throws Exception {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                map.put(p.toString(), a.isRegularFile() ? a.size() + "@" + a.lastModifiedTime().toMillis() + "#"
                        + sha256(Files.readAllBytes(p)) : "dir");
            }
        }
        return map;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private CycleReport.MismatchDetail firstRecordedMismatch() throws IOException {
        for (long n = 1; ; n++) {
            CycleReport r = OpsJson.mapper().readValue(run.resolve("reports/cycle_" + n + ".json").toFile(),
                    CycleReport.class);
            if (!r.mismatchDetails().isEmpty()) {
                return r.mismatchDetails().get(0);
            }
        }
    }

    @Test
    void capturesARunWithMismatchesIntoACompleteBundleAndEngagesTheStop() throws Exception {
        shadowRun(3, "seed-mismatch:1");
        Map<String, String> sourcesBefore = listing(tmp.resolve("tmp"));
        Map<String, String> stateBefore = listing(state);

        IncidentBundle b = capture(options(true, Optional.empty()));

        Path dir = tmp.resolve("reports/m4-incident-20261202_034500");
        assertThat(b.directory()).isEqualTo(dir);
        assertThat(b.mismatches()).isPositive();
        assertThat(b.rootCauses()).first().extracting(IncidentBundle.RootCauseCount::rootCause)
                .isEqualTo("SEED_MISMATCH");
        assertThat(Files.readString(dir.resolve("analysis.txt"))).startsWith("FAIL: ").contains("SEED_MISMATCH");
        CycleReport.MismatchDetail first = firstRecordedMismatch();
        String incident = Files.readString(dir.resolve("INCIDENT.md"));
        assertThat(incident).contains("## First mismatch", "Cycle 1", first.originalRunId(), first.replayRunId(),
                "**SEED_MISMATCH**", "docs/runbooks/incident.md", "STOPPED");
        // both sides of the first mismatch, and a classified diff whose first line is the root cause
        assertThat(dir.resolve("run/traces/" + first.originalRunId() + ".steps.jsonl")).isRegularFile();
        assertThat(dir.resolve("run/traces/" + first.replayRunId() + ".steps.jsonl")).isRegularFile();
        assertThat(dir.resolve("run/golden/" + first.originalRunId() + ".golden.json")).isRegularFile();
        assertThat(dir.resolve("run/reports/cycle_1.json")).isRegularFile();
        Path diff = dir.resolve(b.firstMismatch().orElseThrow().diffFile());
        assertThat(Files.readAllLines(diff).get(0)).contains("CRITICAL", "SEED_MISMATCH");
        assertThat(dir.resolve("logs/shadow_24h_20261202_030000.log")).isRegularFile();
        assertThat(dir.resolve("logs/shadow_monitor.log")).isRegularFile();
        assertThat(dir.resolve("system/processes.txt")).isRegularFile();
        assertThat(Files.readString(dir.resolve("system/df.txt"))).contains("Use%");
        assertThat(Files.readString(dir.resolve("sanity.txt"))).contains("[2/5] Mismatch Check");
        assertThat(b.sanityVerdict()).contains("MISMATCHES");

        // the stop is engaged, with the bundle in the audit log's reason, and the bundle holds that audit line
        EmergencyStop stop = EmergencyStop.forConfig(config);
        assertThat(stop.status().engaged()).isTrue();
        assertThat(stop.status().reason()).isEqualTo("incident capture m4-incident-20261202_034500: INC-42");
        assertThat(Files.readString(dir.resolve("emergency/emergency_stop_audit.log")))
                .contains("ENGAGE", "incident capture m4-incident-20261202_034500");

        // the manifest is sha256sum's format and matches every file, computed independently
        List<String> lines = Files.readAllLines(b.manifest());
        Map<String, String> onDisk = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                onDisk.put(dir.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        Map<String, String> listed = new TreeMap<>();
        for (String line : lines) {
            assertThat(line).matches("[0-9a-f]{64}  \\S.*");
            listed.put(line.substring(66), line.substring(0, 64));
        }
        onDisk.remove("MANIFEST.sha256");
        assertThat(listed).isEqualTo(onDisk);
        assertThat(b.digests()).containsAllEntriesOf(onDisk).containsKey("MANIFEST.sha256");

        // sources untouched: same bytes, same mtimes (the emergency stop's own files aside)
        assertThat(listing(tmp.resolve("tmp"))).isEqualTo(sourcesBefore);
        Map<String, String> stateAfter = listing(state);
        for (String key : stateBefore.keySet()) {
            if (!key.contains("emergency") && !key.contains(".workflow_emergency_stop")) {
                assertThat(stateAfter.get(key)).as(key).isEqualTo(stateBefore.get(key));
            }
        }
        // nothing but the bundle in the reports directory: the staging directory got its name
        try (Stream<Path> reports = Files.list(tmp.resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).containsExactly("m4-incident-20261202_034500");
        }
    }

    @Test
    void noStopLeavesTheStopAsItWasAndSaysSo() throws Exception {
        shadowRun(2, "unordered:1");
        IncidentBundle b = capture(options(false, Optional.empty()));
        assertThat(b.stop().action()).isEqualTo("LEFT_AS_IS");
        assertThat(EmergencyStop.forConfig(config).status().engaged()).isFalse();
        assertThat(config.path(OpsSetting.EMERGENCY_AUDIT_LOG)).doesNotExist();
        assertThat(Files.readString(b.incidentReport())).contains("**RUNNING**: left as it was (`--no-stop`)",
                "the stop is NOT engaged now", "UNORDERED_COLLECTION");
    }

    @Test
    void aSourceThatCannotBeReadIsListedWithItsReasonAndTheCaptureGoesOn() throws Exception {
        shadowRun(1);
        Files.createDirectories(config.path(OpsSetting.CRON_ALERTS_LOG)); // a directory where a log should be
        IncidentBundle b = capture(options(true, Optional.empty()));
        assertThat(b.unreadable()).extracting(IncidentBundle.Unreadable::source)
                .contains(config.path(OpsSetting.CRON_ALERTS_LOG));
        assertThat(b.unreadable()).filteredOn(u -> u.source().equals(config.path(OpsSetting.CRON_ALERTS_LOG)))
                .first().extracting(IncidentBundle.Unreadable::reason).asString().contains("directory");
        assertThat(Files.readString(b.incidentReport())).contains("UNREADABLE `"
                + config.path(OpsSetting.CRON_ALERTS_LOG) + "`");
        assertThat(b.directory().resolve("analysis.txt")).isRegularFile();
        assertThat(Files.readString(b.directory().resolve("analysis.txt"))).startsWith("PASS");
        assertThat(b.firstMismatch()).isEmpty();
    }

    @Test
    void anUnusableReportsDirectoryIsAUsageErrorWithNothingDone() throws Exception {
        shadowRun(1);
        Path notADir = tmp.resolve("reports-file");
        Files.writeString(notADir, "x");
        config = config.with(OpsSetting.REPORTS_DIR, notADir);
        assertThatThrownBy(() -> capture(options(true, Optional.empty())))
                .isInstanceOf(AosOpsException.class)
                .hasMessageContaining(notADir.toString()).hasMessageContaining("not a directory")
                .hasMessageContaining("nothing captured, emergency stop not changed")
                .isInstanceOf(BadConfigurationException.class);
        assertThat(EmergencyStop.forConfig(config).status().engaged()).isFalse();

        Path missing = tmp.resolve("no/such/reports");
        config = config.with(OpsSetting.REPORTS_DIR, missing);
        assertThatThrownBy(() -> capture(options(true, Optional.empty())))
                .hasMessageContaining(missing + ": the reports directory (AOS_REPORTS_DIR) does not exist");
        assertThat(tmp.resolve("no")).doesNotExist();
        assertThat(EmergencyStop.forConfig(config).status().engaged()).isFalse();
    }

    @Test
    void aMissingReportsDirectoryWhoseParentExistsIsCreatedAsTheSeedsMkdirDid() throws Exception {
        shadowRun(1);
        config = config.with(OpsSetting.REPORTS_DIR, tmp.resolve("fresh"));
        IncidentBundle b = capture(options(false, Optional.empty()));
        assertThat(b.directory()).isEqualTo(tmp.resolve("fresh/m4-incident-20261202_034500"));
    }

    @Test
    void outNamesTheBundleItselfAndNeverOverwrites() throws Exception {
        shadowRun(1);
        Path out = tmp.resolve("evidence/INC-42");
        Files.createDirectories(out); // an empty directory made beforehand is fine
        assertThat(capture(options(false, Optional.of(out))).directory()).isEqualTo(out);
        assertThat(out.resolve("INCIDENT.md")).isRegularFile();
        assertThatThrownBy(() -> capture(options(false, Optional.of(out))))
                .hasMessageContaining("--out already exists and is not an empty directory");
    }

    @Test
    void aSecondCaptureInTheSameSecondGetsItsOwnDirectory() throws Exception {
        shadowRun(1);
        Path first = capture(options(false, Optional.empty())).directory();
        Path second = capture(options(false, Optional.empty())).directory();
        assertThat(first.getFileName().toString()).isEqualTo("m4-incident-20261202_034500");
        assertThat(second.getFileName().toString()).isEqualTo("m4-incident-20261202_034500_2");
    }

    // ---- selection and ranking -------------------------------------------------------------------------------

    private static ShadowSummary.Mismatch mismatch(long cycle, String cause, String type) {
        return new ShadowSummary.Mismatch(Path.of("/run"), cycle, new CycleReport.MismatchDetail("primary-" + cycle,
                "shadow-" + cycle + "-" + cause, "a", "b", false, null, type, 1L, 0, cause, null, null));
    }

    @Test
    void selectionKeepsTheFirstMismatchAndTheFirstOfEveryRootCauseWithinTheLimit() {
        Random random = new Random(42);
        String[] causes = {"SEED_MISMATCH", "VOLATILE_LEAK", "UNSEEDED_RNG", null, "EXTERNAL_CALL"};
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(40);
            List<ShadowSummary.Mismatch> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(mismatch(i, causes[random.nextInt(causes.length)], "io"));
            }
            int limit = 1 + random.nextInt(12);
            List<Integer> chosen = IncidentCapture.select(all, limit);
            // oracle: the first index of each cause, in order of first appearance
            Set<Integer> firsts = new LinkedHashSet<>();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                if (seen.add(String.valueOf(all.get(i).detail().rootCause()))) {
                    firsts.add(i);
                }
            }
            assertThat(chosen).as("round %d", round).hasSize(Math.min(limit, n)).isSorted().doesNotHaveDuplicates()
                    .contains(0);
            List<Integer> mustHave = firsts.stream().limit(limit).toList();
            assertThat(chosen).as("round %d", round).containsAll(mustHave);
        }
    }

    @Test
    void rootCausesAreRankedCriticalFirstThenByCount() {
        List<ShadowSummary.Mismatch> all = List.of(mismatch(1, "VOLATILE_LEAK", "io"),
                mismatch(2, "VOLATILE_LEAK", "io"), mismatch(3, "VOLATILE_LEAK", "llm"),
                mismatch(4, "UNSEEDED_RNG", "compute"), mismatch(5, null, "compute"));
        List<IncidentBundle.RootCauseCount> ranked = IncidentCapture.rootCauses(all, List.of());
        assertThat(ranked).extracting(IncidentBundle.RootCauseCount::rootCause)
                .containsExactly("UNSEEDED_RNG", "UNCLASSIFIED", "VOLATILE_LEAK");
        assertThat(ranked.get(2).count()).isEqualTo(3);
        assertThat(ranked.get(2).firstCycle()).isEqualTo(1);
        assertThat(IncidentCapture.affectedWorkflows(all)).containsExactly(Map.entry("compute", 2L),
                Map.entry("io", 2L), Map.entry("llm", 1L));
    }
}
