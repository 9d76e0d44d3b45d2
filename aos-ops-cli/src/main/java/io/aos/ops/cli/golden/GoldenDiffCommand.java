package io.aos.ops.cli.golden;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden diff}: compare two golden files and name the root cause of the first divergence. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Compare two golden files and name the root cause of the first divergence.",
        description = {
            "Compares the expected (A) and the actual (B) trace: engine JSONL (*.steps.jsonl), simulation "
                    + "golden (*.golden.json) or any two JSON documents. Steps are matched by identity, so an "
                    + "inserted step is one difference. Prints the verdict first, then the root cause at the first "
                    + "diverging step and the evidence that decided it, then the differences grouped under it.",
            "",
            "Root causes: VOLATILE_LEAK, SEED_MISMATCH, UNSEEDED_RNG, EXTERNAL_CALL, DETERMINISM_VIOLATION, "
                    + "UNORDERED_COLLECTION, FLOAT_PRECISION; EXPECTED_VOLATILE (timestamps, durations, run ids) is a "
                    + "match.",
            "",
            "Exit codes: 0 MATCH, or WARNING (volatile leak, float precision, unordered collection) without "
                    + "--strict; 1 CRITICAL (or WARNING with --strict); 2 a file that cannot be read or parsed, or "
                    + "an engine trace given with a simulation golden (the two formats are not compared).",
            "",
            "Launcher: scripts/stress/golden_diff_debug.py --golden-a A --golden-b B [--verbose]",
        })
public final class GoldenDiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--golden-a", paramLabel = "A", description = "The expected (golden) file.")
    Path goldenA;

    @Option(names = "--golden-b", paramLabel = "B", description = "The actual (replay) file.")
    Path goldenB;

    @Parameters(arity = "0..2", paramLabel = "FILE", description = "A and B as positional arguments.")
    List<Path> files;

    @Option(names = {"-v", "--verbose"}, description = "List every difference, volatile ones and consequences too.")
    boolean verbose;

    @Option(names = {"-o", "--output"}, paramLabel = "F",
            description = "Write the report to F instead of stdout (JSON when --json or F ends in .json).")
    Path output;

    @Option(names = "--json", description = "Print the report as JSON (stable schema, see README).")
    boolean json;

    @Option(names = "--strict", description = "Exit 1 on WARNING too (volatile leak, float precision, order).")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        Deque<Path> positional = new ArrayDeque<>(files == null ? List.of() : files);
        Path a = goldenA != null ? goldenA : positional.pollFirst();
        Path b = goldenB != null ? goldenB : positional.pollFirst();
        if (a == null || b == null || !positional.isEmpty()) {
            throw new BadConfigurationException("give exactly two files: --golden-a A --golden-b B, or A B");
        }
        DiffResult result = GoldenDiff.compare(a, b, DiffOptions.defaults().withExpectedVolatileListed(verbose));
        boolean asJson = json || output != null && output.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".json");
        String report = asJson
                ? OpsJson.pretty().writeValueAsString(DiffReport.json(result, a.toString(), b.toString(), verbose))
                        + "\n"
                : DiffReport.text(result, a.toString(), b.toString(), verbose,
                        output == null && System.console() != null && System.getenv("NO_COLOR") == null);
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            try {
                AtomicFiles.replace(output, report);
            } catch (IOException e) {
                throw new BadInputException(output, "cannot write the report: " + e, e);
            }
            out.println("Output written to " + output);
        } else {
            out.print(report);
        }
        out.flush();
        return result.severity().exitCode(strict);
    }
}
