package io.aos.ops.bench.retention;

import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReader;
import io.aos.ops.retention.archive.TarPacker;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * In-process cost of the archive's steps on golden-sized files: scan and select, pack (tar + manifest +
 * compression + fsync), and the full read-back that verify and the archiver do. Per operation = one whole corpus;
 * divide the corpus size by the score for files/s. The whole-process comparison with {@code tar czf} is
 * {@link ArchiveThroughput}.
 *
 * <pre>java -jar aos-ops-bench/target/benchmarks.jar 'io.aos.ops.bench.retention.*' -rf json</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ArchiveBenchmark {

    @Param({"20000"})
    public int files;

    @Param({"GZIP", "ZSTD"})
    public ArchiveFormat format;

    private Path work;
    private Path golden;
    private List<ScannedGoldenFile> selected;
    private Path packed;
    private int counter;

    @Setup(Level.Trial)
    public void corpus() throws IOException {
        work = Files.createTempDirectory("aos-bench-archive");
        golden = work.resolve("shadow_simulation_bench/golden");
        ArchiveThroughput.generate(golden, files);
        selected = GoldenScanner.selectOld(golden, new Cutoff(Instant.now(), 0));
        packed = work.resolve("verify" + format.extension());
        TarPacker.pack(packed, format, selected, true);
    }

    @TearDown(Level.Trial)
    public void removeCorpus() throws IOException {
        PathUtils.deleteDirectory(work);
    }

    @Benchmark
    public List<ScannedGoldenFile> scanAndSelect() throws IOException {
        return GoldenScanner.selectOld(golden, new Cutoff(Instant.now(), 0));
    }

    @Benchmark
    public long pack() throws IOException {
        Path target = work.resolve("pack-" + (counter++) + format.extension());
        try {
            return TarPacker.pack(target, format, selected, true).bytes();
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Benchmark
    public int readBack() throws IOException {
        return ArchiveReader.read(packed, format, null).members().size();
    }
}
