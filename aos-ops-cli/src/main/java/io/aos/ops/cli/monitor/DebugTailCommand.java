package io.aos.ops.cli.monitor;

import io.aos.ops.core.BadConfigurationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug tail [N]}: the last N log lines. */
@Command(name = "tail",
        mixinStandardHelpOptions = true,
        header = "The last N lines of the shadow run log (default 20).",
        description = {"Colour codes that upstream writes into its log are removed. Exit 0; 2 when no log is found."})
public final class DebugTailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", defaultValue = "20",
            description = "Lines to show (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new BadConfigurationException("tail N must be 0 or more, not " + lines);
        }
        return options.print(spec, options.console().tail(lines), 0);
    }
}
