package io.aos.ops.bench.diff;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.bench.corpus.TraceCorpus;
import io.aos.ops.bench.corpus.TraceDifference;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The golden diff of two engine traces, an original and its replay, in-process (PERFORMANCE.md row 5). Pairs:
 * <ul>
 *   <li>{@code leaked} (the default corpus of the performance goal, {@link DiffCorpus}): every timestamp, duration
 *       and the run id differ and one clock value leaked into the middle step, a WARNING; no line is byte-equal;</li>
 *   <li>{@code matching}: only timestamps and durations differ, a MATCH ({@link TraceCorpus} volatile-only);</li>
 *   <li>{@code identical}: byte-identical files;</li>
 *   <li>{@code leaked-timestamp}, {@code seed-change}: one step differs, every other line is byte-identical (the
 *       whole-process goal, 1.5 s, is timed on the leaked-timestamp pair at 100k steps).</li>
 * </ul>
 *
 * <p>{@code java -jar aos-ops-bench/target/benchmarks.jar GoldenDiffBenchmark -p steps=100000 -p pair=leaked}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Time-boxed iterations: a 10k-step pair takes tens of ms, so one call per iteration would measure a cold JIT.
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class GoldenDiffBenchmark {

    @Param({"10000", "100000"})
    int steps;

    @Param({"leaked", "matching", "identical", "leaked-timestamp", "seed-change"})
    String pair;

    /**
     * {@code pool}: the options the CLI passes (a pool with a thread per core: the files are read at once and a long
     * trace's halves compared at once); {@code caller}: the library default, everything on the calling thread.
     */
    @Param({"pool", "caller"})
    String executor;

    Path dir;
    Path a;
    Path b;
    ExecutorService pool;
    DiffOptions options;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                new ThreadFactoryBuilder().setDaemon(true).setNameFormat("bench-worker-%d").build());
        options = executor.equals("pool") ? DiffOptions.defaults().withExecutor(pool) : DiffOptions.defaults();
        dir = Files.createTempDirectory("aos-bench-diff");
        if (pair.equals("leaked")) {
            Path[] files = DiffCorpus.writeTracePair(dir, steps);
            a = files[0];
            b = files[1];
        } else {
            TraceDifference difference = pair.equals("matching") ? TraceDifference.VOLATILE_ONLY
                    : TraceDifference.fromCliName(pair);
            TraceCorpus.TracePair written = TraceCorpus.writePair(dir.resolve("pair"), steps, difference, 12345);
            a = written.a();
            b = written.b();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pool.shutdownNow();
        PathUtils.deleteDirectory(dir);
    }

    /** Reads both files and classifies: the whole work of {@code aos-ops golden diff} minus the JVM start. */
    @Benchmark
    public DiffResult diffTracePair() {
        return GoldenDiff.compare(a, b, options);
    }
}
