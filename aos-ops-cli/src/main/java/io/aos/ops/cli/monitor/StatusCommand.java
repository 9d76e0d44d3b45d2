package io.aos.ops.cli.monitor;

import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.config.DefaultZoneClock;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.status.QuickStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops status}: the quick status of the current shadow run. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "Quick status of the current shadow run.",
        description = {
            "Process and elapsed time, cycles, successful cycles, cycles with",
            "mismatches, last 10 log entries. Exit 1 when the process is dead (a",
            "completed run is not) or any mismatch was found, else 0.",
            "Launcher: scripts/stress/check_shadow_status.sh"
        })
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    RunOptions run;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    /** The options of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = RunOptions.QUICK.flags("--json");

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}). */
    public static StatusCommand quick(QuickLine line, Console console) {
        StatusCommand command = new StatusCommand();
        command.console = console;
        command.run = RunOptions.quick(line);
        command.json = line.has("--json");
        return command;
    }

    @Override
    public Integer call() throws Exception {
        OpsConfig config = run.config();
        QuickStatus.Report report = QuickStatus.collect(
                HealthCheck.forStatus(config, run.checkOptions(config), DefaultZoneClock.system())
                        .withExecutor(Workers.besideCaller()));
        if (json) {
            Output.json(Console.out(console, spec), report.toJson());
        } else {
            Output.text(Console.out(console, spec), report.render());
        }
        return report.failed() ? 1 : 0;
    }
}
