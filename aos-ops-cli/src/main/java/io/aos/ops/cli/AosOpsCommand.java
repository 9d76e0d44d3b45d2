package io.aos.ops.cli;

import io.aos.ops.cli.emergency.EmergencyStopCommand;
import io.aos.ops.cli.golden.GoldenCommand;
import io.aos.ops.cli.incident.IncidentCommand;
import io.aos.ops.cli.monitor.CronCheckCommand;
import io.aos.ops.cli.monitor.CronCommand;
import io.aos.ops.cli.monitor.DebugCommand;
import io.aos.ops.cli.monitor.MonitorCommand;
import io.aos.ops.cli.monitor.PreflightCommand;
import io.aos.ops.cli.monitor.SanityCommand;
import io.aos.ops.cli.monitor.StatusCommand;
import io.aos.ops.cli.retention.RetentionCommand;
import io.aos.ops.cli.shadow.ShadowCommand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
            "Every command takes --help. Exit codes: 0 all well, 1 failure (critical health, mismatch, "
                    + "verify failed), 2 usage error or unreadable input; health checks take --nagios for 0/1/2/3 = "
                    + "OK/WARNING/CRITICAL/UNKNOWN."
        })
public final class AosOpsCommand implements Runnable {

    /**
     * The command groups by name, in the order {@code --help} lists them. Added by {@link AosOps} rather than through
     * {@code @Command(subcommands = ...)}: picocli builds the model of every command it is given, by reflection, and
     * its classes cannot be kept in the class-data-sharing archive (class file version 49), so building all nine
     * groups cost a cron check about 200 ms of its start-up; a command line that names its group builds only that
     * group. Each key is the group's {@code @Command(name)} (a test holds them equal).
     */
    static final Map<String, Supplier<Object>> GROUPS = groups();

    private static Map<String, Supplier<Object>> groups() {
        Map<String, Supplier<Object>> groups = new LinkedHashMap<>();
        groups.put("preflight", PreflightCommand::new);
        groups.put("shadow", ShadowCommand::new);
        groups.put("monitor", MonitorCommand::new);
        groups.put("cron-check", CronCheckCommand::new);
        groups.put("cron", CronCommand::new);
        groups.put("status", StatusCommand::new);
        groups.put("sanity", SanityCommand::new);
        groups.put("debug", DebugCommand::new);
        groups.put("retention", RetentionCommand::new);
        groups.put("emergency-stop", EmergencyStopCommand::new);
        groups.put("golden", GoldenCommand::new);
        groups.put("incident", IncidentCommand::new);
        return Collections.unmodifiableMap(groups);
    }

    /**
     * The groups whose subcommands are added by {@link AosOps} too, by group name: a command line that names one of
     * them right after its group builds that one alone.
     */
    static final Map<String, Supplier<Map<String, Supplier<Object>>>> SUBCOMMANDS =
            // suppliers: other commands never load these groups' classes
            Map.of("golden", () -> GoldenCommand.SUBCOMMANDS, "retention", () -> RetentionCommand.SUBCOMMANDS);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (try --help)");
    }
}
