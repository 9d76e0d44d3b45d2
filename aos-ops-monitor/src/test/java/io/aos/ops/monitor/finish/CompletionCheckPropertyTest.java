package io.aos.ops.monitor.finish;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.fixture.RunFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion verdict against an oracle, over generated runs on disk: random status.json (or none), a process that
 * is alive (this JVM's parent, recorded with its start time) or gone, and a log with or without the completion line,
 * tagged or bare, coloured or not, followed by 0 to 250 other lines, with decoys that only look like it.
 */
class CompletionCheckPropertyTest {

    private static final String[] DECOYS = {
        "[INFO] 02:00:01 Cycle 3: 5 workflows, 5 replays, 0 mismatches",
        "[WARN] 02:00:02 ALERT: Shadow simulation completed successfully: 5 workflows, 5 replays, 0 mismatches",
        "  Log:                /tmp/shadow_simulation_x/shadow.log",
        "[INFO] 02:00:03 Not yet: Shadow simulation complete would come later",
        "Shadow simulation completes in 3h",
        "",
    };

    @TempDir
    Path tmp;

    @Test
    void completeExactlyWhenTheProcessIsGoneTheStateIsFinalAndTheLogEndsWithTheCompletionLine() throws Exception {
        Random random = new Random(20261202L);
        ProcessHandle alive = ProcessHandle.current().parent().orElseThrow();
        Instant aliveStart = alive.info().startInstant().orElseThrow();
        int complete = 0;
        for (int i = 0; i < 150; i++) {
            RunFixture run = RunFixture.create(tmp, "case" + i);
            boolean hasStatus = random.nextInt(5) > 0;
            RunState state = RunState.values()[random.nextInt(RunState.values().length)];
            boolean processAlive = random.nextInt(3) == 0;
            long pid = processAlive ? alive.pid() : (random.nextBoolean() ? Integer.MAX_VALUE
                    : ProcessHandle.current().pid());
            Instant start = processAlive ? aliveStart : aliveStart.minusSeconds(3600);
            if (hasStatus) {
                run.status(pid, start, state, random.nextInt(50), 0, 0, Instant.now());
            }
            boolean withLine = random.nextBoolean();
            int after = random.nextInt(251);
            List<String> lines = new ArrayList<>();
            for (int k = random.nextInt(20); k > 0; k--) {
                lines.add(DECOYS[random.nextInt(DECOYS.length)]);
            }
            if (withLine) {
                String text = "Shadow simulation complete: PASSED, 3 cycles, 15 replays compared, " + state.json();
                lines.add(switch (random.nextInt(3)) {
                    case 0 -> "[INFO] 02:10:00 " + text;
                    case 1 -> "\033[0;32m[INFO]\033[0m 02:10:00 " + text;
                    default -> text;
                });
            }
            for (int k = 0; k < after; k++) {
                lines.add(DECOYS[random.nextInt(DECOYS.length)]);
            }
            boolean hasLog = random.nextInt(8) > 0;
            if (hasLog) {
                run.log(lines.toArray(String[]::new));
            }

            boolean oracle = !(hasStatus && processAlive)
                    && (!hasStatus || state == RunState.COMPLETED || state == RunState.FAILED
                            || state == RunState.STOPPED)
                    && hasLog && withLine && after < CompletionCheck.TAIL_LINES;

            WatchedRun watched = new WatchedRun(Optional.of(run.root()),
                    hasLog ? Optional.of(run.layout().logFile()) : Optional.empty());
            RunSnapshotReader observer = new RunSnapshotReader(watched, Clock.systemUTC(), ProcessTable.system(), line -> false);
            RunSnapshot snapshot = observer.observe();
            observer.close();
            Optional<String> found = watched.log().flatMap(CompletionCheck::completionLine);
            CompletionCheck.Result result = CompletionCheck.decide(snapshot, found);

            String description = "case " + i + ": status " + (hasStatus ? state : "none") + ", alive " + processAlive
                    + ", log " + hasLog + ", line " + withLine + " followed by " + after + " lines -> "
                    + result.detail();
            assertThat(result.complete()).as(description).isEqualTo(oracle);
            if (result.complete()) {
                complete++;
                assertThat(found.orElseThrow()).doesNotContain("\033")
                        .contains("Shadow simulation complete");
            } else if (hasStatus && processAlive) {
                assertThat(result.detail()).as(description).contains("still going", Long.toString(alive.pid()));
            }
        }
        assertThat(complete).as("the generator reaches both answers").isBetween(5, 145);
    }
}
