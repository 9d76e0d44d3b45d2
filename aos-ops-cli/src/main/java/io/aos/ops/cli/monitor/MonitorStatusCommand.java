package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.DaemonState;
import io.aos.ops.monitor.daemon.DaemonStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor status}: is the daemon running, its log and its recent alerts. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "Is the monitor daemon running? Its log size, last entries and recent alerts.",
        description = {
            "Monitor: RUNNING (PID), DEAD (stale PID file: the daemon is gone) or",
            "NOT RUNNING. Exit 0 when running, 1 when dead or not running."
        })
public final class MonitorStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print the daemon status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return report(spec, common.config(), json);
    }

    static DaemonControl control(OpsConfig config) {
        return new DaemonControl(config.path(OpsSetting.MONITOR_PID_FILE), config.path(OpsSetting.MONITOR_LOG),
                config.path(OpsSetting.ALERTS_FILE), ProcessTable.system());
    }

    static int report(CommandSpec spec, OpsConfig config, boolean json) throws Exception {
        DaemonStatus status = control(config).status(10, 5);
        if (json) {
            Output.json(spec, status.toJson());
        } else {
            StringBuilder out = new StringBuilder();
            String rule = "═".repeat(63);
            out.append(rule).append('\n').append("                 SHADOW MONITOR STATUS\n").append(rule).append('\n');
            out.append("Monitor: ").append(switch (status.state()) {
                case RUNNING -> "RUNNING (PID: " + status.pid().orElseThrow() + ")";
                case DEAD -> "DEAD (stale PID file, PID: " + status.pid().orElseThrow() + ")";
                case NOT_RUNNING -> "NOT RUNNING";
            }).append('\n');
            out.append("Log file: ").append(status.log()).append('\n');
            out.append("Log size: ").append(status.logBytes()).append(" bytes\n\n");
            out.append("Last 10 log entries:\n");
            if (status.lastEntries().isEmpty()) {
                out.append("  (none)\n");
            }
            status.lastEntries().forEach(l -> out.append("  ").append(l).append('\n'));
            out.append('\n');
            if (status.alertCount() == 0) {
                out.append("Alerts: None\n");
            } else {
                out.append("Alerts: ").append(status.alertCount()).append(" total (").append(status.alertsFile())
                        .append(")\nRecent alerts:\n");
                status.recentAlerts().forEach(l -> out.append("  ").append(l).append('\n'));
            }
            Output.text(spec, out.toString());
        }
        return status.state() == DaemonState.RUNNING ? 0 : 1;
    }
}
