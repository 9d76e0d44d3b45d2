package io.aos.ops.bench.monitor;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.probe.Thresholds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * One health check inside a running monitor daemon (goal: p50 &lt;= 1 ms whatever the size of the log).
 * The daemon's {@link HealthCheck} is set up and has read the whole log once; each operation appends one log line (as
 * the run would between checks) and checks: process identity (a live {@code sleep} child with its start time), the
 * heartbeat, mismatches, the disk of every filesystem, the golden directory (listed at most every 5 minutes by
 * design) and the emergency-stop flag.
 *
 * <pre>
 * java -jar aos-ops-bench/target/benchmarks.jar MonitorCheckBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MonitorCheckBenchmark {

    /** {@code structured}: status.json + cycle reports; {@code upstream}: the upstream log, parsed line by line. */
    @Param({"structured", "upstream"})
    public String source;

    /** Lines already in the log when the daemon started. */
    @Param({"10000", "1000000"})
    public int logLines;

    private Path root;
    private Process runner;
    private HealthCheck check;
    private Writer log;
    private long cycle;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        root = Files.createTempDirectory("aos-monitor-bench");
        Path run = root.resolve("tmp/shadow_simulation_bench");
        Files.createDirectories(run.resolve("reports"));
        Files.createDirectories(run.resolve("golden"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(run.resolve("golden/primary-w1-" + i + ".golden.json"), "{\"run_id\":\"x\"}");
        }
        runner = new ProcessBuilder("sleep", "3600").start();
        ProcessHandle h = runner.toHandle();
        Path logFile = run.resolve("shadow.log");
        try (BufferedWriter w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (cycle = 1; cycle <= logLines / 2; cycle++) {
                w.write("\u001B[0;34m[STEP]\u001B[0m 13:00:00 Running cycle " + cycle + "...\n");
                w.write("\u001B[0;32m[INFO]\u001B[0m 13:00:01 Cycle " + cycle + ": 9 workflows, 9 replays, 0 mismatches\n");
            }
        }
        if (source.equals("structured")) {
            Instant now = Instant.now();
            ShadowRunStatus status = new ShadowRunStatus(1, h.pid(), h.info().startInstant().orElse(null),
                    now.minusSeconds(3600), now.plusSeconds(86_400), RunState.RUNNING, cycle, cycle * 9, cycle * 9, 0, 0,
                    now, 24.0, null, false, null);
            Files.write(run.resolve("status.json"), OpsJson.mapper().writeValueAsBytes(status));
        } else {
            PidFile.of(h).write(run.resolve("shadow.pid"));
        }
        OpsConfig config = OpsConfig.rootedAt(root, Map.of());
        check = HealthCheck.create(config, new HealthCheck.Options(Optional.of(run), Optional.of(logFile),
                Thresholds.defaults()), Clock.systemDefaultZone());
        check.check();
        log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Benchmark
    public HealthReport checkAfterOneNewLogLine() throws IOException {
        log.write("\u001B[0;32m[INFO]\u001B[0m 13:00:01 Cycle " + (cycle++) + ": 9 workflows, 9 replays, 0 mismatches\n");
        log.flush();
        return check.check();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        runner.destroyForcibly();
        PathUtils.deleteDirectory(root);
    }
}
