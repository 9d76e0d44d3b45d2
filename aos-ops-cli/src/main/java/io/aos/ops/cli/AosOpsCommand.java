package io.aos.ops.cli;

import io.aos.ops.cli.emergency.EmergencyStopCommand;
import io.aos.ops.cli.golden.GoldenCommand;
import io.aos.ops.cli.monitor.CronCheckCommand;
import io.aos.ops.cli.monitor.DebugCommand;
import io.aos.ops.cli.monitor.MonitorCommand;
import io.aos.ops.cli.monitor.SanityCommand;
import io.aos.ops.cli.monitor.StatusCommand;
import io.aos.ops.cli.retention.RetentionCommand;
import io.aos.ops.cli.shadow.ShadowCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code aos-ops} command: a list of subcommands, nothing else. */
@Command(name = "aos-ops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Operations suite for AOS deterministic workflow engines.",
        description = {
            "Golden traces, shadow simulations, monitoring, golden-file retention and the emergency stop.",
            "Every command takes --help. Exit codes: 0 all well, 1 failure (critical health, mismatch, verify failed),",
            "2 usage error or unreadable input; health checks take --nagios for 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN."
        },
        subcommands = {
            ShadowCommand.class,
            MonitorCommand.class,
            CronCheckCommand.class,
            StatusCommand.class,
            SanityCommand.class,
            DebugCommand.class,
            RetentionCommand.class,
            EmergencyStopCommand.class,
            GoldenCommand.class,
        })
public final class AosOpsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (try --help)");
    }
}
