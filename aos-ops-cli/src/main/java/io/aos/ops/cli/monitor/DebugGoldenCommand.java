package io.aos.ops.cli.monitor;

import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug golden}: Golden file analysis of the shadow run. */
@Command(name = "golden",
        mixinStandardHelpOptions = true,
        header = "Golden file analysis of the shadow run.",
        description = {
            "Counts by kind and sizes of <run>/golden (else $GOLDEN_DIR), the 5 newest files, the keys of one "
                    + "sample, and every .golden.json whose workflow_hash is not the hash of its step_hashes "
                    + "or that does not parse.",
            "Every entry, in subdirectories too, is accounted for: one that cannot be checked (a symbolic "
                    + "link loop, a dangling link, a link to a directory, which is not followed, a FIFO) is listed "
                    + "under NOT CHECKED with the reason.",
            "Exit 1 when a golden file does not verify; else 2 when an entry could not be checked, there is no "
                    + "golden directory, or no run or log can be found; else 0."
        })
public final class DebugGoldenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().report(DebugConsole.Section.GOLDEN);
        return options.print(spec, report, DebugOptions.exitCode(report));
    }
}
