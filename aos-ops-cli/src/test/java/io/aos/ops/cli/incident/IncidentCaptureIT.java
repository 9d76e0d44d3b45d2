package io.aos.ops.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aos-ops incident capture} end to end through the jar: a real shadow run with injected mismatches, then the
 * capture, with every path (state, runs, reports, archive) in a temporary directory.
 */
class IncidentCaptureIT {

    private static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path state;
    private Path reports;
    private Path runDir;

    @BeforeEach
    void setUp() throws IOException {
        state = tmp.resolve("state");
        reports = tmp.resolve("reports");
        runDir = tmp.resolve("runs/shadow_simulation_20261202_030000");
        Files.createDirectories(state);
        Files.createDirectories(reports);
        Files.writeString(state.resolve("shadow_24h_20261202_030000.log"), "[INFO] 03:00:00 Shadow run started\n");
        Files.writeString(state.resolve("shadow_monitor.log"), "[2026-12-02T03:30:00Z] CRITICAL: mismatches\n");
    }

    private CliRun aosOps(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("AOS_STATE_DIR", state.toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("AOS_REPORTS_DIR", reports.toString());
        pb.environment().put("ARCHIVE_DIR", tmp.resolve("archive").toString());
        pb.environment().put("PROMETHEUS_URL", "http://127.0.0.1:1"); // closed: sanity's metrics are UNKNOWN
        pb.environment().put("NO_COLOR", "1");
        pb.environment().put("AOS_OPS_CDS", "off");
        pb.environment().remove("WORKFLOW_EMERGENCY_STOP");
        pb.environment().putAll(env);
        return CliRun.process(pb, Files.createDirectories(tmp.resolve("scratch")));
    }

    private CliRun aosOps(String... args) throws IOException, InterruptedException {
        return aosOps(Map.of(), args);
    }

    private static int tool(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static Map<String, String> listing(Path dir) throws Exception {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                map.put(p.toString(), a.isRegularFile() ? a.size() + "@" + a.lastModifiedTime().toMillis() + "#"
                        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))) : "dir");
            }
        }
        return map;
    }

    private Path onlyBundle() throws IOException {
        try (Stream<Path> entries = Files.list(reports)) {
            List<Path> dirs = entries.filter(Files::isDirectory).toList();
            assertThat(dirs).hasSize(1);
            assertThat(dirs.get(0).getFileName().toString()).matches("m4-incident-\\d{8}_\\d{6}");
            return dirs.get(0);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void captureOfARunWithMismatchesStopsWorkflowsNamesTheRootCauseAndArchivesVerifiedEvidence() throws Exception {
        CliRun shadow = aosOps("shadow", "run", "--cycles", "3", "--cycle-interval", "0", "--seed", "5",
                "--inject", "volatile-leak:0.5", "-o", runDir.toString());
        assertThat(shadow.code()).as(shadow.out() + shadow.err()).isEqualTo(1);
        String firstRun = null;
        for (int n = 1; firstRun == null; n++) {
            var details = OpsJson.readTree(runDir.resolve("reports/cycle_" + n + ".json")).path("mismatch_details");
            if (!details.isEmpty()) {
                firstRun = details.get(0).path("original_run_id").asText();
            }
        }
        Map<String, String> runBefore = listing(runDir);
        Map<String, String> logsBefore = listing(state);

        CliRun capture = aosOps("incident", "capture", "--reason", "INC-IT");

        assertThat(capture.code()).as(capture.out() + capture.err()).isZero();
        assertThat(capture.out()).contains("Emergency stop: ENGAGED by this capture", "First mismatch: cycle ",
                firstRun, "VOLATILE_LEAK", "Archive:", "(verified: ");
        Path bundle = onlyBundle();
        assertThat(Files.readString(bundle.resolve("analysis.txt"))).startsWith("FAIL: ").contains("VOLATILE_LEAK");
        assertThat(Files.readString(bundle.resolve("INCIDENT.md"))).contains("## First mismatch", firstRun,
                "**VOLATILE_LEAK**", "## Root causes", "## Affected workflows", "## What to do next",
                "docs/runbooks/incident.md");
        try (Stream<Path> diffs = Files.list(bundle.resolve("diffs"))) {
            Path diff = diffs.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
            assertThat(Files.readAllLines(diff).get(0)).contains("VOLATILE_LEAK");
        }
        // the manifest checks with the real sha256sum, and lists every file but itself
        assertThat(tool(bundle, "sha256sum", "--strict", "-c", "MANIFEST.sha256")).isZero();
        long files;
        try (Stream<Path> walk = Files.walk(bundle)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        assertThat(Files.readAllLines(bundle.resolve("MANIFEST.sha256"))).hasSize((int) files - 1);
        // the archive verifies like retention archives, and unpacks to the bundle directory
        Path archive = bundle.resolveSibling(bundle.getFileName() + ".tar.gz");
        assertThat(tool(reports, "sha256sum", "-c", archive.getFileName() + ".sha256")).isZero();
        CliRun verify = aosOps("retention", "verify", "--archive-dir", reports.toString(), archive.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        assertThat(tool(unpacked, "tar", "xzf", archive.toString())).isZero();
        assertThat(tool(unpacked.resolve(bundle.getFileName()), "sha256sum", "--strict", "-c", "MANIFEST.sha256"))
                .isZero();
        // workflows are stopped, the reason is in the audit log
        CliRun status = aosOps("emergency-stop", "status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).contains("Status: STOPPED", "incident capture " + bundle.getFileName() + ": INC-IT");
        // the sources are byte-identical with the same mtimes (the emergency stop's own files aside)
        assertThat(listing(runDir)).isEqualTo(runBefore);
        Map<String, String> logsAfter = listing(state);
        logsBefore.forEach((file, before) -> assertThat(logsAfter.get(file)).as(file).isEqualTo(before));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void noStopLeavesWorkflowsRunningAndAnUnreadableSourceIsListedWithoutHanging() throws Exception {
        CliRun shadow = aosOps("shadow", "run", "--quick", "--cycle-interval", "0", "-o", runDir.toString());
        assertThat(shadow.code()).as(shadow.out() + shadow.err()).isZero();
        Path fifo = state.resolve("shadow_cron_alerts.log");
        assertThat(tool(state, "mkfifo", fifo.toString())).isZero();

        CliRun capture = aosOps("incident", "capture", "--no-stop");

        assertThat(capture.code()).as(capture.out() + capture.err()).isZero();
        assertThat(capture.out()).contains("RUNNING, left as it was (--no-stop)", "Mismatches:     none recorded",
                "NOT CAPTURED: " + fifo + ": is a FIFO, not a regular file");
        Path bundle = onlyBundle();
        assertThat(Files.readString(bundle.resolve("INCIDENT.md"))).contains("UNREADABLE `" + fifo + "`: is a FIFO");
        assertThat(Files.readString(bundle.resolve("analysis.txt"))).startsWith("PASS");
        assertThat(aosOps("emergency-stop", "status").code()).as("still running").isZero();
        assertThat(state.resolve(".workflow_emergency_stop")).doesNotExist();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anUnwritableReportsDirectoryIsOneLineExit2AndNothingDone() throws Exception {
        Path notADir = tmp.resolve("reports-is-a-file");
        Files.writeString(notADir, "x");
        Map<String, String> before = listing(tmp);

        CliRun capture = aosOps(Map.of("AOS_REPORTS_DIR", notADir.toString()), "incident", "capture");

        assertThat(capture.code()).isEqualTo(2);
        assertThat(capture.out()).isEmpty();
        assertThat(capture.err().lines()).hasSize(1).first().asString().startsWith("aos-ops: " + notADir)
                .contains("not a directory", "nothing captured, emergency stop not changed");
        Map<String, String> after = listing(tmp);
        after.keySet().removeIf(k -> k.contains("scratch"));
        before.keySet().removeIf(k -> k.contains("scratch"));
        assertThat(after).isEqualTo(before);

        Path missing = tmp.resolve("no/such/reports");
        CliRun again = aosOps(Map.of("AOS_REPORTS_DIR", missing.toString()), "incident", "capture");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(missing + ": the reports directory (AOS_REPORTS_DIR) does not exist");
        assertThat(state.resolve(".workflow_emergency_stop")).doesNotExist();
    }
}
