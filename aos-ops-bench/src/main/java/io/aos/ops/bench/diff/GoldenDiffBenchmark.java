package io.aos.ops.bench.diff;

import io.aos.ops.bench.corpus.TraceCorpus;
import io.aos.ops.bench.corpus.TraceDifference;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The golden diff of two engine traces, in-process (PERFORMANCE.md row 5). Pairs:
 * <ul>
 *   <li>{@code identical}, {@code volatile-only}: matching pairs from {@link TraceCorpus} (byte-identical; every
 *       timestamp and duration differs, nothing hashed does);</li>
 *   <li>{@code leaked-timestamp}, {@code seed-change}: one step differs, every other line is byte-identical (the
 *       whole-process goal of issue 4 is the leaked-timestamp pair at 100k steps);</li>
 *   <li>{@code replay}: {@link DiffCorpus}'s replay, where every line differs (run id, timestamps, durations) and one
 *       clock value leaked into the middle step's output: the case where no line is byte-equal.</li>
 * </ul>
 *
 * <p>{@code java -jar aos-ops-bench/target/benchmarks.jar 'io.aos.ops.bench.diff.GoldenDiff.*' -p steps=100000}
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

    @Param({"identical", "volatile-only", "leaked-timestamp", "seed-change", "replay"})
    String pair;

    Path dir;
    Path a;
    Path b;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("aos-bench-diff");
        if (pair.equals("replay")) {
            Path[] written = DiffCorpus.writeTracePair(dir, steps);
            a = written[0];
            b = written[1];
        } else {
            TraceCorpus.TracePair written = TraceCorpus.writePair(dir.resolve("pair"), steps,
                    TraceDifference.fromCliName(pair), 12345);
            a = written.a();
            b = written.b();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Reads both files and classifies: the whole work of {@code aos-ops golden diff} minus the JVM start. */
    @Benchmark
    public DiffResult diffTracePair() {
        return GoldenDiff.compare(a, b);
    }
}
