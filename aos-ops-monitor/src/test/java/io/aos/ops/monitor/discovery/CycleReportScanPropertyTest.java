package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: over generated report directories, the first update of a scan gives exactly what reading each report
 * in cycle order gives (the oracle below, written from the class's documented rules): the counts, the mismatches by
 * cycle, the unreadable reports (a broken newest one is pending, not unreadable, and is read again by the next
 * update), and the reports that are not regular files; so does the incremental update after it. With an executor
 * (a pool, one that never runs its tasks, one that rejects them, one that runs them only after the update returned),
 * the first update gives the same.
 */
class CycleReportScanPropertyTest {

    @TempDir
    Path tmp;

    /** What the one-thread reading in cycle order gives. */
    record Expected(long reports, long workflows, long replays, SortedMap<Long, Long> mismatches,
            List<Path> unreadable, List<String> notFiles) {
    }

    static Expected oracle(List<Path> files) {
        long reports = 0;
        long workflows = 0;
        long replays = 0;
        SortedMap<Long, Long> mismatches = new TreeMap<>();
        List<Path> unreadable = new ArrayList<>();
        List<String> notFiles = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                CycleReportReader.CycleCounts counts = CycleReportReader.readCounts(file);
                reports++;
                workflows += counts.workflows();
                replays += counts.replays();
                if (counts.mismatches() > 0) {
                    mismatches.put(ShadowRunLayout.cycleNumber(file).orElseThrow(), counts.mismatches());
                }
            } catch (AosOpsException e) {
                if (e.getCause() instanceof NotRegularFileException) {
                    notFiles.add(e.getMessage());
                } else if (i < files.size() - 1) {
                    unreadable.add(file);
                }
            }
        }
        return new Expected(reports, workflows, replays, mismatches, unreadable, notFiles);
    }

    static String report(Random random) {
        long total = 1 + random.nextInt(12);
        long mismatches = random.nextInt(4) == 0 ? random.nextInt((int) total + 1) : 0;
        StringBuilder details = new StringBuilder();
        for (long m = 0; m < mismatches && random.nextBoolean(); m++) {
            details.append(m == 0 ? "" : ", ").append("{\"workflow_id\": \"wf-").append(m).append("\"}");
        }
        String spacing = random.nextBoolean() ? " " : "";
        return "{\"primary\":" + spacing + "{\"total\": " + total + ", \"successful\": " + total + ", \"failed\": 0}, "
                + "\"shadow\": {\"total_replays\": " + total + ", \"matches\": " + (total - mismatches)
                + ", \"mismatches\": " + mismatches + "}, \"mismatch_details\": [" + details + "], \"passed\": "
                + (mismatches == 0) + "}\n";
    }

    static boolean parses(Path file) {
        try {
            CycleReportReader.readCounts(file);
            return true;
        } catch (AosOpsException e) {
            return false;
        }
    }

    @Test
    void aFirstListingAndTheUpdateAfterItGiveWhatReadingInCycleOrderGives() throws Exception {
        Random random = new Random(20261202);
        for (int round = 0; round < 24; round++) {
            Path root = tmp.resolve("run" + round);
            List<Path> files = generate(random, root);
            int n = files.size();
            Path reports = root.resolve("reports");

            CycleReportScan scan = new CycleReportScan(ShadowRunLayout.of(root));
            scan.update();
            Expected expected = oracle(files);
            assertThat(scan.reports()).as("round %s", round).isEqualTo(expected.reports());
            assertThat(scan.workflows()).as("round %s", round).isEqualTo(expected.workflows());
            assertThat(scan.replays()).as("round %s", round).isEqualTo(expected.replays());
            assertThat(scan.mismatchesByCycle()).as("round %s", round).isEqualTo(expected.mismatches());
            assertThat(scan.unreadable()).as("round %s", round).isEqualTo(expected.unreadable());
            assertThat(scan.notRegularFiles()).as("round %s", round).isEqualTo(expected.notFiles());

            // the next (incremental) update reads a pending newest again (here it has been completed) and the
            // reports after it, and counts nothing twice
            Path newest = files.get(n - 1);
            if (Files.isRegularFile(newest) && !parses(newest)) {
                Files.writeString(newest, report(random));
            }
            Path added = reports.resolve("cycle_" + (n + 1) + ".json");
            Files.writeString(added, report(random));
            files.add(added);
            scan.update();
            Expected after = oracle(files);
            assertThat(scan.reports()).as("round %s, after", round).isEqualTo(after.reports());
            assertThat(scan.workflows()).as("round %s, after", round).isEqualTo(after.workflows());
            assertThat(scan.mismatchesByCycle()).as("round %s, after", round).isEqualTo(after.mismatches());
            assertThat(scan.unreadable()).as("round %s, after", round).isEqualTo(after.unreadable());
            assertThat(scan.notRegularFiles()).as("round %s, after", round).isEqualTo(after.notFiles());
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withAnExecutorTheFirstUpdateGivesWhatReadingInCycleOrderGives() throws Exception {
        Random random = new Random(20261203);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 12; round++) {
                Path root = tmp.resolve("parallel" + round);
                List<Path> files = generate(random, root);
                Expected expected = oracle(files);
                List<Runnable> late = new ArrayList<>();
                java.util.concurrent.Executor[] executors = {
                    pool,
                    task -> { }, // never runs what it is given
                    task -> {
                        throw new RejectedExecutionException("full");
                    },
                    late::add, // runs it only after the update has returned
                    Runnable::run, // on the calling thread, at once
                };
                for (int e = 0; e < executors.length; e++) {
                    CycleReportScan scan = new CycleReportScan(ShadowRunLayout.of(root), executors[e]);
                    scan.update();
                    String label = "round " + round + ", executor " + e;
                    assertThat(scan.reports()).as(label).isEqualTo(expected.reports());
                    assertThat(scan.workflows()).as(label).isEqualTo(expected.workflows());
                    assertThat(scan.replays()).as(label).isEqualTo(expected.replays());
                    assertThat(scan.mismatchesByCycle()).as(label).isEqualTo(expected.mismatches());
                    assertThat(scan.unreadable()).as(label).isEqualTo(expected.unreadable());
                    assertThat(scan.notRegularFiles()).as(label).isEqualTo(expected.notFiles());
                }
                assertThat(late).as("tasks handed to the late executor").isNotEmpty();
                late.forEach(Runnable::run); // find every chunk taken, and touch nothing
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A run's reports directory below {@code root}: regular reports, some broken, some directories; the files. */
    static List<Path> generate(Random random, Path root) throws Exception {
        Path reports = Files.createDirectories(root.resolve("reports"));
        int n = 200 + random.nextInt(500);
        List<Path> files = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
            Path file = reports.resolve("cycle_" + c + ".json");
            files.add(file);
            int kind = random.nextInt(40);
            if (kind == 0) {
                Files.createDirectory(file);
            } else if (kind == 1) {
                Files.writeString(file, "{\"primary\": {\"total\": 3"); // cut short
            } else if (kind == 2) {
                Files.writeString(file, "");
            } else {
                Files.writeString(file, report(random));
            }
        }
        if (random.nextBoolean()) {
            Files.writeString(files.get(n - 1), "{\"primary\": "); // the newest is being written
        }
        return files;
    }
}
