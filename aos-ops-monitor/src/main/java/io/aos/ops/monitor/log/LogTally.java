package io.aos.ops.monitor.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Running totals of a shadow-run log, fed one line at a time (so a tail can feed it incrementally).
 *
 * <p>Counts are per cycle number, never per matching line: a cycle that has both {@code Cycle 7: 3 mismatches
 * detected!} and {@code ALERT: ... 3 mismatches in cycle 7} has 3 mismatches, not 6; a {@code Progress:} line is a
 * cumulative total, not another successful cycle, so successful cycles never exceed cycles.
 */
public final class LogTally {

    private final BitSet started = new BitSet();
    private final BitSet succeeded = new BitSet();
    private final Map<Long, Long> mismatchesByCycle = new TreeMap<>();
    private long highestCycle;
    private long workflowsFromCycles;
    private Optional<LogEvent.Progress> lastProgress = Optional.empty();
    private final Map<String, Long> report = new TreeMap<>();
    private Optional<LogEvent.Finished> finished = Optional.empty();
    private boolean shutdown;
    private Optional<String> lastTime = Optional.empty();
    /** The {@code HH:MM:SS} of the latest tagged line when a line read from bytes set it (else length 0). */
    private final byte[] lastTimeBytes = new byte[8];
    private boolean lastTimeInBytes;
    private long lines;

    /** Parses {@code rawLine} and adds what it says. */
    public void accept(String rawLine) {
        accept(LogLine.parse(rawLine));
    }

    /**
     * Adds what one line, given as the UTF-8 bytes {@code bytes[offset, offset + length)} without its {@code \n}, says:
     * the same as {@link #accept(String)} of the decoded line. The lines a runner writes every cycle ({@code Running
     * cycle N...}, {@code Cycle N: W workflows, R replays, M mismatches}, {@code Progress: ...}, with upstream's colour
     * codes) are read from the bytes without decoding them or running a regular expression; any other line is decoded
     * and parsed by {@link LogLine#parse}. A 24-hour upstream log is ~6,000 such lines, read by a cron check in a fresh
     * JVM.
     */
    public void accept(byte[] bytes, int offset, int length) {
        if (!FastLine.accept(this, bytes, offset, length)) {
            accept(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    /** Adds what {@code line} says. */
    public void accept(LogLine line) {
        lines++;
        if (line.time().isPresent()) {
            lastTime = line.time();
            lastTimeInBytes = false;
        }
        LogEvent event = line.event();
        if (event instanceof LogEvent.CycleStarted e) {
            mark(started, e.cycle());
        } else if (event instanceof LogEvent.CycleFinished e) {
            cycleFinished(e);
        } else if (event instanceof LogEvent.CycleMismatches e) {
            highestCycle = Math.max(highestCycle, e.cycle());
            if (e.mismatches() > 0) {
                mismatchesByCycle.merge(e.cycle(), e.mismatches(), Math::max);
            }
        } else if (event instanceof LogEvent.Progress e) {
            lastProgress = Optional.of(e);
        } else if (event instanceof LogEvent.Finished e) {
            finished = Optional.of(e);
        } else if (event instanceof LogEvent.ReportField e) {
            report.put(e.name(), e.value());
        } else if (event instanceof LogEvent.Shutdown) {
            shutdown = true;
        }
    }

    /** A line read by {@link FastLine}: what {@link #accept(LogLine)} does for the same line, without the LogLine. */
    void acceptTagged(byte[] bytes, int timeOffset, LogEvent event) {
        lines++;
        System.arraycopy(bytes, timeOffset, lastTimeBytes, 0, 8);
        lastTimeInBytes = true;
        if (event instanceof LogEvent.CycleStarted e) {
            mark(started, e.cycle());
        } else if (event instanceof LogEvent.CycleFinished e) {
            cycleFinished(e);
        } else if (event instanceof LogEvent.Progress e) {
            lastProgress = Optional.of(e);
        } else {
            throw new IllegalArgumentException("not a per-cycle event: " + event);
        }
    }

    private void cycleFinished(LogEvent.CycleFinished e) {
        mark(started, e.cycle());
        if (e.mismatches() == 0) {
            if (!succeeded.get(index(e.cycle()))) {
                workflowsFromCycles += e.workflows();
            }
            mark(succeeded, e.cycle());
        } else {
            mismatchesByCycle.merge(e.cycle(), e.mismatches(), Math::max);
        }
    }

    private void mark(BitSet set, long cycle) {
        highestCycle = Math.max(highestCycle, cycle);
        set.set(index(cycle));
    }

    private static int index(long cycle) {
        return (int) Math.min(Math.max(cycle, 0), Integer.MAX_VALUE - 1);
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** Cycles the log shows: the highest cycle number seen, or the latest progress or final report if higher. */
    public long cycles() {
        long cycles = Math.max(highestCycle, started.cardinality());
        cycles = Math.max(cycles, lastProgress.map(LogEvent.Progress::cycles).orElse(0L));
        return Math.max(cycles, report.getOrDefault("Cycles Completed", 0L));
    }

    /**
     * Cycles that finished without a mismatch. From the per-cycle lines when the log has them (upstream's
     * {@code --verbose}); otherwise the cycles shown minus those with mismatches. Never more than {@link #cycles()}.
     */
    public long successfulCycles() {
        long success = succeeded.cardinality();
        if (success == 0 && started.isEmpty()) {
            success = Math.max(0, cycles() - cyclesWithMismatches());
        }
        return Math.min(success, cycles());
    }

    /** Cycles with at least one mismatch that the log names. */
    public long cyclesWithMismatches() {
        return mismatchesByCycle.size();
    }

    /** Cycle number to mismatch count, for the cycles the log names. */
    public java.util.SortedMap<Long, Long> mismatchesByCycle() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(mismatchesByCycle));
    }

    /** The cycle numbers with mismatches, in order. */
    public List<Long> mismatchCycles() {
        return new ArrayList<>(mismatchesByCycle.keySet());
    }

    /**
     * Mismatches: the sum over cycles, or a cumulative total (progress line, final report, final verdict) when that is
     * higher, since a non-verbose log names no cycle.
     */
    public long mismatches() {
        long sum = mismatchesByCycle.values().stream().mapToLong(Long::longValue).sum();
        sum = Math.max(sum, lastProgress.map(LogEvent.Progress::mismatches).orElse(0L));
        sum = Math.max(sum, report.getOrDefault("Mismatches", 0L));
        return Math.max(sum, finished.map(LogEvent.Finished::mismatches).orElse(0L));
    }

    /** Workflows: the latest cumulative figure the log gives. */
    public long workflows() {
        long workflows = Math.max(workflowsFromCycles, lastProgress.map(LogEvent.Progress::workflows).orElse(0L));
        return Math.max(workflows, report.getOrDefault("Total Workflows", 0L));
    }

    /** The end of the run, if the log shows it. */
    public Optional<LogEvent.Finished> finished() {
        return finished;
    }

    /** True if the run logged a SIGINT/SIGTERM shutdown. */
    public boolean shutdown() {
        return shutdown;
    }

    /** The {@code HH:MM:SS} of the latest tagged line. */
    public Optional<String> lastTime() {
        return lastTimeInBytes ? Optional.of(new String(lastTimeBytes, StandardCharsets.US_ASCII)) : lastTime;
    }
}
