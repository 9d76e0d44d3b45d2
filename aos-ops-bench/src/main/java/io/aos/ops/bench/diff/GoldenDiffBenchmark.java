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
 * The golden diff of two engine traces, an original and its replay: {@code pair=leaked} (the default corpus of the
 * performance goal: every timestamp, duration and the run id differ and one clock value leaked into the middle step,
 * a WARNING) or {@code pair=matching} (only timestamps and durations differ: a MATCH).
 *
 * <p>{@code java -jar aos-ops-bench/target/benchmarks.jar GoldenDiffBenchmark -p steps=100000 -p pair=leaked}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class GoldenDiffBenchmark {

    @Param({"10000", "100000"})
    int steps;

    @Param({"leaked", "matching"})
    String pair;

    Path dir;
    Path a;
    Path b;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("aos-bench-diff");
        if (pair.equals("matching")) {
            TraceCorpus.TracePair written = TraceCorpus.writePair(dir.resolve("pair"), steps,
                    TraceDifference.VOLATILE_ONLY, 12345);
            a = written.a();
            b = written.b();
        } else {
            Path[] files = DiffCorpus.writeTracePair(dir, steps);
            a = files[0];
            b = files[1];
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
