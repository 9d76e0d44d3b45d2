package io.aos.ops.cli.monitor;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.daemon.DaemonControl;
import io.aos.ops.monitor.daemon.DaemonState;
import io.aos.ops.monitor.daemon.DaemonStatus;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options and output of {@code monitor status}, also what {@code monitor} with no subcommand does. */
final class MonitorStatusOptions {

    @Option(names = "--json", description = "Print the daemon status as JSON.")
    boolean json;

    /**
     * Prints the daemon status; what comes from files or processes (log lines, alerts, names, a command line) is shown
     * one line each, control characters escaped ({@link ControlCharacters#oneLine}). Exit code 0 when it runs, 1 when
     * dead, not running or not proven to be the daemon, 2 when its PID file cannot be read.
     */
    int report(CommandSpec spec, OpsConfig config) throws Exception {
        DaemonStatus status = DaemonControl.forConfig(config).status(10, 5);
        if (json) {
            Output.json(spec, status.toJson());
        } else {
            StringBuilder out = new StringBuilder();
            String rule = "═".repeat(63);
            out.append(rule).append('\n').append("                 SHADOW MONITOR STATUS\n").append(rule).append('\n');
            out.append("Monitor: ").append(switch (status.state()) {
                case RUNNING -> "RUNNING (PID: " + status.pid().orElseThrow() + ")"
                        + status.detail().map(d -> " — " + shown(d)).orElse("");
                case DEAD -> "DEAD (stale PID file, PID: " + status.pid().orElseThrow() + ")";
                case NOT_PROVEN -> "NOT PROVEN (" + shown(status.detail().orElse("")) + ")";
                case UNKNOWN -> "UNKNOWN (" + shown(status.detail().orElse("")) + ")";
                case NOT_RUNNING -> "NOT RUNNING";
            }).append('\n');
            out.append("Log file: ").append(shown(status.log().toString())).append('\n');
            out.append("Log size: ").append(status.logBytes()).append(" bytes\n\n");
            out.append("Last 10 log entries:\n");
            if (status.lastEntries().isEmpty()) {
                out.append("  (none)\n");
            }
            status.lastEntries().forEach(l -> out.append("  ").append(shown(l)).append('\n'));
            out.append('\n');
            if (status.alertCount() == 0) {
                out.append("Alerts: None\n");
            } else {
                out.append("Alerts: ").append(status.alertCount()).append(" total (")
                        .append(shown(status.alertsFile().toString()))
                        .append(")\nRecent alerts:\n");
                status.recentAlerts().forEach(l -> out.append("  ").append(shown(l)).append('\n'));
            }
            Output.text(spec, out.toString());
        }
        return switch (status.state()) {
            case RUNNING -> 0;
            case UNKNOWN -> 2; // the PID file cannot be read: unreadable input
            default -> 1;
        };
    }

    private static String shown(String text) {
        return ControlCharacters.oneLine(text);
    }
}
