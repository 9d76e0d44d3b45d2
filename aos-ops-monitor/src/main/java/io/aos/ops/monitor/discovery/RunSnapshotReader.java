package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.DefaultZoneClock;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.log.LogTail;
import io.aos.ops.monitor.log.LogTally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Watches one run and gathers a {@link RunSnapshot} per check. It keeps what it has read: the log is tailed
 * incrementally and cycle reports are read once each, so a check in a long-running daemon costs what changed since the
 * last one, whatever the size of the log.
 *
 * <p>The process comes from {@code status.json} (PID and start time), else {@code shadow.pid}, else, for upstream's bash
 * runner, a command-line match of {@code run_shadow_simulation} outside the monitor's own process tree that does not
 * write another run's directory ({@link RunnerOwnership}); a process found that way is remembered by PID and start
 * time, so the process table is scanned again only once it is gone. A PID recorded in {@code status.json} or
 * {@code shadow.pid} counts as the run's only if the process under it is a runner by its arguments and writes this
 * run's directory (the same {@link RunnerOwnership} rule): a matching start time proves the PID was not reused, not
 * that the process is this run's (a copied run directory names the original's runner). Otherwise it is
 * {@link io.aos.ops.core.process.ProcessState#UNPROVEN}, and {@link RunSnapshot#notProven()} says why.
 */
public final class RunSnapshotReader {

    /**
     * Upstream's runner as {@code pgrep -f} found it, minus the {@code --hours 24} that missed every restart. Only a
     * first sieve: a process it finds counts as a runner only if it executes the script (or is this suite's runner,
     * {@link RunnerOwnership#runnerArguments}), not if it merely names it ({@code tail -f run_shadow_simulation.sh}).
     */
    public static final Predicate<String> UPSTREAM_RUNNER = Pattern.compile("run_shadow_simulation\\.sh").asPredicate();

    /** This suite's runner started without the launcher script: {@code ... aos-ops.jar shadow run ...}. */
    public static final Predicate<String> SUITE_RUNNER = Pattern.compile("(^|\\s)shadow\\s+run(\\s|$)").asPredicate();

    private final WatchedRun run;
    private final Clock clock;
    private final ProcessTable processes;
    private final Predicate<String> runnerCommandLine;
    private final Optional<LogTail> tail;
    private final LogTally tally = new LogTally();
    private final Optional<CycleReportScan> reports;
    private Optional<PidFile> foundByCommandLine = Optional.empty();
    private List<String> otherRunners = List.of();
    /** Why the process recorded is not proven to be the run's, for the snapshot being gathered. */
    private Optional<String> notProven = Optional.empty();
    /** Where a run of this monitor's may be (null: anywhere), for a runner found when no run directory was. */
    private final Predicate<Path> runDirectories;

    public RunSnapshotReader(WatchedRun run, Clock clock, ProcessTable processes, Predicate<String> runnerCommandLine) {
        this(run, clock, processes, runnerCommandLine, MoreExecutors.directExecutor(), null);
    }

    /**
     * An observer that reads the run's cycle reports on {@code executor} beside the calling thread the first time (a
     * one-shot check of an upstream run reads them all: 2,880 after 24 hours; see {@link CycleReportScan}), and, when
     * no run directory was found, takes no runner whose directory {@code runDirectories} rejects.
     *
     * @param run               the run
     * @param clock             gives now
     * @param processes         the process table
     * @param runnerCommandLine an upstream runner's command line
     * @param executor          runs chunks of report reads; {@link MoreExecutors#directExecutor()} for none
     * @param runDirectories    the directories a run of this monitor's may be in ({@link RunLocator#runDirectories()}):
     *                          with no run directory found, a runner shown to write a directory outside them is another
     *                          run's (listed in {@link RunSnapshot#otherRunners()}, which quote the predicate's
     *                          {@code toString()} as the glob); null: every runner that shows nothing otherwise is
     *                          taken, as upstream's {@code pgrep} took it
     */
    public RunSnapshotReader(WatchedRun run, Clock clock, ProcessTable processes, Predicate<String> runnerCommandLine,
                             Executor executor, Predicate<Path> runDirectories) {
        this.run = checkNotNull(run, "run");
        this.clock = checkNotNull(clock, "clock");
        this.processes = checkNotNull(processes, "processes");
        this.runnerCommandLine = checkNotNull(runnerCommandLine, "runnerCommandLine");
        checkNotNull(executor, "executor");
        this.runDirectories = runDirectories;
        this.tail = run.log().map(LogTail::new);
        Optional<ShadowRunLayout> layout = run.layout();
        this.reports = layout.isPresent() ? Optional.of(new CycleReportScan(layout.get(), executor)) : Optional.empty();
    }

    /** An observer with the system clock and process table, matching upstream's runner. */
    public static RunSnapshotReader of(WatchedRun run, Clock clock) {
        return new RunSnapshotReader(run, clock, ProcessTable.system(), UPSTREAM_RUNNER);
    }

    public WatchedRun run() {
        return run;
    }

    /** Releases the log held open; an observer that is let go without it frees the file only when collected. */
    public void close() {
        if (tail.isPresent()) {
            try {
                tail.get().close();
            } catch (IOException e) {
                // a read-only handle: nothing was lost
            }
        }
    }

    /** Reads what changed and returns the run as it is now. */
    public RunSnapshot observe() {
        List<String> problems = new ArrayList<>();
        Optional<ShadowRunLayout> layout = run.layout();

        Optional<ShadowRunStatus> status = Optional.empty();
        Optional<Instant> statusModified = Optional.empty();
        if (layout.isPresent()) {
            Path file = layout.get().statusFile();
            // An upstream run has none: not even Jackson's parser is set up for it.
            if (Files.exists(file)) {
                try {
                    status = Optional.of(RunStateReader.readStatus(file));
                    statusModified = modified(file);
                } catch (AosOpsException e) {
                    if (Files.exists(file)) {
                        problems.add(e.getMessage());
                    }
                }
            }
        }

        Optional<Instant> logModified = Optional.empty();
        if (tail.isPresent()) {
            try {
                tail.get().pollLines(tally::accept);
                logModified = Optional.of(Files.getLastModifiedTime(tail.get().file()).toInstant());
            } catch (NoSuchFileException e) {
                logModified = Optional.empty();
            } catch (IOException e) {
                problems.add(UnreadableFileException.of(tail.get().file(), e).getMessage());
            }
        }

        // status.json is authoritative for the counts; the reports are read only to name the cycles with mismatches,
        // or, for an upstream run without status.json, because they are the only place its mismatches show, or when
        // the last cycle's report records mismatches that status.json does not count: then it is not to be trusted.
        List<String> disagreements = new ArrayList<>();
        Optional<LastCycle> lastCycle = status.isPresent() && layout.isPresent()
                ? lastCycleDisagreeing(layout.get(), status.get(), disagreements) : Optional.empty();
        boolean needReports = status.map(s -> s.mismatches() > 0).orElse(true) || lastCycle.isPresent();
        if (reports.isPresent() && needReports) {
            try {
                reports.get().update();
            } catch (IOException e) {
                problems.add(layout.get().reportsDir() + ": cannot be read: " + e.getMessage());
            }
            problems.addAll(reports.get().notRegularFiles());
            reports.get().unreadable().forEach(p -> problems.add(p + ": not a valid cycle report"));
        }

        otherRunners = List.of();
        notProven = Optional.empty();
        ProcessSource source = ProcessSource.NONE;
        Optional<ProcessStatus> process = Optional.empty();
        if (status.isPresent() && status.get().pid() > 0) {
            source = ProcessSource.STATUS_JSON;
            Optional<Instant> start = Optional.ofNullable(status.get().processStartTime());
            process = Optional.of(proveRunner(processes.lookup(status.get().pid(), start), " from status.json",
                    start.isEmpty()));
        } else {
            Optional<PidFile> pidFile = Optional.empty();
            if (layout.isPresent()) {
                try {
                    pidFile = PidFile.read(layout.get().pidFile());
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
            if (pidFile.isPresent()) {
                source = ProcessSource.PID_FILE;
                process = Optional.of(proveRunner(processes.lookup(pidFile.get()), " from shadow.pid",
                        pidFile.get().startTime().isEmpty()));
            } else {
                source = ProcessSource.COMMAND_LINE;
                process = findUpstreamRunner();
            }
        }

        return new RunSnapshot(clock.instant(), run, status, problems, disagreements, process, source, notProven,
                otherRunners, logModified, statusModified, tally.finished(), tally.shutdown(),
                figures(status, lastCycle));
    }

    /** The mismatches the report of a run's last cycle records. */
    private record LastCycle(long cycle, long mismatches, Path report) {
    }

    /**
     * When {@code status.json} says there was no mismatch, the report of the last cycle it counts ({@code
     * reports/cycle_N.json}, N its {@code cycles}): the cycle and its mismatches if the report records some, and then
     * a sentence in {@code disagreements} saying where the two disagree. One file while they agree, so a check costs the
     * same however long the run; when they disagree every report is read and the worse count taken, so a mismatch the
     * runner recorded in its reports but not in its heartbeat is counted, never hidden. A report not there yet, or not
     * (yet) parsable, is left alone.
     */
    private static Optional<LastCycle> lastCycleDisagreeing(ShadowRunLayout layout, ShadowRunStatus status,
                                                            List<String> disagreements) {
        if (status.mismatches() > 0 || status.cycles() <= 0) {
            return Optional.empty();
        }
        Path report = layout.cycleReport(status.cycles());
        if (!Files.exists(report)) {
            return Optional.empty();
        }
        long mismatches;
        try {
            mismatches = CycleReportReader.readCounts(report).mismatches();
        } catch (AosOpsException e) {
            return Optional.empty();
        }
        if (mismatches <= 0) {
            return Optional.empty();
        }
        disagreements.add(layout.statusFile() + " says 0 mismatches after " + status.cycles() + " cycles, but " + report
                + " records " + mismatches + ": the cycle reports are counted instead");
        return Optional.of(new LastCycle(status.cycles(), mismatches, report));
    }

    /** A file's modification time; empty if it cannot be read (the freshness probe then has one piece less). */
    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A live process recorded in {@code status.json} or {@code shadow.pid} is the run's only if it is a runner
     * ({@link RunnerOwnership#runnerArguments}, the same rule as for a runner found by its command line) that writes
     * this run's directory ({@link RunnerOwnership#of}): a matching start time alone proves only that the PID was not
     * reused, not that a copied run directory, or a {@code sleep}, is this run. Anything short of that is UNPROVEN,
     * with {@link #notProven} saying why; a monitor only reports it (nothing here signals). A pattern a caller gives
     * is its own proof, as in {@link #executesRunner}.
     *
     * @param found        what the recorded PID (and start time, if any) found
     * @param from         {@code " from status.json"} or {@code " from shadow.pid"}, for the reason
     * @param noStartTime  true when no start time was recorded with the PID
     */
    private ProcessStatus proveRunner(ProcessStatus found, String from, boolean noStartTime) {
        if (found.state() != ProcessState.RUNNING && found.state() != ProcessState.UNPROVEN) {
            return found; // gone, a zombie, or a reused PID: no command line makes it the run
        }
        String pid = "PID " + found.pid() + from + (noStartTime ? " (no start time recorded)" : "");
        String notARunner = pid + " is " + found.commandLine().map(c -> "`" + abbreviate(c) + "`")
                .orElse("a process whose command line cannot be read") + ", not a shadow runner";
        if (runnerCommandLine != UPSTREAM_RUNNER) {
            if (found.state() == ProcessState.RUNNING
                    || found.commandLine().filter(runnerCommandLine.or(SUITE_RUNNER)).isPresent()) {
                return running(found);
            }
            return unproven(found, notARunner);
        }
        long p = found.pid();
        Optional<List<String>> arguments = processes.arguments(p);
        if (!RunnerOwnership.isRunner(arguments, found.commandLine())) {
            return unproven(found, notARunner);
        }
        Optional<Path> runDir = run.layout().map(l -> l.root().toAbsolutePath());
        RunnerOwnership.Ownership ownership = runDir.isEmpty() ? RunnerOwnership.Ownership.UNKNOWN
                : RunnerOwnership.of(arguments, processes.workingDirectory(p), found.startTime(), () -> zoneOf(p),
                        runDir.get());
        return switch (ownership.verdict()) {
            case THIS_RUN -> running(found);
            case OTHER_RUN -> {
                String writes = ownership.writes().orElse("another directory");
                otherRunners = List.of("PID " + found.pid() + " writes " + writes);
                yield unproven(found, pid + " is another run's shadow runner: it writes " + writes + ", not "
                        + runDir.get());
            }
            case UNKNOWN -> unproven(found, pid + " is a shadow runner, but whether it writes " + runDir
                    .map(Path::toString).orElse("this run's directory") + " cannot be told (its arguments, working "
                    + "directory or time zone cannot be read)");
        };
    }

    private static ProcessStatus running(ProcessStatus found) {
        return new ProcessStatus(found.pid(), ProcessState.RUNNING, found.startTime(), found.commandLine());
    }

    private ProcessStatus unproven(ProcessStatus found, String why) {
        notProven = Optional.of(why);
        return new ProcessStatus(found.pid(), ProcessState.UNPROVEN, found.startTime(), found.commandLine());
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 200 ? commandLine : commandLine.substring(0, 200) + "...";
    }

    /**
     * The runner found by its command line: remembered while it lives; else, of every match, the oldest whose
     * arguments show it writes this run's directory, else the oldest that shows nothing either way. A runner that
     * writes another run's directory is never this run's process; each one is listed in {@link #otherRunners}.
     */
    private Optional<ProcessStatus> findUpstreamRunner() {
        if (foundByCommandLine.isPresent()) {
            ProcessStatus again = processes.lookup(foundByCommandLine.get());
            if (again.isAlive()) {
                return Optional.of(again);
            }
            foundByCommandLine = Optional.empty();
        }
        List<ProcessStatus> candidates = processes.findAllByCommandLine(runnerCommandLine);
        Optional<ProcessStatus> ours = Optional.empty();
        Optional<ProcessStatus> unknown = Optional.empty();
        List<String> others = new ArrayList<>();
        Optional<Path> runDir = run.layout().map(l -> l.root().toAbsolutePath());
        for (ProcessStatus candidate : candidates) {
            if (!executesRunner(candidate)) {
                continue;
            }
            RunnerOwnership.Ownership ownership = runDir.isEmpty() ? outside(candidate)
                    : ownership(candidate, runDir.get());
            switch (ownership.verdict()) {
                case THIS_RUN -> ours = ours.isPresent() ? ours : Optional.of(candidate);
                case UNKNOWN -> unknown = unknown.isPresent() ? unknown : Optional.of(candidate);
                case OTHER_RUN -> others.add("PID " + candidate.pid() + " writes "
                        + ownership.writes().orElse("another directory"));
            }
        }
        otherRunners = List.copyOf(others);
        Optional<ProcessStatus> found = ours.isPresent() ? ours : unknown;
        foundByCommandLine = found.map(p -> new PidFile(p.pid(), p.startTime()));
        return found;
    }

    /**
     * True unless the process was found by this class's own patterns and does not run a runner: one that only names
     * the script ({@code tail -f}, a {@code pgrep} loop) is not the run's process. A pattern a caller gives is its own
     * proof (a test's stand-in runner is a {@code sleep}).
     */
    private boolean executesRunner(ProcessStatus process) {
        if (runnerCommandLine != UPSTREAM_RUNNER) {
            return true;
        }
        return RunnerOwnership.isRunner(processes.arguments(process.pid()), process.commandLine());
    }

    /**
     * With no run directory found: another run's when it is shown to write a directory that is not one of
     * {@link #runDirectories} (a stand-in of a test, an operator's second run elsewhere), else unknown.
     */
    private RunnerOwnership.Ownership outside(ProcessStatus candidate) {
        if (runDirectories == null) {
            return RunnerOwnership.Ownership.UNKNOWN;
        }
        long pid = candidate.pid();
        Optional<Path> writes = RunnerOwnership.writes(processes.arguments(pid), processes.workingDirectory(pid),
                candidate.startTime(), () -> zoneOf(pid));
        if (writes.isEmpty() || runDirectories.test(writes.get())) {
            return RunnerOwnership.Ownership.UNKNOWN;
        }
        return new RunnerOwnership.Ownership(RunnerOwnership.Verdict.OTHER_RUN,
                Optional.of(writes.get() + ", which the run glob (" + runDirectories + ") does not match"));
    }

    private Optional<ZoneId> zoneOf(long pid) {
        return processes.environment(pid).flatMap(env -> RunnerOwnership.zone(
                Optional.ofNullable(env.get("TZ")), Optional.ofNullable(System.getenv("TZ")),
                DefaultZoneClock.machineZone()));
    }

    private RunnerOwnership.Ownership ownership(ProcessStatus candidate, Path runDir) {
        long pid = candidate.pid();
        return RunnerOwnership.of(processes.arguments(pid), processes.workingDirectory(pid), candidate.startTime(),
                () -> zoneOf(pid), runDir);
    }

    private RunProgress figures(Optional<ShadowRunStatus> status, Optional<LastCycle> lastCycle) {
        TreeMap<Long, Long> byCycle = new TreeMap<>();
        if (status.isPresent()) {
            ShadowRunStatus s = status.get();
            reports.ifPresent(r -> byCycle.putAll(r.mismatchesByCycle()));
            lastCycle.ifPresent(c -> byCycle.merge(c.cycle(), c.mismatches(), Math::max));
            long mismatches = Math.max(s.mismatches(), byCycle.values().stream().mapToLong(Long::longValue).sum());
            long withMismatches = Math.max(s.cyclesWithMismatches(), byCycle.size());
            return new RunProgress(s.cycles(), s.cycles() - withMismatches, s.workflows(), s.replays(), mismatches,
                    withMismatches, byCycle, lastCycle.isPresent() ? "status.json and " + lastCycle.get().report()
                    .getFileName() : "status.json");
        }
        // An upstream run: its cycle reports and its log, whichever shows more. Upstream's runner dies on a mismatch
        // before logging it, so the reports are often the only place a real mismatch shows.
        byCycle.putAll(tally.mismatchesByCycle());
        long cycles = tally.cycles();
        long workflows = tally.workflows();
        long replays = 0;
        long mismatches = tally.mismatches();
        long successful = tally.successfulCycles();
        String source = "log";
        if (reports.isPresent() && reports.get().reports() > 0) {
            CycleReportScan r = reports.get();
            r.mismatchesByCycle().forEach((cycle, count) -> byCycle.merge(cycle, count, Math::max));
            cycles = Math.max(cycles, r.reports());
            workflows = Math.max(workflows, r.workflows());
            replays = r.replays();
            mismatches = Math.max(mismatches, r.mismatches());
            successful = Math.max(successful, r.reports() - r.mismatchesByCycle().size());
            source = "cycle reports";
        }
        long withMismatches = Math.max(byCycle.size(), mismatches > 0 ? 1 : 0);
        successful = Math.min(successful, cycles - withMismatches);
        return new RunProgress(cycles, Math.max(0, successful), workflows, replays, mismatches, withMismatches, byCycle,
                source);
    }
}
