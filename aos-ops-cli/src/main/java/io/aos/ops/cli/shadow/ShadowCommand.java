package io.aos.ops.cli.shadow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aos-ops shadow}: the shadow simulation. */
@Command(name = "shadow",
        mixinStandardHelpOptions = true,
        header = "Shadow simulation: run workflows, replay recorded runs with the same seed, compare.",
        description = {
            "aos-ops shadow run --hours 24 --workers 3 --verbose",
            "    the 24-hour run of the runbook",
            "aos-ops shadow run --quick --verbose",
            "    a smoke run that ends in seconds",
            "aos-ops shadow start --hours 24 --workers 3 --verbose",
            "    the same, the runbook's way: pre-flight, detached, monitor, cron check",
            "aos-ops shadow finish",
            "    the runbook's Post-Shadow Run: verify, stop the monitor, summary, archive, verdict",
            "See 'aos-ops shadow run --help' and 'aos-ops shadow finish --help' for every flag."
        },
        subcommands = {ShadowRunCommand.class, ShadowStartCommand.class, ShadowFinishCommand.class})
public final class ShadowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a shadow command is required: run, start or finish");
    }
}
