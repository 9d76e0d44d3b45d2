package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.log.LogEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one check knows about the watched run, gathered once and shared by the probes.
 *
 * @param observedAt    when it was gathered
 * @param run           the run and log watched
 * @param status        {@code status.json}, when the run writes one (runs of this suite's runner)
 * @param problems      inputs that exist but could not be read, each naming its file
 * @param disagreements inputs that were read but disagree ({@code status.json} says 0 mismatches, the report of the
 *                      cycle it counts records some), one sentence each naming both files
 * @param process       the run's process, when a source names one
 * @param processSource where the process id came from
 * @param notProven     when the process is {@link io.aos.ops.core.process.ProcessState#UNPROVEN}, why, in one phrase
 *                      ({@code PID 1234 from status.json is `sleep 300`, not a shadow runner})
 * @param otherRunners  runners found by their command line that write another run's directory, each as
 *                      {@code PID N writes DIR} (so not this run's process)
 * @param logModified   the log's modification time, when there is a log
 * @param statusModified {@code status.json}'s modification time, when it was read
 * @param logFinish     the end of the run as the log shows it (upstream runs), if it does
 * @param logShutdown   true if the log shows a SIGINT/SIGTERM shutdown
 * @param figures       cycles, successes and mismatches from the best source
 */
public record RunSnapshot(
        Instant observedAt,
        WatchedRun run,
        Optional<ShadowRunStatus> status,
        List<String> problems,
        List<String> disagreements,
        Optional<ProcessStatus> process,
        ProcessSource processSource,
        Optional<String> notProven,
        List<String> otherRunners,
        Optional<Instant> logModified,
        Optional<Instant> statusModified,
        Optional<LogEvent.Finished> logFinish,
        boolean logShutdown,
        RunProgress figures) {

    public RunSnapshot {
        checkNotNull(observedAt, "observedAt");
        checkNotNull(run, "run");
        problems = List.copyOf(problems);
        disagreements = List.copyOf(disagreements);
        otherRunners = List.copyOf(otherRunners);
        checkNotNull(statusModified, "statusModified");
        checkNotNull(notProven, "notProven");
    }

    /**
     * Why the run's {@code status.json} could not be read, when it exists and could not (bad JSON with its line and
     * column, a field of the wrong type by name, permission denied, not a regular file): the problem naming it.
     */
    public Optional<String> statusProblem() {
        return problemOf(run.layout().map(l -> l.statusFile()));
    }

    /** Why the run's {@code shadow.pid} could not be read, when it exists and could not: the problem naming it. */
    public Optional<String> pidFileProblem() {
        return problemOf(run.layout().map(l -> l.pidFile()));
    }

    /** The problem about {@code file}: each one starts with the file it names, then a colon. */
    private Optional<String> problemOf(Optional<Path> file) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String prefix = file.get() + ":";
        return problems.stream().filter(p -> p.startsWith(prefix)).findFirst();
    }

    /** The run's state from {@code status.json}, if it has one. */
    public Optional<RunState> state() {
        return status.map(ShadowRunStatus::state);
    }

    /** True when the run says it ended for good (completed, failed or stopped), or its log shows the end. */
    public boolean ended() {
        return state().map(RunState::isFinal).orElse(logFinish.isPresent() || logShutdown);
    }

    /** The heartbeat: {@code status.json}'s {@code updated_at}, else the log's modification time. */
    public Optional<Instant> heartbeat() {
        Optional<Instant> beat = status.map(ShadowRunStatus::updatedAt);
        return beat.isPresent() ? beat : logModified;
    }

    /** True when the heartbeat is {@code status.json}'s {@code updated_at}, not the log's modification time. */
    public boolean heartbeatIsUpdatedAt() {
        return status.map(ShadowRunStatus::updatedAt).isPresent();
    }

    /** What the heartbeat comes from, for messages. */
    public String heartbeatSource() {
        if (status.map(ShadowRunStatus::updatedAt).isPresent()) {
            return "heartbeat " + run.runDir().map(d -> d.resolve("status.json")).map(Path::toString).orElse("");
        }
        return "log " + run.log().map(Path::toString).orElse("");
    }
}
