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

/** Placeholder until issue 3 lands: describes the command and exits 2. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        header = "Verify .sig signatures and stored-vs-recomputed hashes.",
        description = {
            "aos-ops golden verify FILE... [--secret-file F] [--allow-unsigned] [--json]",
            "NOT BUILT YET (issue 3): running it prints one line and exits 2."
        })
public final class GoldenVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 3");
    }
}
