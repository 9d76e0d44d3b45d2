package io.aos.ops.cli.golden;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.TerminalColour;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.golden.report.ReportFiles;
import io.aos.ops.golden.report.SummaryHtmlReport;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import io.aos.ops.golden.summary.SummaryReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden summary}: totals, mismatches and verdict of one or more shadow simulation runs. */
@Command(name = "summary",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Summarize a shadow simulation directory: cycles, replays, mismatches, verdict.",
        description = {
            "DIR is a shadow run's output directory, the one that holds reports/ and golden/ (e.g. "
                    + "/tmp/shadow_simulation_20261128_021500), NOT its golden/ subdirectory.",
            "Reads every reports/cycle_N.json in numeric order and counts the golden files.",
            "Several directories (one per host or run, or a shell glob) merge into one summary; the same "
                    + "directory given twice is read once.",
            "",
            "Verdict FAIL, exit 1: any mismatch; a cycle whose report says passed: false or lists a mismatch; "
                    + "an unreadable cycle report (bad JSON; a count that is negative, a fraction, null or too "
                    + "large); a report without shadow counts or whose matches + mismatches is not total_replays; "
                    + "a cycle_*.json whose number is not understood; zero cycles; or a directory without "
                    + "reports/. PASS, exit 0: at least one cycle and every replay matched.",
            "",
            "Launcher: scripts/stress/golden_diff_debug.py --summary-dir DIR [--output F]",
        })
public final class GoldenSummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    CommonOptions common;

    @Option(names = "--summary-dir", paramLabel = "DIR", arity = "1..*",
            description = "A shadow run directory; repeat it, or give several after it (a glob), to merge runs.")
    List<Path> summaryDirs;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "More run directories.")
    List<Path> positional;

    @Option(names = {"-o", "--output"}, paramLabel = "F",
            description = "Write the report to F instead of stdout (JSON when --json or F ends in .json).")
    Path output;

    @Option(names = "--json", description = "Print the summary as JSON (stable schema, see docs/golden-traces.md).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the summary as one self-contained HTML page: timeline, tables by root cause "
                    + "and workflow, and a diff page per mismatch (in FILE's name + '-diffs/') when its traces are "
                    + "still in the run's traces/.")
    Path html;

    @Option(names = "--force", description = "Let --html overwrite existing pages, and -o replace an existing file "
            + "that does not hold a report.")
    boolean force;

    /** The options and arguments of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = CommonOptions.QUICK.greedy("--summary-dir")
            .values("-o", "--output", "--html").flags("--json", "--force").positionals();

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}), or null for picocli to read it. */
    public static GoldenSummaryCommand quick(QuickLine line, Console console) {
        if (line.value("-o") != null && line.value("--output") != null) {
            return null; // two names of one option: picocli's "should be specified only once"
        }
        GoldenSummaryCommand command = new GoldenSummaryCommand();
        command.console = console;
        command.common = CommonOptions.quick(line);
        command.summaryDirs = line.paths("--summary-dir");
        command.positional = line.positionalPaths();
        command.output = line.value("-o") != null ? line.path("-o") : line.path("--output");
        command.json = line.has("--json");
        command.html = line.path("--html");
        command.force = line.has("--force");
        return command;
    }

    @Override
    public Integer call() throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (summaryDirs != null) {
            dirs.addAll(summaryDirs);
        }
        if (positional != null) {
            dirs.addAll(positional);
        }
        if (dirs.isEmpty()) {
            throw new BadConfigurationException("give a shadow run directory: --summary-dir DIR");
        }
        ShadowSummary summary = GoldenSummary.withClock(Clock.systemUTC())
                .withExecutor(Workers.besideCaller()).summarize(dirs);
        boolean asJson = json || output != null && output.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".json");
        String report = asJson
                ? SummaryReport.jsonText(summary) + "\n"
                : SummaryReport.text(summary,
                        output == null && TerminalColour.enabled(common.config()));
        PrintWriter out = Console.out(console, spec);
        if (html != null) {
            List<Path> diffs = SummaryHtmlReport.writeWithDiffs(summary, html, force);
            out.println("HTML summary written to " + html + (diffs.isEmpty() ? ""
                    : " (with " + diffs.size() + " diff page" + (diffs.size() == 1 ? "" : "s") + ")"));
        }
        if (output != null) {
            ReportFiles.writeReport(output, report, force, List.of());
            out.println("Output written to " + output);
        } else {
            out.print(report);
        }
        out.flush();
        return summary.passed() ? 0 : 1;
    }
}
