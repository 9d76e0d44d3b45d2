package io.aos.ops.cli.shadow;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.golden.shadow.FaultInjection;
import io.aos.ops.golden.shadow.ShadowRunLog;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.monitor.metrics.MetricsExport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aos-ops shadow run}: wiring for {@link ShadowRunner}. */
@Command(name = "run",
        sortOptions = false,
        header = "Run a shadow simulation: run workflows, replay recorded runs with the same seed, compare.",
        description = {
            "Each cycle, the workers run primary workflows (compute, io, llm, plus any plugged-in ones) and "
                    + "record <output>/golden/<run_id>.golden.json; then recorded runs are replayed with the same "
                    + "seed and compared.",
            "A mismatch is logged ('Cycle N: M mismatches detected!' and an ALERT line), classified, "
                    + "counted and written to <output>/reports/cycle_N.json. It never stops the run (unless "
                    + "--fail-fast).",
            "",
            "Files: <output>/status.json (heartbeat for monitors), shadow.pid, shadow.log, traces/, reports/.",
            "Ends with reports/summary_<ts>.json, the report block and 'Shadow simulation complete'; Ctrl+C "
                    + "or SIGTERM does the same after the cycle in progress. The emergency stop (aos-ops "
                    + "emergency-stop enable, or WORKFLOW_EMERGENCY_STOP=true) pauses the run; it resumes when the "
                    + "stop is released.",
            "",
            "Exit: 0 every replay matched; 1 a mismatch, a run that broke off, or zero cycles; 2 usage error.",
            "NOTE: -h means --hours (as in the runbook's script), not help. Use --help for this text.",
            "Launcher: scripts/stress/run_shadow_simulation.sh (same arguments).",
            ""
        })
public final class ShadowRunCommand implements Callable<Integer> {

    private static final DateTimeFormatter DIR_TS = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    @Mixin
    CommonOptions common;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit. (-h is --hours.)")
    boolean help;

    @Option(names = {"-h", "--hours"}, paramLabel = "H",
            description = "Run length in hours; decimals allowed (0.25 = 15 min). Default 1 unless --cycles or "
                    + "--quick bounds the run. With --cycles too, whichever comes first ends it.")
    Double hours;

    @Option(names = {"-w", "--workers"}, paramLabel = "W", description = "Parallel primary workers (default 3).")
    Integer workers;

    @Option(names = {"-n", "--workflows-per-cycle"}, paramLabel = "N",
            description = "Primary workflows per cycle, split across the workers (default 10). The remainder is "
                    + "not dropped: the first N %% W workers run one more (10 over 3 = 4+3+3). Upstream ran N/W "
                    + "each (9 for 10); pass 9 to match its 24-hour run.")
    Integer workflowsPerCycle;

    @Option(names = {"-i", "--cycle-interval"}, paramLabel = "S",
            description = "Seconds to wait after each cycle (default 30; 0 = back to back).")
    Double cycleInterval;

    @Option(names = "--cycles", paramLabel = "N", description = "Stop after N cycles (N >= 1).")
    Long cycles;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Output directory (default /tmp/shadow_simulation_<YYYYmmdd_HHMMSS>, i.e. $AOS_SHADOW_GLOB "
                    + "with * replaced by the time). Refused if another run uses or used it; a refused run "
                    + "creates and changes nothing there.")
    Path output;

    @Option(names = "--quick", description = "Smoke run: 3 cycles, 5 workflows per cycle, 2 s interval (each "
            + "overridable by its flag); ends in seconds.")
    boolean quick;

    @Option(names = {"-v", "--verbose"},
            description = "Log 'Running cycle N...' and the per-cycle 'Cycle N: ... 0 mismatches' lines.")
    boolean verbose;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for the whole run (run ids, workflow types, seeds, injected faults, sampling). "
                    + "Default: random, printed in the banner so the run can be repeated.")
    Long seed;

    @Option(names = "--fail-fast", description = "Stop after the first cycle with a mismatch (summary written, exit 1).")
    boolean failFast;

    @Option(names = "--inject", paramLabel = "KIND[:RATE]",
            description = "Inject a determinism flaw into a share RATE (default 0.2) of the runs, so their replays "
                    + "diverge in exactly that way: volatile-leak, unseeded-rng, seed-mismatch, external-call, "
                    + "unordered. Repeatable. For rehearsing incident response; never on a real sign-off run.")
    List<String> inject;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve this run's Prometheus metrics at http://ADDR:PORT/metrics while it runs "
                    + "(see docs/metrics.md).")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDR",
            description = "Address for --metrics-port (default 127.0.0.1, this host only; 0.0.0.0 for all).")
    String metricsBind;

    @Option(names = "--slack-webhook", paramLabel = "URL", hidden = true,
            description = "Accepted for compatibility with upstream's script and ignored: alerts go through "
                    + "'aos-ops monitor'.")
    String slackWebhook;

    @Override
    public Integer call() {
        OpsConfig config = common.config();
        ShadowRunOptions.Builder builder = ShadowRunOptions.builder(outputDir(config))
                .hours(hours).cycles(cycles).workers(workers).workflowsPerCycle(workflowsPerCycle)
                .cycleInterval(cycleInterval == null ? null : seconds(cycleInterval))
                .quick(quick).verbose(verbose).seed(seed).failFast(failFast);
        for (String spec : inject == null ? List.<String>of() : inject) {
            try {
                builder.inject(FaultInjection.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new BadConfigurationException("--inject " + spec + ": " + e.getMessage());
            }
        }
        boolean color = TerminalColour.enabled(config);
        if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
            throw new BadConfigurationException("--metrics-port must be within 1..65535, got " + metricsPort);
        }
        try (EmergencyStop stop = EmergencyStop.forConfig(config);
             MetricsExport metrics = MetricsExport.start(metricsPort, metricsBind, null)) {
            // the runner reports events; the operator sees them as upstream's log lines on stdout
            ShadowRunner runner = new ShadowRunner(builder.build(), WorkflowRegistry.discover(), emergencyStop(stop),
                    Clock.systemDefaultZone(), ShadowRunLog.to(utf8(System.out), color));
            // The run's series are read from its status.json and cycle reports at scrape time.
            metrics.observeBeforeScrape(runner.layout());
            return run(runner);
        }
    }

    private static int run(ShadowRunner runner) {
        Thread hook = new Thread(() -> onSignal(runner), "shadow-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ShadowRunResult result;
        try {
            result = runner.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutdown already started: the hook finishes the job.
            }
        }
        return result.passed() ? 0 : 1; // zero cycles is a failure, not a vacuous pass
    }

    /**
     * SIGINT/SIGTERM: let the runner finish the cycle in progress and write its summary and report block, then end
     * with its exit code (0 iff no mismatch). A shutdown hook cannot return an exit code, so it halts with it.
     */
    private static void onSignal(ShadowRunner runner) {
        runner.requestStop();
        try {
            if (runner.awaitFinished(Duration.ofSeconds(60))) {
                System.out.flush();
                Runtime.getRuntime().halt(runner.result().map(r -> r.passed() ? 0 : 1).orElse(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The log lines are UTF-8 (the separator rule and the PASSED/FAILED marks are not ASCII) whatever the JVM's
     * default for stdout, which is ASCII under a C locale, as cron and systemd often have.
     */
    private static PrintStream utf8(PrintStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** {@code --output}, else {@code $AOS_SHADOW_GLOB} with its {@code *} replaced by the time. */
    Path outputDir(OpsConfig config) {
        if (output != null) {
            return output.toAbsolutePath();
        }
        String glob = config.get(OpsSetting.SHADOW_RUN_GLOB);
        if (!glob.contains("*")) {
            throw new BadConfigurationException(OpsSetting.SHADOW_RUN_GLOB.envVar() + " must contain a '*' for the timestamp, "
                    + "not '" + glob + "'");
        }
        return Path.of(glob.replace("*", LocalDateTime.now().format(DIR_TS))).toAbsolutePath();
    }

    private static Duration seconds(double s) {
        if (Double.isNaN(s) || s < 0 || Double.isInfinite(s)) {
            throw new BadConfigurationException("--cycle-interval must be a number of seconds >= 0, not " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /**
     * The suite's emergency stop: the flag file ({@code $AOS_EMERGENCY_STOP_FILE}, default
     * {@code $AOS_STATE_DIR/.workflow_emergency_stop}) or {@code WORKFLOW_EMERGENCY_STOP=true}. Looked at before every
     * step (one cached stat, at most 250 ms old), so a running simulation notices it without a restart.
     */
    static StopCheck emergencyStop(EmergencyStop stop) {
        return stop::isEngaged;
    }
}
