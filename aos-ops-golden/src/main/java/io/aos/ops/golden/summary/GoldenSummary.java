package io.aos.ops.golden.summary;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.List;

/**
 * Summarises shadow simulation directories (each the root holding {@code reports/} and {@code golden/}). Reads
 * every {@code reports/cycle_N.json} in numeric order; counts golden files from the directory listing without
 * opening them. Anything that makes the numbers untrustworthy is a problem and fails the verdict: a report that
 * cannot be read, a directory with no cycle reports, or a path without {@code reports/} (such as the
 * {@code .../golden} directory the old runbook passed), which upstream's tool reported as a PASS.
 */
public final class GoldenSummary {

    /** One daemon thread, so that a summary never keeps a JVM alive. */
    private static final Executor GOLDEN_LISTER = task -> {
        Thread t = new Thread(task, "golden-lister");
        t.setDaemon(true);
        t.start();
    };

    private final Clock clock;

    private GoldenSummary(Clock clock) {
        this.clock = clock;
    }

    public static GoldenSummary withClock(Clock clock) {
        return new GoldenSummary(checkNotNull(clock, "clock"));
    }

    /** Summarises the runs below {@code directories}, merged into one summary. */
    public ShadowSummary summarize(List<Path> directories) {
        checkNotNull(directories, "directories");
        checkArgument(!directories.isEmpty(), "at least one directory is needed");
        List<ShadowSummary.Directory> dirs = new ArrayList<>();
        List<ShadowSummary.CycleRow> rows = new ArrayList<>();
        List<ShadowSummary.Mismatch> mismatches = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long cycles = 0;
        long workflows = 0;
        long replays = 0;
        long mismatchCount = 0;
        long cyclesWithMismatches = 0;
        long goldenFiles = 0;
        long goldenBytes = 0;
        // Listing the golden directories (a stat per file, 25,920 after 24 hours) overlaps with reading the reports.
        List<CompletableFuture<long[]>> goldenCounts = new ArrayList<>();
        List<List<String>> goldenProblems = new ArrayList<>();
        for (Path dir : directories) {
            List<String> problemsOfDir = Collections.synchronizedList(new ArrayList<>());
            goldenProblems.add(problemsOfDir);
            Path golden = ShadowRunLayout.of(dir).goldenDir();
            goldenCounts.add(CompletableFuture.supplyAsync(() -> countGolden(golden, problemsOfDir), GOLDEN_LISTER));
        }
        for (int di = 0; di < directories.size(); di++) {
            Path dir = directories.get(di);
            List<String> dirProblems = new ArrayList<>();
            ShadowRunLayout layout = ShadowRunLayout.of(dir);
            long dirCycles = 0;
            if (!Files.isDirectory(dir)) {
                dirProblems.add(dir + " does not exist or is not a directory");
            } else if (!Files.isDirectory(layout.reportsDir())) {
                dirProblems.add(noReports(dir));
            } else {
                List<Path> reports;
                try {
                    reports = layout.cycleReports();
                } catch (IOException e) {
                    reports = List.of();
                    dirProblems.add(layout.reportsDir() + " cannot be listed: " + e.getMessage());
                }
                if (reports.isEmpty() && dirProblems.isEmpty()) {
                    dirProblems.add(layout.reportsDir() + " holds no cycle_N.json reports: zero cycles ran");
                }
                for (Path file : reports) {
                    long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
                    CycleReport report;
                    try {
                        report = CycleReportReader.read(file);
                    } catch (AosOpsException e) {
                        rows.add(new ShadowSummary.CycleRow(dir, n, null, e.getMessage()));
                        dirProblems.add("cycle report " + e.getMessage());
                        continue;
                    }
                    rows.add(new ShadowSummary.CycleRow(dir, n, report, null));
                    dirCycles++;
                    workflows += report.primary() == null ? 0 : report.primary().total();
                    long m = report.shadow() == null ? 0 : report.shadow().mismatches();
                    replays += report.shadow() == null ? 0 : report.shadow().totalReplays();
                    mismatchCount += m;
                    if (m > 0 || !report.mismatchDetails().isEmpty()) {
                        cyclesWithMismatches++;
                    }
                    for (CycleReport.MismatchDetail d : report.mismatchDetails()) {
                        mismatches.add(new ShadowSummary.Mismatch(dir, n, d));
                    }
                }
            }
            long[] golden = goldenCounts.get(di).join();
            dirProblems.addAll(goldenProblems.get(di));
            if (golden[0] > 0) {
                goldenFiles += golden[0];
                goldenBytes += golden[1];
            }
            cycles += dirCycles;
            problems.addAll(dirProblems);
            dirs.add(new ShadowSummary.Directory(dir, dirCycles, golden[0], golden[1], dirProblems));
        }
        return new ShadowSummary(clock.instant(), dirs, cycles, workflows, replays, mismatchCount,
                cyclesWithMismatches, mismatches, rows, goldenFiles, goldenBytes, problems);
    }

    private static String noReports(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && dir.getFileName() != null && dir.getFileName().toString().equals("golden")
                && Files.isDirectory(parent.resolve("reports"))) {
            return dir + " has no reports/ directory: it is the golden/ directory of a run; pass the run directory "
                    + parent + " instead";
        }
        return dir + " has no reports/ directory: pass a shadow run's output directory (the one holding reports/ "
                + "and golden/)";
    }

    /** {files, bytes} of the golden traces in {@code golden/}, by listing only; {-1, 0} when there is none. */
    private static long[] countGolden(Path golden, List<String> problems) {
        if (!Files.isDirectory(golden)) {
            return new long[] {-1, 0};
        }
        long files = 0;
        long bytes = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(golden)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".json") && !name.endsWith(".jsonl")) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
                if (attrs.isRegularFile()) {
                    files++;
                    bytes += attrs.size();
                }
            }
        } catch (IOException e) {
            problems.add(golden + " cannot be listed: " + e.getMessage());
        }
        return new long[] {files, bytes};
    }
}
