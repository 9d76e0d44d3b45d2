package io.aos.ops.monitor.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DebugConsoleTest {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    /** A 3-cycle run of the real runner in which half the primary runs leak a timestamp into a step output. */
    static Path faultyRun;
    static ShadowRunResult faultyResult;

    @BeforeAll
    static void runTheRunner() {
        faultyRun = shared.resolve("shadow_simulation_faulty");
        faultyResult = RunFixtures.run(faultyRun, 3, 42, "volatile-leak:0.5");
    }

    private static JsonNode json(DebugReport report) throws Exception {
        return OpsJson.mapper().readTree(OpsJson.mapper().writeValueAsString(report.toJson()));
    }

    private DebugReport full(Path runDir) {
        return RunFixtures.console(tmp.resolve("state"), runDir,
                Optional.of(ShadowRunLayout.of(runDir).logFile())).full();
    }

    @Test
    void fullReportHasTheSixSectionsInTheSeedsOrder() {
        DebugReport report = full(faultyRun);
        assertThat(report.sectionKeys()).containsExactly("process", "cycles", "mismatches", "golden", "resources",
                "log");
        String text = report.render(false);
        assertThat(text).contains("=== 1. Process information ===", "=== 2. Cycle statistics ===",
                "=== 3. Mismatch analysis ===", "=== 4. Golden file analysis ===", "=== 5. Resource usage ===",
                "=== 6. Log file info ===");
        assertThat(text).doesNotContain("\u001B[");
    }

    @Test
    void processSectionSaysAFinishedRunHasEndedRatherThanDied() throws Exception {
        JsonNode process = json(full(faultyRun)).path("sections").path("process");
        assertThat(process.path("pid_source").asText()).isEqualTo("status_json");
        assertThat(process.path("run_state").asText()).isEqualTo("completed");
        assertThat(process.path("verdict").asText()).contains("the run has ended");
    }

    @Test
    void cycleSectionCountsCyclesSuccessesAndCyclesWithErrorsFromStatusJson() throws Exception {
        long withMismatches = 0;
        for (Path report : ShadowRunLayout.of(faultyRun).cycleReports()) {
            if (OpsJson.readTree(report).path("shadow").path("mismatches").asLong() > 0) {
                withMismatches++;
            }
        }
        JsonNode cycles = json(full(faultyRun)).path("sections").path("cycles");
        assertThat(cycles.path("source").asText()).isEqualTo("status.json");
        assertThat(cycles.path("total").asLong()).isEqualTo(3);
        assertThat(cycles.path("with_errors").asLong()).isEqualTo(withMismatches);
        assertThat(cycles.path("successful").asLong()).isEqualTo(3 - withMismatches);
        assertThat(cycles.path("mismatches").asLong()).isEqualTo(faultyResult.mismatches());
        assertThat(cycles.path("last_reports")).hasSize(3);
    }

    @Test
    void mismatchSectionListsEveryMismatchWithTheRecordedRootCauseAndFirstDivergingStep() throws Exception {
        assertThat(faultyResult.mismatches()).as("the injected leak must produce mismatches").isPositive();
        List<String> recorded = new ArrayList<>();
        for (Path file : ShadowRunLayout.of(faultyRun).cycleReports()) {
            for (JsonNode d : OpsJson.readTree(file).path("mismatch_details")) {
                recorded.add(d.path("original_run_id").asText() + " " + d.path("root_cause").asText() + " "
                        + d.path("first_diverging_step").asText());
            }
        }
        DebugReport report = full(faultyRun);
        JsonNode mismatches = json(report).path("sections").path("mismatches");
        assertThat(report.mismatches()).isEqualTo(faultyResult.mismatches());
        List<String> shown = new ArrayList<>();
        for (JsonNode cycle : mismatches.path("cycles")) {
            for (JsonNode d : cycle.path("details")) {
                shown.add(d.path("original_run_id").asText() + " " + d.path("root_cause").asText() + " "
                        + d.path("first_diverging_step").asText());
            }
        }
        assertThat(shown).hasSize((int) faultyResult.mismatches()).isEqualTo(recorded);
        assertThat(shown).anySatisfy(line -> assertThat(line).matches("primary-\\S+ VOLATILE_LEAK \\d+"));
        assertThat(report.render(false)).contains("root cause:  VOLATILE_LEAK", "first diverging step: ");
    }

    @Test
    void goldenSectionVerifiesEveryGoldenFileOfTheRunnerAndShowsTheStructureOfOne() throws Exception {
        JsonNode golden = json(full(faultyRun)).path("sections").path("golden");
        long files;
        try (var list = Files.list(ShadowRunLayout.of(faultyRun).goldenDir())) {
            files = list.count();
        }
        assertThat(golden.path("files").asLong()).isEqualTo(files).isEqualTo(faultyResult.workflows());
        assertThat(golden.path("verified").asLong()).isEqualTo(files);
        assertThat(golden.path("not_verifying").asLong()).isZero();
        assertThat(golden.path("newest")).hasSize(GoldenSection.NEWEST_SHOWN);
        assertThat(golden.path("sample_keys").toString()).contains("run_id", "step_hashes", "workflow_hash");
    }

    @Test
    void resourceSectionShowsTheDiskHoldingTheRunAndTheMachinesMemory() throws Exception {
        JsonNode resources = json(full(faultyRun)).path("sections").path("resources");
        assertThat(resources.path("filesystems")).isNotEmpty();
        assertThat(resources.path("filesystems").get(0).path("used_percent").asInt()).isBetween(0, 100);
        assumeThat(Path.of("/proc/meminfo")).exists();
        assertThat(resources.path("memory_total_bytes").asLong()).isPositive();
        assertThat(resources.path("memory_available_bytes").asLong()).isPositive();
    }

    @Test
    void logSectionCountsTheLinesAndGivesTheTimeRange() throws Exception {
        Path log = ShadowRunLayout.of(faultyRun).logFile();
        JsonNode section = json(full(faultyRun)).path("sections").path("log");
        assertThat(section.path("path").asText()).isEqualTo(log.toString());
        assertThat(section.path("lines").asLong()).isEqualTo(Files.readAllLines(log).size());
        assertThat(section.path("bytes").asLong()).isEqualTo(Files.size(log));
        assertThat(section.path("first_time").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(section.path("last_time").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void tailShowsTheLastNLinesOfTheLog() throws Exception {
        Path log = ShadowRunLayout.of(faultyRun).logFile();
        List<String> all = Files.readAllLines(log);
        DebugReport tail = RunFixtures.console(tmp, faultyRun, Optional.of(log)).tail(4);
        assertThat(json(tail).path("sections").path("tail").path("lines").toString())
                .isEqualTo(OpsJson.mapper().writeValueAsString(all.subList(all.size() - 4, all.size())));
        assertThat(TailSection.DEFAULT_LINES).isEqualTo(20);
    }

    @Test
    void tailShowsControlSequencesOfTheLogEscapedAndItsTextAsItIs() throws Exception {
        Path log = Files.writeString(tmp.resolve("hostile.log"), "[INFO] 02:00:00 title \u001b]0;pwned\u0007 bell"
                + "\r[INFO] 02:00:00 FAKE OK\u001b[2J\n\u009b31m C1\tZyklus ✓ 完了 🎉\n");
        DebugReport tail = RunFixtures.console(tmp, faultyRun, Optional.of(log)).tail(2);
        for (boolean colour : new boolean[] {false, true}) {
            String shown = tail.render(colour).replace("\u001b[1m", "").replace("\u001b[0m", "");
            assertThat(shown.chars().filter(c -> c != '\t' && c != '\n')
                    .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as(shown).isTrue();
            assertThat(shown).contains("title \\x1b]0;pwned\\x07 bell\\r[INFO] 02:00:00 FAKE OK",
                    "\\x9b31m C1\tZyklus ✓ 完了 🎉");
        }
    }

    @Test
    void upstreamRunWithoutStatusJsonReadsItsReportsAndLog() throws Exception {
        Path run = RunFixtures.upstreamRun(tmp.resolve("shadow_simulation_20261128_020000"));
        Path log = run.resolve("shadow_24h_20261128_020000.log");
        DebugReport report = RunFixtures.console(tmp.resolve("state"), run, Optional.of(log)).full();
        JsonNode sections = json(report).path("sections");

        assertThat(sections.path("process").path("pid").isNull()).isTrue();
        assertThat(sections.path("process").path("verdict").asText()).contains("no process found");

        JsonNode cycles = sections.path("cycles");
        assertThat(cycles.path("source").asText()).isNotEqualTo("status.json");
        assertThat(cycles.path("total").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(cycles.path("with_errors").asLong()).isEqualTo(2);
        assertThat(cycles.path("last_progress").get(0).asText())
                .isEqualTo("[INFO] 02:05:00 Progress: 10 cycles, 90 workflows, 3 mismatches, 86100s remaining");

        JsonNode log6 = sections.path("log");
        assertThat(log6.path("first_time").asText()).isEqualTo("02:00:00");
        assertThat(log6.path("last_time").asText()).isEqualTo("02:05:30");
    }

    @Test
    void upstreamMismatchesAreFoundInNumericCycleOrderWithTheStepFromUpstreamsText() throws Exception {
        Path run = RunFixtures.upstreamRun(tmp.resolve("upstream"));
        DebugReport report = RunFixtures.console(tmp.resolve("state"), run, Optional.empty())
                .report(DebugConsole.Section.MISMATCHES);
        JsonNode mismatches = json(report).path("sections").path("mismatches");
        List<Long> cycles = new ArrayList<>();
        mismatches.path("cycles").forEach(c -> cycles.add(c.path("cycle").asLong()));
        assertThat(cycles).containsExactly(2L, 10L);
        assertThat(report.mismatches()).isEqualTo(3);
        JsonNode first = mismatches.path("cycles").get(0).path("details").get(0);
        assertThat(first.path("first_diverging_step").asInt()).isEqualTo(2);
        assertThat(first.path("root_cause").isNull()).isTrue();
        assertThat(report.render(false)).contains("aos-ops debug replay primary-w1-280cfdcd");
        // the empty newest report is named as possibly being written, not taken for a clean cycle
        assertThat(report.unreadable()).anySatisfy(u -> assertThat(u).contains("cycle_11.json", "newest"));
    }

    @Test
    void goldenSectionCountsAndVerifiesTheRunnersEngineTraces() throws Exception {
        JsonNode golden = json(full(faultyRun)).path("sections").path("golden");
        Path traces = ShadowRunLayout.of(faultyRun).tracesDir();
        long files;
        try (var list = Files.list(traces)) {
            files = list.count();
        }
        // one per primary run, plus the replay's trace of every mismatch
        assertThat(files).isEqualTo(faultyResult.workflows() + faultyResult.mismatches());
        assertThat(golden.path("traces_dir").asText()).isEqualTo(traces.toString());
        assertThat(golden.path("traces_files").asLong()).isEqualTo(files);
        assertThat(golden.path("traces_bytes").asLong()).isPositive();
        assertThat(golden.path("traces_verified").asLong()).isEqualTo(files);
        assertThat(golden.path("newest_traces")).hasSize(GoldenSection.NEWEST_SHOWN);
        assertThat(full(faultyRun).render(false)).contains("Traces dir:   " + traces,
                "Verified:     " + files + " of " + files + " traces");
    }

    @Test
    void aTraceWhoseStepHashWasAlteredIsListedAsNotVerifying() throws Exception {
        Path run = RunFixtures.upstreamRun(tmp.resolve("with-traces"));
        Path traces = Files.createDirectories(ShadowRunLayout.of(run).tracesDir());
        Path good;
        try (var list = Files.list(ShadowRunLayout.of(faultyRun).tracesDir())) {
            good = list.filter(f -> f.getFileName().toString().startsWith("primary-")).findFirst().orElseThrow();
        }
        Files.copy(good, traces.resolve("primary-w0-good.steps.jsonl"));
        String text = Files.readString(good);
        Files.writeString(traces.resolve("primary-w0-tampered.steps.jsonl"),
                text.replaceFirst("\"output_hash\":\"[0-9a-f]{16}\"", "\"output_hash\":\"0000000000000000\""));

        DebugReport report = RunFixtures.console(tmp.resolve("state"), run, Optional.empty())
                .report(DebugConsole.Section.GOLDEN);

        JsonNode golden = json(report).path("sections").path("golden");
        assertThat(golden.path("traces_checked").asLong()).isEqualTo(2);
        assertThat(golden.path("traces_verified").asLong()).isEqualTo(1);
        assertThat(golden.path("not_verifying_files").toString())
                .contains("primary-w0-tampered.steps.jsonl: 1 step hashes do not match their outputs");
        assertThat(report.goldenFilesNotVerifying()).isEqualTo(3); // the upstream run's 2 goldens, and the trace
    }

    @Test
    void goldenFilesWhoseWorkflowHashDoesNotVerifyOrThatDoNotParseAreListed() throws Exception {
        Path run = RunFixtures.upstreamRun(tmp.resolve("upstream"));
        DebugReport report = RunFixtures.console(tmp.resolve("state"), run, Optional.empty())
                .report(DebugConsole.Section.GOLDEN);
        JsonNode golden = json(report).path("sections").path("golden");
        assertThat(golden.path("verified").asLong()).isEqualTo(1);
        assertThat(golden.path("not_verifying").asLong()).isEqualTo(2);
        assertThat(report.goldenFilesNotVerifying()).isEqualTo(2);
        assertThat(golden.path("not_verifying_files").toString())
                .contains("primary-w2-0badc0de.golden.json: workflow_hash 0000000000000000... is not the hash")
                .contains("primary-w3-0b0ken00.golden.json");
        assertThat(golden.path("sample").asText()).isNotEqualTo("primary-w3-0b0ken00.golden.json");
        assertThat(golden.path("sample_keys").toString()).contains("step_hashes: array[4]");
    }

    @Test
    void anEmptyDirectorySaysWhatItCouldNotReadInEverySectionInsteadOfFailing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DebugReport report = RunFixtures.console(tmp.resolve("state"), empty, Optional.empty()).full();
        assertThat(report.sectionKeys()).hasSize(6);
        assertThat(report.unreadable()).anySatisfy(u -> assertThat(u).startsWith("no log found"));
        assertThat(report.unreadable()).anySatisfy(u -> assertThat(u).startsWith("no golden directory"));
        String text = report.render(false);
        assertThat(text).contains("Could not read: no log found", "no process found");
    }

    @Test
    void cyclesListsAStatusJsonThatDisagreesWithItsLastReportAsADisagreementNotAsUnreadable() throws Exception {
        Path run = tmp.resolve("shadow_simulation_disagreeing");
        RunFixtures.run(run, 2, 7);
        ShadowRunLayout layout = ShadowRunLayout.of(run);
        Path report = layout.cycleReport(2);
        ObjectNode cycle = (ObjectNode) OpsJson.mapper().readTree(report.toFile());
        ((ObjectNode) cycle.path("shadow")).put("mismatches", 3);
        Files.write(report, OpsJson.mapper().writeValueAsBytes(cycle)); // status.json still says 0

        DebugReport cycles = RunFixtures.console(tmp.resolve("state"), run, Optional.empty())
                .report(DebugConsole.Section.CYCLES);

        String sentence = layout.statusFile() + " says 0 mismatches after 2 cycles, but " + report + " records 3";
        assertThat(cycles.render(false)).contains("status.json and the cycle reports disagree:\n    " + sentence)
                .doesNotContain("Could not read: " + layout.statusFile());
        assertThat(cycles.unreadable()).isEmpty();
        assertThat(json(cycles).path("sections").path("cycles").path("disagreements").get(0).asText())
                .startsWith(sentence);
    }

    @Test
    void anEmptyRunSaysItReadNoReportAndIsNotAPass() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("shadow_simulation_empty"));
        DebugReport report = RunFixtures.console(tmp.resolve("state"), empty, Optional.empty()).full();

        String text = report.render(false);
        assertThat(text).doesNotContain("No mismatches")
                .contains("No cycle report read: no mismatch verdict", "Nothing read: no status.json, no cycle report")
                .contains("Verdict: INCOMPLETE");
        assertThat(report.nothingRead()).hasSize(3);
        assertThat(report.verdict()).isEqualTo(DebugReport.Verdict.INCOMPLETE);
        assertThat(json(report).path("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void theMismatchAndCycleSectionsOfAnEmptyRunAreEachIncomplete() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("shadow_simulation_empty"));
        Files.createDirectories(empty.resolve("reports"));
        DebugConsole console = RunFixtures.console(tmp.resolve("state"), empty, Optional.empty());

        DebugReport mismatches = console.report(DebugConsole.Section.MISMATCHES);
        assertThat(mismatches.render(false)).contains("Cycle reports read: 0", "No cycle report read")
                .doesNotContain("No mismatches");
        assertThat(mismatches.verdict()).isEqualTo(DebugReport.Verdict.INCOMPLETE);
        DebugReport cycles = console.report(DebugConsole.Section.CYCLES);
        assertThat(cycles.render(false)).contains("Nothing read");
        assertThat(cycles.verdict()).isEqualTo(DebugReport.Verdict.INCOMPLETE);
    }

    @Test
    void aCleanRunIsOkAndAFaultyOneFailed() throws Exception {
        Path clean = tmp.resolve("shadow_simulation_clean");
        RunFixtures.run(clean, 2, 7);
        DebugReport report = full(clean);
        assertThat(report.nothingRead()).isEmpty();
        assertThat(report.render(false)).contains("No mismatches: all 2 cycle reports read show 0 mismatches",
                "Verdict: OK");
        assertThat(report.verdict()).isEqualTo(DebugReport.Verdict.OK);
        assertThat(full(faultyRun).verdict()).isEqualTo(DebugReport.Verdict.FAILED);
    }

    @Test
    void processSectionShowsALiveRunsChildrenAndOpenFiles() throws Exception {
        assumeThat(Path.of("/proc/self/fd")).isDirectory();
        Path run = Files.createDirectories(tmp.resolve("live"));
        Path held = run.resolve("held-open.log");
        Process sh = new ProcessBuilder("sh", "-c", "exec 3>>'" + held + "'; sleep 30 & wait").start();
        try {
            PidFile.of(sh.toHandle()).write(ShadowRunLayout.of(run).pidFile());
            // wait for the shell to open the file and start its child
            for (int i = 0; i < 200 && sh.toHandle().children().findAny().isEmpty(); i++) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            DebugReport report = RunFixtures.console(tmp.resolve("state"), run, Optional.empty())
                    .report(DebugConsole.Section.PROCESS);
            JsonNode process = json(report).path("sections").path("process");
            assertThat(process.path("pid").asLong()).isEqualTo(sh.pid());
            assertThat(process.path("pid_source").asText()).isEqualTo("pid_file");
            assertThat(process.path("verdict").asText()).isEqualTo("running");
            assertThat(process.path("children").toString()).contains("sleep");
            assertThat(process.path("open_files").toString()).contains(held.toString());
        } finally {
            sh.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            sh.destroyForcibly();
            sh.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void noRunAndNoLogIsABadInputErrorNamingWhereItLooked() {
        OpsConfig config = OpsConfig.rootedAt(tmp,
                Map.of("AOS_SHADOW_GLOB", tmp.resolve("shadow_simulation_*").toString()));
        assertThatThrownBy(() -> DebugConsole.create(config, Optional.empty(), Optional.empty(), Clock.systemUTC()))
                .isInstanceOfSatisfying(AosOpsException.class, e -> {
                    // a usage error or unreadable input, which the CLI maps to exit 2
                    assertThat(e).isInstanceOfAny(BadConfigurationException.class, BadInputException.class);
                    assertThat(e.getMessage()).contains("shadow_simulation_*", "--run-dir");
                });
    }
}
