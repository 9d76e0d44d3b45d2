package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 6 lands: describes the command and exits 2. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "Quick status of the current shadow run.",
        description = {
            "Process and elapsed time, cycles, successful cycles, cycles with mismatches, last 10 log entries.",
            "Launcher: scripts/stress/check_shadow_status.sh",
            "NOT BUILT YET (issue 6): running it prints one line and exits 2."
        })
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 6");
    }
}
