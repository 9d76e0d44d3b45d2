package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: over generated report directories where some {@code cycle_N.json} are not regular files (here
 * directories; the FIFO case, which needs mkfifo, is aos-ops-cli's FifoIT), the monitor's incremental scan and the
 * golden summary each count exactly the regular reports an independent oracle counts, and name every one that is not
 * a regular file, never reading it.
 */
class NonRegularReportsPropertyTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    static String report(long mismatches) {
        return "{\"primary\": {\"total\": 9, \"successful\": 9, \"failed\": 0}, \"shadow\": {\"total_replays\": 9, "
                + "\"matches\": " + (9 - mismatches) + ", \"mismatches\": " + mismatches + "}, "
                + "\"mismatch_details\": [], \"passed\": " + (mismatches == 0) + "}\n";
    }

    @Test
    void regularReportsAreCountedAndEveryNonRegularOneIsNamed() throws Exception {
        Random random = new Random(4);
        for (int round = 0; round < 60; round++) {
            Path root = tmp.resolve("run" + round);
            Path reports = Files.createDirectories(root.resolve("reports"));
            int n = 1 + random.nextInt(12);
            long cycles = 0;
            long mismatches = 0;
            List<Path> notFiles = new ArrayList<>();
            for (int c = 1; c <= n; c++) {
                Path file = reports.resolve("cycle_" + c + ".json");
                if (random.nextInt(4) == 0) {
                    Files.createDirectory(file);
                    notFiles.add(file);
                } else {
                    long m = random.nextInt(3) == 0 ? random.nextInt(4) : 0;
                    Files.writeString(file, report(m));
                    cycles++;
                    mismatches += m;
                }
            }

            CycleReportScan scan = new CycleReportScan(io.aos.ops.golden.shadow.state.ShadowRunLayout.of(root));
            scan.update();
            scan.update(); // a second, incremental pass finds nothing new and counts nothing twice
            assertThat(scan.reports()).as("round %s", round).isEqualTo(cycles);
            assertThat(scan.mismatches()).isEqualTo(mismatches);
            assertThat(scan.notRegularFiles()).containsExactlyInAnyOrderElementsOf(
                    notFiles.stream().map(f -> f + ": is a directory, not a regular file").toList());

            RunSnapshot snapshot = new RunSnapshotReader(new WatchedRun(Optional.of(root), Optional.empty()), CLOCK,
                    io.aos.ops.core.process.ProcessTable.system(), cmd -> false).observe();
            assertThat(snapshot.figures().cycles()).isEqualTo(cycles);
            for (Path f : notFiles) {
                assertThat(snapshot.problems()).contains(f + ": is a directory, not a regular file");
            }

            ShadowSummary summary = GoldenSummary.withClock(CLOCK).summarize(List.of(root));
            assertThat(summary.cycles()).isEqualTo(cycles);
            assertThat(summary.totalMismatches()).isEqualTo(mismatches);
            for (Path f : notFiles) {
                assertThat(summary.problems()).anySatisfy(p -> assertThat(p)
                        .contains(f + ": is a directory, not a regular file"));
            }
        }
    }
}
