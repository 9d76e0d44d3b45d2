package io.aos.ops.bench.diff;

import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * The summary of a 24-hour shadow directory: 2,880 cycle reports read, 25,920 golden files listed.
 *
 * <p>{@code java -jar aos-ops-bench/target/benchmarks.jar ShadowSummaryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class ShadowSummaryBenchmark {

    @Param({"2880"})
    int cycles;

    Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = DiffCorpus.writeShadowRun(Files.createTempDirectory("aos-bench-summary"), cycles, cycles * 9);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        PathUtils.deleteDirectory(dir);
    }

    @Benchmark
    public ShadowSummary summarizeShadowRun() {
        return GoldenSummary.withClock(Clock.systemUTC()).summarize(List.of(dir));
    }
}
