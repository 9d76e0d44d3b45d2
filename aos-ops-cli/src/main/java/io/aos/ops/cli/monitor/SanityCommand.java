package io.aos.ops.cli.monitor;

import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.DefaultZoneClock;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.metrics.ExporterScrape;
import io.aos.ops.monitor.sanity.PrometheusQuery;
import io.aos.ops.monitor.sanity.SanityCheck;
import io.aos.ops.monitor.sanity.SanityReport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops sanity}: the 4-hour sanity check. */
@Command(name = "sanity",
        mixinStandardHelpOptions = true,
        header = "The 4-hour sanity check: five sections and a verdict.",
        description = {
            "[1/5] Process Status, [2/5] Mismatch Check, [3/5] Disk Usage,",
            "[4/5] Recent Activity, [5/5] Prometheus Metrics: every series of",
            "workflow_replay_verifications_total and workflow_replay_failures_total",
            "from $PROMETHEUS_URL/api/v1/query; unreachable is UNKNOWN for that",
            "section, never zero. Mismatches make the verdict a failure.",
            "Exit 0 healthy, completed or degraded, 1 critical (dead process,",
            "mismatches), 2 UNKNOWN (could not tell) or usage error. --nagios:",
            "0/1/2/3 and the plugin's 'SHADOW <STATUS> - <verdict> | perfdata'",
            "line, then the sections as long text.",
            "Launcher: scripts/stress/shadow_sanity_check.sh"
        })
public final class SanityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    RunOptions run;

    @Option(names = "--prometheus-url", paramLabel = "URL",
            description = "Prometheus server (default: $PROMETHEUS_URL, else http://localhost:9090).")
    String prometheusUrl;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "Read the replay metrics from an exporter's /metrics (e.g. http://127.0.0.1:9105/metrics, "
                    + "'aos-ops monitor start --metrics-port 9105') instead of a Prometheus server.")
    String metricsUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Timeout of each Prometheus query (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--nagios", description = "Print the plugin line 'SHADOW <STATUS> - <verdict> | perfdata' first "
            + "and exit 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN.")
    boolean nagios;

    /** The options of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = RunOptions.QUICK.values("--prometheus-url", "--metrics-url",
            "--timeout").flags("--json", "--nagios");

    /**
     * This command as picocli sets it up for {@code line} (read by {@link #QUICK}), or null for picocli to read it (a
     * {@code --timeout} that is not a plain decimal number: picocli's conversion and its messages).
     */
    public static SanityCommand quick(QuickLine line, Console console) {
        String timeout = line.value("--timeout");
        if (timeout != null && !timeout.matches("0|[1-9][0-9]{0,8}")) {
            return null;
        }
        SanityCommand command = new SanityCommand();
        command.console = console;
        command.run = RunOptions.quick(line);
        command.prometheusUrl = line.value("--prometheus-url");
        command.metricsUrl = line.value("--metrics-url");
        command.timeoutSeconds = timeout == null ? 3 : Integer.parseInt(timeout);
        command.json = line.has("--json");
        command.nagios = line.has("--nagios");
        return command;
    }

    @Override
    public Integer call() throws Exception {
        OpsConfig config = run.config().with(OpsSetting.PROMETHEUS_URL, prometheusUrl);
        URI url;
        try {
            url = URI.create(config.get(OpsSetting.PROMETHEUS_URL).strip());
        } catch (IllegalArgumentException e) {
            throw new BadConfigurationException("the Prometheus URL is not a URL: " + config.get(OpsSetting.PROMETHEUS_URL));
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        HealthCheck check = HealthCheck.create(config, run.checkOptions(config), DefaultZoneClock.system())
                .withExecutor(Workers.besideCaller());
        SanityCheck sanity;
        if (metricsUrl != null) {
            try {
                sanity = new SanityCheck(check, ExporterScrape.of(metricsUrl.strip(), timeout));
            } catch (IllegalArgumentException e) {
                throw new BadConfigurationException("--metrics-url: " + e.getMessage());
            }
        } else {
            sanity = new SanityCheck(check, new PrometheusQuery(url, timeout));
        }
        SanityReport report = sanity.run();
        if (json) {
            Output.json(Console.out(console, spec), report.toJson());
        } else if (nagios) {
            Output.text(Console.out(console, spec), report.nagiosText());
        } else {
            Output.text(Console.out(console, spec), report.render());
        }
        return ExitMode.of(nagios).exitCode(report.status());
    }
}
