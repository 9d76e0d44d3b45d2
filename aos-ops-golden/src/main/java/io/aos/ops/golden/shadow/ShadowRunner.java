package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The shadow simulation: cycle after cycle, workers run primary workflows and record their golden files, then the
 * shadow phase replays a sample of recorded runs with the same seed and compares. A mismatch is counted, classified
 * and written to the cycle report; it never ends the run (unless {@code failFast}). At the end, or when
 * {@link #requestStop()} is called (the CLI calls it on SIGINT/SIGTERM), the runner writes the summary. State for
 * monitors goes to {@code status.json} after every cycle, and the run's log lines to {@code shadow.log}.
 *
 * <p>The runner writes nothing to a console: what happens is reported to a {@link ShadowRunListener}
 * ({@link ShadowRunLog#to} renders it as upstream's log lines, as {@code aos-ops shadow run} does on stdout).
 *
 * <p>A service can run it in-process: build {@link ShadowRunOptions}, pass a {@link WorkflowRegistry} with its own
 * workflows, a {@link StopCheck} and a listener, and call {@link #run()}. One runner runs once; {@link #requestStop()},
 * {@link #awaitFinished} and {@link #result()} are safe from any thread.
 */
public final class ShadowRunner {

    private static final Duration PAUSED_HEARTBEAT = Duration.ofSeconds(30);

    private final ShadowRunOptions options;
    private final WorkflowRegistry registry;
    private final StopCheck emergencyStop;
    private final Clock clock;
    private final ShadowRunListener listener;
    private final ReplayComparator.Classifier classifier;
    private final ShadowRunLayout layout;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final RunCounters counts = new RunCounters();

    private volatile ShadowRunResult result;
    private ShadowRunListener events;
    private RunStatusWriter state;

    /**
     * @param options       what to run
     * @param registry      the workflows to choose from ({@link WorkflowRegistry#builtins()} for upstream's)
     * @param emergencyStop checked before every step and between cycles
     * @param clock         the time for deadlines, log lines and reports
     * @param listener      hears of progress and events ({@link ShadowRunListener#NONE} for none); the run's
     *                      {@code shadow.log} is written either way
     */
    public ShadowRunner(ShadowRunOptions options, WorkflowRegistry registry, StopCheck emergencyStop, Clock clock,
                        ShadowRunListener listener) {
        this(options, registry, emergencyStop, clock, listener, ReplayComparator.Classifier.goldenDiff());
    }

    ShadowRunner(ShadowRunOptions options, WorkflowRegistry registry, StopCheck emergencyStop, Clock clock,
                 ShadowRunListener listener, ReplayComparator.Classifier classifier) {
        this.options = checkNotNull(options, "options");
        this.registry = checkNotNull(registry, "registry");
        this.emergencyStop = checkNotNull(emergencyStop, "emergencyStop");
        this.clock = checkNotNull(clock, "clock");
        this.listener = checkNotNull(listener, "listener");
        this.classifier = checkNotNull(classifier, "classifier");
        this.layout = ShadowRunLayout.of(options.output());
    }

    /**
     * The run's files.
     *
     * @return where the run writes, under {@link ShadowRunOptions#output()}
     */
    public ShadowRunLayout layout() {
        return layout;
    }

    /** Asks the run to stop after the cycle in progress, then write its summary. Safe from any thread. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /**
     * Waits until {@link #run()} has returned.
     *
     * @param timeout how long to wait at most
     * @return true if it has returned
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * How the run ended.
     *
     * @return the result once {@link #run()} has returned, else empty
     */
    public Optional<ShadowRunResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Runs the simulation to its end and returns how it went. Throws {@link AosOpsException} (usage) before starting if
     * the output directory is in use or holds an earlier run.
     *
     * @return how the run ended
     */
    public ShadowRunResult run() {
        ShadowRunLog logFile = null;
        try (RunLock lock = RunLock.acquire(layout)) {
            prepareDirectories();
            // the listener first: a console shows a line before the note that the file could not take it
            logFile = ShadowRunLog.toFile(layout.logFile(), e -> events.logFileFailed(clock.instant(), e));
            events = ShadowRunListener.all(List.of(listener, logFile));
            state = new RunStatusWriter(options, layout, clock, counts);
            counts.startedAt = clock.instant();
            events.runStarted(new ShadowRunListener.Start(counts.startedAt, clock.getZone(), options, layout,
                    lock.pid(), registry.types()));
            state.writeStatus(RunState.RUNNING, null);
            ExecutorService pool = Executors.newFixedThreadPool(options.workers(),
                    new ThreadFactoryBuilder().setNameFormat("shadow-worker-%d").setDaemon(true).build());
            RunState end;
            String message = null;
            try {
                end = loop(pool);
                if (end == RunState.COMPLETED && counts.cycles == 0) {
                    // nothing was compared: monitors must not read this run as a clean completion
                    end = RunState.FAILED;
                } else if (end == RunState.FAILED) {
                    message = "--fail-fast: stopped at the first cycle with a mismatch (cycle " + counts.cycles + ")";
                }
            } catch (RuntimeException | IOException e) {
                end = RunState.FAILED;
                message = "the run broke off: " + e.getMessage();
                events.brokeOff(clock.instant(), e);
            } finally {
                pool.shutdownNow();
            }
            result = finish(end, message);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + layout.root(), e);
        } finally {
            if (logFile != null) {
                logFile.close();
            }
            finished.countDown();
        }
    }

    private void prepareDirectories() throws IOException {
        Files.createDirectories(layout.goldenDir());
        Files.createDirectories(layout.reportsDir());
        Files.createDirectories(tracesDir());
    }

    private Path tracesDir() {
        return layout.root().resolve("traces");
    }

    private RunState loop(ExecutorService pool) throws IOException {
        Instant deadline = deadline();
        ShadowCycle cycle = new ShadowCycle(options, layout, tracesDir(), clock, registry, emergencyStop, classifier);
        while (true) {
            if (stopRequested.getCount() == 0) {
                events.stopping(clock.instant(), ShadowRunListener.StopReason.REQUESTED);
                return RunState.STOPPED;
            }
            if (!moreCycles(deadline)) {
                return RunState.COMPLETED;
            }
            if (emergencyStop.isEngaged()) {
                pauseWhileEngaged(deadline);
                continue;
            }
            long n = counts.cycles + 1;
            events.cycleStarted(clock.instant(), n);
            ShadowCycle.Outcome outcome = cycle.run(n, pool);
            recordCycle(outcome);
            if (outcome.report().shadow().mismatches() > 0 && options.failFast()) {
                events.stopping(clock.instant(), ShadowRunListener.StopReason.FAIL_FAST);
                return RunState.FAILED;
            }
            if (moreCycles(deadline)) {
                pause(options.cycleInterval(), deadline);
            }
        }
    }

    private Instant deadline() {
        if (options.hours().isEmpty()) {
            return null;
        }
        long millis = Math.round(options.hours().getAsDouble() * 3_600_000d);
        return counts.startedAt.plusMillis(millis);
    }

    private boolean moreCycles(Instant deadline) {
        if (options.maxCycles().isPresent() && counts.cycles >= options.maxCycles().getAsLong()) {
            return false;
        }
        return deadline == null || clock.instant().isBefore(deadline);
    }

    /** Sleeps for the interval, or less if the deadline comes first; a stop request cuts it short. */
    private void pause(Duration interval, Instant deadline) {
        Duration d = interval;
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(d) < 0) {
                d = left.isNegative() ? Duration.ZERO : left;
            }
        }
        if (d.isZero()) {
            return;
        }
        try {
            stopRequested.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }

    private void pauseWhileEngaged(Instant deadline) throws IOException {
        counts.stopEngaged = true;
        events.paused(clock.instant());
        state.writeStatus(RunState.PAUSED, "emergency stop engaged");
        Instant lastBeat = clock.instant();
        while (emergencyStop.isEngaged()) {
            if (stopRequested.getCount() == 0 || (deadline != null && !clock.instant().isBefore(deadline))) {
                return;
            }
            pause(options.pausePollInterval(), deadline);
            if (Duration.between(lastBeat, clock.instant()).compareTo(PAUSED_HEARTBEAT) >= 0) {
                state.writeStatus(RunState.PAUSED, "emergency stop engaged");
                lastBeat = clock.instant();
            }
        }
        counts.stopEngaged = false;
        events.resumed(clock.instant());
        state.writeStatus(RunState.RUNNING, null);
    }

    private void recordCycle(ShadowCycle.Outcome outcome) throws IOException {
        long n = outcome.report().cycle();
        Instant at = clock.instant();
        counts.add(outcome, at);
        for (ShadowRunListener.InjectedFault fault : outcome.faults()) {
            events.faultInjected(at, fault);
        }
        if (outcome.stopped() > 0) {
            events.workflowsEmergencyStopped(at, n, outcome.stopped(), outcome.report().primary().total());
        }
        if (outcome.failed() > 0) {
            events.workflowsFailed(at, n, outcome.failed(), outcome.firstError());
        }
        state.writeStatus(RunState.RUNNING, null);
        for (MismatchDetail d : outcome.report().mismatchDetails()) {
            events.mismatch(at, n, d);
        }
        events.cycleFinished(at, outcome.report(), new ShadowRunListener.Totals(counts.cycles, counts.workflows,
                counts.replays, counts.mismatches, counts.cyclesWithMismatches, remainingSeconds()));
    }

    private long remainingSeconds() {
        Instant now = clock.instant();
        Instant deadline = deadline();
        long byTime = deadline == null ? Long.MAX_VALUE : Math.max(0, Duration.between(now, deadline).toSeconds());
        long byCycles = Long.MAX_VALUE;
        if (options.maxCycles().isPresent() && counts.cycles > 0) {
            double perCycle = Duration.between(counts.startedAt, now).toMillis() / 1000d / counts.cycles;
            byCycles = Math.round(perCycle * Math.max(0, options.maxCycles().getAsLong() - counts.cycles));
        }
        return Math.min(byTime, byCycles);
    }

    private ShadowRunResult finish(RunState end, String failure) throws IOException {
        Instant now = clock.instant();
        boolean passed = counts.cycles > 0 && counts.mismatches == 0 && end != RunState.FAILED;
        String message = failure;
        if (message == null && counts.cycles == 0) {
            message = "no cycle completed, so nothing was compared";
        }
        Path summary = state.writeSummary(end, now, passed);
        state.writeStatus(end, message);
        ShadowRunResult r = new ShadowRunResult(end, counts.cycles, counts.workflows, counts.replays,
                counts.mismatches, layout.root(), summary, message);
        events.runFinished(new ShadowRunListener.Finish(now, r, Duration.between(counts.startedAt, now), options,
                layout));
        return r;
    }
}
