package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug process}: The shadow run's process. */
@Command(name = "process",
        mixinStandardHelpOptions = true,
        header = "The shadow run's process.",
        description = {
            "PID (from status.json, shadow.pid, or a running run_shadow_simulation.sh), state, elapsed time, "
                    + "command line, child processes and the files it holds open (/proc/PID/fd; run as its "
                    + "user or root).",
            "Exit 0; 2 when no run or log can be found."
        })
public final class DebugProcessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().report(DebugConsole.Section.PROCESS);
        return options.print(spec, report, 0);
    }
}
