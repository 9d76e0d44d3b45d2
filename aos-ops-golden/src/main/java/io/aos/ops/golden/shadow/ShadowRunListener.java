package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a {@link ShadowRunner} reports while it runs: progress, mismatches, injected faults, pauses and the end. The
 * runner writes nothing to a console; a caller that wants log lines passes {@link ShadowRunLog#to}, a service
 * passes its own listener (metrics, alerts), or both with {@link #all}.
 *
 * <p>Every method has an empty default, so a listener overrides only what it needs. Events arrive one at a time, in
 * order, on the thread that called {@link ShadowRunner#run()}. When an event about a cycle arrives, that cycle's
 * report and {@code status.json} are on disk. A listener that throws breaks the run off (it ends as failed), so a
 * listener should not throw. Each event carries the runner clock's instant it happened at.
 */
public interface ShadowRunListener {

    /** A listener that ignores every event. */
    ShadowRunListener NONE = new ShadowRunListener() {
    };

    /**
     * The run holds its directory and starts its first cycle.
     *
     * @param at            when
     * @param zone          the zone of the runner's clock, for showing times
     * @param options       what the run does
     * @param layout        the run's files
     * @param pid           the process id written to {@code shadow.pid}
     * @param workflowTypes the workflow types the run draws from
     */
    record Start(Instant at, ZoneId zone, ShadowRunOptions options, ShadowRunLayout layout, long pid,
                 List<String> workflowTypes) {
    }

    /**
     * The run's totals after a cycle.
     *
     * @param cycles               cycles completed
     * @param workflows            primary workflows run
     * @param replays              replays compared
     * @param mismatches           replays that did not match
     * @param cyclesWithMismatches cycles with at least one mismatch
     * @param remainingSeconds     estimated seconds left (by time or by cycles, whichever ends first)
     */
    record Totals(long cycles, long workflows, long replays, long mismatches, long cyclesWithMismatches,
                  long remainingSeconds) {
    }

    /**
     * A primary run carries an injected flaw ({@code --inject}); its replays will diverge in that way.
     *
     * @param cycle        the cycle
     * @param runId        the primary run
     * @param workflowType its workflow type
     * @param kind         the flaw
     * @param step         the 0-based step index where it shows
     */
    record InjectedFault(long cycle, String runId, String workflowType, FaultKind kind, int step) {
    }

    /**
     * The run has ended and written its summary and final {@code status.json}.
     *
     * @param at      when
     * @param result  how it ended
     * @param elapsed from start to end
     * @param options what the run did
     * @param layout  the run's files
     */
    record Finish(Instant at, ShadowRunResult result, Duration elapsed, ShadowRunOptions options,
                  ShadowRunLayout layout) {
    }

    /** Why the run stops before its planned end. */
    enum StopReason {
        /** {@link ShadowRunner#requestStop()} was called (the CLI does on SIGINT/SIGTERM). */
        REQUESTED,
        /** {@code failFast} is set and a cycle had a mismatch. */
        FAIL_FAST
    }

    /**
     * The run starts.
     *
     * @param start what it runs, where
     */
    default void runStarted(Start start) {
    }

    /**
     * A cycle starts.
     *
     * @param at    when
     * @param cycle its number, from 1
     */
    default void cycleStarted(Instant at, long cycle) {
    }

    /**
     * A primary run of the cycle just run carries an injected flaw.
     *
     * @param at    when the cycle ended
     * @param fault which run, which flaw
     */
    default void faultInjected(Instant at, InjectedFault fault) {
    }

    /**
     * Primary workflows of a cycle ended as emergency_stopped.
     *
     * @param at      when the cycle ended
     * @param cycle   the cycle
     * @param stopped how many ended so
     * @param total   the cycle's primary workflows
     */
    default void workflowsEmergencyStopped(Instant at, long cycle, long stopped, long total) {
    }

    /**
     * Primary workflows of a cycle failed.
     *
     * @param at         when the cycle ended
     * @param cycle      the cycle
     * @param failed     how many failed
     * @param firstError the first one's error
     */
    default void workflowsFailed(Instant at, long cycle, long failed, String firstError) {
    }

    /**
     * A replay of the cycle did not match its golden file. Sent before {@link #cycleFinished}.
     *
     * @param at     when the cycle ended
     * @param cycle  the cycle
     * @param detail which run, how it diverged, the root cause (as in the cycle report)
     */
    default void mismatch(Instant at, long cycle, MismatchDetail detail) {
    }

    /**
     * A cycle is done.
     *
     * @param at     when
     * @param report its report, also in {@code reports/cycle_N.json}
     * @param totals the run's totals so far
     */
    default void cycleFinished(Instant at, CycleReport report, Totals totals) {
    }

    /**
     * The emergency stop is engaged: the run pauses until it is released.
     *
     * @param at when
     */
    default void paused(Instant at) {
    }

    /**
     * The emergency stop was released: the run resumes.
     *
     * @param at when
     */
    default void resumed(Instant at) {
    }

    /**
     * The run stops before its planned end.
     *
     * @param at     when
     * @param reason why
     */
    default void stopping(Instant at, StopReason reason) {
    }

    /**
     * The run broke off; it ends as failed.
     *
     * @param at    when
     * @param cause what broke it
     */
    default void brokeOff(Instant at, Exception cause) {
    }

    /**
     * {@code shadow.log} could not be written; the run goes on without it.
     *
     * @param at    when
     * @param cause the write's failure
     */
    default void logFileFailed(Instant at, IOException cause) {
    }

    /**
     * The run has ended. The last event.
     *
     * @param finish how it ended
     */
    default void runFinished(Finish finish) {
    }

    /**
     * A listener that passes every event to each of {@code listeners}, in order.
     *
     * @param listeners the listeners
     * @return one listener for all of them
     */
    static ShadowRunListener all(List<? extends ShadowRunListener> listeners) {
        List<ShadowRunListener> each = List.copyOf(checkNotNull(listeners, "listeners"));
        return new ShadowRunListener() {
            @Override
            public void runStarted(Start start) {
                each.forEach(l -> l.runStarted(start));
            }

            @Override
            public void cycleStarted(Instant at, long cycle) {
                each.forEach(l -> l.cycleStarted(at, cycle));
            }

            @Override
            public void faultInjected(Instant at, InjectedFault fault) {
                each.forEach(l -> l.faultInjected(at, fault));
            }

            @Override
            public void workflowsEmergencyStopped(Instant at, long cycle, long stopped, long total) {
                each.forEach(l -> l.workflowsEmergencyStopped(at, cycle, stopped, total));
            }

            @Override
            public void workflowsFailed(Instant at, long cycle, long failed, String firstError) {
                each.forEach(l -> l.workflowsFailed(at, cycle, failed, firstError));
            }

            @Override
            public void mismatch(Instant at, long cycle, MismatchDetail detail) {
                each.forEach(l -> l.mismatch(at, cycle, detail));
            }

            @Override
            public void cycleFinished(Instant at, CycleReport report, Totals totals) {
                each.forEach(l -> l.cycleFinished(at, report, totals));
            }

            @Override
            public void paused(Instant at) {
                each.forEach(l -> l.paused(at));
            }

            @Override
            public void resumed(Instant at) {
                each.forEach(l -> l.resumed(at));
            }

            @Override
            public void stopping(Instant at, StopReason reason) {
                each.forEach(l -> l.stopping(at, reason));
            }

            @Override
            public void brokeOff(Instant at, Exception cause) {
                each.forEach(l -> l.brokeOff(at, cause));
            }

            @Override
            public void logFileFailed(Instant at, IOException cause) {
                each.forEach(l -> l.logFileFailed(at, cause));
            }

            @Override
            public void runFinished(Finish finish) {
                each.forEach(l -> l.runFinished(finish));
            }
        };
    }
}
