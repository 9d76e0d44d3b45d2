package io.aos.ops.cli.golden;

import io.aos.ops.cli.Workers;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.SkillRegistry;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import io.aos.ops.golden.diff.Severity;
import io.aos.ops.golden.report.DiffHtmlReport;
import io.aos.ops.golden.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
                    + "an engine trace given with a simulation golden (the two formats are not compared), or a "
                    + "--skills file that cannot be read or is not a valid registry.",
            "",
            "Launcher: scripts/stress/golden_diff_debug.py --golden-a A --golden-b B [--verbose]",
        })
public final class GoldenDiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

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

    @Option(names = "--json", description = "Print the report as JSON (stable schema, see docs/golden-traces.md).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the report as one self-contained HTML page (opens offline; verdict and root "
                    + "cause on top, the traces side by side, scrolled to the first divergence).")
    Path html;

    @Option(names = "--force", description = "Let --html overwrite an existing file, and -o replace an existing file "
            + "that does not hold a report (never one of the files compared).")
    boolean force;

    @Option(names = "--strict", description = "Exit 1 on WARNING too (volatile leak, float precision, order).")
    boolean strict;

    @Option(names = "--skills", paramLabel = "FILE",
            description = "Declare skill kinds: a JSON object {\"skill\": \"external\" | \"random\" | \"pure\"}. "
                    + "A declared kind replaces the guess from the skill's name (see docs/skill-registry.md).")
    Path skills;

    /** The options and arguments of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = CommonOptions.QUICK.values("--golden-a", "--golden-b", "-o",
            "--output", "--html", "--skills").flags("-v", "--verbose", "--json", "--force", "--strict").positionals(2);

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}), or null for picocli to read it. */
    public static GoldenDiffCommand quick(QuickLine line, Console console) {
        if (line.value("-o") != null && line.value("--output") != null || line.has("-v") && line.has("--verbose")) {
            return null; // two names of one option: picocli's "should be specified only once"
        }
        GoldenDiffCommand command = new GoldenDiffCommand();
        command.console = console;
        command.common = CommonOptions.quick(line);
        command.goldenA = line.path("--golden-a");
        command.goldenB = line.path("--golden-b");
        command.files = line.positionalPaths();
        command.verbose = line.has("-v") || line.has("--verbose");
        command.output = line.value("-o") != null ? line.path("-o") : line.path("--output");
        command.json = line.has("--json");
        command.html = line.path("--html");
        command.force = line.has("--force");
        command.strict = line.has("--strict");
        command.skills = line.path("--skills");
        return command;
    }

    @Override
    public Integer call() throws IOException {
        Deque<Path> positional = new ArrayDeque<>(files == null ? List.of() : files);
        Path a = goldenA != null ? goldenA : positional.pollFirst();
        Path b = goldenB != null ? goldenB : positional.pollFirst();
        if (a == null || b == null || !positional.isEmpty()) {
            throw new BadConfigurationException("give exactly two files: --golden-a A --golden-b B, or A B");
        }
        DiffOptions options = DiffOptions.defaults().withExpectedVolatileListed(verbose)
                .withExecutor(Workers.executor());
        if (skills != null) {
            options = options.withSkillRegistry(SkillRegistry.read(skills));
        }
        DiffResult result;
        if (html == null) {
            result = GoldenDiff.compare(a, b, options);
        } else {
            if (!force && Files.exists(html, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(html, "already exists; give --force to overwrite it, or another name");
            }
            // The page shows events of both files, so they are read here and kept (as GoldenDiff.compare(Path, Path)
            // reads them)
            List<LoadedGoldenFile> both = LoadedGoldenFile.readBoth(a, b, options.executor());
            LoadedGoldenFile fa = both.get(0);
            LoadedGoldenFile fb = both.get(1);
            result = GoldenDiff.compare(fa, fb, options);
            ReportFiles.write(html, DiffHtmlReport.of(result, fa, fb).render(), force);
        }
        boolean asJson = json || output != null && output.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".json");
        String report = asJson
                ? OpsJson.pretty().writeValueAsString(DiffReport.json(result, a.toString(), b.toString(), verbose))
                        + "\n"
                : DiffReport.text(result, a.toString(), b.toString(), verbose,
                        output == null && TerminalColour.enabled(common.config()));
        PrintWriter out = Console.out(console, spec);
        if (output != null) {
            ReportFiles.writeReport(output, report, force, List.of(a, b));
            out.println("Output written to " + output);
        } else {
            out.print(report);
        }
        if (html != null) {
            out.println("HTML report written to " + html);
        }
        out.flush();
        return exitCode(result.severity(), strict);
    }

    /** 0 on a match, 1 on CRITICAL, and on WARNING only with {@code --strict}. */
    static int exitCode(Severity severity, boolean strict) {
        return switch (severity) {
            case MATCH -> 0;
            case WARNING -> strict ? 1 : 0;
            case CRITICAL -> 1;
        };
    }
}
