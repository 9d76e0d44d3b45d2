package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.debug.DebugReport;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What every {@code debug} subcommand takes: which run (as the monitor finds it) and --json. */
public final class DebugOptions {

    @Mixin
    CommonOptions common;

    @Mixin
    RunLocationOptions location;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    OpsConfig config() {
        return common.config();
    }

    DebugConsole console() {
        return DebugConsole.create(config(), location.runDir(), location.log(),
                Clock.systemDefaultZone());
    }

    /**
     * The one exit-code mapping of the report commands: 1 when something failed (a mismatch, a golden file or trace
     * that does not verify), else 2 when the answer is incomplete (a golden entry that could not be checked, or a
     * section that read nothing: no cycle report, no golden directory), else 0.
     */
    static int exitCode(DebugReport report) {
        return switch (report.verdict()) {
            case FAILED -> 1;
            case INCOMPLETE -> 2;
            case OK -> 0;
        };
    }

    /** Prints the report as text or JSON and returns {@code exitCode}. */
    int print(CommandSpec spec, DebugReport report, int exitCode) {
        if (json) {
            Output.json(spec, report.toJson());
        } else {
            Output.text(spec, report.render(TerminalColour.enabled(config())));
        }
        return exitCode;
    }
}
