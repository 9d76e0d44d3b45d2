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
@Command(name = "summary",
        mixinStandardHelpOptions = true,
        header = "Summarize a shadow simulation directory: cycles, replays, mismatches, verdict.",
        description = {
            "aos-ops golden summary --summary-dir DIR [--summary-dir DIR2 ...] [--output F] [--json]",
            "Launcher: scripts/stress/golden_diff_debug.py --summary-dir DIR",
            "NOT BUILT YET (issue 4): running it prints one line and exits 2."
        })
public final class GoldenSummaryCommand implements Callable<Integer> {

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
