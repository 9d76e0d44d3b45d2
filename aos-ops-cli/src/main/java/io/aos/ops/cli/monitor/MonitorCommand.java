package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NotBuiltYet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Placeholder until issue 6 lands: describes the command and exits 2. */
@Command(name = "monitor",
        mixinStandardHelpOptions = true,
        header = "Shadow monitor daemon: start, stop, status, or one health check.",
        description = {
            "aos-ops monitor start|stop|status|check [--run-dir DIR] [--log FILE] [--interval S]",
            "Checks the shadow process, heartbeat freshness (WARNING > 10 min, CRITICAL > 30 min), mismatches (CRITICAL > 0)",
            "and disk usage (WARNING >= 90%, CRITICAL >= 95%). Launcher: scripts/stress/shadow_monitor_daemon.sh",
            "NOT BUILT YET (issue 6): running it prints one line and exits 2."
        })
public final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "Arguments of the command to come.")
    List<String> args;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue 6");
    }
}
