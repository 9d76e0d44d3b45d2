package io.aos.ops.monitor.log;

/**
 * What one line of a shadow-run log says, as far as a monitor cares. Each variant carries the numbers of its line, so
 * counts come from parsed integers and never from counting words: {@code Cycle 5: 9 workflows, 9 replays, 0 mismatches}
 * is a cycle with zero mismatches, not a mismatch.
 */
public sealed interface LogEvent {

    /** {@code Running cycle N...} (upstream prints it only with --verbose). */
    record CycleStarted(long cycle) implements LogEvent {
    }

    /** {@code Cycle N: W workflows, R replays, M mismatches}: a cycle's result line. */
    record CycleFinished(long cycle, long workflows, long replays, long mismatches) implements LogEvent {
    }

    /**
     * {@code Cycle N: M mismatches detected!} or {@code ALERT: Shadow simulation detected M mismatches in cycle N}: both
     * describe the same cycle, so a reader keeps one count per cycle.
     */
    record CycleMismatches(long cycle, long mismatches) implements LogEvent {
    }

    /** {@code Progress: C cycles, W workflows, M mismatches, Ss remaining}: cumulative totals every 10th cycle. */
    record Progress(long cycles, long workflows, long mismatches, long remainingSeconds) implements LogEvent {
    }

    /**
     * The run reached its end: {@code Shadow simulation complete...}, {@code ALERT: Shadow simulation completed
     * successfully: W workflows, R replays, M mismatches}, or the final {@code SHADOW SIMULATION PASSED}/{@code FAILED}
     * verdict ({@code passed} false), with {@code Detected M mismatches across R replays.} Numbers are -1 when the line
     * has none.
     */
    record Finished(boolean passed, long mismatches, long replays) implements LogEvent {
    }

    /** A field of the final report block, e.g. {@code   Cycles Completed:   2829}. */
    record ReportField(String name, long value) implements LogEvent {
    }

    /** {@code Shutting down shadow simulation...}: stopped by SIGINT/SIGTERM. */
    record Shutdown() implements LogEvent {
    }

    /** Any other line (banner, blank, unknown). */
    record Other() implements LogEvent {
    }
}
