package io.aos.ops.bench.diff;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** {@code pool}: a pool as the CLI passes (listing overlaps reading); {@code caller}: the library default. */
    @Param({"pool", "caller"})
    String executor;

    Path dir;
    ExecutorService pool;
    GoldenSummary summary;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                new ThreadFactoryBuilder().setDaemon(true).setNameFormat("bench-worker-%d").build());
        summary = GoldenSummary.withClock(Clock.systemUTC());
        summary = executor.equals("pool") ? summary.withExecutor(pool) : summary;
        dir = DiffCorpus.writeShadowRun(Files.createTempDirectory("aos-bench-summary"), cycles, cycles * 9);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pool.shutdownNow();
        PathUtils.deleteDirectory(dir);
    }

    @Benchmark
    public ShadowSummary summarizeShadowRun() {
        return summary.summarize(List.of(dir));
    }
}
