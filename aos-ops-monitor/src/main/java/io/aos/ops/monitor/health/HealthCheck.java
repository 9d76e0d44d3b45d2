package io.aos.ops.monitor.health;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.discovery.RunLocator;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.FreshnessProbe;
import io.aos.ops.monitor.probe.GoldenProbe;
import io.aos.ops.monitor.probe.MismatchProbe;
import io.aos.ops.monitor.probe.Probe;
import io.aos.ops.monitor.probe.ProbeResult;
import io.aos.ops.monitor.probe.ProcessProbe;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The health check of a shadow run: finds the run, observes it, runs every probe and combines the results (worst wins)
 * into one {@link HealthReport}. One instance keeps its state between checks (the log position, the cycle reports
 * read, the golden size), so a daemon calls {@link #check()} again and again at the cost of what changed.
 *
 * <p>With no {@code --run-dir}/{@code --log}, the run is found again whenever the one watched is no longer alive, so
 * a daemon started before a run, or kept across runs, follows the newest.
 */
public final class HealthCheck {

    /** What to watch and how: flags as given (empty when not given). */
    public record Options(Optional<Path> runDir, Optional<Path> log, Thresholds thresholds) {
        public Options {
            checkNotNull(runDir, "runDir");
            checkNotNull(log, "log");
            checkNotNull(thresholds, "thresholds");
        }
    }

    private final OpsConfig config;
    private final Options options;
    private final Clock clock;
    private final BooleanSupplier emergencyStop;
    private final List<Probe> fixedProbes;
    private final Predicate<String> upstreamRunner;
    private final boolean goldenProbe;
    private final Executor executor;
    private RunSnapshotReader observer;

    private HealthCheck(OpsConfig config, Options options, Clock clock, BooleanSupplier emergencyStop,
                        boolean goldenProbe, Predicate<String> upstreamRunner, Executor executor) {
        this.config = config;
        this.goldenProbe = goldenProbe;
        this.executor = executor;
        this.upstreamRunner = upstreamRunner;
        this.options = options;
        this.clock = clock;
        this.emergencyStop = emergencyStop;
        Thresholds t = options.thresholds();
        List<Probe> probes = new ArrayList<>(List.of(
                new ProcessProbe(clock),
                new FreshnessProbe(clock, t),
                new MismatchProbe(),
                new DiskProbe(t, List.of(config.path(OpsSetting.GOLDEN_DIR), config.path(OpsSetting.STATE_DIR)))));
        if (goldenProbe) {
            probes.add(new GoldenProbe(clock, t, config.path(OpsSetting.GOLDEN_DIR), Duration.ofMinutes(5)));
        }
        this.fixedProbes = List.copyOf(probes);
    }

    /** A check of the run the options name (or the newest), showing whether the emergency stop is engaged. */
    public static HealthCheck create(OpsConfig config, Options options, Clock clock) {
        return create(config, options, clock, EmergencyStop.forConfig(config, clock)::isEngaged);
    }

    /** As {@link #create(OpsConfig, Options, Clock)}, with the emergency-stop check given (for tests and services). */
    public static HealthCheck create(OpsConfig config, Options options, Clock clock, BooleanSupplier emergencyStop) {
        return create(config, options, clock, emergencyStop, RunSnapshotReader.UPSTREAM_RUNNER);
    }

    /**
     * As {@link #create(OpsConfig, Options, Clock, BooleanSupplier)}, with the command line that identifies an upstream
     * runner when nothing in the run directory names a process ({@link RunSnapshotReader#UPSTREAM_RUNNER} by default). A
     * service that runs no upstream runner, or a test on a machine where another build may run one, passes
     * {@code commandLine -> false}.
     */
    public static HealthCheck create(OpsConfig config, Options options, Clock clock, BooleanSupplier emergencyStop,
                              Predicate<String> upstreamRunner) {
        checkNotNull(config, "config");
        checkNotNull(options, "options");
        checkNotNull(clock, "clock");
        checkNotNull(emergencyStop, "emergencyStop");
        checkNotNull(upstreamRunner, "upstreamRunner");
        return new HealthCheck(config, options, clock, emergencyStop, true, upstreamRunner,
                MoreExecutors.directExecutor());
    }

    /**
     * The cron check's probes: the runbook's three (process, mismatches, log freshness) plus disk usage, without the
     * golden-directory probe. That probe lists every golden file (~26,000 after 24 hours, about 100 ms of a 15-minute
     * check whose budget is 300 ms) and its growth figure needs an earlier scan, which a one-shot process never
     * has; the monitor daemon and {@code retention status} watch the golden directory.
     */
    public static HealthCheck forCron(OpsConfig config, Options options, Clock clock) {
        checkNotNull(config, "config");
        checkNotNull(options, "options");
        checkNotNull(clock, "clock");
        return new HealthCheck(config, options, clock, EmergencyStop.forConfig(config, clock)::isEngaged, false,
                RunSnapshotReader.UPSTREAM_RUNNER, MoreExecutors.directExecutor());
    }

    /**
     * A copy of this check, not yet used, that reads a run's cycle reports on {@code executor} beside the calling
     * thread the first time it looks at the run (a one-shot {@code cron-check} or {@code status} of a 24-hour upstream
     * run reads all 2,880): see {@link io.aos.ops.monitor.discovery.CycleReportScan}. Every verdict and figure is the one this check gives.
     *
     * @param executor runs chunks of report reads, such as a pool with a thread per other core
     * @return the copy
     * @throws NullPointerException if {@code executor} is null
     */
    public HealthCheck withExecutor(Executor executor) {
        checkNotNull(executor, "executor");
        return new HealthCheck(config, options, clock, emergencyStop, goldenProbe, upstreamRunner, executor);
    }

    /**
     * The quick status's probes: as {@link #forCron}, without the golden-directory probe. {@code status} prints the
     * process, the cycle figures and the last log lines, none of which the golden probe gives, and listing the
     * ~26,000 golden files of a 24-hour run cost it ~0.1 s.
     *
     * @param config  the configuration
     * @param options what to watch
     * @param clock   gives now
     * @return the check
     */
    public static HealthCheck forStatus(OpsConfig config, Options options, Clock clock) {
        return forCron(config, options, clock);
    }

    /** The run watched (found on the first check). */
    public WatchedRun run() {
        return observer().run();
    }

    /** Observes the run as it is now, without running the probes (for reports that only need the facts). */
    public RunSnapshot observe() {
        return observer().observe();
    }

    /** Checks once. */
    public HealthReport check() {
        RunSnapshot snapshot = observer().observe();
        if (mayRediscover() && !snapshot.process().map(ProcessStatus::isAlive).orElse(false)) {
            RunLocator locator = RunLocator.forConfig(config);
            WatchedRun newest = locator.discover(options.runDir(), options.log());
            // Compared by component, not WatchedRun.equals: a record's equals is bootstrapped through method handles
            // on its first call, ~10 ms of a cold cron check that finds an upstream run ended.
            WatchedRun watched = observer.run();
            if (!newest.runDir().equals(watched.runDir()) || !newest.log().equals(watched.log())) {
                observer.close();
                observer = new RunSnapshotReader(newest, clock, ProcessTable.system(), upstreamRunner, executor,
                        locator.runDirectories());
                snapshot = observer.observe();
            }
        }
        return evaluate(snapshot);
    }

    /** Runs the probes over a snapshot and combines them. */
    public HealthReport evaluate(RunSnapshot snapshot) {
        List<ProbeResult> results = new ArrayList<>();
        for (Probe probe : fixedProbes) {
            results.add(probe.check(snapshot));
        }
        return combine(snapshot, results, emergencyStop.getAsBoolean(), OffsetDateTime.now(clock));
    }

    static HealthReport combine(RunSnapshot snapshot, List<ProbeResult> results, boolean stopEngaged,
                                OffsetDateTime time) {
        HealthStatus worst = HealthStatus.worstOf(results.stream().map(ProbeResult::status).toList());
        boolean completed = results.stream().anyMatch(r -> Boolean.TRUE.equals(r.figures().get(ProcessProbe.COMPLETED)));
        Verdict verdict = Verdict.of(worst, completed);
        int disk = results.stream()
                .filter(r -> r.figures().get(DiskProbe.MAX_PERCENT) instanceof Integer)
                .mapToInt(r -> (Integer) r.figures().get(DiskProbe.MAX_PERCENT))
                .max().orElse(-1);
        Optional<Long> pid = snapshot.process().map(ProcessStatus::pid);
        return new HealthReport(time, verdict, worst, pid, snapshot.figures(), disk, results, stopEngaged,
                snapshot.run());
    }

    private boolean mayRediscover() {
        return options.runDir().isEmpty() || options.log().isEmpty();
    }

    private RunSnapshotReader observer() {
        if (observer == null) {
            RunLocator locator = RunLocator.forConfig(config);
            observer = new RunSnapshotReader(locator.discover(options.runDir(), options.log()), clock,
                    ProcessTable.system(), upstreamRunner, executor, locator.runDirectories());
        }
        return observer;
    }
}
