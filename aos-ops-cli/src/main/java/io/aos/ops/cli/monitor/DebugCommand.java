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

/** Placeholder until issue 7 lands: describes the command and exits 2. */
@Command(name = "debug",
        mixinStandardHelpOptions = true,
        header = "Debug console for a shadow run.",
        description = {
            "aos-ops debug full|tail [N]|cycles|mismatches|golden|process|replay <run_id>",
            "Launcher: scripts/stress/shadow_debug.sh",
            "NOT BUILT YET (issue 7): running it prints one line and exits 2."
        })
public final class DebugCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 7");
    }
}
