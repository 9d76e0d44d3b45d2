package io.aos.ops.monitor.daemon;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.lock.LockFile;
import io.aos.ops.core.process.NotAPidFileException;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.log.LastLines;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Starts, stops and reports the monitor daemon through its lock and its PID file (PID and start time, so a reused PID
 * is never taken for the daemon).
 *
 * <p>The daemon holds {@link #daemonLockFile()} for its whole life ({@link DaemonLock}) and writes its PID and start
 * time inside. The lock is asked first: a daemon that holds it runs, whatever the PID file says (deleted by hand,
 * overwritten with another PID), so {@link #start} never starts a second one and {@link #status} never calls a running
 * one NOT RUNNING. The OS drops the lock when the daemon dies, so a crash never blocks a restart. The PID file is
 * still read for a daemon that holds no lock (one started by an older version).
 *
 * <p>Nothing is signalled unless it is proven to be the daemon ({@link ProcessTable#verify}): the PID file's start
 * time matches the process's, and its command line is the daemon's. A PID-only file (upstream's format), a damaged
 * start-time line or another command line is reported as what it is ({@link DaemonState#NOT_PROVEN}) and left alone.
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
    private final Predicate<String> daemonCommandLine;

    /**
     * The daemon's command line as {@code monitor start} builds it: it carries
     * {@code -Daos.ops.daemon=shadow_monitor_daemon} (the runbook's {@code pgrep -f shadow_monitor_daemon}) and runs
     * the hidden {@code monitor daemon} subcommand.
     */
    public static final Predicate<String> DAEMON_COMMAND_LINE =
            Pattern.compile("-Daos\\.ops\\.daemon=shadow_monitor_daemon\\b.*\\smonitor\\s+daemon\\b").asPredicate();

    /** What the PID file says, with the process found (or not) under it. */
    private record Recorded(PidFile file, ProcessStatus process) {
    }

    /** Control over the daemon whose command line {@link #DAEMON_COMMAND_LINE} matches. */
    public DaemonControl(Path pidFile, Path monitorLog, Path alertsFile, ProcessTable processes) {
        this(pidFile, monitorLog, alertsFile, processes, DAEMON_COMMAND_LINE);
    }

    /** Control over a daemon whose command line {@code daemonCommandLine} recognises. */
    public DaemonControl(Path pidFile, Path monitorLog, Path alertsFile, ProcessTable processes,
                         Predicate<String> daemonCommandLine) {
        this.pidFile = checkNotNull(pidFile, "pidFile");
        this.monitorLog = checkNotNull(monitorLog, "monitorLog");
        this.alertsFile = checkNotNull(alertsFile, "alertsFile");
        this.processes = checkNotNull(processes, "processes");
        this.daemonCommandLine = checkNotNull(daemonCommandLine, "daemonCommandLine");
    }

    /** The daemon's PID file, log and alerts file as the configuration places them, on the real process table. */
    public static DaemonControl forConfig(OpsConfig config) {
        return new DaemonControl(config.path(OpsSetting.MONITOR_PID_FILE), config.path(OpsSetting.MONITOR_LOG),
                config.path(OpsSetting.ALERTS_FILE), ProcessTable.system());
    }

    /**
     * What {@link #start} did.
     *
     * @param note for the operator, when the start did something besides starting: a damaged PID file it replaced
     */
    public record StartResult(boolean started, long pid, Optional<String> note) {

        public StartResult(boolean started, long pid) {
            this(started, pid, Optional.empty());
        }
    }

    /** What {@link #stop} did. */
    public enum StopOutcome {
        /** SIGTERM, and it exited within the wait. */
        STOPPED,
        /** It ignored SIGTERM for the whole wait and was killed. */
        KILLED,
        /** The PID file was stale; it was removed. */
        WAS_NOT_RUNNING,
        /** The PID file names a live process not proven to be the daemon: nothing was signalled, the file was kept. */
        NOT_PROVEN,
        /** There was no PID file. */
        NO_PID_FILE
    }

    /**
     * What {@link #stop} did, to which PID.
     *
     * @param detail for NOT_PROVEN, what the PID file names and why it is not the daemon
     */
    public record StopResult(StopOutcome outcome, Optional<Long> pid, Optional<String> detail) {

        public StopResult(StopOutcome outcome, Optional<Long> pid) {
            this(outcome, pid, Optional.empty());
        }
    }

    /**
     * Starts the daemon unless one is running; {@code started} false with the running daemon's PID if one is (a
     * daemon holding {@link #daemonLockFile()}, even when the PID file is missing or names another process; the note
     * then says what the PID file holds). Fails with the log's last lines if the new process exits at once.
     *
     * <p>A PID file that holds no PID (empty after a full disk, garbage) names no daemon: when no process with the
     * daemon's command line runs, it is taken as stale and replaced, and {@link StartResult#note()} says so. A PID
     * file or monitor log that is not a regular file (a FIFO, a directory), or a PID file over 4 KiB, is a
     * {@link BadInputException} naming it: nothing is started.
     */
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    public StartResult start(List<String> command) throws IOException {
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        Files.createDirectories(monitorLog.toAbsolutePath().getParent());
        // LockFile refuses a FIFO there: opened for writing it would block 'monitor start' for good
        try (LockFile lock = LockFile.acquire(lockFile())) {
            Optional<DaemonLock.Holder> holder;
            try {
                holder = DaemonLock.holder(daemonLockFile());
            } catch (IOException e) {
                throw new BadInputException(daemonLockFile(), "cannot be checked (" + reason(e) + "): nothing was "
                        + "started; it is the monitor daemon's lock and must be a regular file", e);
            }
            if (holder.isPresent()) {
                Optional<Long> pid = holder.get().recorded().map(PidFile::pid);
                return new StartResult(false, pid.orElse(0L), Optional.of(heldBy(holder.get())));
            }
            Optional<String> note = Optional.empty();
            Optional<Recorded> recorded;
            try {
                recorded = readRecorded();
            } catch (NotAPidFileException e) {
                note = Optional.of(staleOrRefuse(e));
                recorded = Optional.empty();
            } catch (IOException e) {
                throw new BadInputException(pidFile, "cannot be read (" + reason(e) + "): nothing was started; it is "
                        + "not a PID file: check " + OpsSetting.MONITOR_PID_FILE.envVar() + ", or remove it if it is "
                        + "no more than a damaged PID file", e);
            }
            if (recorded.isPresent() && namesARunningDaemon(recorded.get())) {
                // An unproven process whose command line is the daemon's (an older PID-only file) is not doubled.
                return new StartResult(false, recorded.get().file().pid());
            }
            // Redirected to a FIFO, the child's start would block until a reader comes: 'monitor start' would hang.
            checkMonitorLog(monitorLog);
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
                throw new OperationFailedException("the monitor daemon exited at once with status " + child.exitValue()
                        + "; last lines of " + monitorLog + ": " + String.join(" | ", LastLines.of(monitorLog, 3, true)));
            } catch (TimeoutException e) {
                return new StartResult(true, child.pid(), note);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StartResult(true, child.pid(), note);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    /**
     * SIGTERM, then up to {@code wait} for it to exit; SIGKILL if it has not. Removes the PID file if it names that
     * process. The daemon is the one holding {@link #daemonLockFile()} when the PID and start time recorded there are
     * proven, else the one the PID file names. Only a process proven to be the daemon is signalled: one that is not is NOT_PROVEN, and the PID file is kept. A PID file that
     * cannot be read is an {@link AosOpsException} (bad input), and nothing is signalled.
     */
    public StopResult stop(Duration wait) throws IOException {
        Optional<Recorded> byLock = provenLockHolder();
        Optional<Recorded> recorded;
        try {
            recorded = byLock.isPresent() ? byLock : readRecorded();
        } catch (NotAPidFileException e) {
            throw new BadInputException(pidFile, e.problem()
                    + ": there is no daemon it can identify, nothing was signalled. If `pgrep -af "
                    + "shadow_monitor_daemon` shows no monitor daemon, remove the file (rm " + pidFile
                    + "); if it shows one, stop that process by its PID", e);
        } catch (IOException e) {
            throw new BadInputException(pidFile, "cannot be read (" + reason(e) + "): nothing was signalled"
                    + (e instanceof NotRegularFileException || e instanceof FileTooLargeException
                            ? "; it is not a PID file: check " + OpsSetting.MONITOR_PID_FILE.envVar()
                            + ", or remove it if it is no more than a damaged PID file" : ""), e);
        }
        if (recorded.isEmpty()) {
            return new StopResult(StopOutcome.NO_PID_FILE, Optional.empty());
        }
        long pid = recorded.get().file().pid();
        ProcessStatus status = recorded.get().process();
        if (status.state() == ProcessState.UNPROVEN) {
            return new StopResult(StopOutcome.NOT_PROVEN, Optional.of(pid), Optional.of(notProven(recorded.get())));
        }
        // A ProcessHandle checks the start time it was created with before it signals, so a PID reused after this
        // lookup is not hit either.
        Optional<ProcessHandle> handle = status.isAlive() ? ProcessHandle.of(pid)
                .filter(h -> h.info().startInstant().equals(status.startTime())) : Optional.empty();
        if (handle.isEmpty()) {
            removePidFileNaming(pid);
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
        removePidFileNaming(pid);
        return new StopResult(outcome, Optional.of(pid));
    }

    /**
     * The daemon's state, the last {@code entries} lines of its log and the last {@code alerts} alerts. RUNNING only
     * for a process proven to be the daemon; a PID file that cannot be read is UNKNOWN, with the reason.
     */
    public DaemonStatus status(int entries, int alerts) throws IOException {
        DaemonState state;
        Optional<Long> pid = Optional.empty();
        Optional<String> detail = Optional.empty();
        Optional<DaemonLock.Holder> holder = Optional.empty();
        try {
            holder = DaemonLock.holder(daemonLockFile());
        } catch (IOException e) {
            detail = Optional.of("the daemon lock " + daemonLockFile() + " cannot be checked: " + reason(e));
        }
        Optional<Recorded> byLock = holder.flatMap(this::proven);
        if (byLock.isPresent()) {
            state = DaemonState.RUNNING;
            pid = Optional.of(byLock.get().file().pid());
            detail = pidFileDisagrees(pid.get()).map(d -> d + "; the daemon holds its lock " + daemonLockFile());
        } else if (holder.isPresent()) {
            state = DaemonState.UNKNOWN;
            pid = holder.get().recorded().map(PidFile::pid);
            detail = Optional.of(heldBy(holder.get()));
        } else if (detail.isPresent()) {
            state = DaemonState.UNKNOWN;
        } else {
            try {
                Optional<Recorded> recorded = readRecorded();
            if (recorded.isEmpty()) {
                state = DaemonState.NOT_RUNNING;
            } else {
                pid = Optional.of(recorded.get().file().pid());
                ProcessState found = recorded.get().process().state();
                state = found == ProcessState.RUNNING ? DaemonState.RUNNING
                        : found == ProcessState.UNPROVEN ? DaemonState.NOT_PROVEN : DaemonState.DEAD;
                if (state == DaemonState.NOT_PROVEN) {
                    detail = Optional.of(notProven(recorded.get()));
                }
            }
            } catch (IOException e) {
                state = DaemonState.UNKNOWN;
                detail = Optional.of("PID file " + pidFile + " cannot be read: " + reason(e));
            }
        }
        return new DaemonStatus(state, pid, detail, monitorLog, size(monitorLog), lastLines(monitorLog, entries),
                alertsFile, countLines(alertsFile), lastLines(alertsFile, alerts));
    }

    /** The running daemon: the one holding the lock, else the one the PID file names, if proven to be it. */
    public Optional<ProcessStatus> running() throws IOException {
        Optional<Recorded> byLock = provenLockHolder();
        return (byLock.isPresent() ? byLock : readRecorded()).map(Recorded::process).filter(ProcessStatus::isAlive);
    }

    /**
     * The lock the daemon holds for its whole life: {@code <PID file>.daemon.lock}, beside the PID file (not the
     * {@code .lock} that {@link #start} holds for a moment).
     */
    public Path daemonLockFile() {
        return pidFile.resolveSibling(pidFile.getFileName() + ".daemon.lock");
    }

    /**
     * For the daemon process itself, before anything else: takes {@link #daemonLockFile()} for the life of this
     * process, with its PID and start time inside.
     *
     * @return the lock, to be held until the daemon ends; empty if another daemon holds it
     * @throws IOException if the lock file cannot be created, locked or written
     */
    public Optional<DaemonLock> holdDaemonLock() throws IOException {
        return DaemonLock.tryHold(daemonLockFile());
    }

    /**
     * For a daemon that found the lock held: which daemon holds it, for its message.
     *
     * @return {@code PID 1234 holds /var/lib/aos/shadow_monitor.pid.daemon.lock}, and what the PID file says if it
     *         names another process or none
     */
    public String lockHeldBy() {
        try {
            return DaemonLock.holder(daemonLockFile()).map(this::heldBy)
                    .orElse("the daemon lock " + daemonLockFile() + " was held");
        } catch (IOException e) {
            return "the daemon lock " + daemonLockFile() + " was held";
        }
    }

    /** The lock's holder, when the PID and start time recorded in it are those of a live daemon. */
    private Optional<Recorded> proven(DaemonLock.Holder holder) {
        return holder.recorded().map(f -> new Recorded(f, processes.verify(f, daemonCommandLine)))
                .filter(r -> r.process().state() == ProcessState.RUNNING);
    }

    /** {@link #proven} of the lock's holder; empty when nobody holds it or it cannot be checked. */
    private Optional<Recorded> provenLockHolder() {
        try {
            return DaemonLock.holder(daemonLockFile()).flatMap(this::proven);
        } catch (IOException e) {
            return Optional.empty(); // the PID file decides, as for a daemon that holds no lock
        }
    }

    /** {@code PID 1234 holds the daemon lock ...; PID file ... is missing}. */
    private String heldBy(DaemonLock.Holder holder) {
        Optional<Recorded> proven = proven(holder);
        if (proven.isEmpty()) {
            return "the daemon lock " + daemonLockFile() + " is held, but " + holder.recorded()
                    .map(f -> "the PID recorded in it (" + f.pid() + ") is not a live monitor daemon")
                    .orElse("no PID is recorded in it yet");
        }
        long pid = proven.get().file().pid();
        return "PID " + pid + " holds the daemon lock " + daemonLockFile()
                + pidFileDisagrees(pid).map(d -> "; " + d).orElse("");
    }

    /** What the PID file says when it does not name {@code pid}: missing, unreadable, or another PID. */
    private Optional<String> pidFileDisagrees(long pid) {
        try {
            Optional<PidFile> file = PidFile.read(pidFile);
            if (file.isEmpty()) {
                return Optional.of("the PID file " + pidFile + " is missing");
            }
            return file.get().pid() == pid ? Optional.empty()
                    : Optional.of("the PID file " + pidFile + " names PID " + file.get().pid() + " instead");
        } catch (IOException e) {
            return Optional.of("the PID file " + pidFile + " cannot be read: " + reason(e));
        }
    }

    /** Removes the PID file if it names {@code pid}; one naming another process, or none, is kept. */
    private void removePidFileNaming(long pid) throws IOException {
        Optional<PidFile> file;
        try {
            file = PidFile.read(pidFile);
        } catch (IOException e) {
            return; // damaged, not a regular file, or too large: not this daemon's PID file
        }
        if (file.map(f -> f.pid() == pid).orElse(false)) {
            Files.deleteIfExists(pidFile);
        }
    }

    /**
     * A PID file that holds no PID at start: stale unless a daemon runs (then it cannot be told which one the file
     * was for, and a second one is not started).
     */
    private String staleOrRefuse(NotAPidFileException e) {
        Optional<ProcessStatus> other = processes.findByCommandLine(daemonCommandLine);
        if (other.isPresent()) {
            throw new BadInputException(pidFile, e.problem()
                    + ", and a monitor daemon runs as PID " + other.get().pid() + ": not starting a second one. "
                    + "Stop that process (kill " + other.get().pid() + "), remove the file (rm " + pidFile
                    + ") and start again", e);
        }
        return e.getMessage() + "; no monitor daemon runs, so it was taken as stale and replaced";
    }

    /**
     * Refuses a monitor log that exists and is not a regular file, naming it: the daemon's output is redirected
     * there and its lines appended, and a FIFO would block both for good.
     *
     * @param monitorLog the monitor log
     * @throws BadInputException if it is a FIFO, directory, socket or device
     */
    public static void checkMonitorLog(Path monitorLog) {
        try {
            RegularFile.check(monitorLog);
        } catch (NoSuchFileException e) {
            // created on the first line written
        } catch (NotRegularFileException e) {
            throw new BadInputException(monitorLog, "is " + e.kind() + ", not a regular file: the monitor daemon "
                    + "writes its log there; remove it or point " + OpsSetting.MONITOR_LOG.envVar()
                    + " at a regular file", e);
        } catch (IOException e) {
            throw new BadInputException(monitorLog, "cannot be used as the monitor log (" + reason(e) + ")", e);
        }
    }

    private Optional<Recorded> readRecorded() throws IOException {
        Optional<PidFile> file;
        try {
            file = PidFile.read(pidFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return file.map(f -> new Recorded(f, processes.verify(f, daemonCommandLine)));
    }

    /**
     * Whether the PID file stands for a daemon that is running: proven, or (an older PID-only file) a live process
     * with the daemon's command line. {@link #start} and {@link #adoptPidFile} then start no second one.
     */
    private boolean namesARunningDaemon(Recorded recorded) {
        return recorded.process().isAlive() || plausiblyTheDaemon(recorded);
    }

    private boolean plausiblyTheDaemon(Recorded recorded) {
        return recorded.process().state() == ProcessState.UNPROVEN
                && recorded.process().commandLine().filter(daemonCommandLine).isPresent();
    }

    /** {@code PID file names 1234 (no start time recorded; process is `sleep 300`, not the monitor daemon)}. */
    private String notProven(Recorded recorded) {
        ProcessStatus p = recorded.process();
        String command = p.commandLine().map(c -> "process is `" + abbreviate(c) + "`")
                .orElse("its command line cannot be read");
        boolean isDaemon = p.commandLine().filter(daemonCommandLine).isPresent();
        String why = recorded.file().startTime().isEmpty()
                ? "no start time recorded; " + command + (isDaemon ? "" : ", not the monitor daemon")
                : "started when recorded, but " + command + (p.commandLine().isPresent() ? ", not the monitor daemon"
                        : "");
        return "PID file " + pidFile + " names " + p.pid() + " (" + why + ")";
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 200 ? commandLine : commandLine.substring(0, 200) + "...";
    }

    private static String reason(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    /** The size of a log for the report; 0 when missing or not a regular file (a FIFO has no size worth showing). */
    private static long size(Path file) throws IOException {
        try {
            return RegularFile.check(file).size();
        } catch (NoSuchFileException | NotRegularFileException e) {
            return 0;
        }
    }

    private static List<String> lastLines(Path file, int n) throws IOException {
        try {
            return LastLines.of(file, n, true);
        } catch (NotRegularFileException e) {
            return List.of("(" + e.getMessage() + ")");
        }
    }

    private static long countLines(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RegularFile.newInputStream(file, Long.MAX_VALUE), StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).count();
        } catch (NoSuchFileException | NotRegularFileException e) {
            return 0;
        }
    }

    /**
     * For the daemon process itself: records its own PID and start time (the launcher wrote the same; this makes the
     * file right even when started another way, under systemd or by hand), unless the file names another daemon that
     * is alive: a second daemon would send every alert twice, and the first would no longer be reachable through the
     * PID file ({@code monitor stop} would stop only one). Decided under the lock {@link #start} holds, so a daemon
     * that {@code monitor start} is launching (the file names it) and one started beside it never both adopt.
     *
     * @return empty when the file now names this process; the other daemon's PID when nothing was written
     * @throws IOException if the file cannot be written
     */
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    public OptionalLong adoptPidFile() throws IOException {
        long self = ProcessHandle.current().pid();
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        try (LockFile lock = LockFile.acquire(lockFile())) {
            Optional<Recorded> recorded;
            try {
                recorded = readRecorded();
            } catch (IOException e) {
                recorded = Optional.empty(); // damaged: it names no process, and this one takes its place
            }
            if (recorded.isPresent() && recorded.get().file().pid() != self
                    && namesARunningDaemon(recorded.get())) {
                return OptionalLong.of(recorded.get().file().pid());
            }
            PidFile.of(ProcessHandle.current()).write(pidFile);
            return OptionalLong.empty();
        }
    }

    private Path lockFile() {
        return pidFile.resolveSibling(pidFile.getFileName() + ".lock");
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
