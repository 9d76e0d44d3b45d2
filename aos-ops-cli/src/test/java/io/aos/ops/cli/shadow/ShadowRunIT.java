package io.aos.ops.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code scripts/stress/run_shadow_simulation.sh} against the built jar, as an operator would. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShadowRunIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = REPO.resolve("scripts/stress/run_shadow_simulation.sh");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private ProcessBuilder launcher(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("ARCHIVE_DIR", tmp.resolve("archive").toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("shadow_simulation_*").toString());
        pb.environment().remove("WORKFLOW_EMERGENCY_STOP");
        pb.environment().remove("NO_COLOR");
        pb.redirectOutput(Files.createTempFile(tmp, "out", ".txt").toFile());
        pb.redirectError(Files.createTempFile(tmp, "err", ".txt").toFile());
        return pb;
    }

    private static Run finish(ProcessBuilder pb, Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(pb.redirectOutput().file().toPath(), StandardCharsets.UTF_8),
                Files.readString(pb.redirectError().file().toPath(), StandardCharsets.UTF_8));
    }

    private Run run(String... args) throws Exception {
        ProcessBuilder pb = launcher(args);
        return finish(pb, pb.start());
    }

    private static void await(Path status, String state) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(status) && OpsJson.readTree(status).path("state").asText().equals(state)
                    && OpsJson.readTree(status).path("cycles").asLong() >= (state.equals("running") ? 1 : 0)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(status + " never reached " + state);
    }

    @Test
    void quickVerboseRunPassesInSecondsAndSaysWhereItWrote() throws Exception {
        Run r = run("--quick", "--verbose", "--cycle-interval", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Running cycle 3...", "Cycle 3: 5 workflows, 5 replays, 0 mismatches",
                "SHADOW SIMULATION PASSED", "Final Report:", "Shadow simulation complete").doesNotContain("\033[");
        Path dir;
        try (Stream<Path> dirs = Files.list(tmp)) {
            dir = dirs.filter(p -> p.getFileName().toString().matches("shadow_simulation_\\d{8}_\\d{6}"))
                    .findFirst().orElseThrow();
        }
        assertThat(r.out()).contains(dir.resolve("golden").toString(), dir.resolve("status.json").toString());
        JsonNode status = OpsJson.readTree(dir.resolve("status.json"));
        assertThat(status.path("state").asText()).isEqualTo("completed");
        assertThat(status.path("cycles").asLong()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("shadow.log"))).contains("Shadow simulation complete");
    }

    @Test
    void helpSaysThatDashHIsHours() throws Exception {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: aos-ops shadow run", "-h, --hours=H", "-h means --hours");
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedAndChangesNothingThere() throws Exception {
        Path out = tmp.resolve("run");
        assertThat(run("--cycles", "1", "--cycle-interval", "0", "-o", out.toString()).code()).isZero();
        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out, past);
        List<String> before = listing(out);
        Run again = run("--cycles", "1", "-o", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a shadow run");
        assertThat(listing(out)).isEqualTo(before);
        assertThat(out.resolve("shadow.pid")).doesNotExist();
        assertThat(Files.getLastModifiedTime(out)).isEqualTo(past);
    }

    /** Every path below {@code dir} with its size and modification time. */
    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> lines = new ArrayList<>();
            for (Path p : (Iterable<Path>) files::iterator) {
                lines.add(dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
            return lines.stream().sorted().toList();
        }
    }

    @Test
    void failFastStopsAtTheFirstMismatchWithExit1AClassifiedReportAndASummary() throws Exception {
        Path out = tmp.resolve("run");
        Run r = run("--cycles", "20", "--cycle-interval", "0", "--seed", "5", "--inject", "seed-mismatch:1",
                "--fail-fast", "-o", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Cycle 1: 10 mismatches detected!",
                "ALERT: Shadow simulation detected 10 mismatches in cycle 1", "SHADOW SIMULATION FAILED");
        JsonNode cycle = OpsJson.readTree(out.resolve("reports/cycle_1.json"));
        assertThat(cycle.path("mismatch_details").get(0).path("root_cause").asText()).isEqualTo("SEED_MISMATCH");
        assertThat(Files.exists(out.resolve("reports/cycle_2.json"))).isFalse();
        try (Stream<Path> reports = Files.list(out.resolve("reports"))) {
            Path summary = reports.filter(p -> p.getFileName().toString().startsWith("summary_")).findFirst()
                    .orElseThrow();
            assertThat(OpsJson.readTree(summary).at("/statistics/mismatch_rate").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void sigtermWritesTheSummaryAndExitsZeroWithoutMismatches() throws Exception {
        Path out = tmp.resolve("run");
        ProcessBuilder pb = launcher("--hours", "1", "--cycle-interval", "30", "-o", out.toString());
        Process p = pb.start();
        await(out.resolve("status.json"), "running");
        // as the runbook does it: kill -TERM $(pgrep -f run_shadow_simulation)
        long pid = OpsJson.readTree(out.resolve("status.json")).path("pid").asLong();
        Process pgrep = new ProcessBuilder("pgrep", "-f", "run_shadow_simulation").start();
        List<Long> found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
        assertThat(found).contains(pid);
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor()).isZero();
        Run r = finish(pb, p);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Shutting down shadow simulation...", "Final report:",
                "Shadow simulation complete");
        JsonNode status = OpsJson.readTree(out.resolve("status.json"));
        assertThat(status.path("state").asText()).isEqualTo("stopped");
        try (Stream<Path> reports = Files.list(out.resolve("reports"))) {
            Path summary = reports.filter(f -> f.getFileName().toString().startsWith("summary_")).findFirst()
                    .orElseThrow();
            JsonNode json = OpsJson.readTree(summary);
            assertThat(json.at("/statistics/cycles_completed").asLong()).isEqualTo(status.path("cycles").asLong())
                    .isPositive();
            assertThat(json.at("/statistics/mismatch_rate").isNumber()).isTrue();
            assertThat(json.path("status").asText()).isEqualTo("healthy");
            assertThat(json.path("passed").asBoolean()).isTrue();
        }
    }

    /**
     * {@code -h 0.0003} (about one second) is hours: the run records that budget and ends by itself. Whether a cycle
     * fits in the second depends on the machine, so both endings are accepted; what -h parses to is checked without a
     * run in ShadowRunCommandTest.
     */
    @Test
    void dashHIsHoursAndTheRunEndsByItselfWithinThatBudget() throws Exception {
        Path out = tmp.resolve("run");
        Run r = run("-h", "0.0003", "--cycle-interval", "0", "-o", out.toString());
        assertThat(r.out()).contains("Duration:            0.0003h");
        JsonNode status = OpsJson.readTree(out.resolve("status.json"));
        assertThat(status.path("target_hours").asDouble()).isEqualTo(0.0003);
        String state = status.path("state").asText();
        if (status.path("cycles").asLong() > 0) {
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(state).isEqualTo("completed");
        } else {
            // too loaded to finish one cycle in a second: a run that compared nothing is a failure, not a pass
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(state).isEqualTo("failed");
            assertThat(r.out()).contains("no cycle completed");
        }
    }

    @Test
    void theEmergencyStopFlagFilePausesTheRunUntilItIsRemoved() throws Exception {
        Path flag = tmp.resolve("state/.workflow_emergency_stop");
        Files.createDirectories(flag.getParent());
        Files.writeString(flag, "test\n");
        Path out = tmp.resolve("run");
        ProcessBuilder pb = launcher("--quick", "--cycle-interval", "0", "-o", out.toString());
        Process p = pb.start();
        await(out.resolve("status.json"), "paused");
        assertThat(OpsJson.readTree(out.resolve("status.json")).path("emergency_stop").asBoolean()).isTrue();
        Files.delete(flag);
        Run r = finish(pb, p);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Emergency stop engaged: shadow simulation paused",
                "Emergency stop released: resuming shadow simulation", "SHADOW SIMULATION PASSED");
    }
}
