package io.aos.ops.cli.monitor;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.monitor.debug.GoldenReplay;
import io.aos.ops.monitor.debug.ReplayResult;
import io.aos.ops.monitor.discovery.RunLocator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops debug replay <run_id>}: replays one recorded run and compares it with its golden file. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        header = "Replay one recorded run with its seed and compare it with its golden file.",
        description = {
            "RUN_ID is looked up as <run>/golden/RUN_ID.golden.json (the run as --run-dir or the newest "
                    + "/tmp/shadow_simulation_*). It is a plain name: a path, '..', or a golden file that is a link "
                    + "leading out of the run is refused (exit 2); for a golden file elsewhere, give its run as "
                    + "--run-dir. The run's "
                    + "workflow type is re-run with its seed through the workflow registry (built-ins plus "
                    + "plugins) and compared with the classified diff: verdict, root cause, first diverging "
                    + "step. Nothing is written to the golden directory: the replay goes to --output (kept) or a "
                    + "temporary file that is deleted once compared. An unknown id lists the closest ids.",
            "Exit 0 when the replay matches, 1 when it does not, 2 for an unknown id, an id that is not a plain "
                    + "name, or an unreadable golden file."
        })
public final class DebugReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOptions options;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "Recorded run id (a plain name, not a path).")
    String run;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the replay here (default: a temporary file). Never inside the golden directory.")
    Path output;

    @Override
    public Integer call() {
        Optional<Path> runDir = options.location.runDir();
        if (runDir.isEmpty()) {
            runDir = RunLocator.forConfig(options.config())
                    .discover(Optional.empty(), Optional.empty()).runDir();
            if (runDir.isEmpty()) {
                throw new BadConfigurationException("no shadow run matches "
                        + options.config().get(OpsSetting.SHADOW_RUN_GLOB) + " to look up '" + run
                        + "' in; give --run-dir DIR");
            }
        }
        ReplayResult result = GoldenReplay.create(WorkflowRegistry.discover(), Clock.systemDefaultZone())
                .replay(runDir, run, Optional.ofNullable(output));
        if (options.json) {
            Output.json(spec, result.toJson());
        } else {
            Output.text(spec, result.render());
        }
        return result.matches() ? 0 : 1;
    }
}
