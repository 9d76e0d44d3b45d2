package io.aos.ops.cli.emergency;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.AuditEntry;
import io.aos.ops.core.emergency.EmergencyStopController;
import io.aos.ops.core.emergency.EmergencyStopStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code aos-ops emergency-stop status}: is it stopped, by whom, since when, why; the last audit entries. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Show whether workflows are stopped: who stopped them, when, why, for how long.",
        description = {
            "Prints 'Status: STOPPED' with who, when and why, or 'Status: RUNNING', then the last audit entries.",
            "Exit code: 0 RUNNING, 1 STOPPED, 2 UNKNOWN (the stop file cannot be checked; engines treat that as "
                    + "STOPPED). So a script can do: aos-ops emergency-stop status >/dev/null || echo stopped",
        })
final class EmergencyStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EmergencyStopCommand parent;

    @Mixin
    EmergencyTarget target;

    @Mixin
    EmergencyStatusOptions options;

    @Override
    public Integer call() {
        return show(spec, target.config(parent), options);
    }

    static int show(CommandSpec spec, OpsConfig config, EmergencyStatusOptions options) {
        EmergencyStopController stop = EmergencyStopController.forConfig(config);
        EmergencyStopStatus status = stop.status();
        String[] auditProblem = new String[1];
        List<AuditEntry> audit = EmergencyStopView.recentAudit(stop, options.last, auditProblem);
        EmergencyStopView view = new EmergencyStopView(spec.commandLine().getOut(), config);
        if (options.json) {
            view.json(EmergencyStopView.statusJson(stop, status, audit, auditProblem[0]));
        } else {
            view.status(stop, status, audit, auditProblem[0]);
        }
        spec.commandLine().getOut().flush();
        return EmergencyStopView.exitCode(status);
    }
}
