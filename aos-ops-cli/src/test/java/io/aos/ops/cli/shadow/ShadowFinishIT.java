package io.aos.ops.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.PidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aos-ops shadow finish} through the built jar on real runs in temp dirs: a short run with a real monitor daemon
 * on it, a long run that is still going, and a finish whose archive step fails and is then resumed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShadowFinishIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    final List<Process> started = new ArrayList<>();

    Path state() {
        return tmp.resolve("state");
    }

    Path runDir() {
        return tmp.resolve("runs/shadow_simulation_20261202_010000");
    }

    Path archiveDir() {
        return tmp.resolve("archive");
    }

    Path summaryFile() {
        return tmp.resolve("reports/m4-shadow-summary.json");
    }

    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", state().toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("ARCHIVE_DIR", archiveDir().toString());
        pb.environment().put("AOS_REPORTS_DIR", tmp.resolve("reports").toString());
        pb.environment().put("AOS_DISK_WARNING_PERCENT", "100");
        pb.environment().put("AOS_DISK_CRITICAL_PERCENT", "100");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("SHADOW_HOOK");
        pb.environment().remove("WORKFLOW_EMERGENCY_STOP");
        return pb;
    }

    CliRun run(String... args) throws IOException, InterruptedException {
        return CliRun.process(command(args), tmp);
    }

    @AfterEach
    void stopEverything() throws Exception {
        run("monitor", "stop", "--wait", "5");
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    void shortRun() throws Exception {
        CliRun r = run("shadow", "run", "--cycles", "3", "--cycle-interval", "0", "-o", runDir().toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    long startMonitor() throws Exception {
        CliRun start = run("monitor", "start", "--interval", "1");
        assertThat(start.code()).as(start.out() + start.err()).isZero();
        long pid = PidFile.read(state().resolve("shadow_monitor.pid")).orElseThrow().pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        return pid;
    }

    static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return digests;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                digests.put(dir.relativize(f).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return digests;
    }

    static List<Path> archives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).sorted().toList();
        }
    }

    @Test
    void aFinishedRunIsWrappedUpMonitorStoppedGoldensArchivedSummaryWrittenVerdictPrinted() throws Exception {
        shortRun();
        Map<String, String> golden = digests(runDir().resolve("golden"));
        Map<String, String> traces = digests(runDir().resolve("traces"));
        assertThat(golden).isNotEmpty();
        CliRun expected = run("golden", "summary", "--json", "--summary-dir", runDir().toString());
        long monitor = startMonitor();

        CliRun finish = run("shadow", "finish");

        assertThat(finish.code()).as(finish.out() + finish.err()).isZero();
        assertThat(finish.out()).contains(
                "[1/5] verify completion: done — completed after 3 cycles; process gone; "
                        + "'[INFO] ", "Shadow simulation complete: PASSED",
                "[2/5] stop the monitor: done — monitor stopped (PID " + monitor + ")",
                "[3/5] write the summary: done — " + summaryFile() + ": verdict PASS, 3 cycles",
                "[4/5] archive the goldens: done — golden/: " + golden.size() + " files into " + archiveDir(),
                "[5/5] verdict: done — PASSED",
                "Shadow run " + runDir() + " finished: PASSED");
        assertThat(finish.err()).isEmpty();

        // the monitor is gone, and only it was signalled
        assertThat(ProcessHandle.of(monitor).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(run("monitor", "status").out()).contains("NOT RUNNING");

        // the summary is golden summary --json of the run, made before the golden files were archived
        ObjectNode want = (ObjectNode) OpsJson.mapper().readTree(expected.out());
        ObjectNode got = (ObjectNode) OpsJson.readTree(summaryFile());
        want.remove("analyzed_at");
        got.remove("analyzed_at");
        assertThat(got).isEqualTo(want);
        assertThat(got.path("golden_file_count").asLong()).isEqualTo(golden.size());

        // goldens archived, verified, restorable byte for byte; the originals gone
        assertThat(digests(runDir().resolve("golden"))).isEmpty();
        List<Path> archives = archives(archiveDir());
        assertThat(archives).hasSize(traces.isEmpty() ? 1 : 2);
        CliRun verify = run("retention", "verify");
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        Map<String, String> restored = new TreeMap<>();
        for (Path archive : archives) {
            Path dest = tmp.resolve("restored/" + archive.getFileName());
            CliRun restore = run("retention", "restore", archive.toString(), dest.toString());
            assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
            restored.putAll(digests(dest));
        }
        Map<String, String> original = new TreeMap<>(golden);
        original.putAll(traces);
        assertThat(restored).isEqualTo(original);

        JsonNode finishState = OpsJson.readTree(runDir().resolve("finish.json"));
        assertThat(finishState.path("finished_at").isTextual()).isTrue();

        // a second finish redoes nothing, and says so
        CliRun again = run("shadow", "finish", "--run-dir", runDir().toString());
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("[2/5] stop the monitor: already done", "[3/5] write the summary: already done",
                "[4/5] archive the goldens: already done", "[5/5] verdict: done — PASSED");
        assertThat(archives(archiveDir())).isEqualTo(archives);

        // --json: the same outcome and steps as one document on stdout, nothing else there
        CliRun asJson = run("shadow", "finish", "--run-dir", runDir().toString(), "--json");
        assertThat(asJson.code()).as(asJson.out() + asJson.err()).isZero();
        JsonNode report = OpsJson.mapper().readTree(asJson.out());
        assertThat(report.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(report.path("run_dir").asText()).isEqualTo(runDir().toString());
        assertThat(report.path("summary_file").asText()).isEqualTo(summaryFile().toString());
        assertThat(report.path("failed_step").isNull()).isTrue();
        assertThat(report.path("steps")).hasSize(5);
        assertThat(report.path("steps").get(3).path("step").asText()).isEqualTo("archive");
        assertThat(report.path("steps").get(3).path("result").asText()).isEqualTo("already_done");
        assertThat(report.path("steps").get(4).path("detail").asText()).startsWith("PASSED (" + summaryFile());
        assertThat(asJson.out().strip()).startsWith("{").endsWith("}");
    }

    @Test
    void aRunStillGoingIsRefusedWithExit2AndNothingChangesThenFinishesOnceItIsStopped() throws Exception {
        ProcessBuilder longRun = command("shadow", "run", "--hours", "1", "--cycle-interval", "30", "-o",
                runDir().toString());
        longRun.redirectOutput(tmp.resolve("long.out").toFile()).redirectError(tmp.resolve("long.err").toFile());
        Process runner = longRun.start();
        started.add(runner);
        Path status = runDir().resolve("status.json");
        for (int i = 0; i < 600 && !(Files.exists(status)
                && OpsJson.readTree(status).path("state").asText().equals("running")); i++) {
            Thread.sleep(100);
        }
        assertThat(OpsJson.readTree(status).path("state").asText()).isEqualTo("running");
        long pid = OpsJson.readTree(status).path("pid").asLong();

        CliRun refused = run("shadow", "finish");

        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.out()).contains("[1/5] verify completion: REFUSED — the run is still going: its process "
                + pid + " is alive", "--force");
        assertThat(refused.err()).contains("shadow finish refused: nothing was changed");
        assertThat(Files.exists(runDir().resolve("finish.json"))).isFalse();
        assertThat(Files.exists(summaryFile())).isFalse();
        assertThat(Files.exists(archiveDir())).isFalse();
        assertThat(digests(runDir().resolve("golden"))).isNotEmpty();

        // stopped as the runbook does it: SIGTERM; the run writes its summary and completion line
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor()).isZero();
        assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();

        CliRun finish = run("shadow", "finish");
        assertThat(finish.code()).as(finish.out() + finish.err()).isZero();
        assertThat(finish.out()).contains("[1/5] verify completion: done — stopped after",
                "[2/5] stop the monitor: done — monitor was not running", "[5/5] verdict: done — PASSED");
    }

    @Test
    void aFinishWhoseArchiveStepFailsStopsThereAndARerunCompletesItWithoutRedoingTheRest() throws Exception {
        shortRun();
        Map<String, String> golden = digests(runDir().resolve("golden"));
        long monitor = startMonitor();
        Files.writeString(archiveDir(), "not a directory\n"); // the archive directory cannot be created

        CliRun first = run("shadow", "finish");

        assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(first.out()).contains("[2/5] stop the monitor: done — monitor stopped (PID " + monitor + ")",
                "[3/5] write the summary: done", "[4/5] archive the goldens: FAILED — archive of "
                        + runDir().resolve("golden"), "no file was deleted").doesNotContain("[5/5]");
        assertThat(first.err()).contains("shadow finish stopped at step 4 (archive the goldens)",
                "run 'aos-ops shadow finish --run-dir " + runDir() + "' again: it resumes at step 4");
        assertThat(digests(runDir().resolve("golden"))).as("nothing lost").isEqualTo(golden);
        String summary = Files.readString(summaryFile());

        Files.delete(archiveDir());
        CliRun second = run("shadow", "finish");

        assertThat(second.code()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("[1/5] verify completion: done",
                "[2/5] stop the monitor: already done", "[3/5] write the summary: already done",
                "[4/5] archive the goldens: done — golden/: " + golden.size() + " files", "[5/5] verdict: done — PASSED");
        assertThat(Files.readString(summaryFile())).as("the summary was not made again").isEqualTo(summary);
        assertThat(digests(runDir().resolve("golden"))).isEmpty();
        assertThat(run("retention", "verify").code()).isZero();
    }

    @Test
    void aMonitorThatWatchesANewerRunIsLeftRunningWhenAnOlderRunIsFinished() throws Exception {
        shortRun();
        Path newer = tmp.resolve("runs/shadow_simulation_20261202_020000");
        CliRun second = run("shadow", "run", "--cycles", "1", "--cycle-interval", "0", "-o", newer.toString());
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        Files.setLastModifiedTime(runDir(), java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(newer).toMillis() - 60_000));
        long monitor = startMonitor(); // no --run-dir: it watches the newest run

        CliRun finish = run("shadow", "finish", "--run-dir", runDir().toString());

        assertThat(finish.code()).as(finish.out() + finish.err()).isZero();
        assertThat(finish.out()).contains("[2/5] stop the monitor: done — monitor (PID " + monitor
                + ") left running: it watches the newest run " + newer + ", not this run");
        assertThat(ProcessHandle.of(monitor).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void anUnreadableFinishStateIsOneLineNamingTheFileWithExit2() throws Exception {
        shortRun();
        Files.writeString(runDir().resolve("finish.json"), "{\"schema_version\": 1,\n\"verify\": [}");

        CliRun r = run("shadow", "finish");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("aos-ops: " + runDir().resolve("finish.json") + ": invalid JSON at line 2");
    }
}
