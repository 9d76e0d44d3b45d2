package io.aos.ops.cli.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.StepCheck;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.TraceFormat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Prints trace audits for people (one block or line per file) and for scripts ({@code --json}). */
final class TraceAuditPrinter {

    private TraceAuditPrinter() {
    }

    /** The {@code golden hash} block of one file: header line, one line per step, the trace-level checks. */
    static void printHashes(PrintWriter out, TraceAudit a) {
        if (!a.readable()) {
            out.println(a.file() + ": UNREADABLE: " + a.error());
            return;
        }
        StringBuilder head = new StringBuilder().append(a.file()).append(": ").append(a.format().label());
        if (!a.runId().isEmpty()) {
            head.append(", run ").append(a.runId());
        }
        if (a.workflowType() != null) {
            head.append(a.format() == TraceFormat.SIMULATION_JSON ? ", workflow " : ", spec ").append(a.workflowType());
        }
        if (a.baseSeed() != null) {
            head.append(", seed ").append(a.baseSeed());
        }
        head.append(", ").append(a.stepCount()).append(a.stepCount() == 1 ? " step" : " steps");
        head.append(", end ").append(a.endStatus() == null ? "none (no run_end)" : a.endStatus());
        out.println(head);
        for (StepCheck s : a.steps()) {
            out.println("  " + stepLine(a.format(), s));
        }
        if (a.format() == TraceFormat.ENGINE_JSONL) {
            out.println("  output_hash: " + (a.hashMismatches() == 0 ? "all recomputed hashes match"
                    : a.hashMismatches() + " MISMATCH" + (a.hashMismatches() == 1 ? "" : "ES"))
                    + (a.unverifiableSteps() > 0 ? " (" + a.unverifiableSteps() + " steps without output)" : ""));
            out.println("  seeds: " + (a.baseSeed() == null ? "not checked (no run_start seed)"
                    : a.seedMismatches() == 0 ? "all derived seeds match" : a.seedMismatches() + " MISMATCHED"));
        } else {
            out.println("  workflow_hash: " + a.recomputedWorkflowHash()
                    + (a.workflowHashMatches() ? " (matches stored)" : " MISMATCH: stored " + a.storedWorkflowHash()));
        }
    }

    static String stepLine(TraceFormat format, StepCheck s) {
        StringBuilder line = new StringBuilder("step ").append(s.index());
        if (s.stepId() != null) {
            line.append(' ').append(s.stepId());
        }
        line.append(' ').append(s.skill());
        if (format == TraceFormat.SIMULATION_JSON) {
            return line.append(' ').append(s.storedHash()).append(" (stored; the skill result is not in the file)")
                    .toString();
        }
        if (s.recomputedHash() == null) {
            line.append(" output_hash ").append(s.storedHash()).append(" (no output stored, not recomputed)");
        } else {
            line.append(" output_hash ").append(s.recomputedHash());
            line.append(s.hashMatches() ? " ok" : " MISMATCH: stored " + s.storedHash());
        }
        if (!s.seedMatches()) {
            line.append(" SEED MISMATCH: stored ").append(s.storedSeed()).append(", derived ").append(s.expectedSeed());
        }
        return line.toString();
    }

    /** The {@code golden verify} line of one file. */
    static void printVerdict(PrintWriter out, TraceAudit a, boolean allowUnsigned) {
        if (!a.readable()) {
            out.println("ERROR " + a.error());
            return;
        }
        boolean ok = a.verified(allowUnsigned);
        StringBuilder line = new StringBuilder(ok ? "OK    " : "FAIL  ").append(a.file()).append(" (")
                .append(a.format().label()).append(", ").append(a.stepCount()).append(" steps, signature ")
                .append(a.signature().label());
        if (a.signature() == io.aos.ops.golden.format.SignatureStatus.UNSIGNED && !allowUnsigned) {
            line.append(": no .sig; --allow-unsigned accepts it");
        }
        if (a.hashMismatches() > 0) {
            line.append(", ").append(a.hashMismatches()).append(" output_hash mismatches");
        }
        if (a.seedMismatches() > 0) {
            line.append(", ").append(a.seedMismatches()).append(" seed mismatches");
        }
        if (!a.workflowHashMatches()) {
            line.append(", workflow_hash mismatch");
        }
        if (a.hashesMatch()) {
            line.append(", hashes match");
        }
        out.println(line.append(')'));
        for (StepCheck s : a.steps()) {
            out.println("      " + stepLine(a.format(), s));
        }
    }

    static void printJson(PrintWriter out, List<TraceAudit> audits, ObjectNode summary) {
        ArrayNode files = JsonNodeFactory.instance.arrayNode();
        audits.forEach(a -> files.add(a.toJson()));
        summary.set("files", files);
        try {
            out.println(OpsJson.pretty().writeValueAsString(summary));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
