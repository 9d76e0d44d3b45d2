package io.aos.ops.monitor.daemon;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.OpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.log.LastLines;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts, stops and reports the monitor daemon through its PID file (PID and start time, so a reused PID is never
 * taken for the daemon).
 *
 * <p>{@link #start} launches the given command (the same jar with the hidden daemon subcommand) as a detached child:
 * in its own session through {@code setsid} when available, stdin from {@code /dev/null}, stdout and stderr appended
 * to the monitor log. The daemon writes its status lines itself; nothing it prints to stdout is copied into the log a
 * second time.
 */
public final class DaemonControl {

    /** How long {@link #start} watches the new daemon for an immediate failure. */
    static final Duration STARTUP_GRACE = Duration.ofMillis(1500);

    private final Path pidFile;
    private final Path monitorLog;
    private final Path alertsFile;
    private final ProcessTable processes;

    public DaemonControl(Path pidFile, Path monitorLog, Path alertsFile, ProcessTable processes) {
        this.pidFile = checkNotNull(pidFile, "pidFile");
        this.monitorLog = checkNotNull(monitorLog, "monitorLog");
        this.alertsFile = checkNotNull(alertsFile, "alertsFile");
        this.processes = checkNotNull(processes, "processes");
    }

    /** The daemon's PID file, log and alerts file as the configuration places them, on the real process table. */
    public static DaemonControl forConfig(OpsConfig config) {
        return new DaemonControl(config.path(OpsSetting.MONITOR_PID_FILE), config.path(OpsSetting.MONITOR_LOG),
                config.path(OpsSetting.ALERTS_FILE), ProcessTable.system());
    }

    /** What {@link #start} did. */
    public record StartResult(boolean started, long pid) {
    }

    /** What {@link #stop} did. */
    public enum StopOutcome {
        /** SIGTERM, and it exited within the wait. */
        STOPPED,
        /** It ignored SIGTERM for the whole wait and was killed. */
        KILLED,
        /** The PID file was stale; it was removed. */
        WAS_NOT_RUNNING,
        /** There was no PID file. */
        NO_PID_FILE
    }

    /** What {@link #stop} did, to which PID. */
    public record StopResult(StopOutcome outcome, Optional<Long> pid) {
    }

    /**
     * Starts the daemon unless one is running; {@code started} false with the running daemon's PID if one is. Fails
     * with the log's last lines if the new process exits at once.
     */
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    public StartResult start(List<String> command) throws IOException {
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        Files.createDirectories(monitorLog.toAbsolutePath().getParent());
        Path lockFile = pidFile.resolveSibling(pidFile.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            Optional<ProcessStatus> running = running();
            if (running.isPresent()) {
                return new StartResult(false, running.get().pid());
            }
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                full.add("/usr/bin/setsid"); // own session: the terminal's hangup does not reach the daemon
            }
            full.addAll(command);
            Process child = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(monitorLog.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(monitorLog.toFile()))
                    .start();
            PidFile.of(child.toHandle()).write(pidFile);
            try {
                child.onExit().get(STARTUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                Files.deleteIfExists(pidFile);
                throw OpsException.failure("the monitor daemon exited at once with status " + child.exitValue()
                        + "; last lines of " + monitorLog + ": " + String.join(" | ", LastLines.of(monitorLog, 3, true)));
            } catch (TimeoutException e) {
                return new StartResult(true, child.pid());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StartResult(true, child.pid());
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    /** SIGTERM, then up to {@code wait} for it to exit; SIGKILL if it has not. Removes the PID file. */
    public StopResult stop(Duration wait) throws IOException {
        Optional<PidFile> recorded = readPidFile();
        if (recorded.isEmpty()) {
            return new StopResult(StopOutcome.NO_PID_FILE, Optional.empty());
        }
        long pid = recorded.get().pid();
        ProcessStatus status = processes.lookup(recorded.get());
        Optional<ProcessHandle> handle = status.isAlive() ? ProcessHandle.of(pid) : Optional.empty();
        if (handle.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return new StopResult(StopOutcome.WAS_NOT_RUNNING, Optional.of(pid));
        }
        handle.get().destroy();
        StopOutcome outcome = StopOutcome.STOPPED;
        try {
            handle.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.get().destroyForcibly();
            outcome = StopOutcome.KILLED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        Files.deleteIfExists(pidFile);
        return new StopResult(outcome, Optional.of(pid));
    }

    /** The daemon's state, the last {@code entries} lines of its log and the last {@code alerts} alerts. */
    public DaemonStatus status(int entries, int alerts) throws IOException {
        Optional<PidFile> recorded = readPidFile();
        DaemonState state = recorded.isEmpty() ? DaemonState.NOT_RUNNING
                : processes.lookup(recorded.get()).isAlive() ? DaemonState.RUNNING : DaemonState.DEAD;
        long logBytes = Files.exists(monitorLog) ? Files.size(monitorLog) : 0;
        long alertCount = 0;
        if (Files.exists(alertsFile)) {
            try (Stream<String> lines = Files.lines(alertsFile)) {
                alertCount = lines.filter(l -> !l.isBlank()).count();
            }
        }
        return new DaemonStatus(state, recorded.map(PidFile::pid), monitorLog, logBytes,
                LastLines.of(monitorLog, entries, true), alertsFile, alertCount, LastLines.of(alertsFile, alerts, true));
    }

    /** The running daemon, if the PID file names a live one. */
    public Optional<ProcessStatus> running() throws IOException {
        return readPidFile().map(processes::lookup).filter(ProcessStatus::isAlive);
    }

    private Optional<PidFile> readPidFile() throws IOException {
        try {
            return PidFile.read(pidFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * For the daemon process itself: records its own PID and start time (the launcher wrote the same; this makes the
     * file right even when started another way), and removes the file at exit if it still names this process.
     */
    public void adoptPidFile() throws IOException {
        PidFile self = PidFile.of(ProcessHandle.current());
        self.write(pidFile);
    }

    /** Removes the PID file if it names the current process. */
    public void releasePidFile() {
        try {
            Optional<PidFile> recorded = PidFile.read(pidFile);
            if (recorded.isPresent() && recorded.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // the PID file is gone or unreadable: nothing of ours to remove
        }
    }
}
