package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor start|stop|status|check}; with no subcommand, {@code status} (as upstream). */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        header = "Shadow monitor daemon: start, stop, status, or one health check.",
        description = {
            "Watches a shadow run: the process (CRITICAL when dead; a run whose status.json says completed is",
            "COMPLETED), heartbeat/log freshness (WARNING > 10 min, CRITICAL > 30 min), mismatches from status.json and",
            "reports/cycle_N.json (CRITICAL > 0), disk of every filesystem holding the run, golden and state dirs",
            "(WARNING >= 90%, CRITICAL >= 95%) and the golden dir's size and growth.",
            "The daemon appends one status line per check to $AOS_STATE_DIR/shadow_monitor.log and alert lines",
            "(JSON) to shadow_alerts.json and $SHADOW_HOOK when a condition starts, changes or clears.",
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

    @Option(names = "--json", description = "Print the daemon status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return MonitorStatusCommand.report(spec, common.config(), json);
    }
}
