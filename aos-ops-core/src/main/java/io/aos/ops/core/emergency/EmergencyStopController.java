package io.aos.ops.core.emergency;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsConfig.Source;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.AuditEntry.Action;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.lock.LockFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's side of the emergency stop: engaging and releasing it, and reading its audit trail. Engines do not
 * need this class; they check an {@link EmergencyStop}.
 *
 * <p>{@link #enable} and {@link #disable} change the state holding a {@link LockFile} next to the flag file, so
 * concurrent callers in several threads and processes agree on one first record, and every call, repeated or not,
 * adds one fsynced line to the append-only audit log before it returns. Each also writes the environment file
 * ({@code WORKFLOW_EMERGENCY_STOP=true|false}) for services started later. The audit log is never truncated or
 * deleted.
 *
 * <p>Thread-safe: calls from several threads are serialised by the lock. Holds no thread and no open file between
 * calls, so there is nothing to close.
 */
public final class EmergencyStopController {

    /** An environment file larger than this is not one we wrote; status does not read it. */
    private static final long MAX_ENV_FILE_BYTES = 64 * 1024;

    private static final String ENV_FILE_FLAG_PREFIX = "# Flag file: ";

    private final EmergencyStop stop;
    private final Path flagFile;
    private final AuditLog auditLog;
    private final Path envFile;

    private EmergencyStopController(EmergencyStop stop) {
        this.stop = stop;
        this.flagFile = stop.flagFile();
        this.auditLog = new AuditLog(stop.config().path(OpsSetting.EMERGENCY_AUDIT_LOG));
        this.envFile = stop.config().path(OpsSetting.EMERGENCY_ENV_FILE);
    }

    /**
     * The controller of the emergency stop at the paths of {@code config} (flag file, audit log, environment file),
     * with the system clock.
     *
     * @param config where the files are and who the operator is
     * @return the controller
     */
    public static EmergencyStopController forConfig(OpsConfig config) {
        return forConfig(config, Clock.systemUTC());
    }

    /**
     * The controller of the emergency stop at the paths of {@code config}; {@code clock} stamps records and audit
     * lines.
     *
     * @param config where the files are and who the operator is
     * @param clock stamps the records
     * @return the controller
     */
    public static EmergencyStopController forConfig(OpsConfig config, Clock clock) {
        return new EmergencyStopController(EmergencyStop.forConfig(config, clock));
    }

    /**
     * The controller of {@code stop}'s files, using its configuration and clock; a change made here is seen by
     * {@code stop} at once, without waiting for its recheck interval.
     *
     * @param stop the engine-side check whose flag file this controls
     * @return the controller
     */
    public static EmergencyStopController of(EmergencyStop stop) {
        return new EmergencyStopController(checkNotNull(stop, "stop"));
    }

    /**
     * The engine-side check of the same flag file; changes made through this controller reach it at once.
     *
     * @return the check this controller was built on, or built with it by {@link #forConfig}
     */
    public EmergencyStop stop() {
        return stop;
    }

    /**
     * The state now, read from disk; the same as {@link EmergencyStop#status()}. Never throws for a broken flag path.
     *
     * @return who stopped workflows, when, why and for how long; the running state; or, when the flag path cannot be
     *     checked, a status with {@link EmergencyStopStatus.Source#UNREADABLE}
     */
    public EmergencyStopStatus status() {
        return stop.status();
    }

    /**
     * The flag file engines look at, whose existence is the switch.
     *
     * @return the path {@link #enable} creates and {@link #disable} removes
     */
    public Path flagFile() {
        return flagFile;
    }

    /**
     * Whether this process's environment stops workflows on its own; see {@link EmergencyStop#engagedByEnvironment()}.
     *
     * @return true when this process started with {@code WORKFLOW_EMERGENCY_STOP} set to a value that stops
     *     workflows, which no {@link #disable} undoes
     */
    public boolean engagedByEnvironment() {
        return stop.engagedByEnvironment();
    }

    /**
     * {@code WORKFLOW_EMERGENCY_STOP} as this process started with it; see {@link EmergencyStop#environmentValue()}.
     *
     * @return the value with surrounding blanks stripped, or null when the variable is unset
     */
    public String environmentValue() {
        return stop.environmentValue();
    }

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
     * @return what was done: whether the state changed, the stop in force, the audit line, problems after the change
     * @throws BadInputException naming the file or directory, when nothing was changed because a path cannot be used
     *                           or the flag file cannot be written
     */
    public EmergencyStopChange enable(String reason) {
        String why = normalise(reason);
        Actor actor = Actor.current(stop.config());
        return underLock(() -> {
            FlagCheck check = FlagCheck.of(flagFile);
            failIfUnreadable(check);
            Instant now = stop.clock().instant();
            List<String> problems = new ArrayList<>();
            if (check.state() == FlagCheck.State.PRESENT) {
                EmergencyStopStatus inForce = stop.readRecord(check);
                AuditEntry entry = entry(now, Action.ENGAGE_REPEAT, actor, why, "STOPPED", "STOPPED", inForce);
                boolean appended = audit(entry, true, problems);
                writeEnvFile(true, problems);
                return change(false, inForce, entry, appended, problems);
            }
            StopRecord record = new StopRecord(actor.user(), actor.sudoUser(), now, actor.host(), actor.pid(), why);
            write(flagFile, () -> {
                AtomicFiles.replace(flagFile, OpsJson.pretty().writeValueAsBytes(record));
                makeWorldReadable(flagFile);
            });
            stop.invalidate();
            AuditEntry entry = entry(now, Action.ENGAGE, actor, why, "RUNNING", "STOPPED", null);
            boolean appended = audit(entry, true, problems);
            writeEnvFile(true, problems);
            return change(true, stop.readRecord(FlagCheck.of(flagFile)), entry, appended, problems);
        });
    }

    /**
     * Releases the stop: removes the flag file, audits the release (with the stop that was in force) and writes
     * {@code WORKFLOW_EMERGENCY_STOP=false} to the environment file. A release while not engaged changes nothing but
     * is audited too. The audit log is kept. Paths are checked as for {@link #enable}, and an audit line or env file
     * that cannot be written once the flag is removed is reported in {@link EmergencyStopChange#problems()}.
     *
     * @param reason why, in the operator's words; null or blank for none
     * @return what was done: whether the state changed, the stop released, the audit line, problems after the change
     * @throws BadInputException naming the file or directory, when nothing was changed because a path cannot be used
     *                           or the flag file cannot be removed
     */
    public EmergencyStopChange disable(String reason) {
        String why = normalise(reason);
        Actor actor = Actor.current(stop.config());
        return underLock(() -> {
            FlagCheck check = FlagCheck.of(flagFile);
            failIfUnreadable(check);
            Instant now = stop.clock().instant();
            List<String> problems = new ArrayList<>();
            if (check.state() == FlagCheck.State.ABSENT) {
                AuditEntry entry = entry(now, Action.RELEASE_NOT_ENGAGED, actor, why, "RUNNING", "RUNNING", null);
                boolean appended = audit(entry, false, problems);
                writeEnvFile(false, problems);
                return change(false, EmergencyStopStatus.running(flagFile), entry, appended, problems);
            }
            EmergencyStopStatus released = stop.readRecord(check);
            write(flagFile, () -> {
                Files.deleteIfExists(flagFile);
                AtomicFiles.forceDirectory(flagFile.toAbsolutePath().getParent());
            });
            stop.invalidate();
            AuditEntry entry = entry(now, Action.RELEASE, actor, why, "STOPPED", "RUNNING", released);
            boolean appended = audit(entry, false, problems);
            writeEnvFile(false, problems);
            return change(true, released, entry, appended, problems);
        });
    }

    /**
     * The last audit entries.
     *
     * @param count how many, zero or more
     * @return the last {@code count} entries, oldest first; empty if nothing has been audited yet
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws UnreadableFileException if the audit log cannot be read
     */
    public List<AuditEntry> recentAudit(int count) {
        checkArgument(count >= 0, "count must not be negative: %s", count);
        try {
            return auditLog.tail(count);
        } catch (IOException e) {
            throw new UnreadableFileException(auditLog.file(), "cannot be read: " + FlagCheck.problem(e), e);
        }
    }

    /**
     * The append-only audit log, JSON Lines of {@link AuditEntry}; nothing here truncates or deletes it.
     *
     * @return its path from {@code config}; the file exists once the first {@link #enable} or {@link #disable} has
     *     been audited
     */
    public Path auditLogFile() {
        return auditLog.file();
    }

    /**
     * The environment file {@link #enable} and {@link #disable} write for services started later (systemd
     * {@code EnvironmentFile=}, {@code docker --env-file}).
     *
     * @return its path from {@code config}; running engines do not read it
     */
    public Path envFile() {
        return envFile;
    }

    /**
     * When the environment file says the opposite of this flag file, why: e.g. an {@code enable} with another
     * {@code --stop-file} wrote {@code WORKFLOW_EMERGENCY_STOP=true} to the shared env file while this flag file is
     * absent, so services started later will be stopped while running engines run. Empty when they agree, or when
     * there is no env file (nothing was ever written) or it cannot be read as one we wrote.
     *
     * <p>Reads the env file and checks the flag path each call; never throws for a file that cannot be read.
     *
     * @return one sentence naming the env file, its value and the flag file, and what each means for running engines
     *     and services started later; or empty when there is nothing to report
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
            if (line.startsWith(EmergencyStop.ENV_VAR + "=")) {
                value = line.substring(EmergencyStop.ENV_VAR.length() + 1).strip();
            } else if (line.startsWith(ENV_FILE_FLAG_PREFIX)) {
                writtenFor = line.substring(ENV_FILE_FLAG_PREFIX.length()).strip();
            }
        }
        if (value == null) {
            return Optional.empty();
        }
        boolean envStops = EmergencyStop.meansStopped(value);
        boolean flagStops = FlagCheck.of(flagFile).engaged();
        if (envStops == flagStops) {
            return Optional.empty();
        }
        String by = writtenFor == null || writtenFor.equals(flagFile.toString())
                ? "" : " (written for the flag file " + writtenFor + ")";
        return Optional.of(envFile + " says " + EmergencyStop.ENV_VAR + "=" + value + by + " but the flag file "
                + flagFile
                + (flagStops ? " exists: running engines are stopped, services started from now on are not"
                        : " is absent: running engines run, services started from now on are stopped"));
    }

    private EmergencyStopChange change(boolean changed, EmergencyStopStatus stop, AuditEntry entry,
            boolean appended, List<String> problems) {
        return new EmergencyStopChange(changed, stop, entry, flagFile, auditLog.file(), appended, envFile, problems);
    }

    private static AuditEntry entry(Instant now, Action action, Actor actor, String reason, String before,
            String after, EmergencyStopStatus inForce) {
        return new AuditEntry(now, action, actor.user(), actor.sudoUser(), actor.host(), actor.pid(), reason,
                before, after,
                inForce == null ? null : inForce.since(),
                inForce == null ? null : Actor.describe(inForce.who(), inForce.sudoUser()),
                null);
    }

    /** Appends the audit line; once the state has changed, a failure is reported, not thrown. True if appended. */
    private boolean audit(AuditEntry entry, boolean stopped, List<String> problems) {
        try {
            auditLog.append(entry);
            return true;
        } catch (IOException e) {
            problems.add(auditLog.file() + ": cannot be appended to: " + FlagCheck.problem(e)
                    + (stopped ? "; the emergency stop IS engaged, but this action is not in the audit log"
                            : "; the emergency stop IS released, but this action is not in the audit log"));
            return false;
        }
    }

    /** Writes the env file; once the state has changed, a failure is reported, not thrown. */
    private void writeEnvFile(boolean stopped, List<String> problems) {
        String content = "# Written by aos-ops emergency-stop. Read by systemd EnvironmentFile= and docker --env-file;\n"
                + "# running engines do not need it: they check the flag file.\n"
                + ENV_FILE_FLAG_PREFIX + flagFile + "\n"
                + EmergencyStop.ENV_VAR + "=" + stopped + "\n";
        try {
            AtomicFiles.replace(envFile, content);
            makeWorldReadable(envFile);
        } catch (IOException e) {
            problems.add(envFile + ": cannot be written: " + FlagCheck.problem(e)
                    + (stopped ? "; the emergency stop IS engaged (flag file " + flagFile + " written), but services "
                            + "started from now on will not read " + EmergencyStop.ENV_VAR + "=true from this file"
                            : "; the emergency stop IS released (flag file " + flagFile + " removed), but this file "
                            + "may still say " + EmergencyStop.ENV_VAR + "=true to services started from now on"));
        }
    }

    /**
     * Refuses, before anything is created, a flag file, audit log or env file whose directory does not exist (or is
     * not a directory), or an audit log or env file path that is a directory. The state directory is created on first
     * use when it comes from the environment or the default: that is where engines look.
     */
    private void checkPathsUsable() {
        Path stateDir = stop.config().path(OpsSetting.STATE_DIR).toAbsolutePath().normalize();
        boolean stateDirMayBeCreated = stop.config().sourceOf(OpsSetting.STATE_DIR) != Source.FLAG;
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
    @SuppressWarnings("try") // the lock is held for the body of the try, never read
    private EmergencyStopChange underLock(Supplier<EmergencyStopChange> change) {
        // Checked before locking too, so an unusable flag path is reported as such, not as a lock failure, and before
        // the lock file is created, so a refused command creates nothing.
        failIfUnreadable(FlagCheck.of(flagFile));
        checkPathsUsable();
        Path lockFile = lockFile();
        try (LockFile lock = LockFile.acquire(lockFile)) {
            return change.get();
        } catch (IOException e) {
            throw new BadInputException(lockFile, "cannot be locked: " + FlagCheck.problem(e), e);
        }
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
