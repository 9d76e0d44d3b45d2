package io.aos.ops.golden.shadow;

import io.aos.ops.golden.shadow.state.RunState;
import java.nio.file.Path;

/**
 * How a shadow run ended.
 *
 * @param state       completed, failed or stopped
 * @param cycles      cycles completed
 * @param workflows   primary workflows run
 * @param replays     replays compared
 * @param mismatches  replays that did not match their golden file
 * @param output      the run's output directory
 * @param summaryFile {@code reports/summary_<ts>.json}
 * @param message     why it failed, or null
 */
public record ShadowRunResult(RunState state, long cycles, long workflows, long replays, long mismatches, Path output,
                              Path summaryFile, String message) {

    /** Passed: at least one cycle ran, every replay matched, and nothing broke the run. */
    public boolean passed() {
        return cycles > 0 && mismatches == 0 && state != RunState.FAILED;
    }
}
