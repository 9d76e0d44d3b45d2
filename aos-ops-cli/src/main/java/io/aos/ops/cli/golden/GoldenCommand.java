package io.aos.ops.cli.golden;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden}: golden trace tools. */
@Command(name = "golden",
        mixinStandardHelpOptions = true,
        header = "Golden trace tools: hash, verify, diff, summary.",
        subcommands = {
            GoldenHashCommand.class,
            GoldenVerifyCommand.class,
            GoldenDiffCommand.class,
            GoldenSummaryCommand.class,
        })
public final class GoldenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a golden command is required: hash, verify, diff or summary");
    }
}
