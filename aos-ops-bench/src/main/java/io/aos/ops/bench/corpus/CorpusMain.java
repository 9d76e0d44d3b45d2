package io.aos.ops.bench.corpus;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The corpus generator's command line, run from the benchmarks jar:
 * {@code java -cp aos-ops-bench/target/benchmarks.jar io.aos.ops.bench.corpus.CorpusMain <corpus> --output DIR ...}.
 * Every corpus is deterministic from {@code --seed} and is written only into an empty or new directory.
 */
@Command(name = "corpus",
        mixinStandardHelpOptions = true,
        header = "Generate reproducible benchmark corpora (deterministic from --seed; writes only into --output).",
        description = {
            "Run as: java -cp aos-ops-bench/target/benchmarks.jar io.aos.ops.bench.corpus.CorpusMain <corpus> ...",
            "Exit codes: 0 written, 2 usage error or the output directory is not empty."
        },
        subcommands = {TracePairCommand.class, GoldenFilesCommand.class, ShadowDirCommand.class,
            UpstreamRunCommand.class})
public final class CorpusMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new CorpusMain());
        cli.setExecutionExceptionHandler((Exception e, CommandLine failed, CommandLine.ParseResult parsed) -> {
            PrintWriter err = failed.getErr();
            if (e instanceof IllegalArgumentException) {
                err.println("corpus: " + e.getMessage());
                return 2;
            }
            err.println("corpus: " + e);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a corpus: trace-pair, golden-files, shadow-dir or upstream-run");
    }

    /** One stderr line saying what was written and how fast, so generator throughput is on record. */
    static void report(PrintWriter err, String what, long files, long bytes, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String rate = files >= 100 ? String.format("%,.0f files/s, ", files / seconds) : "";
        err.printf("corpus: %s: %,d files, %,d bytes in %.2f s (%s%.1f MB/s)%n", what, files, bytes, seconds, rate,
                bytes / seconds / 1e6);
        err.flush();
    }
}
