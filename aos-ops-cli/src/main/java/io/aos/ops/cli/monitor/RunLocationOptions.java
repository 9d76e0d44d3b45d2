package io.aos.ops.cli.monitor;

import io.aos.ops.cli.QuickLine;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which shadow run to look at; what is not given is found the way the monitor finds it. */
public final class RunLocationOptions {

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Shadow run directory (default: the newest match of $AOS_SHADOW_GLOB, "
                    + "else /tmp/shadow_simulation_*).")
    Path runDir;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Shadow run log (default: the run's shadow.log, else the newest "
                    + "$AOS_STATE_DIR/shadow_24h_*.log).")
    Path log;

    /** These options as picocli sets them from {@code line} ({@link RunOptions#QUICK} reads them). */
    static RunLocationOptions quick(QuickLine line) {
        RunLocationOptions options = new RunLocationOptions();
        options.runDir = line.path("--run-dir");
        options.log = line.path("--log");
        return options;
    }

    /** {@return the run directory given, if any} */
    public Optional<Path> runDir() {
        return Optional.ofNullable(runDir);
    }

    /** {@return the run log given, if any} */
    public Optional<Path> log() {
        return Optional.ofNullable(log);
    }
}
