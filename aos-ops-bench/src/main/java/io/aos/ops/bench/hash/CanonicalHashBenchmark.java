package io.aos.ops.bench.hash;

import io.aos.ops.golden.format.EngineTraceHasher;
import io.aos.ops.golden.format.GoldenTraceReader;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.format.TraceFormat;
import io.aos.ops.golden.format.TraceStep;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Canonicalise and hash every step of a generated engine trace, as {@code aos-ops golden hash} does: each step's
 * {@code output} goes through the engine's {@code canonicalize_for_golden} rules and SHA-256, and the result is
 * compared with the stored {@code output_hash}. Throughput in MB/s = corpus bytes (printed at setup) / time per op.
 *
 * <p>{@code streaming}: the token-stream path ({@link EngineTraceHasher}); {@code trees}: the general reader, one
 * Jackson tree per event ({@link GoldenTraceReader}), for comparison. {@code audit} and {@code auditOnEveryCore}: what
 * {@code golden hash} runs, a whole audit of the trace written to a file, on the calling thread and with
 * {@link TraceAuditor#withExecutor} on a pool of one thread per core (the {@code [cpu]} figure then counts the
 * calling thread only).
 *
 * <p>Run: {@code java -jar aos-ops-bench/target/benchmarks.jar CanonicalHashBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CanonicalHashBenchmark {

    @Param("100000")
    int steps;

    byte[] trace;

    Path file;
    ExecutorService pool;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        trace = EngineTraceCorpus.generate(steps, 42);
        System.out.printf("%n[corpus] %d steps, %d bytes (%.1f MB), %.0f bytes/step%n", steps, trace.length,
                trace.length / 1e6, (double) trace.length / steps);
        file = Files.createTempFile("canonical-hash-bench", ".steps.jsonl");
        Files.write(file, trace);
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "bench-hash");
            t.setDaemon(true);
            return t;
        });
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        pool.shutdownNow();
        Files.deleteIfExists(file);
    }

    /**
     * Thread CPU time per iteration, printed as MB per CPU-second: on a shared machine wall time includes the time
     * this thread waited for a core, CPU time does not. The JMH score stays the wall-clock figure.
     */
    @State(Scope.Thread)
    public static class CpuMeter {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        long startCpu;
        long ops;

        @Setup(Level.Iteration)
        public void start() {
            ops = 0;
            startCpu = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void report(CanonicalHashBenchmark bench) {
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;
            System.out.printf("[cpu] %d ops, %.1f MB per CPU-second%n", ops,
                    ops * (double) bench.trace.length / 1e6 / cpuSeconds);
        }
    }

    @Benchmark
    public long streaming(Blackhole bh, CpuMeter cpu) {
        cpu.ops++;
        long[] mismatches = {0};
        new EngineTraceHasher().hashSteps(new ByteArrayInputStream(trace), Path.of("bench.steps.jsonl"), s -> {
            if (!s.recomputedHash().equals(s.storedHash())) {
                mismatches[0]++;
            }
            bh.consume(s);
        });
        if (mismatches[0] != 0) {
            throw new IllegalStateException(mismatches[0] + " hash mismatches in the generated corpus");
        }
        return mismatches[0];
    }

    @Benchmark
    public int audit(CpuMeter cpu) {
        cpu.ops++;
        return checked(TraceAuditor.hashesOnly().audit(file));
    }

    @Benchmark
    public int auditOnEveryCore(CpuMeter cpu) {
        cpu.ops++;
        return checked(TraceAuditor.hashesOnly().withExecutor(pool).audit(file));
    }

    private int checked(TraceAudit audit) {
        if (!audit.readable() || audit.hashMismatches() != 0 || audit.stepCount() != steps) {
            throw new IllegalStateException("the generated corpus does not audit clean: " + audit.summaryJson());
        }
        return audit.stepCount();
    }

    @Benchmark
    public long trees(Blackhole bh, CpuMeter cpu) {
        cpu.ops++;
        long mismatches = 0;
        try (GoldenTraceReader reader = GoldenTraceReader.open(new ByteArrayInputStream(trace), "bench.steps.jsonl",
                TraceFormat.ENGINE_JSONL)) {
            for (TraceStep step : reader.steps()) {
                String recomputed = step.recomputedHash().orElseThrow();
                if (!recomputed.equals(step.storedHash().orElseThrow())) {
                    mismatches++;
                }
                bh.consume(recomputed);
            }
        }
        return mismatches;
    }
}
