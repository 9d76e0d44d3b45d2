package io.aos.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A live process that the monitor takes for a run's runner, by its arguments as it tells a real one:
 * {@code bash .../run_shadow_simulation.sh --output <run dir>}. The script only waits on its stdin (a bash builtin,
 * so it leaves no grandchild), for {@code seconds} at most; the test destroys it sooner.
 *
 * <p>It cannot hang a build: the script ends by itself after {@code seconds}, and at once when the test JVM dies
 * (its stdin is the JVM's pipe, so {@code read} sees the end of input). Its callers are failsafe ITs with a class-wide
 * {@code @Timeout} (MonitorIT, MetricsIT, PreflightIT) that destroy it after each test.
 */
public final class StandInRunner {

    private StandInRunner() {
    }

    /**
     * Starts the stand-in for the run writing {@code runDir}.
     *
     * @param scratch where the script is written ({@code scratch/runner/run_shadow_simulation.sh})
     * @param runDir  the run directory it names with {@code --output}
     * @param seconds how long it waits at most
     * @return the process, to be destroyed by the test
     */
    public static Process start(Path scratch, Path runDir, int seconds) throws IOException {
        Path script = scratch.resolve("runner").resolve("run_shadow_simulation.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/bash\nread -r -t " + seconds + " _ || true\n");
        return new ProcessBuilder("bash", script.toString(), "--output", runDir.toString()).start();
    }
}
