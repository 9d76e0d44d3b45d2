package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug full|tail|cycles|mismatches|golden|process|replay}; with no subcommand, this help. */
@Command(name = "debug",
        mixinStandardHelpOptions = true,
        header = "Debug console for a shadow run: what an operator opens during an incident.",
        description = {
            "full: all six sections (process, cycles, mismatches, golden files, resources, log).",
            "tail [N], cycles, mismatches, golden, process: one section alone.",
            "replay RUN_ID: re-run one recorded run with its seed and compare it with its golden file.",
            "The run: --run-dir, else the newest /tmp/shadow_simulation_* ($AOS_SHADOW_GLOB); the log: --log, "
                    + "else the run's shadow.log, else the newest shadow_24h_*.log. Works on upstream runs "
                    + "too. --json on each.",
            "Launcher: scripts/stress/shadow_debug.sh"
        },
        subcommands = {
            DebugFullCommand.class,
            DebugTailCommand.class,
            DebugCyclesCommand.class,
            DebugMismatchesCommand.class,
            DebugGoldenCommand.class,
            DebugProcessCommand.class,
            DebugReplayCommand.class,
        })
public final class DebugCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
