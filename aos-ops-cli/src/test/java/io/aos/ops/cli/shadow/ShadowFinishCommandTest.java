package io.aos.ops.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.monitor.finish.FinishStep;
import io.aos.ops.monitor.finish.StepOutcome;
import org.junit.jupiter.api.Test;

/** The command's surface: help for 3 a.m., usage errors, one line per step. */
class ShadowFinishCommandTest {

    @Test
    void helpNamesEveryStepThePathsAndTheExitCodes() {
        CliRun r = CliRun.of("shadow", "finish", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: aos-ops shadow finish", "verify completion", "stop the monitor",
                "m4-shadow-summary.json", "$AOS_REPORTS_DIR", "retention archive --days 0", "PASSED or FAILED",
                "finish.json", "--run-dir", "--summary-out", "--reports-dir", "--archive-dir", "--force",
                "Exit 0 finished and PASSED; 1 finished and FAILED, or a step failed");
    }

    @Test
    void theShadowGroupListsFinish() {
        CliRun r = CliRun.of("shadow", "--help");

        assertThat(r.out()).contains("finish", "Post-Shadow Run");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExit2() {
        CliRun r = CliRun.of("shadow", "finish", "--bogus");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void eachStepIsOneLineWithItsNumberTitleAndResult() {
        assertThat(ShadowFinishCommand.line(new StepOutcome(FinishStep.ARCHIVE, StepOutcome.Result.FAILED,
                "archive of /r/golden failed (disk full); no file was deleted")))
                .isEqualTo("[4/5] archive the goldens: FAILED — archive of /r/golden failed (disk full); no file was "
                        + "deleted");
        assertThat(ShadowFinishCommand.line(new StepOutcome(FinishStep.STOP_MONITOR,
                StepOutcome.Result.ALREADY_DONE, "monitor stopped at T and still not running")))
                .startsWith("[2/5] stop the monitor: already done — ");
    }

    @Test
    void aStepLineQuotingTheRunLogShowsItsControlCharactersAsEscapes() {
        String line = ShadowFinishCommand.line(new StepOutcome(FinishStep.VERIFY, StepOutcome.Result.DONE,
                "process gone; '\u001b]0;owned\u0007Shadow simulation complete\r\nFAKE' in /r/shadow.log"));

        assertThat(line).isEqualTo("[1/5] " + FinishStep.VERIFY.title() + ": done — process gone; "
                + "'\\x1b]0;owned\\x07Shadow simulation complete\\r\\nFAKE' in /r/shadow.log");
    }
}
