package io.aos.ops.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProcessTableIT {

    private final ProcessTable table = ProcessTable.system();
    private Process child;
    private long orphan;

    @TempDir
    Path tmp;

    @AfterEach
    void killChildren() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (orphan > 0) {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Process sleep() throws Exception {
        child = new ProcessBuilder("sleep", "30").start();
        return child;
    }

    @Test
    void aLiveChildNamedByItsPidFileIsRunning() throws Exception {
        Process p = sleep();
        Path file = tmp.resolve("shadow.pid");
        PidFile.of(p.toHandle()).write(file);

        ProcessStatus status = table.lookup(PidFile.read(file).orElseThrow());

        assertThat(status.state()).isEqualTo(ProcessState.RUNNING);
        assertThat(status.pid()).isEqualTo(p.pid());
    }

    @Test
    void aPidWhoseProcessStartedAtAnotherTimeIsRecycledNotRunning() throws Exception {
        Process p = sleep();
        Instant recorded = p.toHandle().info().startInstant().orElseThrow().minusSeconds(3600);

        ProcessStatus status = table.lookup(new PidFile(p.pid(), Optional.of(recorded)));

        assertThat(status.state()).isEqualTo(ProcessState.RECYCLED);
        assertThat(status.isAlive()).isFalse();
    }

    @Test
    void aProcessThatExitedIsNotRunning() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);

        assertThat(table.lookup(p.pid()).state()).isEqualTo(ProcessState.NOT_RUNNING);
    }

    @Test
    void aZombieIsNotAlive() throws Exception {
        // sh starts a short child, then becomes a long sleep that never reaps it: the child stays a zombie.
        child = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
        long zombie;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            zombie = Long.parseLong(out.readLine().trim());
        }
        Path stat = Path.of("/proc", Long.toString(zombie), "stat");
        for (int i = 0; i < 200 && !Files.readString(stat).contains(") Z"); i++) {
            Thread.sleep(10);
        }

        assertThat(table.lookup(zombie).state()).isEqualTo(ProcessState.ZOMBIE);
    }

    @Test
    void theCallerItselfIsNeverReportedAsTheWatchedProcess() {
        long self = ProcessHandle.current().pid();

        assertThat(table.lookup(self).isAlive()).isFalse();
        assertThat(table.findByCommandLine(cmd -> true).map(ProcessStatus::pid)).isNotEqualTo(Optional.of(self));
    }

    @Test
    void commandLineMatchFindsAProcessOutsideOurTreeButNotOurOwnChildren() throws Exception {
        // Our own child matches the pattern but is in our tree; the orphaned sleep (reparented) is not.
        child = new ProcessBuilder("sleep", "41.5").start();
        Process shell = new ProcessBuilder("sh", "-c", "sleep 41.5 >/dev/null 2>&1 & echo $!").start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            orphan = Long.parseLong(out.readLine().trim());
        }
        shell.waitFor(10, TimeUnit.SECONDS);

        Optional<ProcessStatus> found = table.findByCommandLine(cmd -> cmd.contains("sleep 41.5"));

        assertThat(found).isPresent();
        assertThat(found.get().pid()).isEqualTo(orphan);
    }

    @Test
    void anUpstreamRunnerOutsideOurTreeIsFoundInOneWalkAndOurOwnGrandchildIsNot() throws Exception {
        // A stand-in for upstream's runner, as an operator starts it (nohup ... &): a script named
        // run_shadow_simulation.sh started with --hours 24, orphaned so it is outside our tree.
        Path script = tmp.resolve("run_shadow_simulation.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 43.5\n");
        script.toFile().setExecutable(true);
        Process shell = new ProcessBuilder("sh", "-c",
                "'" + script + "' --hours 24 --workers 3 --verbose >/dev/null 2>&1 & echo $!").start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII))) {
            orphan = Long.parseLong(out.readLine().trim());
        }
        shell.waitFor(10, TimeUnit.SECONDS);
        // ...and our own grandchild (child of a child), whose command line matches too: in our tree, never found.
        child = new ProcessBuilder("sh", "-c", "'" + script + "' --hours 24 --workers 3; true").start();
        awaitDescendant(child.pid());

        Optional<ProcessStatus> found = table.findByCommandLine(
                cmd -> cmd.contains(script.toString()) && cmd.contains("--hours 24"));

        assertThat(found).isPresent();
        assertThat(found.get().pid()).isEqualTo(orphan);
        assertThat(found.get().state()).isEqualTo(ProcessState.RUNNING);
        assertThat(found.get().commandLine()).hasValueSatisfying(c -> assertThat(c).contains("--hours 24"));
        assertThat(found.get().startTime()).isPresent();
        assertThat(child.descendants().map(ProcessHandle::pid)).isNotEmpty().doesNotContain(orphan);

        child.descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(orphan).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        awaitGone(orphan);
        assertThat(table.findByCommandLine(cmd -> cmd.contains(script.toString()) && cmd.contains("--hours 24")))
                .isEmpty();
    }

    /** Polls (bounded by the class timeout) until {@code pid} has a descendant, i.e. the shell has started its script. */
    private static void awaitDescendant(long pid) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        while (handle.descendants().findAny().isEmpty()) {
            Thread.sleep(10);
        }
    }

    /** Polls until {@code pid} is gone or a zombie (bounded by the class timeout). */
    private void awaitGone(long pid) throws InterruptedException {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !table.isZombie(pid)) {
            Thread.sleep(10);
        }
    }

    @Test
    void argumentsWorkingDirectoryAndEnvironmentAreTheProcesssOwn() throws Exception {
        // an argument with a space and an empty one stay whole (a joined command line would split or lose them)
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "sleep 30; :", "arg with space", "").directory(tmp.toFile());
        pb.environment().put("TZ", "Europe/Berlin");
        pb.environment().put("AOS_TEST_MARK", "a=b");
        child = pb.start();
        long pid = child.pid();

        assertThat(table.arguments(pid)).contains(List.of("sh", "-c", "sleep 30; :", "arg with space", ""));
        assertThat(table.workingDirectory(pid)).contains(tmp.toRealPath());
        Map<String, String> env = table.environment(pid).orElseThrow();
        assertThat(env).containsEntry("TZ", "Europe/Berlin").containsEntry("AOS_TEST_MARK", "a=b")
                .doesNotContainKey("AOS_TEST_");
        assertThat(table.findAllByCommandLine(cmd -> cmd.contains("arg with space"))).isEmpty(); // our own child

        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        awaitGone(pid);
        assertThat(table.arguments(pid)).isEmpty();
        assertThat(table.workingDirectory(pid)).isEmpty();
        assertThat(table.environment(pid)).isEmpty();
        assertThat(table.environment(1)).as("another user's, or unreadable: not known, not empty").satisfiesAnyOf(
                e -> assertThat(e).isEmpty(), e -> assertThat(e.get()).isNotEmpty());
    }

    @Test
    void anUpstreamPidFileWithOnlyAPidReads() throws Exception {
        Path file = tmp.resolve("old.pid");
        Files.writeString(file, "752320\n");

        assertThat(PidFile.read(file)).contains(new PidFile(752320, Optional.empty()));
        assertThat(PidFile.read(tmp.resolve("missing.pid"))).isEmpty();
    }

    @Test
    void elapsedPrintsLikePsEtime() {
        assertThat(ProcessStatus.formatElapsed(java.time.Duration.ofSeconds(65))).isEqualTo("01:05");
        assertThat(ProcessStatus.formatElapsed(java.time.Duration.ofSeconds(3 * 3600 + 5))).isEqualTo("03:00:05");
        assertThat(ProcessStatus.formatElapsed(java.time.Duration.ofSeconds(90_000))).isEqualTo("1-01:00:00");
    }
}
