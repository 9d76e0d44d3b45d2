package io.aos.ops.cli.monitor;

import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.metrics.HealthReportMetrics;
import io.aos.ops.monitor.metrics.MetricsExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor check}: one health check in the foreground. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        header = "Run one health check now and print the status line.",
        description = {
            "Prints one line, e.g.",
            "  [2025-12-02T14:05:31+01:00] HEALTHY: PID=752320, Cycles=106, Success=106, Disk=14%%",
            "DEGRADED (a warning), UNKNOWN (a probe could not tell) or CRITICAL with the",
            "issues listed; COMPLETED once the run ended cleanly. Exit 0 healthy,",
            "degraded or completed, 1 critical, 2 unknown. With --nagios:",
            "0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN and performance data after a '|'."
        })
public final class MonitorCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    RunOptions run;

    @Option(names = "--textfile-dir", paramLabel = "DIR",
            description = "Also write DIR/aos_ops.prom (atomically) for node_exporter's textfile collector.")
    Path textfileDir;

    @Option(names = "--json", description = "Print the full report as JSON.")
    boolean json;

    @Option(names = "--nagios", description = "Exit 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN.")
    boolean nagios;

    /** The options of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = RunOptions.QUICK.values("--textfile-dir").flags("--json", "--nagios");

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}). */
    public static MonitorCheckCommand quick(QuickLine line, Console console) {
        MonitorCheckCommand command = new MonitorCheckCommand();
        command.console = console;
        command.run = RunOptions.quick(line);
        command.textfileDir = line.path("--textfile-dir");
        command.json = line.has("--json");
        command.nagios = line.has("--nagios");
        return command;
    }

    @Override
    public Integer call() {
        HealthReport report = run.healthCheck().check();
        if (textfileDir != null) {
            try (MetricsExport export = MetricsExport.start(null, null, textfileDir.toAbsolutePath())) {
                HealthReportMetrics.record(export, report);
                export.writeTextfile();
            } catch (IOException e) {
                throw new BadInputException(textfileDir, "cannot write the metrics textfile: " + e.getMessage(), e);
            }
        }
        if (json) {
            Output.json(Console.out(console, spec), report.toJson());
        } else if (nagios) {
            // the status line has no control character; a '|' in it (a file name) would start the perfdata early
            Output.text(Console.out(console, spec), report.statusLine().replace('|', '/') + " | " + report.perfData());
        } else {
            Output.text(Console.out(console, spec), report.statusLine());
        }
        return ExitMode.of(nagios).exitCode(report.status());
    }
}
