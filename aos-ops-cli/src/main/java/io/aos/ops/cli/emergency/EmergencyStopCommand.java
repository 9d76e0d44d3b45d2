package io.aos.ops.cli.emergency;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 9 lands: describes the command and exits 2. */
@Command(name = "emergency-stop",
        mixinStandardHelpOptions = true,
        header = "Emergency stop: the workflow kill switch.",
        description = {
            "aos-ops emergency-stop enable [--reason TEXT] | disable [--reason TEXT] | status [--json]",
            "Flag file /var/lib/aos/.workflow_emergency_stop, audit log /var/lib/aos/emergency_stop_audit.log.",
            "Launcher: scripts/ops/disable-workflows.sh",
            "NOT BUILT YET (issue 9): running it prints one line and exits 2."
        })
public final class EmergencyStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 9");
    }
}
