package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.monitor.daemon.DaemonControl;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops monitor stop}: SIGTERM, a bounded wait, SIGKILL only if it would not stop. */
@Command(name = "stop",
        mixinStandardHelpOptions = true,
        header = "Stop the monitor daemon (SIGTERM, then wait; SIGKILL after --wait).",
        description = {
            "Signals only a process proven to be the daemon: the PID file's start time",
            "and the process's command line must both match. Anything else is named and",
            "left alone. Exit 0 when it stopped or was not running, 1 when it had to be",
            "killed or the PID file names a process not proven to be the daemon, 2 when",
            "the PID file cannot be read."
        })
public final class MonitorStopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        DaemonControl.StopResult result = DaemonControl.forConfig(common.config())
                .stop(Duration.ofSeconds(Math.max(0, waitSeconds)));
        String pid = result.pid().map(String::valueOf).orElse("");
        switch (result.outcome()) {
            case STOPPED -> Output.text(spec, "Monitor stopped (PID: " + pid + ")");
            case KILLED -> Output.text(spec, "Monitor did not stop within " + waitSeconds + "s of SIGTERM; killed "
                    + "(PID: " + pid + ")");
            case WAS_NOT_RUNNING -> Output.text(spec, "Monitor was not running (stale PID file removed, PID: " + pid
                    + ")");
            case NOT_PROVEN -> Output.text(spec, result.detail().orElse("PID " + pid) + " — not signalled");
            case NO_PID_FILE -> Output.text(spec, "No PID file found (monitor not running)");
            default -> throw new IllegalStateException(result.outcome().name());
        }
        return switch (result.outcome()) {
            case KILLED, NOT_PROVEN -> 1;
            default -> 0;
        };
    }
}
