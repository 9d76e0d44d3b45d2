package io.aos.ops.cli.golden;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 4 lands: describes the command and exits 2. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        header = "Compare two golden files and name the root cause of the first divergence.",
        description = {
            "aos-ops golden diff --golden-a A --golden-b B [--verbose] [--output F] [--json] [--strict]",
            "Launcher: scripts/stress/golden_diff_debug.py --golden-a A --golden-b B",
            "NOT BUILT YET (issue 4): running it prints one line and exits 2."
        })
public final class GoldenDiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 4");
    }
}
