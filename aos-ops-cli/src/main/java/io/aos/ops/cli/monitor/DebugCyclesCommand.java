package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug cycles}: Cycle statistics of the shadow run. */
@Command(name = "cycles",
        mixinStandardHelpOptions = true,
        header = "Cycle statistics of the shadow run.",
        description = {
            "Total cycles, successful, with errors (mismatches), workflows and replays, from status.json, "
                    + "else the cycle reports and the log; the last 5 cycle reports and the last 5 Progress "
                    + "lines of the log.",
            "Exit 0; 2 when nothing was read (no status.json, no cycle report, no cycle in a log) or no run or "
                    + "log can be found."
        })
public final class DebugCyclesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().report(DebugConsole.Section.CYCLES);
        return options.print(spec, report, DebugOptions.exitCode(report));
    }
}
