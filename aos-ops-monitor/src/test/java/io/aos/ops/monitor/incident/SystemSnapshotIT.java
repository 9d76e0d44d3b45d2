package io.aos.ops.monitor.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.text.ByteSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One test starts a real {@code sleep}: a failsafe IT with a time bound. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SystemSnapshotIT {

    @TempDir
    Path proc;

    @Test
    void theStateLetterIsReadAfterTheLastParenthesisOfTheCommandName() throws Exception {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/stat"), "42 (java (x) y) D 1 42 42 0 -1\n");
        assertThat(new SystemSnapshot(proc).state(42)).startsWith("D (waiting in uninterruptible sleep");
        Files.writeString(proc.resolve("42/stat"), "42 (sleep) S 1 42\n");
        assertThat(new SystemSnapshot(proc).state(42)).isEqualTo("S (sleeping (interruptible))");
    }

    @Test
    void aKernelStackThatCannotBeReadSaysWhyAndAReadableOneIsShownLineByLine() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (java) R 1\n");
        Files.writeString(dir.resolve("wchan"), "0");
        Files.createDirectories(dir.resolve("stack")); // a directory: not readable as a file
        SystemSnapshot snapshot = new SystemSnapshot(proc);
        String text = snapshot.processes(List.of(new SystemSnapshot.Process(pid, "shadow runner")),
                Optional.empty(), Instant.EPOCH);
        assertThat(text).contains("PID " + pid + ": shadow runner", "state:        R (running)",
                "(not readable: is a directory, not a regular file)",
                "No runner process is named by the run's state");

        Files.delete(dir.resolve("stack"));
        Files.writeString(dir.resolve("stack"), "[<0>] pipe_read+0x2f0/0x480\n[<0>] vfs_read+0x2fa/0x330\n");
        assertThat(snapshot.processes(List.of(new SystemSnapshot.Process(pid, "shadow runner")), Optional.empty(),
                Instant.EPOCH)).contains("    [<0>] pipe_read+0x2f0/0x480\n    [<0>] vfs_read+0x2fa/0x330\n");
    }

    @Test
    void aDeadRunnerIsNamedAndOnlyTheRunsOwnProcessesAreListed() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessStatus runner = new ProcessStatus(ProcessHandle.current().pid(), ProcessState.RUNNING,
                    ProcessHandle.current().info().startInstant(), Optional.empty());
            List<SystemSnapshot.Process> found = SystemSnapshot.processesOfTheRun(Optional.of(runner),
                    Optional.empty());
            assertThat(found).extracting(SystemSnapshot.Process::pid).contains(runner.pid(), child.pid());
            assertThat(found).filteredOn(p -> p.pid() == child.pid()).first()
                    .extracting(SystemSnapshot.Process::role).isEqualTo("child of the shadow runner");

            ProcessStatus dead = new ProcessStatus(999_999_999L, ProcessState.NOT_RUNNING, Optional.empty(), Optional.empty());
            assertThat(SystemSnapshot.processesOfTheRun(Optional.of(dead), Optional.empty())).isEmpty();
            assertThat(new SystemSnapshot(proc).processes(List.of(), Optional.of(dead), Instant.EPOCH))
                    .contains("The run's recorded runner, PID 999999999, is not running (NOT_RUNNING)",
                            "No process of the run is alive");
        } finally {
            child.destroy();
        }
    }

    @Test
    void dfNamesEachFilesystemOnceWithEverythingItHolds(@TempDir Path tmp) {
        String df = SystemSnapshot.df(Map.of("state", tmp.resolve("state"), "reports", tmp));
        assertThat(df.lines().count()).isEqualTo(2);
        assertThat(df).contains("Use%", "state " + tmp.resolve("state"), "reports " + tmp);
        assertThat(df).contains(ByteSizes.oneDecimal(tmp.toFile().getTotalSpace()));
    }
}
