package io.aos.ops.bench.hash;

import io.aos.ops.bench.corpus.GoldenFileCorpus;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Format B (simulation {@code .golden.json}): audit every file of a generated golden directory as
 * {@code aos-ops golden hash} does, i.e. read and parse it and recompute its workflow hash from the step-hash entries
 * (format B stores no step results, so the step hashes themselves cannot be recomputed). The files are written once
 * into a temp directory and stay in the page cache, so this is the parse-and-hash cost, not disk reads.
 * MB/s = corpus bytes (printed at setup) / time per op.
 *
 * <p>Run: {@code java -jar aos-ops-bench/target/benchmarks.jar SimulationGoldenHashBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class SimulationGoldenHashBenchmark {

    @Param("10000")
    int files;

    Path dir;
    List<Path> goldens;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("aos-bench-golden-b");
        GoldenFileCorpus.GoldenFiles made = GoldenFileCorpus.write(dir.resolve("golden"), files, 42,
                Instant.parse("2026-11-28T00:00:00Z"), Duration.ofDays(1), Duration.ofDays(2), files);
        try (Stream<Path> s = Files.list(dir.resolve("golden"))) {
            goldens = s.sorted().toList();
        }
        System.out.printf("%n[corpus] %d format B files, %d bytes (%.1f MB), %.0f bytes/file%n", made.files(),
                made.bytes(), made.bytes() / 1e6, (double) made.bytes() / made.files());
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        PathUtils.deleteDirectory(dir);
    }

    @Benchmark
    public int auditAll() {
        TraceAuditor auditor = TraceAuditor.hashesOnly();
        int bad = 0;
        for (Path golden : goldens) {
            TraceAudit audit = auditor.audit(golden);
            if (!audit.hashesMatch()) {
                bad++;
            }
        }
        if (bad != 0) {
            throw new IllegalStateException(bad + " generated goldens failed their hash check");
        }
        return bad;
    }
}
