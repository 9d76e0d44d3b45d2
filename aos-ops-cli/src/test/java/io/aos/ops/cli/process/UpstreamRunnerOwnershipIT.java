package io.aos.ops.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.Thresholds;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two upstream runs at once, found by their command lines (upstream's runner records no PID): real stand-ins for
 * {@code run_shadow_simulation.sh}, started as an operator starts them ({@code nohup ... &}, outside our process
 * tree), one with {@code --output DIR} and one writing its default, start-stamped directory. Each run is reported
 * with its own runner's PID, and a run whose directory neither runner writes is not running, although a runner
 * matches the command-line pattern (the oldest match used to be taken for any run).
 */
@Timeout(120)
class UpstreamRunnerOwnershipIT {

    static final Path REPO = Path.of(System.getProperty("aos.ops.repo", "..")).toAbsolutePath().normalize();
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    @TempDir
    Path tmp;
    Path script;
    final List<Long> runners = new ArrayList<>();

    @BeforeEach
    void writeTheStandIn() throws Exception {
        script = tmp.resolve("scripts/stress/run_shadow_simulation.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nsleep 300\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
    }

    @AfterEach
    void stopTheRunners() throws Exception {
        for (long pid : runners) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
        for (long pid : runners) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                p.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the stand-in orphaned (its parent shell exits at once) and returns its PID. */
    long startRunner(String args) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c",
                "nohup '" + script + "' " + args + " >/dev/null 2>&1 & echo $!").directory(tmp.toFile()).start();
        long pid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            pid = Long.parseLong(out.readLine().trim());
        }
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        runners.add(pid);
        // the shell forks, then execs the script: wait (bounded by the class timeout) until the PID shows it
        while (!ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("").contains(script.toString())) {
            Thread.sleep(20);
        }
        return pid;
    }

    /** Starts {@code command} orphaned, as {@link #startRunner} does, and returns its PID once it shows {@code shows}. */
    long startOrphan(String command, String shows) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "nohup " + command + " >/dev/null 2>&1 & echo $!")
                .directory(tmp.toFile()).start();
        long pid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            pid = Long.parseLong(out.readLine().trim());
        }
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        runners.add(pid);
        while (!ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("").contains(shows)) {
            Thread.sleep(20);
        }
        return pid;
    }

    @Test
    void aProcessThatOnlyNamesTheScriptIsNotTheRunner() throws Exception {
        long tail = startOrphan("tail -f '" + script + "'", script.toString());
        long loop = startOrphan("bash -c 'while :; do pgrep -f run_shadow_simulation.sh >/dev/null; sleep 5; done'",
                "pgrep");
        String dayBefore = DATE.format(startOf(tail).minus(Duration.ofDays(1)).atZone(ZoneId.systemDefault()));
        Path dead = upstreamRun(tmp.resolve("runs/shadow_simulation_" + dayBefore));

        ProbeResult ofDead = processProbe(dead);

        assertThat(ofDead.status()).as(ofDead.message()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(ofDead.figures().get("pid")).isNotIn(tail, loop);
        assertThat(ofDead.message()).doesNotContain("PID " + tail + " ", "PID " + loop + " ");
        CliRun cron = jar("cron-check", "--nagios", "--run-dir", dead.toString());
        assertThat(cron.code()).as(cron.err()).isEqualTo(2);
        assertThat(cron.out()).startsWith("SHADOW CRITICAL - Shadow process NOT RUNNING");
    }

    static Path upstreamRun(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("golden"));
        Files.createDirectories(dir.resolve("reports"));
        return dir;
    }

    static Instant startOf(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
    }

    ProbeResult processProbe(Path runDir) {
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(tmp), new HealthCheck.Options(Optional.of(runDir),
                Optional.empty(), new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100, 1L << 40)),
                Clock.systemUTC());
        return check.check().results().stream().filter(r -> r.probe().equals("process")).findFirst().orElseThrow();
    }

    @Test
    void eachRunGetsItsOwnRunnerAndARunNoRunnerWritesIsNotRunning() throws Exception {
        Path named = upstreamRun(tmp.resolve("data/second-run"));
        // the older runner writes the named directory: before, every run was given the oldest match
        long namedRunner = startRunner("--hours 24 --output '" + named + "' --verbose");
        long defaultRunner = startRunner("--hours 24 --workers 3 --verbose");
        ZoneId zone = ZoneId.systemDefault(); // the runner inherits this JVM's TZ, and so does the jar below
        String stamp = DATE.format(startOf(defaultRunner).atZone(zone));
        Path stamped = upstreamRun(tmp.resolve("runs/shadow_simulation_" + stamp));
        String dayBefore = DATE.format(startOf(defaultRunner).minus(Duration.ofDays(1)).atZone(zone));
        Path dead = upstreamRun(tmp.resolve("runs/shadow_simulation_" + dayBefore));

        ProbeResult ofNamed = processProbe(named);
        ProbeResult ofStamped = processProbe(stamped);
        ProbeResult ofDead = processProbe(dead);

        assertThat(ofNamed.status()).as(ofNamed.message()).isEqualTo(HealthStatus.OK);
        assertThat(ofNamed.figures().get("pid")).isEqualTo(namedRunner);
        assertThat(ofStamped.status()).as(ofStamped.message()).isEqualTo(HealthStatus.OK);
        assertThat(ofStamped.figures().get("pid")).isEqualTo(defaultRunner);
        assertThat(ofDead.status()).as(ofDead.message()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(ofDead.figures().get("pid")).isNull();
        assertThat(ofDead.message()).contains("no run_shadow_simulation process of this run",
                "PID " + namedRunner + " writes " + named, "PID " + defaultRunner + " writes its default directory, "
                        + "stamped " + stamp);

        CliRun status = jar("status", "--run-dir", stamped.toString());
        assertThat(status.out()).as(status.err()).contains("Process: RUNNING (PID: " + defaultRunner + ")");
        CliRun deadStatus = jar("status", "--run-dir", dead.toString());
        assertThat(deadStatus.code()).isEqualTo(1);
        // (another runner on the machine, of a run of its own, may be listed too)
        assertThat(deadStatus.out()).doesNotContain("RUNNING (PID").contains("other runs' runners: ",
                "PID " + namedRunner + " writes " + named);
        CliRun debug = jar("debug", "process", "--run-dir", dead.toString());
        assertThat(debug.out()).as(debug.err()).contains("the run_shadow_simulation.sh running is another run's",
                "PID " + namedRunner + " writes " + named);

        for (long pid : runners) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("runner %d untouched", pid)
                    .contains(true);
        }
    }

    @Test
    void withNoRunBelowTheGlobARunnerWritingElsewhereIsAnotherRunsAndOneWritingBelowItIsTaken() throws Exception {
        Path elsewhere = tmp.resolve("data/elsewhere");
        long outside = startRunner("--hours 24 --output '" + elsewhere + "' --verbose");
        // no --output: upstream's default, /tmp/shadow_simulation_<its start>, which the test's glob does not match
        long defaulted = startRunner("--hours 24 --workers 3 --verbose");

        // AOS_SHADOW_GLOB names tmp/runs/shadow_simulation_*, where no run is: the cron check reports none running,
        // and says which runners it left out and why (before, it took the oldest match for the run it watches)
        CliRun cron = jar("cron-check");
        assertThat(cron.code()).as(cron.out() + cron.err()).isEqualTo(1);
        assertThat(cron.out() + cron.err()).contains("CRITICAL").doesNotContain("PID=" + outside)
                .doesNotContain("PID=" + defaulted);
        CliRun status = jar("status");
        assertThat(status.out()).as(status.err()).doesNotContain("RUNNING (PID");
        CliRun json = jar("cron-check", "--json");
        assertThat(json.out()).as(json.err()).contains("PID " + outside + " writes " + elsewhere
                + ", which the run glob (" + tmp.resolve("runs/shadow_simulation_*") + ") does not match");

        // the debug console (here on upstream's log alone) says the same of the runner
        Files.createDirectories(tmp.resolve("state"));
        Files.writeString(tmp.resolve("state/shadow_24h_20261203_000000.log"), "[STEP] 00:00:00 Running cycle 1...\n");
        CliRun debug = jar("debug", "process");
        assertThat(debug.out()).as(debug.err()).contains("the run_shadow_simulation.sh running is another run's",
                "PID " + outside + " writes " + elsewhere);

        // a runner whose --output the glob matches is this check's run, even before it has made its directory
        Path coming = tmp.resolve("runs/shadow_simulation_20991231_235959");
        long inside = startRunner("--hours 24 --output '" + coming + "'");
        CliRun found = jar("status");
        assertThat(found.out()).as(found.err()).contains("Process: RUNNING (PID: " + inside + ")");

        for (long pid : runners) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("runner %d untouched", pid)
                    .contains(true);
        }
    }

    CliRun jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/aos-ops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("AOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("AOS_SHADOW_GLOB", tmp.resolve("runs/shadow_simulation_*").toString());
        pb.environment().put("AOS_SHADOW_LOG_GLOB", tmp.resolve("state/shadow_24h_*.log").toString());
        pb.environment().put("NO_COLOR", "1");
        pb.environment().put("AOS_SYSLOG_SOCKET", tmp.resolve("no-syslog.sock").toString());
        return CliRun.process(pb, tmp);
    }
}
