package io.aos.ops.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;
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
            "Stands in for 'aos-ops shadow run --cycles N --cycle-interval 0 --seed S --output DIR' until it is built."
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

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        ShadowDirCorpus.ShadowDir dir = ShadowDirCorpus.write(output, cycles, workers, workflowsPerCycle, seed,
                mismatchCycles, start, Duration.ofSeconds(cycleSeconds));
        CorpusMain.report(spec.commandLine().getErr(), "shadow-dir " + cycles + " cycles",
                dir.goldenFiles() + dir.cycles() + 1L, dir.goldenBytes(), t0);
        spec.commandLine().getOut().println(dir.root());
        return 0;
    }
}
