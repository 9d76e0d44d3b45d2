package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What every {@code debug} subcommand takes: which run (as the monitor finds it) and --json. */
public final class DebugOptions {

    @Mixin
    CommonOptions common;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Shadow run directory (default: the newest match of $AOS_SHADOW_GLOB, "
                    + "else /tmp/shadow_simulation_*).")
    Path runDir;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Shadow run log (default: the run's shadow.log, else the newest "
                    + "$AOS_STATE_DIR/shadow_24h_*.log).")
    Path log;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    OpsConfig config() {
        return common.config();
    }

    DebugConsole console() {
        return DebugConsole.create(config(), Optional.ofNullable(runDir), Optional.ofNullable(log),
                Clock.systemDefaultZone());
    }

    boolean colour() {
        return System.console() != null && config().env("NO_COLOR").isEmpty();
    }

    /** Prints the report as text or JSON and returns {@code exitCode}. */
    int print(CommandSpec spec, DebugReport report, int exitCode) {
        if (json) {
            Output.json(spec, report.toJson());
        } else {
            Output.text(spec, report.render(colour()));
        }
        return exitCode;
    }
}
