package io.aos.ops.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.fixture.RunFixture;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class QuickStatusIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private QuickStatus.Report collect() throws Exception {
        return QuickStatus.collect(HealthCheck.create(OpsConfig.rootedAt(tmp), new HealthCheck.Options(
                Optional.empty(), Optional.empty(), Thresholds.defaults()), CLOCK, () -> false));
    }

    @Test
    void aRunningRunShowsProcessCyclesAndTheLastLogEntries() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "q")) {
            ProcessHandle runner = run.startRunner();
            run.runningStatus(runner, 2, NOW);
            for (int i = 1; i <= 12; i++) {
                run.log("\u001B[0;32m[INFO]\u001B[0m 02:00:00 line " + i);
            }

            QuickStatus.Report report = collect();
            String text = report.render();

            assertThat(report.failed()).isFalse();
            assertThat(text).contains("Process: RUNNING (PID: " + runner.pid() + ")", "Cycles started:         2",
                    "Successful cycles:      2", "Cycles with mismatches: 0", "  [INFO] 02:00:00 line 12")
                    .doesNotContain("line 2\n", "\u001B");
            assertThat(report.lastEntries()).hasSize(10);
        }
    }

    @Test
    void controlSequencesInTheLogAreShownEscapedNotSentToTheTerminal() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "q")) {
            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2, 0, 0, NOW.minus(Duration.ofHours(2)));
            run.log("[INFO] 02:00:00 title \u001B]0;pwned\u0007 bell\r[INFO] 02:00:00 FAKE OK");
            run.log("\u009B31m C1\tZyklus ✓ 完了");

            String text = collect().render();

            assertThat(text.chars().filter(c -> c != '\t' && c != '\n')
                    .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as(text).isTrue();
            assertThat(text).contains("  [INFO] 02:00:00 title \\x1b]0;pwned\\x07 bell\\r[INFO] 02:00:00 FAKE OK\n",
                    "  \\x9b31m C1\tZyklus ✓ 完了\n");
        }
    }

    @Test
    void aDeadProcessFailsTheQuickStatus() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "q")) {
            run.status(RunFixture.deadPid(), null, RunState.RUNNING, 2, 0, 0, NOW);

            QuickStatus.Report report = collect();

            assertThat(report.failed()).isTrue();
            assertThat(report.render()).contains("Process: NOT RUNNING");
        }
    }

    @Test
    void aCompletedRunDoesNotFailButMismatchesDo() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "q")) {
            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2, 0, 0, NOW.minus(Duration.ofHours(2)));
            assertThat(collect().failed()).isFalse();

            run.status(RunFixture.deadPid(), null, RunState.COMPLETED, 2, 1, 1, NOW.minus(Duration.ofHours(2)));
            assertThat(collect().failed()).isTrue();
        }
    }
}
