package io.aos.ops.golden.shadow;

import java.time.Instant;

/** The running counts of one shadow run; touched only by the thread that runs it. */
final class RunCounters {

    Instant startedAt;
    Instant lastCycleAt;
    long cycles;
    long workflows;
    long failedWorkflows;
    long stoppedWorkflows;
    long replays;
    long mismatches;
    long cyclesWithMismatches;
    boolean stopEngaged;

    /** Adds a finished cycle. */
    void add(ShadowCycle.Outcome outcome, Instant at) {
        cycles = outcome.report().cycle();
        workflows += outcome.report().primary().total();
        replays += outcome.report().shadow().totalReplays();
        long m = outcome.report().shadow().mismatches();
        mismatches += m;
        if (m > 0) {
            cyclesWithMismatches++;
        }
        failedWorkflows += outcome.failed();
        stoppedWorkflows += outcome.stopped();
        lastCycleAt = at;
    }
}
