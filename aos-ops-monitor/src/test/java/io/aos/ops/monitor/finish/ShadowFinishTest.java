package io.aos.ops.monitor.finish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.fixture.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The finish workflow as a library: steps, refusals, a failing step and the resume, with an archiver in memory. */
class ShadowFinishTest {

    @TempDir
    Path tmp;
    OpsConfig config;
    RunFixture run;
    FakeArchiving archiving;
    List<StepOutcome> progress;

    /** Moves files into a directory named like an archive; verifies by its presence; fails while told to. */
    static final class FakeArchiving implements GoldenArchiving {
        final Path archiveDir;
        int calls;
        boolean fail;
        final List<Path> broken = new ArrayList<>();

        FakeArchiving(Path archiveDir) {
            this.archiveDir = archiveDir;
        }

        @Override
        public Outcome archive(List<Path> directories) throws IOException {
            calls++;
            if (fail) {
                return new Outcome(List.of(), 0, List.of("archive of " + directories.get(0)
                        + " failed (disk full); no file was deleted"));
            }
            List<Archive> made = new ArrayList<>();
            for (Path dir : directories) {
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.toList();
                }
                if (files.isEmpty()) {
                    continue;
                }
                Path archive = archiveDir.resolve(dir.getFileName() + "-" + calls);
                Files.createDirectories(archive);
                for (Path f : files) {
                    Files.move(f, archive.resolve(f.getFileName()));
                }
                made.add(new Archive(dir, archive, files.size()));
            }
            return new Outcome(made, 0, List.of());
        }

        @Override
        public Verification verify(Path archive) {
            if (broken.contains(archive) || !Files.isDirectory(archive)) {
                return new Verification(false, 0, "member checksum mismatch");
            }
            try (Stream<Path> s = Files.list(archive)) {
                return new Verification(true, (int) s.count(), null);
            } catch (IOException e) {
                return new Verification(false, 0, e.toString());
            }
        }
    }

    @BeforeEach
    void completedRun() throws Exception {
        config = OpsConfig.rootedAt(tmp);
        run = RunFixture.create(tmp, "20261202_010000");
        run.status(Integer.MAX_VALUE, Instant.now().minusSeconds(7200), RunState.COMPLETED, 3, 0, 0, Instant.now())
                .cycleReport(1, 0).cycleReport(2, 0).cycleReport(3, 0).golden(4)
                .log("[INFO] 01:00:00 Starting", "[INFO] 01:10:00 Shadow simulation complete: PASSED, 3 cycles, "
                        + "27 replays compared, completed");
        archiving = new FakeArchiving(tmp.resolve("archive"));
        progress = new ArrayList<>();
    }

    FinishReport finish(boolean force) {
        return finish(force, ShadowFinish.defaultSummaryFile(config));
    }

    FinishReport finish(boolean force, Path summary) {
        progress.clear();
        DaemonControl monitor = DaemonControl.forConfig(config); // no PID file: the monitor is not running
        return new ShadowFinish(config, monitor, archiving, ProcessTable.system(), Clock.systemUTC())
                .finish(new ShadowFinish.Options(Optional.empty(), Optional.empty(), summary, force,
                        Duration.ofSeconds(5)), progress::add);
    }

    List<StepOutcome.Result> results(FinishReport report) {
        return report.steps().stream().map(StepOutcome::result).toList();
    }

    @Test
    void theReportAsJsonNamesTheOutcomeAndEveryStep() {
        FinishReport report = finish(false);

        java.util.Map<String, Object> json = report.toJson();
        assertThat(json).containsEntry("outcome", "PASSED").containsEntry("failed_step", null)
                .containsEntry("run_dir", run.root().toString());
        assertThat(json.keySet()).containsExactly("run_dir", "outcome", "summary_file", "state_file", "failed_step",
                "steps");
        assertThat((List<?>) json.get("steps")).hasSize(report.steps().size()).first().isEqualTo(java.util.Map.of(
                "number", 1, "step", "verify", "title", "verify completion", "result", "done",
                "detail", report.steps().get(0).detail()));
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    void aSecondFinishWhileTheFirstHoldsTheRunIsRefusedAndChangesNothing() throws Exception {
        Path lock = ShadowFinish.lockFile(config, run.root());
        assertThat(lock).isEqualTo(ShadowFinish.lockFile(config, run.root().resolve("golden/..")));
        try (io.aos.ops.core.lock.LockFile first = io.aos.ops.core.lock.LockFile.tryAcquire(lock).orElseThrow()) {
            FinishReport second = finish(true);

            assertThat(second.outcome()).isEqualTo(FinishReport.Outcome.REFUSED);
            assertThat(second.steps()).singleElement().satisfies(step -> {
                assertThat(step.result()).isEqualTo(StepOutcome.Result.REFUSED);
                assertThat(step.detail()).contains("another 'shadow finish' of this run is working", lock.toString(),
                        "Nothing was changed");
            });
            assertThat(archiving.calls).isZero();
            assertThat(run.root().resolve(FinishState.FILE_NAME)).doesNotExist();
            assertThat(ShadowFinish.defaultSummaryFile(config)).doesNotExist();
        }

        // the first one gone, the run is finished as usual
        assertThat(finish(false).outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(io.aos.ops.core.lock.LockFile.isHeldElsewhere(lock)).isFalse();
    }

    @Test
    void aCompletedRunIsFinishedStepByStepAndTheSummaryIsThatOfGoldenSummary() throws Exception {
        FinishReport report = finish(false);

        assertThat(report.outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(report.steps()).extracting(StepOutcome::step).containsExactly(FinishStep.values());
        assertThat(results(report)).containsOnly(StepOutcome.Result.DONE);
        assertThat(progress).isEqualTo(report.steps());
        assertThat(report.steps().get(0).detail()).contains("completed after 3 cycles", "process gone",
                "Shadow simulation complete: PASSED");
        assertThat(report.steps().get(1).detail()).contains("not running");

        Path summary = tmp.resolve("reports/m4-shadow-summary.json");
        JsonNode json = OpsJson.readTree(summary);
        assertThat(json.path("directory").asText()).isEqualTo(run.root().toString());
        assertThat(json.path("verdict").asText()).isEqualTo("PASS");
        assertThat(json.path("cycles").asLong()).isEqualTo(3);
        assertThat(json.path("golden_file_count").asLong()).as("counted before the archive took them").isEqualTo(4);
        assertThat(Files.readString(run.root().resolve("finish-summary.json"))).isEqualTo(Files.readString(summary));

        assertThat(archiving.calls).isEqualTo(1);
        try (Stream<Path> left = Files.list(run.layout().goldenDir())) {
            assertThat(left).isEmpty();
        }
        JsonNode state = OpsJson.readTree(run.root().resolve("finish.json"));
        assertThat(state.path("finished_at").isTextual()).isTrue();
        assertThat(state.at("/archive/archives/0/files").asInt()).isEqualTo(4);
        assertThat(report.steps().get(4).detail()).startsWith("PASSED");
    }

    @Test
    void finishingARunDoesNotMakeItTheLatestForLsTd() throws Exception {
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(run.root(), before);

        finish(false);

        assertThat(Files.exists(run.root().resolve("finish.json"))).isTrue();
        assertThat(Files.getLastModifiedTime(run.root())).isEqualTo(before);
    }

    @Test
    void aSecondFinishRedoesNothingAndRechecksWhatWasDone() throws Exception {
        finish(false);
        String summaryBefore = Files.readString(tmp.resolve("reports/m4-shadow-summary.json"));

        FinishReport again = finish(false);

        assertThat(again.outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(results(again)).containsExactly(StepOutcome.Result.DONE, StepOutcome.Result.ALREADY_DONE,
                StepOutcome.Result.ALREADY_DONE, StepOutcome.Result.ALREADY_DONE, StepOutcome.Result.DONE);
        assertThat(archiving.calls).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("reports/m4-shadow-summary.json"))).isEqualTo(summaryBefore);
        assertThat(again.steps().get(3).detail()).contains("read back again and verified");
    }

    @Test
    void aFailingArchiveStopsTheRestAndTheNextFinishResumesThere() throws Exception {
        archiving.fail = true;
        FinishReport first = finish(false);

        assertThat(first.outcome()).isEqualTo(FinishReport.Outcome.INCOMPLETE);
        assertThat(first.failedStep()).contains(FinishStep.ARCHIVE);
        assertThat(results(first)).containsExactly(StepOutcome.Result.DONE, StepOutcome.Result.DONE,
                StepOutcome.Result.DONE, StepOutcome.Result.FAILED);
        assertThat(first.steps().get(3).detail()).contains("disk full", "no file was deleted");
        assertThat(OpsJson.readTree(run.root().resolve("finish.json")).path("last_failure").asText())
                .startsWith("archive: ");
        String summary = Files.readString(tmp.resolve("reports/m4-shadow-summary.json"));

        archiving.fail = false;
        FinishReport second = finish(false);

        assertThat(second.outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(results(second)).containsExactly(StepOutcome.Result.DONE, StepOutcome.Result.ALREADY_DONE,
                StepOutcome.Result.ALREADY_DONE, StepOutcome.Result.DONE, StepOutcome.Result.DONE);
        assertThat(Files.readString(tmp.resolve("reports/m4-shadow-summary.json"))).as("not made again")
                .isEqualTo(summary);
        assertThat(OpsJson.readTree(run.root().resolve("finish.json")).has("last_failure")).isFalse();
    }

    @Test
    void anArchiveThatNoLongerVerifiesFailsTheNextFinish() throws Exception {
        finish(false);
        archiving.broken.add(archiving.archiveDir.resolve("golden-1"));

        FinishReport again = finish(false);

        assertThat(again.outcome()).isEqualTo(FinishReport.Outcome.INCOMPLETE);
        assertThat(again.failedStep()).contains(FinishStep.ARCHIVE);
        assertThat(again.steps().get(3).detail()).contains("no longer verifies", "golden-1",
                "member checksum mismatch");
    }

    @Test
    void aRunThatIsStillGoingIsRefusedAndNothingIsTouchedUnlessForced() throws Exception {
        ProcessHandle alive = ProcessHandle.current().parent().orElseThrow();
        run.status(alive.pid(), alive.info().startInstant().orElseThrow(), RunState.RUNNING, 2, 0, 0, Instant.now());

        FinishReport refused = finish(false);

        assertThat(refused.outcome()).isEqualTo(FinishReport.Outcome.REFUSED);
        assertThat(refused.steps()).singleElement().satisfies(s -> {
            assertThat(s.step()).isEqualTo(FinishStep.VERIFY);
            // a live process, but no runner: that the run is still going cannot be told, so it is not finished
            assertThat(s.detail()).contains("still going cannot be told", Long.toString(alive.pid()),
                    "not proven to be the run's", "--force", "Nothing was changed");
        });
        assertThat(Files.exists(run.root().resolve("finish.json"))).isFalse();
        assertThat(Files.exists(tmp.resolve("reports"))).isFalse();
        assertThat(archiving.calls).isZero();

        FinishReport forced = finish(true);
        assertThat(forced.outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(forced.steps().get(0).detail()).startsWith("NOT complete, finished with --force");
    }

    @Test
    void aRunWhoseProcessDiedWithoutFinishingIsRefused() throws Exception {
        run.status(Integer.MAX_VALUE, Instant.now(), RunState.RUNNING, 2, 0, 0, Instant.now());

        FinishReport refused = finish(false);

        assertThat(refused.outcome()).isEqualTo(FinishReport.Outcome.REFUSED);
        assertThat(refused.steps().get(0).detail()).contains("status.json says running after 2 cycles",
                "died without finishing");
    }

    @Test
    void aMismatchMakesTheVerdictFailed() throws Exception {
        run.cycleReport(4, 2);

        FinishReport report = finish(false);

        assertThat(report.outcome()).isEqualTo(FinishReport.Outcome.FAILED);
        assertThat(report.steps().get(4).detail()).startsWith("FAILED");
        assertThat(OpsJson.readTree(tmp.resolve("reports/m4-shadow-summary.json")).path("total_mismatches").asLong())
                .isEqualTo(2);
    }

    @Test
    void theSummaryOfAnotherRunIsNotReplacedWithoutForce() throws Exception {
        Path summary = tmp.resolve("reports/m4-shadow-summary.json");
        Files.createDirectories(summary.getParent());
        // another run's summary names its directory; the text only (that directory is never looked at)
        String other = "{\"directory\": \"/tmp/shadow_simulation_20261101_000000\", \"verdict\": \"PASS\"}\n";
        Files.writeString(summary, other);

        FinishReport refused = finish(false);

        assertThat(refused.outcome()).isEqualTo(FinishReport.Outcome.REFUSED);
        assertThat(refused.steps()).singleElement().extracting(StepOutcome::detail).asString()
                .contains("summary of another run (/tmp/shadow_simulation_20261101_000000)", "--summary-out", "--force");
        assertThat(Files.readString(summary)).isEqualTo(other);
        assertThat(Files.exists(run.root().resolve("finish.json"))).isFalse();

        FinishReport elsewhere = finish(false, tmp.resolve("mine/summary.json"));
        assertThat(elsewhere.outcome()).isEqualTo(FinishReport.Outcome.PASSED);
        assertThat(Files.readString(summary)).isEqualTo(other);
    }

    @Test
    void aDamagedFinishJsonIsAnErrorNamingItsLineAndColumn() throws Exception {
        Files.writeString(run.root().resolve("finish.json"), "{\n  \"schema_version\": 1,\n  oops\n}");

        assertThatThrownBy(() -> finish(false)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("finish.json: invalid JSON at line 3");
    }

    @Test
    void aDamagedStatusJsonIsAnErrorNamingItButADamagedCycleReportOnlyFailsTheVerdict() throws Exception {
        // status.json counts a mismatch, so the observer reads the cycle reports too
        run.status(Integer.MAX_VALUE, Instant.now().minusSeconds(7200), RunState.COMPLETED, 3, 1, 1, Instant.now());
        Files.writeString(run.root().resolve("reports/cycle_2.json"), "{\"primary\": ");

        FinishReport report = finish(false);

        assertThat(report.outcome()).isEqualTo(FinishReport.Outcome.FAILED);
        assertThat(OpsJson.readTree(tmp.resolve("reports/m4-shadow-summary.json")).path("problems").toString())
                .contains("cycle_2.json");

        Files.writeString(run.layout().statusFile(), "{\"state\": \"completed\",\n \"cycles\": x}");
        assertThatThrownBy(() -> finish(false)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("status.json: invalid JSON at line 2");
    }

    @Test
    void noRunIsAUsageError() throws Exception {
        config = OpsConfig.rootedAt(tmp.resolve("empty"));

        assertThatThrownBy(() -> finish(false)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("no shadow run directory matches").hasMessageContaining("--run-dir");
    }
}
