package io.aos.ops.cli.monitor;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.monitor.alert.AlertDispatcher;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.DaemonLock;
import io.aos.ops.monitor.daemon.MonitorDaemon;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.metrics.HealthReportMetrics;
import io.aos.ops.monitor.metrics.MetricsExport;
import io.aos.ops.monitor.statuspage.LiveStatus;
import io.aos.ops.monitor.statuspage.StatusPageHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The daemon process itself, started by {@code monitor start}; hidden, since nobody should run it by hand. */
@Command(name = "daemon", hidden = true, description = "The monitor loop (started by 'monitor start').")
public final class MonitorDaemonCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--interval", paramLabel = "SECONDS")
    String interval;

    @Spec
    CommandSpec spec;

    /** How long SIGTERM waits for a check in progress to finish before the daemon exits without it. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    @Override
    @SuppressWarnings("try") // the daemon lock is held for the body of the try, never read
    public Integer call() throws Exception {
        OpsConfig config = run.config().with(OpsSetting.MONITOR_INTERVAL, interval);
        Clock clock = Clock.systemDefaultZone();
        HealthCheck check = HealthCheck.create(config, run.checkOptions(config), clock);
        DaemonControl control = DaemonControl.forConfig(config);
        // Before anything is started (the metrics port, the first check): a second daemon would double every alert.
        // The lock is held until this process ends; the OS drops it then, even after kill -9.
        Optional<DaemonLock> lock = control.holdDaemonLock();
        if (lock.isEmpty()) {
            spec.commandLine().getErr().println("aos-ops: a monitor daemon is already running ("
                    + control.lockHeldBy() + "): not starting a second one. "
                    + "Stop it first (aos-ops monitor stop), or leave it running.");
            return 1;
        }
        try (DaemonLock held = lock.get()) {
            OptionalLong other = control.adoptPidFile();
            if (other.isPresent()) {
                spec.commandLine().getErr().println("aos-ops: a monitor daemon is already running (PID "
                        + other.getAsLong() + ", PID file " + config.path(OpsSetting.MONITOR_PID_FILE)
                        + "): not starting a second one. Stop it first (aos-ops monitor stop), or leave it running.");
                return 1;
            }
            try {
                return runDaemon(config, check, control, clock);
            } catch (Exception | Error e) {
                control.releasePidFile();
                throw e;
            }
        }
    }

    private int runDaemon(OpsConfig config, HealthCheck check, DaemonControl control, Clock clock) throws Exception {
        MonitorDaemon daemon = new MonitorDaemon(check, MonitorDaemon.interval(config),
                config.path(OpsSetting.MONITOR_LOG), AlertDispatcher.forConfig(config), clock);
        // The page asks for fresh figures about as often as there are any: every interval, within 1 to 5 s.
        int refreshSeconds = (int) Math.max(1, Math.min(5, MonitorDaemon.interval(config).getSeconds()));
        // The page's mismatch counts are the exported ones, so page and /metrics never disagree.
        AtomicReference<MetricsExport> exported = new AtomicReference<>();
        LiveStatus live = metrics.servesHttp()
                ? new LiveStatus(run -> exported.get().shadowRuns().mismatchesByRootCause(run), refreshSeconds)
                : null;
        MetricsExport export = metrics.start(config, live == null ? null : new StatusPageHandler(live));
        exported.set(export);
        metrics.exposureWarning(config).ifPresent(System.err::println);
        if (live != null) {
            daemon.afterAlerts(live::alerts);
        }
        daemon.afterCheck(report -> {
            HealthReportMetrics.record(export, report);
            if (live != null) {
                live.update(report);
            }
            try {
                export.writeTextfile();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the metrics textfile: " + e.getMessage(), e);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // bounded, and well inside 'monitor stop's default 10 s wait, so SIGTERM never has to become SIGKILL
            daemon.stopWithin(SHUTDOWN_WAIT);
            export.close();
            control.releasePidFile();
        }, "monitor-shutdown"));
        daemon.run();
        return 0;
    }
}
