package io.aos.ops.cli.emergency;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aos-ops emergency-stop}: the workflow kill switch. With no subcommand it shows the status, as the old
 * {@code disable-workflows.sh} did. All logic is in {@link io.aos.ops.core.emergency.EmergencyStop}.
 */
@Command(name = "emergency-stop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Emergency stop: the workflow kill switch.",
        synopsisSubcommandLabel = "[enable | disable | status]",
        description = {
            "Engines that check the stop (EmergencyStop.isEngaged/check in aos-ops-core) see 'enable' within 250 ms "
                    + "and halt before their next step, without a restart; they see 'disable' within 250 ms (a paused "
                    + "'aos-ops shadow run' looks again every 1 s).",
            "With no subcommand: status.",
            "",
            "Example: aos-ops emergency-stop enable --reason 'P0: mismatch in cycle 12'",
            "",
            "When to use it: P0 mismatch detected; P1 unrecoverable process failure; before manual intervention on "
                    + "production data.",
            "",
            "The switch is the flag file /var/lib/aos/.workflow_emergency_stop (JSON: who, when, host, reason). Every "
                    + "enable and disable is appended to /var/lib/aos/emergency_stop_audit.log, which is never "
                    + "truncated. /var/lib/aos/emergency_stop.env holds WORKFLOW_EMERGENCY_STOP=true|false for "
                    + "services started later (systemd EnvironmentFile=, docker --env-file). An engine started with "
                    + "WORKFLOW_EMERGENCY_STOP set to anything but empty, 0, false or no (so true, 1, yes...) is "
                    + "stopped regardless of the flag file.",
            "A --stop-file, --audit-log, --env-file or --state-dir whose directory does not exist is refused "
                    + "(exit 2) and nothing is changed: a typo would engage a stop that no engine looks at.",
            "",
            "Exit codes of status: 0 RUNNING, 1 STOPPED, 2 UNKNOWN (the flag path cannot be checked; engines treat "
                    + "that as STOPPED). enable/disable: 0 done; 1 the stop IS engaged/released but the audit log "
                    + "or env file could not be written (WARNING on stderr); 2 nothing was changed (a path is "
                    + "unusable or the flag file could not be written).",
            "Launcher: scripts/ops/disable-workflows.sh [enable|disable|status]",
        },
        subcommands = {
            EmergencyEnableCommand.class,
            EmergencyDisableCommand.class,
            EmergencyStatusCommand.class,
        })
public final class EmergencyStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    EmergencyPathOptions paths;

    @Mixin
    EmergencyStatusOptions statusOptions;

    @Override
    public Integer call() {
        return EmergencyStatusCommand.show(spec, config(null, null), statusOptions);
    }

    /**
     * The configuration for a subcommand: its own {@code --state-dir} and path flags win over the same flags given
     * before the subcommand name ({@code emergency-stop --state-dir X status}).
     */
    OpsConfig config(CommonOptions own, EmergencyPathOptions ownPaths) {
        OpsConfig config = own == null ? common.config() : own.config();
        if (config.sourceOf(OpsSetting.STATE_DIR) != OpsConfig.Source.FLAG) {
            config = common.config();
        }
        config = paths.applyTo(config);
        return ownPaths == null ? config : ownPaths.applyTo(config);
    }
}
