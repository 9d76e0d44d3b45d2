package io.aos.ops.cli.shadow;

import io.aos.ops.cli.AosOps;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.monitor.MonitorStartCommand;
import io.aos.ops.cli.monitor.PreflightCommand;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.MonitorDaemon;
import io.aos.ops.monitor.launch.DetachedRun;
import io.aos.ops.monitor.preflight.Preflight;
import io.aos.ops.monitor.preflight.PreflightReport;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code aos-ops shadow start}: the runbook's start steps 1-4 in one, wiring library calls in order. */
@Command(name = "start",
        sortOptions = false,
        header = "Start a shadow run the runbook's way: pre-flight, detached run, monitor, cron check.",
        description = {
            "1. Pre-flight ('aos-ops preflight'); refuses on CRITICAL or UNKNOWN",
            "   unless --skip-preflight.",
            "2. The run, detached from the terminal (own session, stdin /dev/null),",
            "   its output appended to $AOS_STATE_DIR/shadow_24h_<YYYYmmdd_HHMMSS>.log,",
            "   so the runbook's grep \"Shadow simulation complete\" keeps working.",
            "   Every other argument goes to 'aos-ops shadow run' (--hours/-h,",
            "   --workers, --cycles, --quick, --output, --verbose, --seed, ...).",
            "3. The monitor daemon ('aos-ops monitor start') on this run; one",
            "   already running is reported and left alone.",
            "4. The cron check: installed ('aos-ops cron install') or a warning.",
            "Prints the run directory, log, PIDs and the next commands.",
            "Exit: 0 started, 1 refused by pre-flight or the run failed at once,",
            "2 usage error.",
            ""
        })
public final class ShadowStartCommand implements Callable<Integer> {

    private static final DateTimeFormatter LOG_TS = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    /** How long to wait for the new run's status.json before starting the monitor. */
    private static final Duration RUN_STARTUP = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit. (-h is --hours.)")
    boolean help;

    @Option(names = "--skip-preflight", description = "Start even if pre-flight finds a CRITICAL or UNKNOWN "
            + "(its lines are still printed).")
    boolean skipPreflight;

    @Option(names = "--no-monitor", description = "Do not start the monitor daemon.")
    boolean noMonitor;

    @Option(names = "--monitor-interval", paramLabel = "SECONDS",
            description = "The monitor's seconds between checks (default: $AOS_MONITOR_INTERVAL, else 300).")
    String monitorInterval;

    @Unmatched
    List<String> runArguments = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        OpsConfig config = common.config().with(OpsSetting.MONITOR_INTERVAL, monitorInterval);
        ShadowRunCommand run = parseRunArguments();
        int interval = Math.toIntExact(MonitorDaemon.interval(config).getSeconds());
        Path runDir = run.outputDir(config);
        Path log = config.path(OpsSetting.STATE_DIR).resolve("shadow_24h_" + LocalDateTime.now().format(LOG_TS)
                + ".log").toAbsolutePath();
        PrintWriter out = spec.commandLine().getOut();

        out.println("== 1. Pre-flight");
        PreflightReport report = PreflightCommand.run(config, runHours(run), Optional.of(runDir.getParent()));
        report.lines().forEach(out::println);
        out.flush();
        if (!report.ready()) {
            if (!skipPreflight) {
                out.println("Refusing to start: pre-flight is " + report.status()
                        + ". Fix the above, or pass --skip-preflight to start anyway.");
                out.flush();
                return 1;
            }
            out.println("Starting anyway (--skip-preflight).");
        }

        out.println("== 2. Shadow run");
        DetachedRun.Started started = new DetachedRun(log, runDir).start(runCommand(run, runDir), RUN_STARTUP);
        out.println("Run started (PID: " + started.pid() + ")" + started.exitCode()
                .map(c -> ", already ended with exit " + c).orElse(""));
        out.println("Run directory: " + ControlCharacters.oneLine(runDir.toString()));
        String shownLog = ControlCharacters.oneLine(log.toString()); // names and lines from files: one line each
        out.println("Log: " + shownLog);
        out.flush();

        out.println("== 3. Monitor");
        String monitorPid = "not started (--no-monitor)";
        if (!noMonitor) {
            List<String> watch = new ArrayList<>(stateDirArgument(config));
            if (Files.isDirectory(runDir)) {
                watch.addAll(List.of("--run-dir", runDir.toString()));
            }
            DaemonControl.StartResult monitor = DaemonControl.forConfig(config)
                    .start(MonitorStartCommand.daemonCommand(interval, watch, List.of()));
            monitorPid = String.valueOf(monitor.pid());
            out.println((monitor.started() ? "Monitor started (PID: " : "Monitor already running (PID: ")
                    + monitor.pid() + "), log "
                    + ControlCharacters.oneLine(config.path(OpsSetting.MONITOR_LOG).toString()));
        } else {
            out.println("Monitor not started (--no-monitor)");
        }

        out.println("== 4. Cron check");
        ProbeResult cron = Preflight.cronProbe(config).check();
        out.println(cron.status() + " " + ControlCharacters.oneLine(cron.message()));

        out.println();
        out.println("Shadow run PID " + started.pid() + ", monitor PID " + monitorPid);
        out.println("Next:");
        out.println("  aos-ops status                  # quick status (every 1-2 h)");
        out.println("  aos-ops monitor                 # the monitor's state and last checks");
        out.println("  tail -f " + shownLog);
        out.println("  grep \"Shadow simulation complete\" " + shownLog);
        out.println("  aos-ops shadow finish           # when it is complete");
        out.flush();
        return 0;
    }

    /** The run arguments parsed as 'shadow run' parses them: a bad one fails here, in the foreground. */
    private ShadowRunCommand parseRunArguments() {
        ShadowRunCommand run = new ShadowRunCommand();
        try {
            new CommandLine(run).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(runArguments.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new ParameterException(spec.commandLine(), "shadow run argument: " + e.getMessage(), e);
        }
        run.common = common;
        return run;
    }

    /** The hours the run will last, for the disk projection: --hours, else what --cycles/--quick bound it to. */
    private static double runHours(ShadowRunCommand run) {
        if (run.hours != null) {
            return run.hours > 0 && Double.isFinite(run.hours) ? run.hours : Preflight.DEFAULT_HOURS;
        }
        if (run.quick) {
            return 0.01;
        }
        if (run.cycles != null && run.cycles > 0) {
            return Math.max(0.01, run.cycles / 120.0);
        }
        return 1; // shadow run's default length
    }

    private List<String> runCommand(ShadowRunCommand run, Path runDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AosOps.class.getName());
        command.add("shadow");
        command.add("run");
        command.addAll(stateDirArgument(run.common.config()));
        command.addAll(runArguments);
        if (run.output == null) {
            command.add("--output");
            command.add(runDir.toString());
        }
        return command;
    }

    private List<String> stateDirArgument(OpsConfig config) {
        if (config.sourceOf(OpsSetting.STATE_DIR) == OpsConfig.Source.FLAG) {
            return List.of("--state-dir", config.path(OpsSetting.STATE_DIR).toAbsolutePath().toString());
        }
        return List.of();
    }
}
