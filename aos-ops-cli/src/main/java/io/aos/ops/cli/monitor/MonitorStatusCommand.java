package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.monitor.daemon.DaemonControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor status}: is the daemon running, its log and its recent alerts. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "Is the monitor daemon running? Its log size, last entries and recent alerts.",
        description = {
            "Monitor: RUNNING (PID; the daemon holding its lock, <PID file>.daemon.lock,",
            "even if the PID file is gone), DEAD (stale PID file: the daemon is gone),",
            "NOT PROVEN (the PID file names a live process that is not proven to be the",
            "daemon: no start time recorded, or another command line), UNKNOWN (the PID",
            "file cannot be read) or NOT RUNNING.",
            "Exit 0 when running, 1 when dead, not proven or not running, 2 when unknown."
        })
public final class MonitorStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    MonitorStatusOptions options;

    @Override
    public Integer call() throws Exception {
        return options.report(spec, common.config());
    }

    /** Still called by MonitorStartCommand (the metrics branch owns it); new code: {@link DaemonControl#forConfig}. */
    static DaemonControl control(OpsConfig config) {
        return DaemonControl.forConfig(config);
    }
}
