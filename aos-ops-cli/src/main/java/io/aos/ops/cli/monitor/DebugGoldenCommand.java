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
            "Exit 1 when a golden file does not verify, else 0; 2 when no run or log can be found."
        })
public final class DebugGoldenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Override
    public Integer call() {
        DebugReport report = options.console().report(DebugConsole.Section.GOLDEN);
        return options.print(spec, report, report.goldenFilesNotVerifying() > 0 ? 1 : 0);
    }
}
