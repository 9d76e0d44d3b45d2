package io.aos.ops.cli.emergency;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStopController;
import io.aos.ops.core.emergency.EmergencyStopChange;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code aos-ops emergency-stop enable}: stop all workflows now. */
@Command(name = "enable",
        aliases = "stop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "STOP workflow execution now (alias: stop).",
        description = {
            "Creates the stop file (who, when, host, reason), appends the action to the audit log (synced to disk "
                    + "before this returns) and writes WORKFLOW_EMERGENCY_STOP=true to the environment file.",
            "Running engines see it within 250 ms and halt before their next step, without a restart.",
            "Already stopped? The first record is kept and this repeat is added to the audit log.",
            "Example: aos-ops emergency-stop enable --reason 'P0: golden mismatch in cycle 12, INC-42'",
        })
final class EmergencyEnableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EmergencyStopCommand parent;

    @Mixin
    EmergencyTarget target;

    @Option(names = {"-r", "--reason"}, paramLabel = "TEXT",
            description = "Why (recorded in the stop file and the audit log). Words after 'enable' work too.")
    String reason;

    @Parameters(arity = "0..*", paramLabel = "WORDS", description = "The reason, as plain words.")
    List<String> words;

    @Option(names = "--json", description = "Print what was done as JSON.")
    boolean json;

    @Override
    public Integer call() {
        OpsConfig config = target.config(parent);
        EmergencyStopChange change = EmergencyStopController.forConfig(config)
                .enable(ReasonArgument.of(spec, reason, words));
        return EmergencyStopView.printChange(spec, config, json, "enable", change, view -> view.enabled(change));
    }
}
