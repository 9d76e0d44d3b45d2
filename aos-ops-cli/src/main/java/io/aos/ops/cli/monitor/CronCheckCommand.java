package io.aos.ops.cli.monitor;

import io.aos.ops.cli.Console;
import io.aos.ops.cli.NagiosUnknown;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.DefaultZoneClock;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.monitor.alert.SyslogSink;
import io.aos.ops.monitor.cron.CronCheck;
import io.aos.ops.monitor.cron.CrontabLine;
import io.aos.ops.monitor.health.HealthCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops cron-check}: the silent cron health check. */
@Command(name = "cron-check",
        mixinStandardHelpOptions = true,
        header = "Silent cron health check: prints nothing when all is well.",
        description = {
            "On success: no output; one '[ts] OK: PID=... Cycles=... Success=...' line",
            "in the cron alerts log ($AOS_CRON_ALERTS_LOG, else",
            "$AOS_STATE_DIR/shadow_cron_alerts.log). A run that completed cleanly is",
            "a success. Checks the process, mismatches, log/heartbeat freshness and",
            "disk usage; the golden directory's size is the monitor daemon's and",
            "'retention status''s to watch.",
            "On a problem: one '[ts] CRITICAL: <cause>' or '[ts] WARNING: <cause>' line",
            "per problem in that log, each also sent to syslog with tag shadow-monitor",
            "(through logger; to stderr when syslog cannot take it: no socket, not a",
            "socket, nobody listening). An alerts log that cannot be written is said",
            "on stderr; the verdict, status line and exit code stand.",
            "Exit 1 on critical, 0 on warning; with --nagios 0/1/2/3 =",
            "OK/WARNING/CRITICAL/UNKNOWN (a usage error is 3, never CRITICAL), and",
            "the one plugin status line on stdout, OK or not:",
            "'SHADOW OK - PID=... Cycles=... Success=... | perfdata',",
            "'SHADOW CRITICAL - <cause>; <cause> | perfdata'.",
            "Crontab line for this installation: aos-ops cron-check --print-crontab;",
            "installed as /etc/cron.d/aos-ops by 'aos-ops cron install'.",
            "Launcher: scripts/stress/shadow_cron_check.sh"
        })
public final class CronCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    RunOptions run;

    @Option(names = "--nagios", description = "Print one Nagios plugin status line (SHADOW OK|WARNING|CRITICAL - "
            + "...) and exit 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN.")
    boolean nagios;

    @Option(names = "--json", description = "Print the outcome as JSON (for scripts; cron use wants silence).")
    boolean json;

    @Option(names = "--print-crontab", description = "Print the crontab line (every 15 minutes) for this installation "
            + "and exit.")
    boolean printCrontab;

    /** The options of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = RunOptions.QUICK.flags("--nagios", "--json", "--print-crontab");

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}). */
    public static CronCheckCommand quick(QuickLine line, Console console) {
        CronCheckCommand command = new CronCheckCommand();
        command.console = console;
        command.run = RunOptions.quick(line);
        command.nagios = line.has("--nagios");
        command.json = line.has("--json");
        command.printCrontab = line.has("--print-crontab");
        return command;
    }

    @Override
    public Integer call() throws Exception {
        CronCheck.Outcome outcome;
        try {
            OpsConfig config = run.config();
            if (printCrontab) {
                Output.text(Console.out(console, spec), CrontabLine.forInstallation(Installation.home(), CrontabLine.carried(config)));
                return 0;
            }
            SyslogSink syslog = SyslogSink.forConfig(config, System.err);
            outcome = new CronCheck(
                    HealthCheck.forCron(config, run.checkOptions(config), DefaultZoneClock.system())
                            .withExecutor(Workers.besideCaller()),
                    config.path(OpsSetting.CRON_ALERTS_LOG), syslog).run();
        } catch (AosOpsException e) {
            if (nagios && !json) {
                // A plugin says UNKNOWN on stdout too; the exit code (3) comes from the usual mapping.
                Output.text(Console.out(console, spec), NagiosUnknown.line("cron-check", e.getMessage()));
            }
            throw e;
        }
        // the log's trouble is the operator's to hear of, but the run's verdict is what the exit code and stdout say
        outcome.logFailures().forEach(failure -> Console.err(console, spec).println("aos-ops: " + failure));
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>(outcome.report().toJson());
            out.put("alert_lines", outcome.alertLines());
            Output.json(Console.out(console, spec), out);
        } else if (nagios) {
            // A Nagios plugin prints its one status line, OK or not; only plain cron use stays silent.
            Output.text(Console.out(console, spec), outcome.nagiosLine());
        }
        return ExitMode.of(nagios).exitCode(outcome.status());
    }

    /** Where this installation lives, from the jar's location (for the crontab line). */
    static final class Installation {
        private Installation() {
        }

        /**
         * {@code <install>} for {@code <install>/lib/aos-ops.jar}, the checkout for
         * {@code <checkout>/aos-ops-cli/target/aos-ops.jar} (or {@code .../target/classes}), else the jar's directory.
         */
        static Path home() {
            Path location;
            try {
                location = Path.of(CronCheckCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toAbsolutePath();
            } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
                return Path.of("").toAbsolutePath();
            }
            // the jar's own directory, or for target/classes its parent: never further up
            Path dir = location.getParent();
            for (int level = 0; level < 2 && dir != null && dir.getParent() != null; level++, dir = dir.getParent()) {
                String name = dir.getFileName().toString();
                if (name.equals("lib")) {
                    return dir.getParent();
                }
                if (name.equals("target") && dir.getParent().getParent() != null) {
                    return dir.getParent().getParent();
                }
            }
            return location.getParent() == null ? location : location.getParent();
        }
    }
}
