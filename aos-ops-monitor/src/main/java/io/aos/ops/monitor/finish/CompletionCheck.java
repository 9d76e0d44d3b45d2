package io.aos.ops.monitor.finish;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.log.LastLines;
import io.aos.ops.monitor.log.LogLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Has the run ended? The runbook's {@code grep "Shadow simulation complete" /var/lib/aos/shadow_24h_*.log}, strict:
 * a run is complete only when
 * <ol>
 *   <li>its process is gone (a live process proven to be the run means it is still going, whatever the log says; one
 *       alive but not proven to be the run's leaves it untold while status.json does not record an end),</li>
 *   <li>its {@code status.json}, when it has one, records a final state (completed, failed or stopped): a run whose
 *       status still says running or paused but whose process is gone died without finishing, and</li>
 *   <li>its log holds the completion line {@code Shadow simulation complete}.</li>
 * </ol>
 */
public final class CompletionCheck {

    /** How far back from the end of the log the completion line is looked for: the runner's last line. */
    static final int TAIL_LINES = 200;

    /**
     * The answer.
     *
     * @param complete true when all three hold
     * @param detail   what was found, in one sentence: why it is complete, or what is missing
     */
    public record Result(boolean complete, String detail) {
    }

    private CompletionCheck() {
    }

    /** Decides from what one observation of the run saw and the completion line found in its log, if any. */
    public static Result decide(RunSnapshot snapshot, Optional<String> completionLine) {
        checkNotNull(snapshot, "snapshot");
        checkNotNull(completionLine, "completionLine");
        Optional<ShadowRunStatus> status = snapshot.status();
        Optional<ProcessStatus> process = snapshot.process().filter(ProcessStatus::isAlive);
        String log = snapshot.run().log().map(Path::toString).orElse("(no log found)");
        if (process.isPresent()) {
            return new Result(false, "the run is still going: its process " + process.get().pid() + " is alive"
                    + status.map(s -> " (status.json: " + describe(s) + ")").orElse(""));
        }
        boolean notFinal = status.isPresent() && (status.get().state() == null || !status.get().state().isFinal());
        Optional<ProcessStatus> unproven = snapshot.process().filter(p -> p.state() == ProcessState.UNPROVEN);
        if (notFinal && unproven.isPresent()) {
            return new Result(false, "whether the run is still going cannot be told: its process "
                    + unproven.get().pid() + " is alive but not proven to be the run's ("
                    + snapshot.notProven().orElse("not a shadow runner of this run") + "; status.json: "
                    + describe(status.get()) + ")");
        }
        if (notFinal) {
            return new Result(false, "status.json says " + describe(status.get()) + ", but its process "
                    + status.get().pid() + " is gone: the run died without finishing");
        }
        if (completionLine.isEmpty()) {
            return new Result(false, snapshot.run().log().isPresent()
                    ? "no 'Shadow simulation complete' line in " + log
                    : "no log found for the run, so no 'Shadow simulation complete' line");
        }
        return new Result(true, status.map(s -> describe(s) + "; ").orElse("")
                + "process gone; '" + completionLine.get() + "' in " + log);
    }

    /**
     * The last completion line in the last {@value #TAIL_LINES} lines of {@code log}, without colour codes; empty when
     * there is none or the log does not exist. A log that is not a regular file or cannot be read is an
     * {@link AosOpsException} naming it.
     */
    public static Optional<String> completionLine(Path log) {
        List<String> lines;
        try {
            lines = LastLines.of(log, TAIL_LINES, true);
        } catch (IOException e) {
            throw UnreadableFileException.of(log, e);
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (LogLine.isCompletion(lines.get(i))) {
                return Optional.of(lines.get(i).strip());
            }
        }
        return Optional.empty();
    }

    private static String describe(ShadowRunStatus s) {
        return (s.state() == null ? "no state" : s.state().json()) + " after " + s.cycles()
                + (s.cycles() == 1 ? " cycle" : " cycles");
    }
}
