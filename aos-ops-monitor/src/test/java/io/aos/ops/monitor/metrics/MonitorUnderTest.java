package io.aos.ops.monitor.metrics;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.golden.shadow.FaultInjection;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.ShadowRunListener;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.monitor.alert.AlertDispatcher;
import io.aos.ops.monitor.daemon.MonitorDaemon;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The monitor daemon as {@code aos-ops monitor start --metrics-port 0 --interval 1} wires it, in the test's JVM:
 * it checks the run in {@code runDir} every second and serves the metrics of each check on a free loopback port.
 * Stopped by {@link #close()}.
 */
final class MonitorUnderTest implements AutoCloseable {

    /** Disk thresholds no real filesystem reaches, so the monitor's verdicts do not depend on this machine's disk. */
    private static final Thresholds NEVER_FULL = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30),
            100, 100, 1L << 40);

    private final MetricsExport export;
    private final MonitorDaemon daemon;

    private MonitorUnderTest(MetricsExport export, MonitorDaemon daemon) {
        this.export = export;
        this.daemon = daemon;
    }

    /** Starts watching {@code runDir}, with {@code stateDir} as its state root (monitor log there). */
    static MonitorUnderTest start(Path stateDir, Path runDir) {
        MetricsExport export = MetricsExport.start(0, null, null);
        HealthCheck check = HealthCheck.create(OpsConfig.rootedAt(stateDir),
                new HealthCheck.Options(Optional.of(runDir), Optional.empty(), NEVER_FULL), Clock.systemUTC(),
                () -> false, commandLine -> false);
        MonitorDaemon daemon = new MonitorDaemon(check, Duration.ofSeconds(1), stateDir.resolve("shadow_monitor.log"),
                new AlertDispatcher(List.of()), Clock.systemUTC());
        daemon.afterCheck(report -> HealthReportMetrics.record(export, report));
        Thread loop = new Thread(daemon::run, "monitor-daemon-under-test");
        loop.setDaemon(true);
        loop.start();
        return new MonitorUnderTest(export, daemon);
    }

    /** {@code host:port} of its /metrics, for a scrape config. */
    String metricsTarget() {
        return export.metricsUri().orElseThrow().getAuthority();
    }

    /**
     * Runs the suite's shadow runner into {@code runDir} (which must not hold a run yet): one cycle of one workflow,
     * with {@code injection} at rate 1, so exactly that one replay mismatches.
     */
    static ShadowRunResult runWithOneFlaw(Path runDir, String injection) {
        return new ShadowRunner(ShadowRunOptions.builder(runDir).cycles(1L).workers(1).workflowsPerCycle(1)
                .cycleInterval(Duration.ZERO).seed(4242L).inject(FaultInjection.parse(injection + ":1")).build(),
                WorkflowRegistry.builtins(), StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();
    }

    @Override
    public void close() {
        daemon.requestStop();
        try {
            daemon.awaitFinished(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            export.close();
        }
    }
}
