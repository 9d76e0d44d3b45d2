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

/** {@code aos-ops emergency-stop disable}: lift the stop and let workflows run again. */
@Command(name = "disable",
        aliases = "start",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Lift the emergency stop: workflows may run again (alias: start).",
        description = {
            "Removes the stop file, appends the release to the audit log (which is kept, never truncated) and writes "
                    + "WORKFLOW_EMERGENCY_STOP=false to the environment file. Running engines see the release within "
                    + "250 ms (a paused 'aos-ops shadow run' looks again every 1 s).",
            "Example: aos-ops emergency-stop disable --reason 'root cause fixed, INC-42'",
        })
final class EmergencyDisableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EmergencyStopCommand parent;

    @Mixin
    EmergencyTarget target;

    @Option(names = {"-r", "--reason"}, paramLabel = "TEXT",
            description = "Why it is safe to run again (recorded in the audit log). Words after 'disable' work too.")
    String reason;

    @Parameters(arity = "0..*", paramLabel = "WORDS", description = "The reason, as plain words.")
    List<String> words;

    @Option(names = "--json", description = "Print what was done as JSON.")
    boolean json;

    @Override
    public Integer call() {
        OpsConfig config = target.config(parent);
        EmergencyStopController stop = EmergencyStopController.forConfig(config);
        EmergencyStopChange change = stop.disable(ReasonArgument.of(spec, reason, words));
        return EmergencyStopView.printChange(spec, config, json, "disable", change,
                view -> view.disabled(change, stop.engagedByEnvironment() ? stop.environmentValue() : null));
    }
}
