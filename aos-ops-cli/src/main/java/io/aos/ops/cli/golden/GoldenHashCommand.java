package io.aos.ops.cli.golden;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceAuditor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "Signatures are not checked here: use 'aos-ops golden verify'.",
            "",
            "Exit: 0 every stored hash matches; 1 a hash or seed differs; 2 a file cannot be read (cut-off last "
                    + "line, invalid JSON, missing). A mismatch outranks an unreadable file."
        })
public final class GoldenHashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files to hash.")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON report (every step with stored and recomputed hash).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TraceAuditor auditor = TraceAuditor.hashesOnly(true);
        List<TraceAudit> audits = new ArrayList<>();
        for (Path file : files) {
            TraceAudit audit = auditor.audit(file);
            if (!json) {
                TraceAuditPrinter.printHashes(out, audit);
            }
            audits.add(audit);
        }
        int mismatched = (int) audits.stream().filter(a -> a.readable() && !a.hashesMatch()).count();
        int unreadable = (int) audits.stream().filter(a -> !a.readable()).count();
        if (json) {
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            summary.put("files_checked", audits.size());
            summary.put("mismatched", mismatched);
            summary.put("unreadable", unreadable);
            TraceAuditPrinter.printJson(out, audits, summary);
        }
        out.flush();
        return mismatched > 0 ? 1 : unreadable > 0 ? 2 : 0;
    }
}
