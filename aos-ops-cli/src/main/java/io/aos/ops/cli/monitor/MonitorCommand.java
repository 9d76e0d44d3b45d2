package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor start|stop|status|check}; with no subcommand, {@code status} (as upstream). */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        header = "Shadow monitor daemon: start, stop, status, or one health check.",
        description = {
            "Watches a shadow run and says whether it is healthy:",
            "  process     CRITICAL when dead (a run whose status.json says completed",
            "              is COMPLETED, not dead)",
            "  freshness   heartbeat or log older than 10 min WARNING, 30 min CRITICAL",
            "  mismatches  CRITICAL when any (status.json, reports/cycle_N.json)",
            "  disk        every filesystem holding the run, golden and state dirs:",
            "              WARNING at 90%%, CRITICAL at 95%%",
            "  golden      size and growth of the golden directory",
            "The daemon appends one status line per check to shadow_monitor.log and",
            "alerts (JSON lines) to shadow_alerts.json and $SHADOW_HOOK when a",
            "condition starts, changes or clears.",
            "With no subcommand: status. Launcher: scripts/stress/shadow_monitor_daemon.sh"
        },
        subcommands = {
            MonitorStartCommand.class,
            MonitorStopCommand.class,
            MonitorStatusCommand.class,
            MonitorCheckCommand.class,
            MonitorDaemonCommand.class,
        })
public final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    MonitorStatusOptions status;

    @Override
    public Integer call() throws Exception {
        return status.report(spec, common.config());
    }
}
