package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug mismatches}: Every cycle with mismatches, with root cause and first diverging step. */
@Command(name = "mismatches",
        mixinStandardHelpOptions = true,
        header = "Every cycle with mismatches, with root cause and first diverging step.",
        description = {
            "Reads every reports/cycle_N.json in numeric order and lists each mismatching replay: the run "
                    + "replayed, its workflow type and seed, the root cause and first diverging step the "
                    + "runner recorded (upstream reports have none: replay the run with 'aos-ops debug replay "
                    + "RUN_ID'), and cycles that only the log names.",
            "Exit 1 when any mismatch is found; 2 when no cycle report could be read (an empty run is not a "
                    + "pass) or no run or log can be found; 0 when the reports read show none."
        })
public final class DebugMismatchesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().report(DebugConsole.Section.MISMATCHES);
        return options.print(spec, report, DebugOptions.exitCode(report));
    }
}
