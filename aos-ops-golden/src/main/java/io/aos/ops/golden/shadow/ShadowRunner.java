package io.aos.ops.golden.shadow;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.format.SimulationGolden;
import io.aos.ops.golden.format.SimulationGoldenWriter;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.spi.WorkflowSpec;
import io.aos.ops.golden.shadow.spi.WorkflowStep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shadow simulation: cycle after cycle, workers run primary workflows and record their golden files, then the
 * shadow phase replays a sample of recorded runs with the same seed and compares. A mismatch is logged, counted,
 * classified and written to the cycle report; it never ends the run (unless {@code failFast}). At the end, or when
 * {@link #requestStop()} is called (the CLI calls it on SIGINT/SIGTERM), the runner writes the summary and the final
 * report block. State for monitors goes to {@code status.json} after every cycle.
 *
 * <p>A service can run it in-process: build {@link ShadowRunOptions}, pass a {@link WorkflowRegistry} with its own
 * workflows and a {@link StopCheck}, and call {@link #run()}.
 */
public final class ShadowRunner {

    private static final DateTimeFormatter SUMMARY_TS = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final DateTimeFormatter PY_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final Duration PAUSED_HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration DURABLE_STATUS_EVERY = Duration.ofSeconds(5);
    private static final int SEED_MIN = 10_000;
    private static final int SEED_SPAN = 90_000;

    private final ShadowRunOptions options;
    private final WorkflowRegistry registry;
    private final StopCheck emergencyStop;
    private final Clock clock;
    private final PrintStream out;
    private final boolean color;
    private final ReplayComparator.Classifier classifier;
    private final ShadowRunLayout layout;
    private final WorkflowExecutor executor;
    private final List<String> types;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ReplaySampler sampler = new ReplaySampler(ReplaySampler.DEFAULT_CAPACITY);

    private volatile ShadowRunResult result;
    private ShadowLog log;
    private Instant startedAt;
    private Instant lastCycleAt;
    private long cycles;
    private long workflows;
    private long failedWorkflows;
    private long stoppedWorkflows;
    private long replays;
    private long mismatches;
    private long cyclesWithMismatches;
    private boolean stopEngaged;
    private Instant lastDurableStatus;
    private RunState lastStatusState;

    /**
     * @param options       what to run
     * @param registry      the workflows to choose from ({@link WorkflowRegistry#builtins()} for upstream's)
     * @param emergencyStop checked before every step and between cycles
     * @param clock         the time for deadlines, log lines and reports
     * @param out           where log lines go (stdout in the CLI); they also go to {@code shadow.log}
     * @param color         colour the tags on {@code out}; pass true only for a terminal without NO_COLOR
     */
    public ShadowRunner(ShadowRunOptions options, WorkflowRegistry registry, StopCheck emergencyStop, Clock clock,
                        PrintStream out, boolean color) {
        this(options, registry, emergencyStop, clock, out, color, ReplayComparator.Classifier.goldenDiff());
    }

    ShadowRunner(ShadowRunOptions options, WorkflowRegistry registry, StopCheck emergencyStop, Clock clock,
                 PrintStream out, boolean color, ReplayComparator.Classifier classifier) {
        this.options = checkNotNull(options, "options");
        this.registry = checkNotNull(registry, "registry");
        this.emergencyStop = checkNotNull(emergencyStop, "emergencyStop");
        this.clock = checkNotNull(clock, "clock");
        this.out = checkNotNull(out, "out");
        this.color = color;
        this.classifier = checkNotNull(classifier, "classifier");
        this.layout = ShadowRunLayout.of(options.output());
        this.executor = new WorkflowExecutor(registry, emergencyStop);
        this.types = registry.types();
    }

    /** The run's files. */
    public ShadowRunLayout layout() {
        return layout;
    }

    /** Asks the run to stop after the cycle in progress, then write its summary. Safe from any thread. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has returned; true if it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The result once {@link #run()} has returned, else empty. */
    public Optional<ShadowRunResult> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Runs the simulation to its end and returns how it went. Throws {@link AosOpsException} (usage) before starting if
     * the output directory is in use or holds an earlier run.
     */
    public ShadowRunResult run() {
        try (RunLock lock = RunLock.acquire(layout); ShadowLog shadowLog = new ShadowLog(out, color, clock)) {
            this.log = shadowLog;
            prepareDirectories();
            log.teeTo(layout.logFile());
            startedAt = clock.instant();
            banner(lock.pid());
            writeStatus(RunState.RUNNING, null);
            ExecutorService pool = Executors.newFixedThreadPool(options.workers(), workerThreads());
            RunState end;
            String message = null;
            try {
                end = loop(pool);
                if (end == RunState.COMPLETED && cycles == 0) {
                    // nothing was compared: monitors must not read this run as a clean completion
                    end = RunState.FAILED;
                } else if (end == RunState.FAILED) {
                    message = "--fail-fast: stopped at the first cycle with a mismatch (cycle " + cycles + ")";
                }
            } catch (RuntimeException | IOException e) {
                end = RunState.FAILED;
                message = "the run broke off: " + e.getMessage();
                log.error("Shadow simulation failed: " + e.getMessage());
            } finally {
                pool.shutdownNow();
            }
            result = finish(end, message);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + layout.root(), e);
        } finally {
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
        ReplayComparator comparator = new ReplayComparator(layout.goldenDir(), tracesDir(), classifier);
        while (true) {
            if (stopRequested.getCount() == 0) {
                log.info("Shutting down shadow simulation...");
                return RunState.STOPPED;
            }
            if (!moreCycles(deadline)) {
                return RunState.COMPLETED;
            }
            if (emergencyStop.isEngaged()) {
                pauseWhileEngaged(deadline);
                continue;
            }
            long n = cycles + 1;
            if (options.verbose()) {
                log.step("Running cycle " + n + "...");
            }
            CycleReport report = runCycle(n, pool, comparator);
            recordCycle(report);
            if (report.shadow().mismatches() > 0 && options.failFast()) {
                log.error("--fail-fast: stopping at the first cycle with a mismatch");
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
        return startedAt.plusMillis(millis);
    }

    private boolean moreCycles(Instant deadline) {
        if (options.maxCycles().isPresent() && cycles >= options.maxCycles().getAsLong()) {
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
        stopEngaged = true;
        log.warn("Emergency stop engaged: shadow simulation paused; workflows end as emergency_stopped until it is"
                + " released");
        writeStatus(RunState.PAUSED, "emergency stop engaged");
        Instant lastBeat = clock.instant();
        while (emergencyStop.isEngaged()) {
            if (stopRequested.getCount() == 0 || (deadline != null && !clock.instant().isBefore(deadline))) {
                return;
            }
            pause(options.pausePollInterval(), deadline);
            if (Duration.between(lastBeat, clock.instant()).compareTo(PAUSED_HEARTBEAT) >= 0) {
                writeStatus(RunState.PAUSED, "emergency stop engaged");
                lastBeat = clock.instant();
            }
        }
        stopEngaged = false;
        log.info("Emergency stop released: resuming shadow simulation");
        writeStatus(RunState.RUNNING, null);
    }

    // ---- one cycle ---------------------------------------------------------------------------------------------

    /** A primary run and, if it completed, what a replay needs to know of it. */
    private record Primary(WorkflowRun run, ReplaySampler.Entry entry) {
    }

    private record Replay(ReplaySampler.Entry original, String replayRunId) {
    }

    private record ReplayOutcome(WorkflowRun run, Optional<MismatchDetail> mismatch) {
    }

    private CycleReport runCycle(long n, ExecutorService pool, ReplayComparator comparator) throws IOException {
        // Primary phase: each worker runs its share with its own seeded generator, so --seed reproduces the run
        // whatever order the threads finish in.
        List<Future<List<Primary>>> primaryTasks = new ArrayList<>();
        for (int w = 0; w < options.workers(); w++) {
            int worker = w;
            primaryTasks.add(pool.submit(() -> runPrimaries(n, worker)));
        }
        List<Primary> primaries = new ArrayList<>();
        for (Future<List<Primary>> f : primaryTasks) {
            primaries.addAll(await(f));
        }
        List<ReplaySampler.Entry> fresh = new ArrayList<>();
        long completed = 0;
        long failed = 0;
        long stopped = 0;
        for (Primary p : primaries) {
            switch (p.run().status()) {
                case COMPLETED -> {
                    completed++;
                    fresh.add(p.entry());
                }
                case FAILED -> failed++;
                case EMERGENCY_STOPPED -> stopped++;
            }
        }

        // Shadow phase: replay a sample of this cycle's and older runs, spread over the workers.
        SplittableRandom rng = random(n, -1);
        List<ReplaySampler.Entry> chosen = sampler.select(fresh, primaries.size(), rng);
        List<Replay> planned = new ArrayList<>();
        for (ReplaySampler.Entry e : chosen) {
            planned.add(new Replay(e, "shadow-" + hex8(rng)));
        }
        sampler.addAll(fresh, rng);
        List<List<Replay>> shares = new ArrayList<>();
        for (int w = 0; w < options.workers(); w++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < planned.size(); i++) {
            shares.get(i % options.workers()).add(planned.get(i));
        }
        List<Future<List<ReplayOutcome>>> replayTasks = new ArrayList<>();
        for (List<Replay> share : shares) {
            replayTasks.add(pool.submit(() -> runReplays(share, comparator)));
        }
        long compared = 0;
        long skipped = 0;
        List<MismatchDetail> details = new ArrayList<>();
        for (Future<List<ReplayOutcome>> f : replayTasks) {
            for (ReplayOutcome o : await(f)) {
                if (o.run().status() == RunStatus.EMERGENCY_STOPPED) {
                    skipped++;
                    continue;
                }
                compared++;
                o.mismatch().ifPresent(details::add);
            }
        }
        Instant now = clock.instant();
        CycleReport report = new CycleReport(pyIso(now), n,
                new CycleReport.Primary(primaries.size(), completed, failed + stopped, stopped),
                new CycleReport.Shadow(compared, compared - details.size(), details.size(), skipped),
                details, details.isEmpty());
        ShadowFiles.write(layout.cycleReport(n), ReportJson.indent2(report));
        failedWorkflows += failed;
        stoppedWorkflows += stopped;
        if (stopped > 0) {
            log.warn("Cycle " + n + ": " + stopped + " of " + primaries.size()
                    + " workflows ended as emergency_stopped (emergency stop engaged)");
        }
        if (failed > 0) {
            String why = primaries.stream().filter(p -> p.run().status() == RunStatus.FAILED)
                    .map(p -> p.run().error()).findFirst().orElse("");
            log.warn("Cycle " + n + ": " + failed + " workflows failed (first: " + why + ")");
        }
        return report;
    }

    private List<Primary> runPrimaries(long cycle, int worker) {
        SplittableRandom rng = random(cycle, worker);
        int count = options.workflowsOfWorker(worker);
        List<Primary> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            String runId = "primary-w" + worker + "-" + hex8(rng);
            String type = types.get(rng.nextInt(types.size()));
            long seed = SEED_MIN + rng.nextInt(SEED_SPAN);
            Flaw flaw = drawFlaw(rng, type);
            WorkflowRun run = executor.run(runId, type, seed, false, flaw);
            ReplaySampler.Entry entry = null;
            if (run.completed()) {
                // Upstream records only successful runs.
                writeGolden(run);
                entry = new ReplaySampler.Entry(runId, type, seed, flaw);
            }
            out.add(new Primary(run, entry));
        }
        return out;
    }

    private Flaw drawFlaw(SplittableRandom rng, String type) {
        for (FaultInjection injection : options.injections()) {
            if (rng.nextDouble() < injection.rate()) {
                List<Integer> steps = flawSteps(injection.kind(), type);
                if (!steps.isEmpty()) {
                    return new Flaw(injection.kind(), steps.get(rng.nextInt(steps.size())));
                }
            }
        }
        return null;
    }

    /**
     * The steps where a flaw of this kind can show. An external call only happens in a skill that makes one (a name
     * token such as llm, http or api, as the diff recognises them); a workflow without such a step gets none.
     */
    private List<Integer> flawSteps(FaultKind kind, String type) {
        List<Integer> steps = new ArrayList<>();
        List<WorkflowStep> declared = registry.workflow(type).map(WorkflowSpec::steps).orElse(List.of());
        for (int i = 0; i < declared.size(); i++) {
            if (kind != FaultKind.EXTERNAL_CALL || callsOut(declared.get(i).skillId())) {
                steps.add(i);
            }
        }
        return steps;
    }

    private static boolean callsOut(String skillId) {
        for (String token : skillId.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (DiffOptions.DEFAULT_EXTERNAL_SKILL_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private void writeGolden(WorkflowRun run) {
        try {
            SimulationGolden golden = new SimulationGolden(run.runId(), run.type(), BigInteger.valueOf(run.seed()),
                    run.stepHashes(), run.workflowHash(), run.durationMs(), true, null);
            ShadowFiles.write(ReplayComparator.goldenFile(layout.goldenDir(), run.runId()),
                    SimulationGoldenWriter.toBytes(golden));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the golden file of " + run.runId(), e);
        }
        RunTrace.write(ReplayComparator.traceFile(tracesDir(), run.runId()), run, clock.instant());
    }

    private List<ReplayOutcome> runReplays(List<Replay> share, ReplayComparator comparator) {
        List<ReplayOutcome> out = new ArrayList<>(share.size());
        for (Replay r : share) {
            ReplaySampler.Entry e = r.original();
            WorkflowRun run = executor.run(r.replayRunId(), e.type(), e.seed(), true, e.flaw());
            if (run.status() == RunStatus.EMERGENCY_STOPPED) {
                out.add(new ReplayOutcome(run, Optional.empty()));
            } else {
                out.add(new ReplayOutcome(run, comparator.compare(e, run, clock.instant())));
            }
        }
        return out;
    }

    private void recordCycle(CycleReport report) throws IOException {
        long n = report.cycle();
        cycles = n;
        workflows += report.primary().total();
        replays += report.shadow().totalReplays();
        long m = report.shadow().mismatches();
        mismatches += m;
        lastCycleAt = clock.instant();
        if (m > 0) {
            cyclesWithMismatches++;
            log.error("Cycle " + n + ": " + m + " mismatches detected!");
            for (MismatchDetail d : report.mismatchDetails()) {
                log.error("  " + d.originalRunId() + " (" + d.workflowType() + ", seed " + d.seed() + ") replayed as "
                        + d.replayRunId() + ": first diverging step "
                        + (d.firstDivergingStep() == null ? "?" : d.firstDivergingStep()) + ", root cause "
                        + (d.rootCause() == null ? "unclassified" : d.rootCause())
                        + (d.evidence() == null ? "" : " (" + d.evidence() + ")"));
            }
            log.warn("ALERT: Shadow simulation detected " + m + " mismatches in cycle " + n);
        } else if (options.verbose()) {
            log.info("Cycle " + n + ": " + report.primary().total() + " workflows, " + report.shadow().totalReplays()
                    + " replays, 0 mismatches");
        }
        writeStatus(RunState.RUNNING, null);
        if (!options.quick() && n % 10 == 0) {
            log.info("Progress: " + n + " cycles, " + workflows + " workflows, " + mismatches + " mismatches, "
                    + remainingSeconds() + "s remaining");
        }
    }

    private long remainingSeconds() {
        Instant now = clock.instant();
        Instant deadline = deadline();
        long byTime = deadline == null ? Long.MAX_VALUE : Math.max(0, Duration.between(now, deadline).toSeconds());
        long byCycles = Long.MAX_VALUE;
        if (options.maxCycles().isPresent() && cycles > 0) {
            double perCycle = Duration.between(startedAt, now).toMillis() / 1000d / cycles;
            byCycles = Math.round(perCycle * Math.max(0, options.maxCycles().getAsLong() - cycles));
        }
        return Math.min(byTime, byCycles);
    }

    // ---- state, summary and report -----------------------------------------------------------------------------

    private void writeStatus(RunState state, String message) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        ShadowRunStatus status = new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, self.pid(),
                self.info().startInstant().orElse(null), startedAt, clock.instant(), state, cycles, workflows,
                replays, mismatches, cyclesWithMismatches, lastCycleAt,
                options.hours().isPresent() ? options.hours().getAsDouble() : null,
                options.maxCycles().isPresent() ? options.maxCycles().getAsLong() : null, stopEngaged, message);
        byte[] bytes = OpsJson.pretty().writeValueAsBytes(status);
        // Always an atomic replace, so a monitor never reads half a file. Forcing it to disk costs an fsync (~15 ms
        // here), which back-to-back cycles would pay thousands of times; so a heartbeat that only moves counters is
        // forced at most every DURABLE_STATUS_EVERY, and every change of state is forced at once.
        Instant now = clock.instant();
        if (state != lastStatusState || lastDurableStatus == null
                || Duration.between(lastDurableStatus, now).compareTo(DURABLE_STATUS_EVERY) >= 0
                || now.isBefore(lastDurableStatus)) {
            AtomicFiles.replace(layout.statusFile(), bytes);
            lastDurableStatus = now;
            lastStatusState = state;
        } else {
            ShadowFiles.write(layout.statusFile(), bytes);
        }
    }

    private ShadowRunResult finish(RunState end, String failure) throws IOException {
        Instant now = clock.instant();
        Path summary = layout.reportsDir().resolve(
                "summary_" + LocalDateTime.ofInstant(now, clock.getZone()).format(SUMMARY_TS) + ".json");
        boolean passed = cycles > 0 && mismatches == 0 && end != RunState.FAILED;
        String message = failure;
        if (message == null && cycles == 0) {
            message = "no cycle completed, so nothing was compared";
        }
        AtomicFiles.replace(summary, ReportJson.indent4(summaryJson(end, now, passed)) + "\n");
        writeStatus(end, message);
        finalBlock(now, summary, passed, message);
        if (end == RunState.STOPPED) {
            log.info("Final report: " + summary);
        }
        log.info("Shadow simulation complete: " + (passed ? "PASSED" : "FAILED") + ", " + cycles + " cycles, "
                + replays + " replays compared, " + end.json());
        return new ShadowRunResult(end, cycles, workflows, replays, mismatches, layout.root(), summary, message);
    }

    private ObjectNode summaryJson(RunState end, Instant now, boolean passed) {
        long elapsed = Duration.between(startedAt, now).toSeconds();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode sim = root.putObject("simulation");
        sim.put("start_time", startedAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")));
        sim.put("elapsed_seconds", elapsed);
        sim.put("elapsed_formatted", (elapsed / 3600) + "h " + (elapsed % 3600 / 60) + "m");
        double hours = options.hours().orElse(0);
        if (hours == Math.rint(hours)) {
            sim.put("target_hours", (long) hours);
        } else {
            sim.put("target_hours", hours);
        }
        sim.put("primary_workers", options.workers());
        if (options.maxCycles().isPresent()) {
            sim.put("target_cycles", options.maxCycles().getAsLong());
        }
        sim.put("workflows_per_cycle", options.workflowsPerCycle());
        sim.put("seed", options.seed());
        sim.put("output_dir", layout.root().toString());
        sim.put("end_state", end.json());
        ObjectNode stats = root.putObject("statistics");
        stats.put("cycles_completed", cycles);
        stats.put("total_workflows", workflows);
        stats.put("total_replays", replays);
        stats.put("mismatches", mismatches);
        // mismatches / replays (upstream divided by replays + 1 and printed bc's ".009900", which is not JSON).
        stats.put("mismatch_rate", replays == 0 ? 0.0
                : BigDecimal.valueOf(mismatches).divide(BigDecimal.valueOf(replays), 6, RoundingMode.HALF_EVEN)
                        .doubleValue());
        stats.put("cycles_with_mismatches", cyclesWithMismatches);
        stats.put("failed_workflows", failedWorkflows);
        stats.put("emergency_stopped_workflows", stoppedWorkflows);
        root.put("status", passed ? "healthy" : "degraded");
        root.put("passed", passed);
        return root;
    }

    private void finalBlock(Instant now, Path summary, boolean passed, String message) {
        long s = Duration.between(startedAt, now).toSeconds();
        log.plain("");
        log.plain(ShadowLog.RULE);
        log.plain("           SHADOW-RUN SIMULATION REPORT");
        log.plain(ShadowLog.RULE);
        log.plain("  Duration:           " + (s / 3600) + "h " + (s % 3600 / 60) + "m " + (s % 60) + "s");
        log.plain("  Cycles Completed:   " + cycles);
        log.plain("  Primary Workers:    " + options.workers());
        log.plain("  Total Workflows:    " + workflows);
        log.plain("  Total Replays:      " + replays);
        log.plain("  Mismatches:         " + mismatches);
        log.plain("  Final Report:       " + summary);
        log.plain("  Golden Files:       " + layout.goldenDir());
        log.plain("  Cycle Reports:      " + layout.reportsDir());
        log.plain("  Status:             " + layout.statusFile());
        log.plain("  Log:                " + layout.logFile());
        log.plain(ShadowLog.RULE);
        if (passed) {
            log.info("          ✅ SHADOW SIMULATION PASSED");
            log.plain("All " + replays + " shadow replays matched their golden files.");
        } else {
            log.error("          ❌ SHADOW SIMULATION FAILED");
            if (mismatches > 0) {
                log.plain("Detected " + mismatches + " mismatches across " + replays + " replays.");
                log.plain("Check detailed reports in: " + layout.reportsDir());
            }
            if (message != null) {
                log.plain("Reason: " + message + ".");
            }
        }
    }

    private void banner(long pid) {
        log.plain(ShadowLog.RULE);
        log.plain("         M4-T7: 24h Shadow-Run Simulation");
        log.plain(ShadowLog.RULE);
        log.plain("  Primary Workers:     " + options.workers());
        log.plain("  Duration:            " + describeDuration());
        log.plain("  Workflows/Cycle:     " + options.workflowsPerCycle() + " (" + options.split()
                + " across " + options.workers() + " workers)");
        log.plain("  Cycle Interval:      " + describeInterval());
        log.plain("  Output:              " + layout.root());
        log.plain("  Seed:                " + options.seed() + " (--seed " + options.seed() + " repeats this run)");
        log.plain("  Workflow Types:      " + String.join(", ", types));
        log.plain("  PID:                 " + pid + " (" + layout.pidFile() + ")");
        if (!options.injections().isEmpty()) {
            log.plain("  Injected Faults:     " + options.injections().stream().map(FaultInjection::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        log.plain(ShadowLog.RULE);
        log.info("Starting shadow-run simulation...");
        log.info("Press Ctrl+C to stop");
    }

    private String describeDuration() {
        List<String> parts = new ArrayList<>();
        if (options.hours().isPresent()) {
            double h = options.hours().getAsDouble();
            // Plain digits: Double.toString writes 0.0003 as 3.0E-4.
            String hours = java.math.BigDecimal.valueOf(h).stripTrailingZeros().toPlainString();
            long seconds = Math.round(h * 3600);
            parts.add(hours + "h (" + (seconds < 60 ? seconds + "s" : Math.round(h * 60) + "m") + ")");
        }
        if (options.maxCycles().isPresent()) {
            parts.add(options.maxCycles().getAsLong() + " cycles");
        }
        return String.join(" or ", parts) + (parts.size() > 1 ? ", whichever comes first" : "");
    }

    private String describeInterval() {
        Duration i = options.cycleInterval();
        return i.toMillis() % 1000 == 0 ? i.toSeconds() + "s" : (i.toMillis() / 1000d) + "s";
    }

    // ---- small things ------------------------------------------------------------------------------------------

    /** The generator of one worker (or, with worker -1, of the shadow phase) in one cycle, derived from the seed. */
    private SplittableRandom random(long cycle, int worker) {
        long x = options.seed() ^ (cycle * 0x9E3779B97F4A7C15L) ^ ((worker + 2L) * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(x);
    }

    private static String hex8(SplittableRandom rng) {
        return String.format("%08x", rng.nextInt());
    }

    static String pyIso(Instant t) {
        return t.atOffset(ZoneOffset.UTC).format(PY_ISO);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        }
    }

    private static java.util.concurrent.ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shadow-worker-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
