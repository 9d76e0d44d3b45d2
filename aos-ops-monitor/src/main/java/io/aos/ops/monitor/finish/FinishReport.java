package io.aos.ops.monitor.finish;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ShadowFinish#finish} did, step by step.
 *
 * @param runDir      the run finished
 * @param stateFile   its {@code finish.json}, which records the steps done
 * @param steps       every step that ran, in order; the last one decides the outcome
 * @param outcome     how it ended
 * @param summaryFile the summary written, once the summary step is done
 */
public record FinishReport(Path runDir, Path stateFile, List<StepOutcome> steps, Outcome outcome,
                           Optional<Path> summaryFile) {

    /** How a finish ended. */
    public enum Outcome {
        /** Every step done; the summary's verdict is PASS. */
        PASSED,
        /** Every step done; the summary's verdict is FAIL (a mismatch, an unreadable report, zero cycles). */
        FAILED,
        /** A step failed; the ones before it are done and recorded; re-running resumes at {@link #failedStep}. */
        INCOMPLETE,
        /** Nothing was changed: the run has not completed (and no --force), or an input is not usable. */
        REFUSED
    }

    public FinishReport {
        checkNotNull(runDir, "runDir");
        checkNotNull(stateFile, "stateFile");
        steps = List.copyOf(steps);
        checkNotNull(outcome, "outcome");
        checkNotNull(summaryFile, "summaryFile");
    }

    /**
     * The report as {@code shadow finish --json} prints it: {@code run_dir}, {@code outcome}, {@code summary_file},
     * {@code state_file}, {@code failed_step} (null or the step's name in lower case) and {@code steps}, each with
     * {@code number}, {@code step}, {@code title}, {@code result} and {@code detail}.
     *
     * @return an ordered map, ready for a JSON writer
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_dir", runDir.toString());
        json.put("outcome", outcome.name());
        json.put("summary_file", summaryFile.map(Path::toString).orElse(null));
        json.put("state_file", stateFile.toString());
        json.put("failed_step", failedStep().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null));
        List<Map<String, Object>> all = new ArrayList<>();
        for (StepOutcome step : steps) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("number", step.step().number());
            s.put("step", step.step().name().toLowerCase(Locale.ROOT));
            s.put("title", step.step().title());
            s.put("result", step.result().name().toLowerCase(Locale.ROOT));
            s.put("detail", step.detail());
            all.add(s);
        }
        json.put("steps", all);
        return json;
    }

    /** The step that failed or refused, if one did. */
    public Optional<FinishStep> failedStep() {
        return steps.stream()
                .filter(s -> s.result() == StepOutcome.Result.FAILED || s.result() == StepOutcome.Result.REFUSED)
                .map(StepOutcome::step).findFirst();
    }
}
