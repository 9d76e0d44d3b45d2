package io.aos.ops.golden.summary;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.concurrent.ChunkedWork;
import io.aos.ops.core.concurrent.OfferedTask;
import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.concurrent.Executor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Summarises shadow simulation directories (each the root holding {@code reports/} and {@code golden/}). Reads
 * every {@code reports/cycle_N.json} in numeric order; counts golden files from the directory listing without
 * opening them. Anything that makes the numbers untrustworthy is a problem and fails the verdict: a report that
 * cannot be read (bad JSON, or a count that is negative, a fraction, null or too large, which
 * {@link CycleReportReader} refuses), a report without its {@code shadow} counts or whose {@code matches} and
 * {@code mismatches} do not add up to {@code total_replays}, a {@code cycle_*.json} whose number is not a plain
 * decimal that fits a long (never skipped in silence: it may hold a mismatch), a directory with no cycle reports, or a
 * path without {@code reports/} (such as the {@code .../golden} directory the old runbook passed), which upstream's
 * tool reported as a PASS. A cycle whose report says {@code passed: false} or lists a mismatch detail fails the
 * verdict even when its {@code mismatches} count is 0. The same directory given twice (by another spelling or a link)
 * is read once.
 *
 * <p>Thread safety: immutable; one instance may summarise from several threads at once. It starts no thread of its
 * own: work besides the calling thread runs only on an executor given with {@link #withExecutor}.
 */
public final class GoldenSummary {

    private final Clock clock;
    private final Executor executor;

    private GoldenSummary(Clock clock, Executor executor) {
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * A summariser that stamps its summaries with {@code clock} and does all its work on the calling thread.
     *
     * @param clock the clock whose instant a summary is generated at
     * @return the summariser
     * @throws NullPointerException if {@code clock} is null
     */
    public static GoldenSummary withClock(Clock clock) {
        return new GoldenSummary(checkNotNull(clock, "clock"), MoreExecutors.directExecutor());
    }

    /**
     * A copy that lists the golden directories and reads the cycle reports (in chunks of a few hundred) on
     * {@code executor}'s threads beside the calling thread: after 24 hours a golden directory holds some 26,000
     * files, a stat each, beside 2,880 reports. The summary is the same either way. The calling thread takes the
     * chunks and listings no other thread has begun, so an executor that is busy, saturated, shut down or never runs
     * its tasks (even the pool whose thread calls {@link #summarize}) costs time, never a hang.
     *
     * @param executor where the listings run; {@link MoreExecutors#directExecutor()} for the calling thread
     * @return the new summariser; this one is unchanged
     * @throws NullPointerException if {@code executor} is null
     */
    public GoldenSummary withExecutor(Executor executor) {
        return new GoldenSummary(clock, checkNotNull(executor, "executor"));
    }

    /**
     * Summarises the runs below {@code directories}, merged into one summary. Nothing is thrown for a directory
     * that is missing, unreadable or holds no cycle reports: that is a problem in the summary, which fails its
     * verdict. A directory given again (the same real path) is read once and listed in
     * {@link ShadowSummary#ignoredDirectories}.
     *
     * @param given shadow run directories (each holding {@code reports/} and {@code golden/}), at least one
     * @return the merged summary
     * @throws NullPointerException if {@code given} or one of its directories is null
     * @throws IllegalArgumentException if {@code given} is empty
     */
    public ShadowSummary summarize(List<Path> given) {
        checkNotNull(given, "directories");
        checkArgument(!given.isEmpty(), "at least one directory is needed");
        List<ShadowSummary.IgnoredDirectory> ignored = new ArrayList<>();
        List<Path> directories = distinct(given, ignored);
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
        List<OfferedTask<long[]>> goldenCounts = new ArrayList<>();
        List<List<String>> goldenProblems = new ArrayList<>();
        for (Path dir : directories) {
            List<String> problemsOfDir = Collections.synchronizedList(new ArrayList<>());
            goldenProblems.add(problemsOfDir);
            Path golden = ShadowRunLayout.of(dir).goldenDir();
            goldenCounts.add(OfferedTask.offer(executor, () -> countGolden(golden, problemsOfDir)));
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
                    ShadowRunLayout.CycleReportListing listing = layout.listCycleReports();
                    reports = listing.reports();
                    for (Path odd : listing.notUnderstood()) {
                        dirProblems.add(odd + ": cycle report name not understood (N in cycle_N.json must be a plain "
                                + "decimal number that fits a long); not read, so any mismatch in it is not counted");
                    }
                } catch (IOException e) {
                    reports = List.of();
                    dirProblems.add(layout.reportsDir() + " cannot be listed: " + e.getMessage());
                }
                if (reports.isEmpty() && dirProblems.isEmpty()) {
                    dirProblems.add(layout.reportsDir() + " holds no cycle_N.json reports: zero cycles ran");
                }
                // Read in chunks by the executor's threads and this one (beside the golden listing), folded below in
                // cycle order, so the summary is the one a sequential read gives.
                List<ShadowSummary.CycleRow> read = ChunkedWork.map(reports, CHUNK, executor, file -> readRow(dir, file));
                for (int ri = 0; ri < read.size(); ri++) {
                    ShadowSummary.CycleRow row = read.get(ri);
                    rows.add(row);
                    if (!row.readable()) {
                        dirProblems.add("cycle report " + row.error());
                        continue;
                    }
                    long n = row.cycle();
                    CycleReport report = row.report();
                    dirCycles++;
                    inconsistency(reports.get(ri), report).ifPresent(dirProblems::add);
                    for (String field : row.missing()) {
                        dirProblems.add(missing(reports.get(ri), field));
                    }
                    // counts are at most CycleReportReader.MAX_COUNT, so no sum over the reports a directory can hold
                    // overflows; addExact says so loudly if that ever stops being true
                    workflows = Math.addExact(workflows, report.primary() == null ? 0 : report.primary().total());
                    long m = report.shadow() == null ? 0 : report.shadow().mismatches();
                    replays = Math.addExact(replays, report.shadow() == null ? 0 : report.shadow().totalReplays());
                    mismatchCount = Math.addExact(mismatchCount, m);
                    if (failing(report)) {
                        cyclesWithMismatches++;
                    }
                    for (CycleReport.MismatchDetail d : report.mismatchDetails()) {
                        mismatches.add(new ShadowSummary.Mismatch(dir, n, d));
                    }
                }
            }
            long[] golden = goldenCounts.get(di).join(); // listed here if no thread has begun
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
                cyclesWithMismatches, mismatches, rows, goldenFiles, goldenBytes, problems, ignored);
    }

    /**
     * Whether a cycle failed by its own report: a mismatch counted, {@code passed} not true, or a mismatch detail
     * listed. Any one is enough, so a report that contradicts itself ({@code passed: false} with 0 mismatches, a
     * detail with {@code mismatches: 0}) fails rather than passes.
     */
    static boolean failing(CycleReport report) {
        return report.shadow() != null && report.shadow().mismatches() > 0 || !report.passed()
                || !report.mismatchDetails().isEmpty();
    }

    /**
     * What makes a readable report's counts untrustworthy, naming the file: no {@code shadow} object (upstream's runner
     * and this suite's always write one; without it the replays and mismatches are unknown), or {@code matches} +
     * {@code mismatches} other than {@code total_replays} (replays cut short by the emergency stop are in neither).
     */
    static Optional<String> inconsistency(Path file, CycleReport report) {
        CycleReport.Shadow sh = report.shadow();
        if (sh == null) {
            return Optional.of("cycle report " + file + ": has no shadow object, so its replays and "
                    + "mismatches are unknown (every runner writes shadow.total_replays, matches and mismatches)");
        }
        if (sh.matches() + sh.mismatches() != sh.totalReplays()) {
            return Optional.of("cycle report " + file + ": counts do not add up: shadow.matches "
                    + sh.matches() + " + shadow.mismatches " + sh.mismatches() + " is not shadow.total_replays "
                    + sh.totalReplays());
        }
        return Optional.empty();
    }

    /**
     * A field every runner writes that a report lacks, named as missing: read as {@code false} or 0 it would pass for
     * a value the run never wrote.
     */
    static String missing(Path file, String field) {
        return "cycle report " + file + ": " + switch (field) {
            case "passed" -> "has no passed field, so whether the cycle passed is unknown";
            case "primary" -> "has no primary object, so its workflows are unknown (every runner writes "
                    + "primary.total, successful and failed)";
            case "shadow.mismatches" -> "its shadow object has no mismatches count, so its mismatches are unknown "
                    + "(every runner writes shadow.mismatches)";
            default -> "has no " + field;
        };
    }

    /**
     * {@code given} without the directories that are the same as an earlier one (by real path, so {@code run1},
     * {@code ./run1/} and a link to it are one; by absolute normalised path for one that does not exist), each left out
     * noted in {@code ignored}. Reading a directory twice would count its cycles and mismatches twice.
     */
    private static List<Path> distinct(List<Path> given, List<ShadowSummary.IgnoredDirectory> ignored) {
        Map<Path, Path> firstByKey = new HashMap<>();
        List<Path> kept = new ArrayList<>();
        for (Path dir : given) {
            checkNotNull(dir, "a directory is null");
            Path key;
            try {
                key = dir.toRealPath();
            } catch (IOException | SecurityException e) {
                key = dir.toAbsolutePath().normalize();
            }
            Path first = firstByKey.putIfAbsent(key, dir);
            if (first == null) {
                kept.add(dir);
            } else {
                ignored.add(new ShadowSummary.IgnoredDirectory(dir, first));
            }
        }
        return kept;
    }

    /** Cycle reports per task: some 10 ms of reading each in a cold JVM, a dozen tasks for a 24-hour run. */
    private static final int CHUNK = 256;

    private static ShadowSummary.CycleRow readRow(Path dir, Path file) {
        long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
        try {
            CycleReportReader.Checked checked = CycleReportReader.readChecked(file);
            return new ShadowSummary.CycleRow(dir, n, checked.report(), null, checked.missing());
        } catch (AosOpsException e) {
            return new ShadowSummary.CycleRow(dir, n, null, e.getMessage(), List.of());
        }
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
        long[] count = {0, 0};
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(golden)) {
            for (Path p : stream) {
                count(p, count);
            }
        } catch (IOException e) {
            problems.add(golden + " cannot be listed: " + e.getMessage());
        } catch (DirectoryIteratorException e) {
            problems.add(golden + " cannot be listed: " + e.getCause().getMessage());
        }
        return count;
    }

    /**
     * Adds {@code p} to {@code count} (files, bytes) when it is a golden trace and a regular file (one removed since
     * the listing named it, as a retention clean-up running meanwhile does, is not one). A method of its
     * own, not the body of the listing's loop: the JIT compiles it after a few hundred entries, where the loop of a
     * method called once would run interpreted until an on-stack replacement tens of thousands of entries in (a
     * day's golden directory holds some 26,000).
     */
    private static void count(Path p, long[] count) throws IOException {
        if (!GoldenFileKind.of(p.getFileName().toString()).isTrace()) {
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isRegularFile()) {
            count[0]++;
            count[1] += attrs.size();
        }
    }
}
