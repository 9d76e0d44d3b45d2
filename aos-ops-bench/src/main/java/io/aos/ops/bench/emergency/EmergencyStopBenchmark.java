package io.aos.ops.bench.emergency;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.emergency.EmergencyStopController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.file.PathUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an engine pays for the emergency-stop check it makes before every workflow step.
 *
 * <ul>
 *   <li>{@code isEngaged}: the engine's call as shipped (one stat trusted for 250 ms);</li>
 *   <li>{@code isEngagedUncached}: a stat on every call (recheck interval zero), the cost of each re-look;</li>
 *   <li>{@code filesExists}: {@code Files.exists} on the flag, the baseline (docs/PERFORMANCE.md, anchors).</li>
 * </ul>
 * With the flag absent (the normal case) and present.
 *
 * <pre>
 * mvn -B -ntp -q -pl aos-ops-bench -am package -DskipTests
 * java -jar aos-ops-bench/target/benchmarks.jar EmergencyStopBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmergencyStopBenchmark {

    @Param({"absent", "present"})
    public String flag;

    private Path root;
    private EmergencyStop cached;
    private EmergencyStop uncached;
    private Path flagFile;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("aos-emergency-bench");
        OpsConfig config = OpsConfig.rootedAt(root);
        cached = EmergencyStop.forConfig(config);
        uncached = cached.withRecheckInterval(Duration.ZERO);
        flagFile = cached.flagFile();
        if (flag.equals("present")) {
            EmergencyStopController.of(cached).enable("benchmark");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        PathUtils.deleteDirectory(root);
    }

    @Benchmark
    public boolean isEngaged() {
        return cached.isEngaged();
    }

    @Benchmark
    public boolean isEngagedUncached() {
        return uncached.isEngaged();
    }

    @Benchmark
    public boolean filesExists() {
        return Files.exists(flagFile);
    }
}
