package io.aos.ops.golden.shadow;

import io.aos.ops.golden.format.SimulationGolden;
import io.aos.ops.golden.format.SimulationGoldenWriter;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.CycleReport.MismatchDetail;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One cycle of a shadow run: the workers run primary workflows and record their golden files and traces, then a
 * sample of recorded runs is replayed with the same seed and compared; the cycle report goes to
 * {@code reports/cycle_N.json}. Reports nothing itself: the runner turns the outcome into events.
 */
final class ShadowCycle {

    private static final DateTimeFormatter PY_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final int SEED_MIN = 10_000;
    private static final int SEED_SPAN = 90_000;

    /**
     * What a cycle did.
     *
     * @param report     the cycle report, as written
     * @param failed     primary workflows that failed
     * @param stopped    primary workflows that ended as emergency_stopped
     * @param firstError the first failed workflow's error, or empty
     * @param faults     the primary runs that carry an injected flaw
     */
    record Outcome(CycleReport report, long failed, long stopped, String firstError,
                   List<ShadowRunListener.InjectedFault> faults) {
    }

    /** A primary run and, if it completed, what a replay needs to know of it. */
    private record Primary(WorkflowRun run, PlannedFault flaw, ReplaySampler.Entry entry) {
    }

    private record Replay(ReplaySampler.Entry original, String replayRunId) {
    }

    private record ReplayOutcome(WorkflowRun run, Optional<MismatchDetail> mismatch) {
    }

    private final ShadowRunOptions options;
    private final ShadowRunLayout layout;
    private final Path tracesDir;
    private final Clock clock;
    private final List<String> types;
    private final WorkflowExecutor executor;
    private final FaultPlan faults;
    private final ReplayComparator comparator;
    private final ReplaySampler sampler = new ReplaySampler(ReplaySampler.DEFAULT_CAPACITY);

    ShadowCycle(ShadowRunOptions options, ShadowRunLayout layout, Path tracesDir, Clock clock,
                WorkflowRegistry registry, StopCheck emergencyStop, ReplayComparator.Classifier classifier) {
        this.options = options;
        this.layout = layout;
        this.tracesDir = tracesDir;
        this.clock = clock;
        this.types = registry.types();
        this.executor = new WorkflowExecutor(registry, emergencyStop);
        this.faults = new FaultPlan(options.injections(), registry);
        this.comparator = new ReplayComparator(layout.goldenDir(), tracesDir, classifier);
    }

    /** Runs cycle {@code n} on {@code pool} and writes its report. */
    Outcome run(long n, ExecutorService pool) throws IOException {
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
        List<ShadowRunListener.InjectedFault> injected = new ArrayList<>();
        long completed = 0;
        long failed = 0;
        long stopped = 0;
        for (Primary p : primaries) {
            if (p.flaw() != null) {
                injected.add(new ShadowRunListener.InjectedFault(n, p.run().runId(), p.run().type(),
                        p.flaw().kind(), p.flaw().step()));
            }
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
            replayTasks.add(pool.submit(() -> runReplays(share)));
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
        String firstError = primaries.stream().filter(p -> p.run().status() == RunStatus.FAILED)
                .map(p -> p.run().error()).findFirst().orElse("");
        return new Outcome(report, failed, stopped, firstError, injected);
    }

    private List<Primary> runPrimaries(long cycle, int worker) {
        SplittableRandom rng = random(cycle, worker);
        int count = options.workflowsOfWorker(worker);
        List<Primary> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            String runId = "primary-w" + worker + "-" + hex8(rng);
            String type = types.get(rng.nextInt(types.size()));
            long seed = SEED_MIN + rng.nextInt(SEED_SPAN);
            PlannedFault flaw = faults.draw(rng, type);
            WorkflowRun run = executor.run(runId, type, seed, false, flaw);
            ReplaySampler.Entry entry = null;
            if (run.completed()) {
                // Upstream records only successful runs.
                writeGolden(run);
                entry = new ReplaySampler.Entry(runId, type, seed, flaw);
            }
            out.add(new Primary(run, flaw, entry));
        }
        return out;
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
        RunTrace.write(ReplayComparator.traceFile(tracesDir, run.runId()), run, clock.instant());
    }

    private List<ReplayOutcome> runReplays(List<Replay> share) {
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
}
