package io.aos.ops.monitor.finish;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.lock.LockFile;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import io.aos.ops.golden.summary.SummaryReport;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.discovery.RunLocator;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.RunStateReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The runbook's "Post-Shadow Run" as one workflow that can be re-run safely:
 * <ol>
 *   <li>verify completion ({@link CompletionCheck}); refused while the run is going, unless forced;</li>
 *   <li>stop the monitor daemon ({@link DaemonControl#stop}: only a process proven to be it is signalled), unless it
 *       watches another run (its {@code --run-dir}, or without one the newest run, which it follows);</li>
 *   <li>write the summary, what {@code golden summary --json} prints for the run, atomically to the summary file
 *       (and a copy in the run directory, {@code finish-summary.json});</li>
 *   <li>archive the run's {@code golden/} and {@code traces/} ({@code retention archive --days 0} on this run only,
 *       through {@link GoldenArchiving}), and read every archive back;</li>
 *   <li>the verdict, PASS or FAIL, as the summary says.</li>
 * </ol>
 * The summary comes before the archive, unlike the runbook's list, because the archive removes the golden files the
 * summary counts. After each step {@code <run>/finish.json} ({@link FinishState}) is rewritten atomically; a step
 * that fails stops the rest, and the next finish resumes there, re-checking each step recorded as done instead of
 * trusting the record. Before anything is changed, the summary file is checked: one that holds the summary of
 * another run is not replaced unless forced.
 *
 * <p>Public API: returns what it did; printing and exit codes are the caller's.
 */
public final class ShadowFinish {

    /** The runbook's summary file name, below {@link OpsSetting#REPORTS_DIR}. */
    public static final String SUMMARY_FILE_NAME = "m4-shadow-summary.json";
    /** The copy of the summary kept in the run directory. */
    public static final String SUMMARY_COPY_NAME = "finish-summary.json";

    /**
     * The lock the finish working on {@code runDir} holds, so a second one refuses:
     * {@code $AOS_STATE_DIR/locks/shadow-finish-<first 16 hex digits of the SHA-256 of the run's real path>.lock}
     * (a run named through a symbolic link takes the same lock).
     *
     * @param config  the configuration (its state directory)
     * @param runDir  the run directory
     * @return the lock file
     */
    public static Path lockFile(OpsConfig config, Path runDir) {
        Path real;
        try {
            real = runDir.toRealPath();
        } catch (IOException e) {
            real = runDir.toAbsolutePath().normalize();
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        return config.path(OpsSetting.STATE_DIR).resolve("locks")
                .resolve("shadow-finish-" + HexFormat.of().formatHex(digest, 0, 8) + ".lock");
    }

    /** A summary file is a few hundred kilobytes (a row per cycle); one over this is not a summary. */
    private static final long MAX_SUMMARY_BYTES = 256L << 20;

    /**
     * What to finish and how.
     *
     * @param runDir      the run directory; empty for the newest match of {@link OpsSetting#SHADOW_RUN_GLOB}
     * @param log         the run's log; empty for its {@code shadow.log}, else the newest
     *                    {@link OpsSetting#SHADOW_LOG_GLOB}
     * @param summaryFile where the summary goes
     * @param force       finish a run that has not completed, and replace a summary file of another run
     * @param monitorWait how long the monitor gets to exit after SIGTERM before SIGKILL
     */
    public record Options(Optional<Path> runDir, Optional<Path> log, Path summaryFile, boolean force,
                          Duration monitorWait) {
        public Options {
            checkNotNull(runDir, "runDir");
            checkNotNull(log, "log");
            checkNotNull(summaryFile, "summaryFile");
            checkNotNull(monitorWait, "monitorWait");
        }
    }

    private final OpsConfig config;
    private final DaemonControl monitor;
    private final GoldenArchiving archiving;
    private final ProcessTable processes;
    private final Clock clock;

    public ShadowFinish(OpsConfig config, DaemonControl monitor, GoldenArchiving archiving, ProcessTable processes,
                        Clock clock) {
        this.config = checkNotNull(config, "config");
        this.monitor = checkNotNull(monitor, "monitor");
        this.archiving = checkNotNull(archiving, "archiving");
        this.processes = checkNotNull(processes, "processes");
        this.clock = checkNotNull(clock, "clock");
    }

    /** {@code $AOS_REPORTS_DIR/m4-shadow-summary.json}. */
    public static Path defaultSummaryFile(OpsConfig config) {
        return config.path(OpsSetting.REPORTS_DIR).resolve(SUMMARY_FILE_NAME);
    }

    /**
     * Runs the steps not yet done, telling {@code progress} each outcome as it happens. A run directory that cannot
     * be found, or a {@code finish.json} or log that cannot be read, is an {@link AosOpsException} before any step.
     */
    public FinishReport finish(Options options, Consumer<StepOutcome> progress) {
        WatchedRun run = RunLocator.forConfig(config).discover(options.runDir(), options.log());
        Path runDir = run.runDir().orElseThrow(() -> new BadConfigurationException("no shadow run directory matches "
                + config.get(OpsSetting.SHADOW_RUN_GLOB) + "; name the run with --run-dir"));
        Path stateFile = runDir.resolve(FinishState.FILE_NAME);
        // One finish of a run at a time: two would each stop, summarise and archive, and record over each other.
        // The lock lives in the state directory, so a refused finish leaves the run directory as it was.
        Path lockFile = lockFile(config, runDir);
        Optional<LockFile> lock;
        try {
            lock = LockFile.tryAcquire(lockFile);
        } catch (IOException e) {
            throw new UnreadableFileException(lockFile, "cannot be locked (" + IoReason.describe(e)
                    + "); nothing was changed", e);
        }
        if (lock.isEmpty()) {
            return new Steps(runDir, stateFile, progress, modified(runDir)).refuse(FinishStep.VERIFY,
                    "another 'shadow finish' of this run is working (it holds " + lockFile + "); wait for it to "
                            + "end, then run again if it did not finish. Nothing was changed");
        }
        try {
            return finishLocked(options, progress, run, runDir, stateFile);
        } finally {
            try {
                lock.get().close();
            } catch (IOException e) {
                // the process's exit releases it all the same; what the finish did stands
            }
        }
    }

    private FinishReport finishLocked(Options options, Consumer<StepOutcome> progress, WatchedRun run, Path runDir,
            Path stateFile) {
        FinishState state = FinishState.read(stateFile).orElse(FinishState.fresh(runDir, clock.instant()));
        Path summaryFile = options.summaryFile().toAbsolutePath().normalize();
        Steps steps = new Steps(runDir, stateFile, progress, modified(runDir));

        // Checked before anything changes: a summary file that is another run's is not silently replaced.
        Optional<String> conflict = summaryConflict(summaryFile, runDir, state);
        if (conflict.isPresent() && !options.force()) {
            return steps.refuse(FinishStep.SUMMARY, conflict.get() + "; pass --summary-out FILE to keep it, or "
                    + "--force to replace it. Nothing was changed");
        }

        // 1. verify completion: always checked again, it changes nothing
        RunSnapshotReader observer = new RunSnapshotReader(run, clock, processes, RunSnapshotReader.UPSTREAM_RUNNER);
        RunSnapshot snapshot;
        try {
            snapshot = observer.observe();
        } finally {
            observer.close();
        }
        Path statusFile = ShadowRunLayout.of(runDir).statusFile();
        if (snapshot.status().isEmpty() && Files.exists(statusFile, LinkOption.NOFOLLOW_LINKS)) {
            RunStateReader.readStatus(statusFile); // throws, naming the file (and line and column for bad JSON)
        }
        Optional<String> line = run.log().flatMap(CompletionCheck::completionLine);
        CompletionCheck.Result completion = CompletionCheck.decide(snapshot, line);
        if (!completion.complete() && !options.force()) {
            return steps.refuse(FinishStep.VERIFY, completion.detail() + ". Wait for the run to end (its log's "
                    + "'Shadow simulation complete' line), or pass --force to finish it anyway. Nothing was changed");
        }
        String verified = completion.complete() ? completion.detail() : "NOT complete, finished with --force: "
                + completion.detail();
        state = state.withVerify(new FinishState.Step(clock.instant(), verified), clock.instant());
        if (!steps.record(state)) {
            return steps.failed(FinishStep.VERIFY, state);
        }
        steps.done(FinishStep.VERIFY, verified);

        // 2. stop the monitor
        StepOutcome stopped = stopMonitor(state, runDir, options.monitorWait());
        if (stopped.result() == StepOutcome.Result.FAILED) {
            return steps.fail(stopped, state);
        }
        if (stopped.result() == StepOutcome.Result.DONE || state.stopMonitor() == null) {
            state = state.withStopMonitor(new FinishState.Step(clock.instant(), stopped.detail()), clock.instant());
            if (!steps.record(state)) {
                return steps.failed(FinishStep.STOP_MONITOR, state);
            }
        }
        steps.report(stopped);

        // 3. the summary
        FinishState.SummaryStep summary;
        try {
            Optional<FinishState.SummaryStep> kept = recordedSummary(state, runDir, summaryFile);
            if (kept.isPresent()) {
                summary = kept.get();
                if (summary.doneAt().equals(state.summary().doneAt()) && summaryFile.toString().equals(
                        state.summary().file())) {
                    steps.report(new StepOutcome(FinishStep.SUMMARY, StepOutcome.Result.ALREADY_DONE,
                            summaryFile + " holds the summary written at " + summary.doneAt() + " (verdict "
                                    + summary.verdict() + ", sha256 " + summary.sha256().substring(0, 16) + ")"));
                } else {
                    state = state.withSummary(summary, clock.instant());
                    if (!steps.record(state)) {
                        return steps.failed(FinishStep.SUMMARY, state);
                    }
                    steps.done(FinishStep.SUMMARY, summary.detail());
                }
            } else {
                summary = writeSummary(runDir, summaryFile, conflict);
                state = state.withSummary(summary, clock.instant());
                if (!steps.record(state)) {
                    return steps.failed(FinishStep.SUMMARY, state);
                }
                steps.done(FinishStep.SUMMARY, summary.detail());
            }
        } catch (IOException | AosOpsException e) {
            return steps.fail(new StepOutcome(FinishStep.SUMMARY, StepOutcome.Result.FAILED,
                    "cannot write the summary " + summaryFile + ": " + reason(e) + "; no golden file was archived"),
                    state);
        }

        // 4. archive the goldens
        ArchiveResult archived = archive(state, runDir);
        state = state.withArchive(archived.step(), clock.instant());
        if (archived.outcome().result() == StepOutcome.Result.FAILED) {
            return steps.fail(archived.outcome(), state);
        }
        if (!steps.record(state)) {
            return steps.failed(FinishStep.ARCHIVE, state);
        }
        steps.report(archived.outcome());

        // 5. the verdict
        boolean passed = "PASS".equals(summary.verdict());
        state = state.finished(clock.instant());
        if (!steps.record(state)) {
            return steps.failed(FinishStep.VERDICT, state);
        }
        steps.done(FinishStep.VERDICT, (passed ? "PASSED" : "FAILED") + " (" + summaryFile + ")");
        return new FinishReport(runDir, stateFile, steps.outcomes, passed ? FinishReport.Outcome.PASSED
                : FinishReport.Outcome.FAILED, Optional.of(summaryFile));
    }

    // ---- step 2 --------------------------------------------------------------------------------------------------

    private StepOutcome stopMonitor(FinishState state, Path runDir, Duration wait) {
        DaemonControl.StopResult result;
        try {
            Optional<ProcessStatus> daemon = monitor.running();
            Optional<String> other = daemon.flatMap(d -> watchesAnotherRun(d, runDir));
            if (other.isPresent()) {
                return done(FinishStep.STOP_MONITOR, "monitor (PID " + daemon.get().pid() + ") left running: it "
                        + "watches " + other.get() + ", not this run");
            }
            result = monitor.stop(wait);
        } catch (IOException | AosOpsException e) {
            return new StepOutcome(FinishStep.STOP_MONITOR, StepOutcome.Result.FAILED, reason(e));
        }
        String pid = result.pid().map(String::valueOf).orElse("?");
        return switch (result.outcome()) {
            case STOPPED -> done(FinishStep.STOP_MONITOR, "monitor stopped (PID " + pid + ")");
            case KILLED -> done(FinishStep.STOP_MONITOR, "monitor ignored SIGTERM for " + wait.toSeconds()
                    + "s and was killed (PID " + pid + ")");
            case WAS_NOT_RUNNING -> notRunning(state, "monitor was not running (stale PID file for PID " + pid
                    + " removed)");
            case NO_PID_FILE -> notRunning(state, "monitor was not running (no PID file)");
            case NOT_PROVEN -> new StepOutcome(FinishStep.STOP_MONITOR, StepOutcome.Result.FAILED,
                    result.detail().orElse("PID " + pid) + ": not proven to be the monitor daemon, so nothing was "
                            + "signalled; stop it yourself if it is the monitor, or remove its PID file");
        };
    }

    /**
     * The run a live monitor daemon watches, when it is not {@code runDir}: the one its {@code --run-dir} names, or,
     * without one, the newest run (the daemon follows the newest run once the one it watched is gone). Stopping it
     * then would leave another run unwatched.
     */
    private Optional<String> watchesAnotherRun(ProcessStatus daemon, Path runDir) {
        Optional<String> commandLine = daemon.commandLine();
        if (commandLine.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = List.of(commandLine.get().split("\\s+"));
        for (int i = 0; i < args.size(); i++) {
            String named = args.get(i).startsWith("--run-dir=") ? args.get(i).substring("--run-dir=".length())
                    : args.get(i).equals("--run-dir") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (named != null) {
                return sameDirectory(Path.of(named), runDir) ? Optional.empty() : Optional.of(named);
            }
        }
        return RunLocator.forConfig(config).discover(Optional.empty(), Optional.empty()).runDir()
                .filter(newest -> !sameDirectory(newest, runDir))
                .map(newest -> "the newest run " + newest);
    }

    private static StepOutcome notRunning(FinishState state, String detail) {
        if (state.stopMonitor() != null) {
            return new StepOutcome(FinishStep.STOP_MONITOR, StepOutcome.Result.ALREADY_DONE, "monitor stopped at "
                    + state.stopMonitor().doneAt() + " and still not running");
        }
        return done(FinishStep.STOP_MONITOR, detail);
    }

    // ---- step 3 --------------------------------------------------------------------------------------------------

    /**
     * Why {@code summaryFile} may not be replaced, if it may not: it exists and is not the summary of this run (nor
     * the one a finish of this run wrote).
     */
    private Optional<String> summaryConflict(Path summaryFile, Path runDir, FinishState state) {
        if (!Files.exists(summaryFile, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = summaryFile.getParent();
            if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new BadInputException(parent, "is not a directory, so the summary " + summaryFile.getFileName()
                        + " cannot be written there; nothing was changed");
            }
            return Optional.empty();
        }
        if (!Files.isRegularFile(summaryFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(summaryFile, "exists and is not a regular file; nothing was changed");
        }
        try {
            if (state.summary() != null && sha256(summaryFile).equals(state.summary().sha256())) {
                return Optional.empty();
            }
            JsonNode json = OpsJson.mapper().readTree(RegularFile.readAllBytes(summaryFile, MAX_SUMMARY_BYTES));
            String directory = json == null ? "" : json.path("directory").asText("");
            if (!directory.isEmpty() && sameDirectory(Path.of(directory), runDir)) {
                return Optional.empty();
            }
            return Optional.of(summaryFile + " holds " + (directory.isEmpty() ? "something that is not a shadow "
                    + "summary" : "the summary of another run (" + directory + ")"));
        } catch (IOException e) {
            return Optional.of(summaryFile + " exists and cannot be read as a summary (" + reason(e) + ")");
        }
    }

    /** The summary a finish of this run wrote, still intact in its run-directory copy, written to {@code to}. */
    private Optional<FinishState.SummaryStep> recordedSummary(FinishState state, Path runDir, Path to)
            throws IOException {
        FinishState.SummaryStep recorded = state.summary();
        if (recorded == null) {
            return Optional.empty();
        }
        Path copy = runDir.resolve(SUMMARY_COPY_NAME);
        if (Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS) && sha256(to).equals(recorded.sha256())) {
            return Optional.of(new FinishState.SummaryStep(recorded.doneAt(), to.toString(), recorded.sha256(),
                    recorded.verdict(), recorded.detail()));
        }
        if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) || !sha256(copy).equals(recorded.sha256())) {
            return Optional.empty(); // neither copy is intact: make it again
        }
        AtomicFiles.replace(to, RegularFile.readAllBytes(copy, MAX_SUMMARY_BYTES));
        return Optional.of(new FinishState.SummaryStep(clock.instant(), to.toString(), recorded.sha256(),
                recorded.verdict(), "wrote the summary made at " + recorded.doneAt() + " (kept in " + copy + ") to "
                        + to + ": verdict " + recorded.verdict()));
    }

    private FinishState.SummaryStep writeSummary(Path runDir, Path to, Optional<String> replaced) throws IOException {
        ShadowSummary summary = GoldenSummary.withClock(clock).summarize(List.of(runDir));
        byte[] content = (OpsJson.pretty().writeValueAsString(SummaryReport.json(summary)) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.replace(runDir.resolve(SUMMARY_COPY_NAME), content);
        AtomicFiles.replace(to, content);
        String detail = to + ": verdict " + summary.verdict() + ", " + summary.cycles() + " cycles, "
                + summary.totalReplays() + " replays, " + summary.totalMismatches() + " mismatches, "
                + Math.max(0, summary.goldenFileCount()) + " golden files"
                + (summary.problems().isEmpty() ? "" : ", " + summary.problems().size() + " problems")
                + replaced.map(r -> " (replaced with --force: " + r + ")").orElse("");
        return new FinishState.SummaryStep(clock.instant(), to.toString(), sha256(content), summary.verdict().name(),
                detail);
    }

    // ---- step 4 --------------------------------------------------------------------------------------------------

    private record ArchiveResult(StepOutcome outcome, FinishState.ArchiveStep step) {
    }

    private ArchiveResult archive(FinishState state, Path runDir) {
        FinishState.ArchiveStep before = state.archive() == null
                ? new FinishState.ArchiveStep(null, List.of(), null) : state.archive();
        // Every archive made so far must still verify: its originals are gone.
        List<String> broken = new ArrayList<>();
        int files = 0;
        for (FinishState.ArchiveEntry entry : before.archives()) {
            GoldenArchiving.Verification v = archiving.verify(Path.of(entry.archive()));
            if (!v.ok()) {
                broken.add(entry.archive() + " (" + v.reason() + ")");
            }
            files += entry.files();
        }
        if (!broken.isEmpty()) {
            return new ArchiveResult(new StepOutcome(FinishStep.ARCHIVE, StepOutcome.Result.FAILED,
                    "an archive made by an earlier finish no longer verifies: " + String.join("; ", broken)
                            + "; its originals were deleted after it verified, so check the archive directory's disk"),
                    before);
        }
        if (before.doneAt() != null) {
            return new ArchiveResult(new StepOutcome(FinishStep.ARCHIVE, StepOutcome.Result.ALREADY_DONE,
                    before.archives().size() + " archives of " + files + " files, made at " + before.doneAt()
                            + ", each read back again and verified: " + names(before.archives())), before);
        }
        ShadowRunLayout layout = ShadowRunLayout.of(runDir);
        List<Path> dirs = Stream.of(layout.goldenDir(), layout.tracesDir()).filter(Files::isDirectory).toList();
        GoldenArchiving.Outcome outcome;
        try {
            outcome = dirs.isEmpty() ? new GoldenArchiving.Outcome(List.of(), 0, List.of()) : archiving.archive(dirs);
        } catch (IOException | AosOpsException e) {
            outcome = new GoldenArchiving.Outcome(List.of(), 0, List.of(reason(e)));
        }
        List<FinishState.ArchiveEntry> made = new ArrayList<>(before.archives());
        List<String> problems = new ArrayList<>(outcome.problems());
        List<String> lines = new ArrayList<>();
        for (GoldenArchiving.Archive a : outcome.archives()) {
            made.add(new FinishState.ArchiveEntry(a.directory().toString(), a.archive().toString(), a.files()));
            GoldenArchiving.Verification v = archiving.verify(a.archive());
            if (v.ok()) {
                lines.add(a.directory().getFileName() + "/: " + a.files() + " files into " + a.archive()
                        + " (read back: " + v.files() + " files verified)");
            } else {
                problems.add(a.archive() + " does not verify: " + v.reason());
            }
        }
        if (!problems.isEmpty()) {
            return new ArchiveResult(new StepOutcome(FinishStep.ARCHIVE, StepOutcome.Result.FAILED,
                    String.join("; ", problems)), new FinishState.ArchiveStep(null, made, null));
        }
        String detail = dirs.isEmpty() ? "the run has no golden/ or traces/ directory: nothing to archive"
                : lines.isEmpty() && made.size() == before.archives().size()
                        ? (made.isEmpty() ? "no golden files in " + names(dirs) + ": nothing to archive"
                                : "nothing left to archive; earlier archives verified: " + names(made))
                        : String.join("; ", lines) + (outcome.kept() > 0 ? "; " + outcome.kept()
                                + " files kept in place (unreadable or changed after archiving: see the retention log)"
                                : "");
        return new ArchiveResult(done(FinishStep.ARCHIVE, detail), new FinishState.ArchiveStep(clock.instant(), made,
                detail));
    }

    // ---- bookkeeping ---------------------------------------------------------------------------------------------

    /** The outcomes so far, told to the caller as they happen, and the state file. */
    private final class Steps {
        final Path runDir;
        final Path stateFile;
        final Consumer<StepOutcome> progress;
        final List<StepOutcome> outcomes = new ArrayList<>();
        String writeProblem;

        /**
         * The run directory's modification time before the finish wrote into it, put back after each write: the
         * runbook finds the latest run with {@code ls -td /tmp/shadow_simulation_* | head -1} (and so do the monitor
         * and {@link RunLocator}); finishing an older run must not make it the latest.
         */
        final Optional<FileTime> runDirTime;

        Steps(Path runDir, Path stateFile, Consumer<StepOutcome> progress, Optional<FileTime> runDirTime) {
            this.runDir = runDir;
            this.stateFile = stateFile;
            this.progress = progress;
            this.runDirTime = runDirTime;
        }

        void report(StepOutcome outcome) {
            outcomes.add(outcome);
            progress.accept(outcome);
        }

        void done(FinishStep step, String detail) {
            report(ShadowFinish.done(step, detail));
        }

        /** Writes the state; false (with the reason kept) when it cannot be written. */
        boolean record(FinishState state) {
            try {
                state.write(stateFile);
                return true;
            } catch (IOException e) {
                writeProblem = "cannot record the step in " + stateFile + ": " + reason(e);
                return false;
            } finally {
                if (runDirTime.isPresent()) {
                    try {
                        Files.setLastModifiedTime(runDir, runDirTime.get());
                    } catch (IOException e) {
                        // only the order of 'ls -td' suffers; the finish itself is recorded
                    }
                }
            }
        }

        FinishReport refuse(FinishStep step, String detail) {
            report(new StepOutcome(step, StepOutcome.Result.REFUSED, detail));
            return new FinishReport(runDir, stateFile, outcomes, FinishReport.Outcome.REFUSED, Optional.empty());
        }

        /** The step did its work but the state file could not be written. */
        FinishReport failed(FinishStep step, FinishState state) {
            report(new StepOutcome(step, StepOutcome.Result.FAILED, writeProblem));
            return new FinishReport(runDir, stateFile, outcomes, FinishReport.Outcome.INCOMPLETE, Optional.empty());
        }

        FinishReport fail(StepOutcome failure, FinishState state) {
            record(state.failed(failure.step(), failure.detail(), clock.instant()));
            report(failure);
            return new FinishReport(runDir, stateFile, outcomes, FinishReport.Outcome.INCOMPLETE,
                    Optional.ofNullable(state.summary()).map(s -> Path.of(s.file())));
        }
    }

    private static Optional<FileTime> modified(Path dir) {
        try {
            return Optional.of(Files.getLastModifiedTime(dir));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static StepOutcome done(FinishStep step, String detail) {
        return new StepOutcome(step, StepOutcome.Result.DONE, detail);
    }

    private static String names(List<?> items) {
        List<String> names = new ArrayList<>();
        for (Object item : items) {
            names.add(item instanceof FinishState.ArchiveEntry e ? e.archive() : item.toString());
        }
        return String.join(", ", names);
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static String sha256(Path file) throws IOException {
        return sha256(RegularFile.readAllBytes(file, MAX_SUMMARY_BYTES));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getFile() + (fs.getReason() == null ? "" : ": " + fs.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
