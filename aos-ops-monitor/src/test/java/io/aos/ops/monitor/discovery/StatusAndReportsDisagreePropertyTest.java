package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.probe.MismatchProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mismatch verdict takes the worse of {@code status.json} and the cycle reports: a heartbeat that says 0 while the
 * report of its last cycle records mismatches does not make a run look clean. Differential over generated runs (the
 * heartbeat's count, each cycle report's, a heartbeat that lags the reports) against the documented rule: with the
 * heartbeat above 0, or its last cycle's report above 0, every report is counted and the larger total wins; else the
 * heartbeat's 0 stands (its last report agrees; older reports are not read, so a check costs one file).
 */
class StatusAndReportsDisagreePropertyTest {

    static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

    @TempDir
    Path tmp;

    private static void report(Path run, long cycle, long mismatches) throws Exception {
        Files.writeString(ShadowRunLayout.of(run).cycleReport(cycle), "{\"cycle\": " + cycle + ", \"primary\": "
                + "{\"total\": 9, \"successful\": 9, \"failed\": 0}, \"shadow\": {\"total_replays\": 9, \"matches\": "
                + (9 - mismatches) + ", \"mismatches\": " + mismatches + "}, \"mismatch_details\": [], \"passed\": "
                + (mismatches == 0) + "}");
    }

    @Test
    void theVerdictIsTheWorseOfTheHeartbeatAndTheReports() throws Exception {
        SplittableRandom random = new SplittableRandom(20261203L);
        int disagreements = 0;
        for (int i = 0; i < 200; i++) {
            Path run = tmp.resolve("shadow_simulation_" + i);
            Files.createDirectories(ShadowRunLayout.of(run).reportsDir());
            int reports = random.nextInt(0, 8);
            List<Long> counts = new ArrayList<>();
            for (int c = 1; c <= reports; c++) {
                long m = random.nextInt(3) == 0 ? random.nextInt(1, 5) : 0;
                counts.add(m);
                report(run, c, m);
            }
            long cycles = Math.max(0, reports - random.nextInt(0, 2)); // the heartbeat may lag one report behind
            long heartbeat = random.nextInt(4) == 0 ? random.nextInt(1, 5) : 0;
            ShadowRunStatus status = new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 0, null, NOW.minusSeconds(600),
                    NOW, RunState.COMPLETED, cycles, 9 * cycles, 9 * cycles, heartbeat, heartbeat > 0 ? 1 : 0, NOW,
                    null, cycles, false, null);
            Files.write(ShadowRunLayout.of(run).statusFile(), OpsJson.mapper().writeValueAsBytes(status));

            long allReports = counts.stream().mapToLong(Long::longValue).sum();
            boolean lastDisagrees = heartbeat == 0 && cycles > 0 && counts.get((int) cycles - 1) > 0;
            long expected = heartbeat > 0 || lastDisagrees ? Math.max(heartbeat, allReports) : 0;

            RunSnapshot snapshot = new RunSnapshotReader(new WatchedRun(Optional.of(run), Optional.empty()),
                    Clock.fixed(NOW, ZoneOffset.UTC), ProcessTable.system(), commandLine -> false).observe();
            ProbeResult verdict = new MismatchProbe().check(snapshot);

            assertThat(snapshot.figures().mismatches()).as("run %d: %s, heartbeat %d over %d cycles", i, counts,
                    heartbeat, cycles).isEqualTo(expected);
            assertThat(verdict.status()).isEqualTo(expected > 0 ? HealthStatus.CRITICAL : HealthStatus.OK);
            if (lastDisagrees) {
                disagreements++;
                String sentence = ShadowRunLayout.of(run).statusFile() + " says 0 mismatches after " + cycles
                        + " cycles, but " + ShadowRunLayout.of(run).cycleReport(cycles) + " records "
                        + counts.get((int) cycles - 1) + ": the cycle reports are counted instead";
                assertThat(verdict.message()).contains("MISMATCHES DETECTED: ", sentence);
                // both files were read: a disagreement, not an input that could not be read
                assertThat(snapshot.disagreements()).containsExactly(sentence);
            } else {
                assertThat(verdict.message()).doesNotContain("says 0 mismatches");
                assertThat(snapshot.disagreements()).isEmpty();
            }
            assertThat(snapshot.problems()).isEmpty();
        }
        assertThat(disagreements).as("the generator makes disagreeing runs").isGreaterThan(10);
    }
}
