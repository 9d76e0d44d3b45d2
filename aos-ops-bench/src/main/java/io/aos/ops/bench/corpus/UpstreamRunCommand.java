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

@Command(name = "upstream-run",
        mixinStandardHelpOptions = true,
        header = "What a 24-hour run of upstream's bash runner leaves: its shadow directory and its nohup log.",
        description = {
            "Writes DIR/shadow_simulation_<ts>/ (as shadow-dir: golden/, reports/cycle_N.json indent 2, summary)",
            "and DIR/shadow_24h_<ts>.log with upstream's --verbose lines and colour codes: banner, Running cycle N...,",
            "Cycle N: 9 workflows, 9 replays, 0 mismatches, Progress every 10th cycle, the final report block and",
            "SHADOW SIMULATION PASSED. Point AOS_SHADOW_GLOB=DIR/shadow_simulation_* and",
            "AOS_SHADOW_LOG_GLOB=DIR/shadow_24h_*.log at it, as an operator's defaults would.",
            "--alive: a run caught mid-cycle (no report block, no summary, the newest report empty, the log fresh);",
            "the runner process itself is the caller's to start (a script named run_shadow_simulation.sh started",
            "with --hours 24). Prints the run directory and the log, one per line."
        })
final class UpstreamRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Empty or new directory.")
    Path output;

    @Option(names = "--cycles", defaultValue = "2880", description = "Cycles (default: ${DEFAULT-VALUE}, 24 h of 30 s).")
    int cycles;

    @Option(names = "--workers", defaultValue = "3", description = "Primary workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--mismatch-cycles", defaultValue = "0",
            description = "Cycles, spread evenly, with one mismatch each, in the reports and the log "
                    + "(default: ${DEFAULT-VALUE}).")
    int mismatchCycles;

    @Option(names = "--alive", description = "A run still going: no final block, the log's clock ends now.")
    boolean alive;

    @Option(names = "--seed", defaultValue = "12345", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "ISO",
            description = "When the run started (default: 2026-11-27T00:00:00Z; with --alive, so that it ends now).")
    Instant start;

    @Option(names = "--cycle-seconds", defaultValue = "30", description = "Seconds per cycle "
            + "(default: ${DEFAULT-VALUE}).")
    long cycleSeconds;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Instant begin = start != null ? start : alive ? null : Instant.parse("2026-11-27T00:00:00Z");
        UpstreamRunCorpus.UpstreamRun run = UpstreamRunCorpus.write(output, cycles, workers, seed, mismatchCycles,
                alive, begin, Duration.ofSeconds(cycleSeconds));
        CorpusMain.report(spec.commandLine().getErr(), "upstream-run " + cycles + " cycles" + (alive ? " (alive)" : ""),
                cycles, java.nio.file.Files.size(run.log()), t0);
        spec.commandLine().getOut().println(run.runDir());
        spec.commandLine().getOut().println(run.log());
        return 0;
    }
}
