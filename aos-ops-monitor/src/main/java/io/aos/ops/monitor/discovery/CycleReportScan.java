package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.concurrent.ChunkedWork;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads a run's {@code reports/cycle_N.json} incrementally: the first update lists the directory, later ones only look
 * for {@code cycle_<next>.json}, so a check costs the new reports, not all of them.
 *
 * <p>Upstream's runner creates {@code cycle_N.json} by shell redirection when the cycle starts and fills it when it
 * ends, so the newest report may be empty or half written: it is read again next time. An older one that does not
 * parse is reported as unreadable. A report that is not a regular file (a FIFO, a directory) is never opened: it is
 * reported at once, newest or not, and the reports after it are read.
 *
 * <p>With an executor, the first update reads the listed reports with {@link ChunkedWork} (the executor's threads
 * and the calling thread together; a one-shot {@code cron-check} of a 24-hour upstream run reads its 2,880 reports
 * that way); what it finds is then taken in cycle order, so every figure, list and message is what one thread gives.
 */
public final class CycleReportScan {

    /** Reports per chunk handed to another thread: large enough that a hand-off costs nothing next to the reads. */
    static final int CHUNK = 128;

    private final ShadowRunLayout layout;
    private final Executor executor;
    private boolean listed;
    private long next = 1;
    private long reports;
    private long workflows;
    private long replays;
    private final SortedMap<Long, Long> mismatchesByCycle = new TreeMap<>();
    private final List<Path> unreadable = new ArrayList<>();
    private final List<String> notFiles = new ArrayList<>();

    /** What reading one report gave. */
    private enum Read { READ, UNPARSED, NOT_A_FILE }

    /**
     * One report as read, before it is counted: the counts, or why there are none.
     *
     * @param read    what reading gave
     * @param counts  the counts when READ
     * @param problem the message when NOT_A_FILE
     */
    private record Outcome(Read read, CycleReportReader.CycleCounts counts, String problem) {
    }

    /**
     * A scan that reads every report on the calling thread.
     *
     * @param layout the run's files
     */
    public CycleReportScan(ShadowRunLayout layout) {
        this(layout, MoreExecutors.directExecutor());
    }

    /**
     * A scan whose first update reads the reports on {@code executor} beside the calling thread.
     *
     * @param layout   the run's files
     * @param executor runs chunks of reads ({@link MoreExecutors#directExecutor()}: the calling thread alone)
     */
    public CycleReportScan(ShadowRunLayout layout, Executor executor) {
        this.layout = checkNotNull(layout, "layout");
        this.executor = checkNotNull(executor, "executor");
    }

    /** Reads the reports written since the last update. */
    public void update() throws IOException {
        if (!listed) {
            List<Path> all = layout.cycleReports();
            listed = true;
            List<Outcome> outcomes = ChunkedWork.map(all, CHUNK, executor, OUTCOME_OF);
            for (int i = 0; i < all.size(); i++) {
                Path file = all.get(i);
                long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
                boolean newest = i == all.size() - 1;
                if (apply(file, outcomes.get(i)) == Read.UNPARSED && newest) {
                    next = n;
                    return;
                }
                next = n + 1;
            }
            return;
        }
        while (true) {
            Path file = layout.cycleReport(next);
            if (!Files.exists(file)) {
                return;
            }
            if (read(file) == Read.UNPARSED && !Files.exists(layout.cycleReport(next + 1))) {
                return;
            }
            next++;
        }
    }

    /** Reads a report into its outcome, on any thread (a class, not a method reference: read by a cold check). */
    private static final Function<Path, Outcome> OUTCOME_OF = new Function<>() {
        @Override
        public Outcome apply(Path file) {
            return outcome(file);
        }
    };

    /** Reads one report, on any thread: touches nothing of the scan's. */
    private static Outcome outcome(Path file) {
        try {
            return new Outcome(Read.READ, CycleReportReader.readCounts(file), null);
        } catch (AosOpsException e) {
            if (e.getCause() instanceof NotRegularFileException) {
                return new Outcome(Read.NOT_A_FILE, null, e.getMessage());
            }
            return new Outcome(Read.UNPARSED, null, null);
        }
    }

    /** Reads one report and counts it: see {@link #apply}. */
    private Read read(Path file) {
        return apply(file, outcome(file));
    }

    /**
     * Counts one report as read: UNPARSED if it does not parse (and then, if it is not the newest, it is noted
     * unreadable), NOT_A_FILE if it is not a regular file (noted at once, with what it is).
     */
    private Read apply(Path file, Outcome outcome) {
        if (outcome.read() == Read.NOT_A_FILE) {
            notFiles.add(outcome.problem());
            return Read.NOT_A_FILE;
        }
        if (outcome.read() == Read.UNPARSED) {
            if (!unreadable.contains(file)) {
                unreadable.add(file);
            }
            return Read.UNPARSED;
        }
        CycleReportReader.CycleCounts report = outcome.counts();
        unreadable.remove(file);
        long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
        reports++;
        workflows += report.workflows();
        replays += report.replays();
        if (report.mismatches() > 0) {
            mismatchesByCycle.put(n, report.mismatches());
        }
        return Read.READ;
    }

    /** Reports read. */
    public long reports() {
        return reports;
    }

    public long workflows() {
        return workflows;
    }

    public long replays() {
        return replays;
    }

    /** Mismatches summed over every report read. */
    public long mismatches() {
        return mismatchesByCycle.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cycle number to mismatch count, for cycles with at least one. */
    public SortedMap<Long, Long> mismatchesByCycle() {
        return Collections.unmodifiableSortedMap(mismatchesByCycle);
    }

    /** Reports that are not regular files, each as {@code <file>: is a FIFO, not a regular file}; never opened. */
    public List<String> notRegularFiles() {
        return List.copyOf(notFiles);
    }

    /**
     * Reports that exist but do not parse and are not the newest (which may still be being written). The newest is
     * listed too while it is pending, so callers should treat only files below the newest as broken.
     */
    public List<Path> unreadable() {
        return unreadable.stream().filter(p -> ShadowRunLayout.cycleNumber(p).orElseThrow() < next).toList();
    }
}
