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
@Command(name = "cron-check",
        mixinStandardHelpOptions = true,
        header = "Silent cron health check: prints nothing when all is well.",
        description = {
            "Appends WARNING/CRITICAL lines to /var/lib/aos/shadow_cron_alerts.log and syslog (tag shadow-monitor);",
            "exit 1 on critical, --nagios for 0/1/2/3. Launcher: scripts/stress/shadow_cron_check.sh",
            "NOT BUILT YET (issue 6): running it prints one line and exits 2."
        })
public final class CronCheckCommand implements Callable<Integer> {

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
