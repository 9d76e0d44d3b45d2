package io.aos.ops.cli.shadow;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 5 lands: describes the command and exits 2. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        header = "Run a shadow simulation: run workflows, replay recorded runs with the same seed, compare.",
        description = {
            "aos-ops shadow run [--hours H] [--workers W] [--workflows-per-cycle N] [--cycle-interval S] [--cycles N]",
            "                   [--output DIR] [--quick] [--verbose] [--seed S] [--inject KIND[:RATE]] [--fail-fast]",
            "Runs primary workflows, records golden files, replays a sample with the same seed and classifies every mismatch.",
            "A mismatch is logged and counted, never fatal. Launcher: scripts/stress/run_shadow_simulation.sh",
            "NOT BUILT YET (issue 5): running it prints one line and exits 2."
        })
public final class ShadowRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 5");
    }
}
