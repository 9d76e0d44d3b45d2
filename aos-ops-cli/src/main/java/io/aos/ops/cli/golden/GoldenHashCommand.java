package io.aos.ops.cli.golden;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aos-ops golden hash FILE...}: recompute every hash a trace stores and flag the ones that differ. */
@Command(name = "hash",
        mixinStandardHelpOptions = true,
        header = "Print each trace's format, step count and recomputed hashes; flag stored hashes that differ.",
        description = {
            "Reads engine traces (<run_id>.steps.jsonl) and simulation goldens (<run_id>.golden.json) step by step "
                    + "and recomputes what they store, exactly as the Python tools compute it:",
            "  engine: every step's output_hash, and every step seed from the run_start base seed;",
            "  simulation: the workflow_hash from step_hashes (step hashes themselves need the skill results, "
                    + "which the file does not hold).",
            "The format comes from the file name (.steps.jsonl/.jsonl, .golden.json), else from the content.",
            "Traces are streamed: any length, constant memory. Signatures are not checked here: use "
                    + "'aos-ops golden verify'.",
            "",
            "Exit: 0 every stored hash matches; 1 a hash or seed differs, or a trace has nothing to check (no "
                    + "events, no run_start, a step without output_hash or seed) or its steps are out of order; 2 a "
                    + "file cannot be read (cut-off last line, invalid JSON, missing). 1 outranks 2."
        })
public final class GoldenHashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files to hash.")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON report: every step with its stored and recomputed hash.")
    boolean json;

    /** The options and arguments of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = CommonOptions.QUICK.flags("--json").positionals();

    /**
     * This command as picocli sets it up for {@code line} (read by {@link #QUICK}), or null when picocli must read
     * the line (no FILE).
     */
    public static GoldenHashCommand quick(QuickLine line, Console console) {
        List<Path> files = line.positionalPaths();
        if (files == null) {
            return null;
        }
        GoldenHashCommand command = new GoldenHashCommand();
        command.console = console;
        command.common = CommonOptions.quick(line);
        command.files = files;
        command.json = line.has("--json");
        return command;
    }

    @Override
    public Integer call() {
        // One line per step: picocli's writer flushes at every line (a write call each, 100,000 for a long trace), so
        // the lines are gathered here and flushed at the end of each file and before returning.
        PrintWriter terminal = Console.out(console, spec);
        PrintWriter out = new PrintWriter(new BufferedWriter(terminal, 1 << 16), false);
        try {
            return hash(out);
        } finally {
            out.flush();
        }
    }

    private int hash(PrintWriter out) {
        TraceAuditor auditor = TraceAuditor.hashesOnly().withExecutor(Workers.executor());
        int mismatched = 0;
        int unreadable = 0;
        if (json) {
            try (HashJsonWriter writer = new HashJsonWriter(out)) {
                for (Path file : files) {
                    TraceAudit audit = auditor.audit(file, writer);
                    writer.finished(audit);
                    mismatched += audit.readable() && !audit.hashesMatch() ? 1 : 0;
                    unreadable += audit.readable() ? 0 : 1;
                }
                writer.totals(files.size(), mismatched, unreadable);
            }
            out.println();
        } else {
            TraceAuditor.Listener lines = TraceAuditPrinter.hashLines(out);
            for (Path file : files) {
                TraceAudit audit = auditor.audit(file, lines);
                TraceAuditPrinter.printHashSummary(out, audit);
                out.flush();
                mismatched += audit.readable() && !audit.hashesMatch() ? 1 : 0;
                unreadable += audit.readable() ? 0 : 1;
            }
        }
        out.flush();
        return mismatched > 0 ? 1 : unreadable > 0 ? 2 : 0;
    }
}
