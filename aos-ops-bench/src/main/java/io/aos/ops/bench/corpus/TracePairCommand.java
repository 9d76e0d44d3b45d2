package io.aos.ops.bench.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "trace-pair",
        mixinStandardHelpOptions = true,
        header = "Two engine golden traces (format A, .steps.jsonl + .sig) that differ in one chosen way.",
        description = {
            "Writes DIR/a.steps.jsonl, DIR/b.steps.jsonl, their .sig files (HMAC-SHA256, --secret) and DIR/pair.json.",
            "About 500 bytes per step: 100,000 steps is about 50 MB per trace.",
            "Differences: identical, volatile-only (every timestamp and duration_ms), leaked-timestamp (step K's",
            "output.output.generated_at and so its output_hash), inserted-step (one extra step before step K),",
            "seed-change (step K's seed)."
        })
final class TracePairCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Empty or new directory.")
    Path output;

    @Option(names = "--steps", defaultValue = "10000", description = "Steps per trace (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--difference", defaultValue = "leaked-timestamp", paramLabel = "KIND",
            converter = DifferenceConverter.class,
            description = "identical, volatile-only, leaked-timestamp, inserted-step or seed-change "
                    + "(default: ${DEFAULT-VALUE}).")
    TraceDifference difference;

    @Option(names = "--at", paramLabel = "K", description = "The step that differs (default: the middle step).")
    Integer at;

    @Option(names = "--seed", defaultValue = "12345", description = "Corpus seed, also the run's base seed "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--secret", defaultValue = "", description = "GOLDEN_SECRET for the .sig files (default: empty, "
            + "as upstream).")
    String secret;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        TraceCorpus.TracePair pair = TraceCorpus.writePair(output, steps, difference, seed,
                at == null ? steps / 2 : at, secret);
        CorpusMain.report(spec.commandLine().getErr(), "trace-pair " + difference.cliName() + " " + steps + " steps",
                2, pair.bytesA() + pair.bytesB(), start);
        spec.commandLine().getOut().println(pair.dir());
        return 0;
    }

    static final class DifferenceConverter implements picocli.CommandLine.ITypeConverter<TraceDifference> {
        @Override
        public TraceDifference convert(String value) {
            return TraceDifference.fromCliName(value);
        }
    }
}
