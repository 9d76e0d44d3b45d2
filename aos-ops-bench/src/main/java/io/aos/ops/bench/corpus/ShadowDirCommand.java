package io.aos.ops.bench.corpus;

import io.aos.ops.golden.shadow.ShadowRunListener;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunResult;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "shadow-dir",
        mixinStandardHelpOptions = true,
        header = "A finished shadow-simulation directory in upstream's layout (default: 24 hours, 2,880 cycles).",
        description = {
            "Writes DIR/golden/<run_id>.golden.json (real hashes), DIR/reports/cycle_N.json (indent 2),",
            "DIR/reports/summary_<ts>.json and the empty DIR/primary and DIR/shadow directories.",
            "Synthesised in upstream's exact layout (fast; --mismatch-cycles plants mismatches), or with --runner",
            "produced by the real shadow runner with no sleeps: 'aos-ops shadow run --cycles N --cycle-interval 0",
            "--seed S' (golden/, reports/, traces/, status.json, shadow.log). A 24-hour run: --runner",
            "--workflows-per-cycle 9 (the runner does not drop the remainder, upstream ran 10 // 3 * 3 = 9)."
        })
final class ShadowDirCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Empty or new directory.")
    Path output;

    @Option(names = "--cycles", defaultValue = "2880", description = "Cycles (default: ${DEFAULT-VALUE}, 24 h of 30 s).")
    int cycles;

    @Option(names = "--workers", defaultValue = "3", description = "Primary workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--workflows-per-cycle", defaultValue = "10",
            description = "Requested per cycle; each worker runs N / workers, so 10 gives 9 (default: ${DEFAULT-VALUE}).")
    int workflowsPerCycle;

    @Option(names = "--mismatch-cycles", defaultValue = "0",
            description = "Cycles, spread evenly, that report one mismatch (default: ${DEFAULT-VALUE}).")
    int mismatchCycles;

    @Option(names = "--seed", defaultValue = "12345", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2026-11-27T00:00:00Z", paramLabel = "ISO",
            description = "When the run started (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--cycle-seconds", defaultValue = "30", description = "Seconds between cycle ends "
            + "(default: ${DEFAULT-VALUE}).")
    long cycleSeconds;

    @Option(names = "--runner", description = "Run the real shadow runner (cycle interval 0) instead of synthesising.")
    boolean runner;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        if (runner) {
            return runRunner(t0);
        }
        ShadowDirCorpus.ShadowDir dir = ShadowDirCorpus.write(output, cycles, workers, workflowsPerCycle, seed,
                mismatchCycles, start, Duration.ofSeconds(cycleSeconds));
        CorpusMain.report(spec.commandLine().getErr(), "shadow-dir " + cycles + " cycles",
                dir.goldenFiles() + dir.cycles() + 1L, dir.goldenBytes(), t0);
        spec.commandLine().getOut().println(dir.root());
        return 0;
    }

    private int runRunner(long t0) throws IOException {
        if (mismatchCycles != 0) {
            throw new IllegalArgumentException("--mismatch-cycles plants mismatches in a synthesised directory only;"
                    + " the runner's are injected with 'aos-ops shadow run --inject'");
        }
        CorpusDirs.requireEmptyOrAbsent(output);
        ShadowRunOptions options = ShadowRunOptions.builder(output).cycles((long) cycles).workers(workers)
                .workflowsPerCycle(workflowsPerCycle).cycleInterval(Duration.ZERO).seed(seed).build();
        ShadowRunResult result;
        // no console; the log lines still go to DIR/shadow.log
        result = new ShadowRunner(options, WorkflowRegistry.builtins(), StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();
        long bytes = 0;
        long files = 0;
        try (var golden = Files.newDirectoryStream(output.resolve("golden"))) {
            for (Path f : golden) {
                bytes += Files.size(f);
                files++;
            }
        }
        CorpusMain.report(spec.commandLine().getErr(), "shadow-dir --runner " + result.cycles() + " cycles", files,
                bytes, t0);
        spec.commandLine().getOut().println(output);
        return result.cycles() == cycles && result.mismatches() == 0 ? 0 : 1;
    }
}
