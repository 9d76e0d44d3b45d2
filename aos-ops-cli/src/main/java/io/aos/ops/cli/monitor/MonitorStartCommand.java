package io.aos.ops.cli.monitor;

import io.aos.ops.cli.AosOps;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.MonitorDaemon;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor start}: the daemon, detached, in a JVM of its own. */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        header = "Start the monitor daemon in the background (refuses if one is running).",
        description = {
            "Checks at once, then every --interval seconds, until 'aos-ops monitor stop'.",
            "Runs in its own session, so it survives the shell that started it.",
            "PID file (PID and start time): $AOS_MONITOR_PID_FILE, else",
            "$AOS_STATE_DIR/shadow_monitor.pid. The running daemon holds a lock beside it",
            "(<PID file>.daemon.lock), so a second one is refused even when the PID file",
            "was deleted. Exit 0 started, 1 already running."
        })
public final class MonitorStartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Seconds between checks (default: $AOS_MONITOR_INTERVAL, else 300).")
    String interval;

    @Override
    public Integer call() throws Exception {
        OpsConfig config = run.config().with(OpsSetting.MONITOR_INTERVAL, interval);
        int seconds = Math.toIntExact(MonitorDaemon.interval(config).getSeconds());
        run.checkOptions(config); // fail here, not in the daemon, on a bad threshold
        metrics.validate();
        DaemonControl control = MonitorStatusCommand.control(config);
        if (metrics.any() && control.running().isEmpty()) {
            metrics.probePort(config); // a taken port fails here, in the foreground, not silently in the daemon
        }
        DaemonControl.StartResult result = control.start(daemonCommand(seconds));
        if (!result.started()) {
            Output.text(spec, "Monitor already running ("
                    + (result.pid() > 0 ? "PID: " + result.pid() : "PID unknown") + ")"
                    + result.note().map(note -> "\n" + note).orElse(""));
            return 1;
        }
        Output.text(spec, result.note().map(note -> "Note: " + note + "\n").orElse("")
                + "Monitor started (PID: " + result.pid() + ")\n"
                + "Log: " + config.path(OpsSetting.MONITOR_LOG) + "\n"
                + "Alerts: " + config.path(OpsSetting.ALERTS_FILE) + "\n"
                + "Interval: " + seconds + "s"
                + (metrics.any() ? "\nMetrics: " + metrics.describe(config) : "")
                + metrics.exposureWarning(config).map(w -> "\n" + w).orElse(""));
        return 0;
    }

    /** The same Java and class path as this process, running the hidden {@code monitor daemon} subcommand. */
    private List<String> daemonCommand(int seconds) {
        return daemonCommand(seconds, run.asArguments(), metrics.asArguments());
    }

    /**
     * The daemon's command line: this Java and class path, the hidden {@code monitor daemon} subcommand, then
     * {@code runArguments} (the watch options as {@link RunOptions} passes them) and {@code metricsArguments}.
     */
    public static List<String> daemonCommand(int seconds, List<String> runArguments, List<String> metricsArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        // The runbook finds the daemon with 'pgrep -f shadow_monitor_daemon' (and clears a wedged one with pkill -f).
        command.add("-Daos.ops.daemon=shadow_monitor_daemon");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AosOps.class.getName());
        command.add("monitor");
        command.add("daemon");
        command.add("--interval");
        command.add(Integer.toString(seconds));
        command.addAll(runArguments);
        command.addAll(metricsArguments);
        return command;
    }
}
