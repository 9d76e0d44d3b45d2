package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.debug.DebugReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug full}: all six sections. */
@Command(name = "full",
        mixinStandardHelpOptions = true,
        header = "Full debug report of the shadow run: all six sections.",
        description = {
            "1 process information, 2 cycle statistics, 3 mismatch analysis, 4 golden file analysis, 5 "
                    + "resource usage (disk of each filesystem, memory of the run and the machine), 6 log file info.",
            "What a section cannot read is named under it; the rest is still shown.",
            "Exit 1 when mismatches are found or a golden file does not verify; else 2 when the answer is "
                    + "incomplete (no cycle report read, no golden directory, a golden entry not checked: the "
                    + "closing Verdict line says which) or no run or log can be found; else 0."
        })
public final class DebugFullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().full();
        return options.print(spec, report, DebugOptions.exitCode(report));
    }
}
