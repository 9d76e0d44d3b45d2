package io.aos.ops.core.emergency;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.base.Ticker;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsConfig.Source;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.AuditEntry.Action;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The workflow kill switch: a flag file that engines check before every step, an append-only audit log, and an
 * environment file for services started later.
 *
 * <p><b>For engines</b> (stable API): build one instance with {@link #forConfig(OpsConfig)} and keep it; call
 * {@link #isEngaged()} or {@link #check()} before every step. The answer comes from one {@code stat} of the flag file,
 * cached for at most {@link #DEFAULT_RECHECK_INTERVAL}, so a running engine sees an {@code enable} within about a
 * quarter of a second, without a restart, for the cost of a volatile read and a clock read on most calls. Engines that
 * prefer a callback use {@link #addListener}. {@code WORKFLOW_EMERGENCY_STOP} in the process's environment, set to
 * anything but empty, {@code 0}, {@code false} or {@code no}, also counts as engaged (fail closed: {@code 1},
 * {@code yes} and typos stop too); it is fixed when the process starts, so it is a start-time guard only.
 *
 * <p><b>Fail closed:</b> if the flag path cannot be checked (permission denied, I/O error, a directory where the file
 * should be) the stop reads as engaged, and {@link #status()} says why.
 *
 * <p><b>For operators and services</b>: {@link #enable} and {@link #disable} change the state under a file lock, so
 * concurrent callers in several processes agree on one first record, and every call, repeated or not, adds one fsynced
 * line to the audit log before it returns. The audit log is never truncated or deleted.
 *
 * <p>Thread-safe. {@link #close()} stops the listener thread, if one was started.
 */
public final class EmergencyStop implements AutoCloseable {

    /**
     * The environment variable the seed's mechanism sets; any value but empty, {@code 0}, {@code false} or {@code no}
     * (any case) means stopped.
     */
    public static final String ENV_VAR = "WORKFLOW_EMERGENCY_STOP";

    /** How long one look at the flag file is trusted: an engine sees a change within this interval. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofMillis(250);

    /** The shortest interval at which the listener thread polls, even when caching is switched off. */
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);

    /** A flag file larger than this is not a record we wrote; it still stops engines but is not parsed. */
    private static final long MAX_RECORD_BYTES = 64 * 1024;

    /** An environment file larger than this is not one we wrote; status does not read it. */
    private static final long MAX_ENV_FILE_BYTES = 64 * 1024;

    private static final String ENV_FILE_FLAG_PREFIX = "# Flag file: ";

    private static final System.Logger LOG = System.getLogger(EmergencyStop.class.getName());

    /**
     * Serialises enable/disable within this JVM. The file lock does the same across processes, but a JVM may hold only
     * one lock on a file, so threads of one process must queue here first.
     */
    private static final Object CHANGE_LOCK = new Object();

    private final OpsConfig config;
    private final Path flagFile;
    private final AuditLog auditLog;
    private final Path envFile;
    private final Clock clock;
    private final Ticker ticker;
    private final long recheckNanos;
    private final String environmentValue;
    private final boolean environmentEngaged;

    /** The last look at the flag path and when it was taken; null forces the next call to look again. */
    private volatile Snapshot snapshot;

    private final CopyOnWriteArrayList<ListenerState> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;

    private record Snapshot(long checkedAtNanos, FlagCheck check) {
    }

    /** A registered listener and the state it was last told about (touched only by the poller thread). */
    private static final class ListenerState {
        final Consumer<EmergencyStopStatus> listener;
        Boolean lastEngaged;

        ListenerState(Consumer<EmergencyStopStatus> listener) {
            this.listener = listener;
        }
    }

    /** Removes a listener. */
    @FunctionalInterface
    public interface ListenerRegistration extends AutoCloseable {
        @Override
        void close();
    }

    private EmergencyStop(OpsConfig config, Clock clock, Ticker ticker, Duration recheckInterval) {
        this.config = config;
        this.flagFile = config.path(OpsSetting.EMERGENCY_STOP_FILE);
        this.auditLog = new AuditLog(config.path(OpsSetting.EMERGENCY_AUDIT_LOG));
        this.envFile = config.path(OpsSetting.EMERGENCY_ENV_FILE);
        this.clock = clock;
        this.ticker = ticker;
        this.recheckNanos = recheckInterval.toNanos();
        this.environmentValue = config.env(ENV_VAR).map(String::strip).orElse(null);
        this.environmentEngaged = meansStopped(environmentValue);
    }

    /** The emergency stop at the paths of {@code config}, with the system clock. */
    public static EmergencyStop forConfig(OpsConfig config) {
        return forConfig(config, Clock.systemUTC());
    }

    /** The emergency stop at the paths of {@code config}; {@code clock} stamps records and measures durations. */
    public static EmergencyStop forConfig(OpsConfig config, Clock clock) {
        checkNotNull(config, "config");
        checkNotNull(clock, "clock");
        return new EmergencyStop(config, clock, Ticker.systemTicker(), DEFAULT_RECHECK_INTERVAL);
    }

    /**
     * A copy that trusts one look at the flag file for {@code interval} instead of the default 250 ms; zero looks on
     * every call (a few microseconds each; see EmergencyStopBenchmark).
     */
    public EmergencyStop withRecheckInterval(Duration interval) {
        checkNotNull(interval, "interval");
        checkArgument(!interval.isNegative(), "recheck interval must not be negative: %s", interval);
        return new EmergencyStop(config, clock, ticker, interval);
    }

    /** A copy reading time for the cache from {@code ticker}, so tests can move it by hand. */
    EmergencyStop withTicker(Ticker ticker) {
        return new EmergencyStop(config, clock, checkNotNull(ticker, "ticker"), Duration.ofNanos(recheckNanos));
    }

    /**
     * {@code WORKFLOW_EMERGENCY_STOP}'s meaning, failing closed: unset, empty, {@code 0}, {@code false} or {@code no}
     * (any case, surrounding blanks ignored) lets workflows run; any other value ({@code true}, {@code 1},
     * {@code yes}, a typo) stops them. Upstream stopped on {@code true} only, so {@code =1} silently did nothing.
     */
    static boolean meansStopped(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("false") || v.equals("no"));
    }

    // ---- the engine's side --------------------------------------------------------------------------------

    /**
     * True when workflows must not run: the flag file exists, the flag path cannot be checked, or this process
     * started with {@code WORKFLOW_EMERGENCY_STOP} set (see {@link #meansStopped}). Cheap enough to call before every
     * step.
     */
    public boolean isEngaged() {
        return environmentEngaged || look().engaged();
    }

    /** Returns normally when workflows may run; otherwise throws with who stopped them, when and why. */
    public void check() {
        if (isEngaged()) {
            // A fresh read for the details; if the stop was released since the cached look, the engine may run.
            EmergencyStopStatus status = status();
            if (status.engaged()) {
                throw new EmergencyStopEngagedException(status);
            }
        }
    }

    /** The state now, read from disk (not cached): who, when, why and for how long, or running. */
    public EmergencyStopStatus status() {
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(ticker.read(), check);
        return statusOf(check);
    }

    private FlagCheck look() {
        Snapshot last = snapshot;
        long now = ticker.read();
        if (last != null && now - last.checkedAtNanos() < recheckNanos) {
            return last.check();
        }
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(now, check);
        return check;
    }

    private EmergencyStopStatus statusOf(FlagCheck check) {
        return switch (check.state()) {
            case UNREADABLE -> EmergencyStopStatus.unreadable(flagFile, check.detail());
            case PRESENT -> readRecord(check);
            case ABSENT -> environmentEngaged
                    ? EmergencyStopStatus.environment(flagFile, environmentValue)
                    : EmergencyStopStatus.running(flagFile);
        };
    }

    /** The flag file's record; a file without one (made by hand, or by the old script) still means stopped. */
    private EmergencyStopStatus readRecord(FlagCheck check) {
        Instant modified = check.modified() == null ? null : check.modified().toInstant();
        String problem;
        try {
            if (Files.size(flagFile) > MAX_RECORD_BYTES) {
                problem = "flag file is larger than " + MAX_RECORD_BYTES + " bytes, not an aos-ops record";
            } else {
                StopRecord record = OpsJson.mapper().readValue(Files.readAllBytes(flagFile), StopRecord.class);
                Instant since = record.when() != null ? record.when() : modified;
                return new EmergencyStopStatus(true, EmergencyStopStatus.Source.FLAG_FILE, flagFile,
                        record.who(), record.sudoUser(), record.host(), since, durationSince(since),
                        record.reason(), null);
            }
        } catch (NoSuchFileException e) {
            // Released between the stat and the read.
            return statusOf(FlagCheck.of(flagFile));
        } catch (JsonProcessingException e) {
            problem = "flag file holds no aos-ops record (made by hand or by the old script?): "
                    + e.getOriginalMessage();
        } catch (IOException e) {
            problem = "flag file exists but its record cannot be read: " + FlagCheck.problem(e);
        }
        return new EmergencyStopStatus(true, EmergencyStopStatus.Source.FLAG_FILE, flagFile, null, null, null,
                modified, durationSince(modified), null, problem);
    }

    private Duration durationSince(Instant since) {
        if (since == null) {
            return null;
        }
        Duration d = Duration.between(since, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    // ---- listeners ----------------------------------------------------------------------------------------

    /**
     * Calls {@code listener} with the current state and then on every change between running and stopped, from one
     * background daemon thread that polls at the recheck interval. A listener that throws is logged and kept.
     */
    public ListenerRegistration addListener(Consumer<EmergencyStopStatus> listener) {
        checkNotNull(listener, "listener");
        ListenerState state = new ListenerState(listener);
        listeners.add(state);
        synchronized (this) {
            if (poller == null) {
                poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "aos-emergency-stop-poller");
                    thread.setDaemon(true);
                    return thread;
                });
                long every = Math.max(recheckNanos, MIN_POLL_INTERVAL.toNanos());
                poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.NANOSECONDS);
            } else {
                poller.execute(this::poll);
            }
        }
        return () -> listeners.remove(state);
    }

    private void poll() {
        // A fresh look, not the cache: the cache could add up to one more interval to the listener's delay.
        FlagCheck check = FlagCheck.of(flagFile);
        snapshot = new Snapshot(ticker.read(), check);
        boolean engaged = environmentEngaged || check.engaged();
        EmergencyStopStatus status = null;
        for (ListenerState state : listeners) {
            if (Objects.equals(state.lastEngaged, engaged)) {
                continue;
            }
            if (status == null) {
                status = status();
            }
            state.lastEngaged = engaged;
            try {
                state.listener.accept(status);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "emergency stop listener failed", e);
            }
        }
    }

    /** Stops the listener thread, if there is one. The stop itself is unaffected. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        listeners.clear();
    }

    // ---- the operator's side ------------------------------------------------------------------------------

    /**
     * Engages the stop: creates the flag file atomically with who, when, host and {@code reason}, appends an audit
     * line (on disk before this returns) and writes {@code WORKFLOW_EMERGENCY_STOP=true} to the environment file. If
     * the stop is already engaged, its first record is kept and the repeat is audited.
     *
     * <p>Nothing is created or changed when a path cannot be used: a directory of the flag file, audit log or env file
     * that does not exist is refused (a typo in a path would otherwise engage a stop no engine looks at), except the
     * state directory itself when it comes from {@code AOS_STATE_DIR} or the default, which is created on a host's
     * first use. Once the flag file is written the stop is engaged, whatever happens next: an audit line or env file
     * that cannot be written is reported in {@link EmergencyStopChange#problems()}, not thrown.
     *
     * @param reason why, in the operator's words; null or blank for none
     * @throws AosOpsException naming the file or directory, when nothing was changed because a path cannot be used or
     *                      the flag file cannot be written
     */
    public EmergencyStopChange enable(String reason) {
        String why = normalise(reason);
        Actor actor = Actor.current(config);
        return underLock(() -> {
            FlagCheck check = FlagCheck.of(flagFile);
            failIfUnreadable(check);
            Instant now = clock.instant();
            List<String> problems = new ArrayList<>();
            if (check.state() == FlagCheck.State.PRESENT) {
                EmergencyStopStatus inForce = readRecord(check);
                AuditEntry entry = entry(now, Action.ENGAGE_REPEAT, actor, why, "STOPPED", "STOPPED", inForce);
                audit(entry, true, problems);
                writeEnvFile(true, problems);
                return change(false, inForce, entry, problems);
            }
            StopRecord record = new StopRecord(actor.user(), actor.sudoUser(), now, actor.host(), actor.pid(), why);
            write(flagFile, () -> {
                AtomicFiles.replace(flagFile, OpsJson.pretty().writeValueAsBytes(record));
                makeWorldReadable(flagFile);
            });
            snapshot = null;
            AuditEntry entry = entry(now, Action.ENGAGE, actor, why, "RUNNING", "STOPPED", null);
            audit(entry, true, problems);
            writeEnvFile(true, problems);
            return change(true, readRecord(FlagCheck.of(flagFile)), entry, problems);
        });
    }

    /**
     * Releases the stop: removes the flag file, audits the release (with the stop that was in force) and writes
     * {@code WORKFLOW_EMERGENCY_STOP=false} to the environment file. A release while not engaged changes nothing but
     * is audited too. The audit log is kept. Paths are checked as for {@link #enable}, and an audit line or env file
     * that cannot be written once the flag is removed is reported in {@link EmergencyStopChange#problems()}.
     *
     * @param reason why, in the operator's words; null or blank for none
     */
    public EmergencyStopChange disable(String reason) {
        String why = normalise(reason);
        Actor actor = Actor.current(config);
        return underLock(() -> {
            FlagCheck check = FlagCheck.of(flagFile);
            failIfUnreadable(check);
            Instant now = clock.instant();
            List<String> problems = new ArrayList<>();
            if (check.state() == FlagCheck.State.ABSENT) {
                AuditEntry entry = entry(now, Action.RELEASE_NOT_ENGAGED, actor, why, "RUNNING", "RUNNING", null);
                audit(entry, false, problems);
                writeEnvFile(false, problems);
                return change(false, EmergencyStopStatus.running(flagFile), entry, problems);
            }
            EmergencyStopStatus released = readRecord(check);
            write(flagFile, () -> {
                Files.deleteIfExists(flagFile);
                AtomicFiles.forceDirectory(flagFile.toAbsolutePath().getParent());
            });
            snapshot = null;
            AuditEntry entry = entry(now, Action.RELEASE, actor, why, "STOPPED", "RUNNING", released);
            audit(entry, false, problems);
            writeEnvFile(false, problems);
            return change(true, released, entry, problems);
        });
    }

    /** The last {@code count} audit entries, oldest first; empty if nothing has been audited yet. */
    public List<AuditEntry> recentAudit(int count) {
        checkArgument(count >= 0, "count must not be negative: %s", count);
        try {
            return auditLog.tail(count);
        } catch (IOException e) {
            throw new UnreadableFileException(auditLog.file(), "cannot be read: " + FlagCheck.problem(e), e);
        }
    }

    public Path flagFile() {
        return flagFile;
    }

    public Path auditLogFile() {
        return auditLog.file();
    }

    public Path envFile() {
        return envFile;
    }

    /**
     * True when this process started with {@code WORKFLOW_EMERGENCY_STOP} set to a value that stops workflows (see
     * {@link #environmentValue()}), which no {@code disable} undoes.
     */
    public boolean engagedByEnvironment() {
        return environmentEngaged;
    }

    /** {@code WORKFLOW_EMERGENCY_STOP} as this process started with it (blanks stripped), or null when unset. */
    public String environmentValue() {
        return environmentValue;
    }

    /**
     * When the environment file says the opposite of this flag file, why: e.g. an {@code enable} with another
     * {@code --stop-file} wrote {@code WORKFLOW_EMERGENCY_STOP=true} to the shared env file while this flag file is
     * absent, so services started later will be stopped while running engines run. Empty when they agree, or when
     * there is no env file (nothing was ever written) or it cannot be read as one we wrote.
     */
    public Optional<String> envFileDisagreement() {
        String text;
        try {
            BasicFileAttributes attributes = Files.readAttributes(envFile, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > MAX_ENV_FILE_BYTES) {
                return Optional.empty();
            }
            text = Files.readString(envFile);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String value = null;
        String writtenFor = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(ENV_VAR + "=")) {
                value = line.substring(ENV_VAR.length() + 1).strip();
            } else if (line.startsWith(ENV_FILE_FLAG_PREFIX)) {
                writtenFor = line.substring(ENV_FILE_FLAG_PREFIX.length()).strip();
            }
        }
        if (value == null) {
            return Optional.empty();
        }
        boolean envStops = meansStopped(value);
        boolean flagStops = FlagCheck.of(flagFile).engaged();
        if (envStops == flagStops) {
            return Optional.empty();
        }
        String by = writtenFor == null || writtenFor.equals(flagFile.toString())
                ? "" : " (written for the flag file " + writtenFor + ")";
        return Optional.of(envFile + " says " + ENV_VAR + "=" + value + by + " but the flag file " + flagFile
                + (flagStops ? " exists: running engines are stopped, services started from now on are not"
                        : " is absent: running engines run, services started from now on are stopped"));
    }

    private EmergencyStopChange change(boolean changed, EmergencyStopStatus stop, AuditEntry entry,
            List<String> problems) {
        return new EmergencyStopChange(changed, stop, entry, flagFile, auditLog.file(), envFile, problems);
    }

    private static AuditEntry entry(Instant now, Action action, Actor actor, String reason, String before,
            String after, EmergencyStopStatus inForce) {
        return new AuditEntry(now, action, actor.user(), actor.sudoUser(), actor.host(), actor.pid(), reason,
                before, after,
                inForce == null ? null : inForce.since(),
                inForce == null ? null : Actor.describe(inForce.who(), inForce.sudoUser()),
                null);
    }

    /** Appends the audit line; once the state has changed, a failure is reported, not thrown. */
    private void audit(AuditEntry entry, boolean stopped, List<String> problems) {
        try {
            auditLog.append(entry);
        } catch (IOException e) {
            problems.add(auditLog.file() + ": cannot be appended to: " + FlagCheck.problem(e)
                    + (stopped ? "; the emergency stop IS engaged, but this action is not in the audit log"
                            : "; the emergency stop IS released, but this action is not in the audit log"));
        }
    }

    /** Writes the env file; once the state has changed, a failure is reported, not thrown. */
    private void writeEnvFile(boolean stopped, List<String> problems) {
        String content = "# Written by aos-ops emergency-stop. Read by systemd EnvironmentFile= and docker --env-file;\n"
                + "# running engines do not need it: they check the flag file.\n"
                + ENV_FILE_FLAG_PREFIX + flagFile + "\n"
                + ENV_VAR + "=" + stopped + "\n";
        try {
            AtomicFiles.replace(envFile, content);
            makeWorldReadable(envFile);
        } catch (IOException e) {
            problems.add(envFile + ": cannot be written: " + FlagCheck.problem(e)
                    + (stopped ? "; the emergency stop IS engaged (flag file " + flagFile + " written), but services "
                            + "started from now on will not read " + ENV_VAR + "=true from this file"
                            : "; the emergency stop IS released (flag file " + flagFile + " removed), but this file "
                            + "may still say " + ENV_VAR + "=true to services started from now on"));
        }
    }

    /**
     * Refuses, before anything is created, a flag file, audit log or env file whose directory does not exist (or is
     * not a directory), or an audit log or env file path that is a directory. The state directory is created on first
     * use when it comes from the environment or the default: that is where engines look.
     */
    private void checkPathsUsable() {
        Path stateDir = config.path(OpsSetting.STATE_DIR).toAbsolutePath().normalize();
        boolean stateDirMayBeCreated = config.sourceOf(OpsSetting.STATE_DIR) != Source.FLAG;
        for (Path file : List.of(flagFile, auditLog.file(), envFile)) {
            Path dir = file.toAbsolutePath().normalize().getParent();
            if (dir == null) {
                continue;
            }
            if (Files.isDirectory(dir)) {
                if (!file.equals(flagFile) && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BadInputException(file, "is a directory, not a file; nothing was changed");
                }
                continue;
            }
            // Absent, or made a moment ago by a concurrent enable/disable in another process: created below if needed.
            if (dir.equals(stateDir) && stateDirMayBeCreated
                    && (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(dir))) {
                continue;
            }
            throw new BadInputException(dir, (Files.exists(dir) ? "is not a directory" : "directory does not exist")
                    + " (for " + file + "); nothing was changed. Check the path for a typo, or create the directory "
                    + "first: a stop written where no engine looks stops nothing");
        }
    }

    /**
     * The atomic write creates 0600 files; the flag record and the env file hold no secret, and engines and services
     * often run as another user than the operator who engaged the stop, so they must be able to read them.
     */
    private static void makeWorldReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX filesystem: its default permissions apply.
        }
    }

    private void failIfUnreadable(FlagCheck check) {
        if (check.state() == FlagCheck.State.UNREADABLE) {
            throw new BadInputException(flagFile, "cannot be checked: " + check.detail());
        }
    }

    private Path lockFile() {
        return flagFile.resolveSibling(flagFile.getFileName() + ".lock");
    }

    /**
     * Runs {@code change} holding the lock that serialises enable/disable across threads and processes, so two
     * operators enabling at once agree on one first record. The lock file is left in place: deleting it would let two
     * processes lock two different files.
     */
    private EmergencyStopChange underLock(Supplier<EmergencyStopChange> change) {
        // Checked before locking too, so an unusable flag path is reported as such, not as a lock failure, and before
        // the lock file is created, so a refused command creates nothing.
        failIfUnreadable(FlagCheck.of(flagFile));
        checkPathsUsable();
        Path lockFile = lockFile();
        synchronized (CHANGE_LOCK) {
            try (FileChannel channel = openLockFile(lockFile)) {
                channel.lock();
                return change.get();
            } catch (IOException e) {
                throw new BadInputException(lockFile, "cannot be locked: " + FlagCheck.problem(e), e);
            }
        }
    }

    private static FileChannel openLockFile(Path lockFile) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @FunctionalInterface
    private interface FileAction {
        void run() throws IOException;
    }

    private static void write(Path file, FileAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be written: " + FlagCheck.problem(e), e);
        }
    }

    private static String normalise(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
