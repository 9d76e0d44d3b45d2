package io.aos.ops.cli.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.golden.format.StepCheck;
import io.aos.ops.golden.format.TraceAudit;
import io.aos.ops.golden.format.RunHeader;
import io.aos.ops.golden.format.TraceAuditor;
import io.aos.ops.golden.format.TraceFormat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;

/**
 * Prints trace audits for people (one block or line per file) and for scripts ({@code --json}). Text taken from the
 * trace or its name (file names, run, spec and step ids, skills, problems) is shown on one line with its control
 * characters escaped ({@link ControlCharacters#oneLine}): a trace cannot forge a line or drive the terminal.
 */
final class TraceAuditPrinter {

    private TraceAuditPrinter() {
    }

    /** Prints {@code golden hash} output for people while the trace is read: header, one line per step, checks. */
    static TraceAuditor.Listener hashLines(PrintWriter out) {
        return new TraceAuditor.Listener() {
            private TraceFormat format;

            @Override
            public void started(Path file, TraceFormat format, RunHeader header) {
                this.format = format;
                StringBuilder head = new StringBuilder().append(shown(file)).append(": ").append(format.label());
                if (header != null) {
                    if (!header.runId().isEmpty()) {
                        head.append(", run ").append(shown(header.runId()));
                    }
                    Optional<String> type = format == TraceFormat.SIMULATION_JSON ? header.workflowType()
                            : header.specId();
                    type.ifPresent(t -> head.append(format == TraceFormat.SIMULATION_JSON ? ", workflow " : ", spec ")
                            .append(shown(t)));
                    header.seed().ifPresent(seed -> head.append(", seed ").append(seed));
                } else {
                    head.append(", no run_start");
                }
                out.println(head);
            }

            /** The line of one step, built afresh for each in these same buffers. */
            private final StringBuilder line = new StringBuilder(128);
            private char[] chars = new char[128];

            @Override
            public void step(StepCheck check) {
                // (a trace has as many lines as steps, 100,000 and more: each is built in place and written in one
                // call, as println("  " + stepLine(...)) writes it, without a string of its own or a second call)
                StringBuilder l = line;
                l.setLength(0);
                appendStepLine(l.append("  "), format, check).append(NEWLINE);
                int n = l.length();
                if (n > chars.length) {
                    chars = new char[Math.max(n, 2 * chars.length)];
                }
                l.getChars(0, n, chars, 0);
                out.write(chars, 0, n);
            }
        };
    }

    /** Text from a trace or its name, on one line with its control characters escaped. */
    private static String shown(Object text) {
        return ControlCharacters.oneLine(String.valueOf(text));
    }

    /** What {@link PrintWriter#println()} ends a line with. */
    private static final String NEWLINE = System.lineSeparator();

    /** The lines after the steps of {@code golden hash}: count, end, and the trace-level verdicts. */
    static void printHashSummary(PrintWriter out, TraceAudit a) {
        if (!a.readable()) {
            out.println(shown(a.file()) + ": UNREADABLE: " + shown(a.error()));
            return;
        }
        out.println("  " + a.stepCount() + (a.stepCount() == 1 ? " step" : " steps") + ", end "
                + (a.endStatus() == null ? "none (no run_end)" : a.endStatus()));
        if (a.format() == TraceFormat.ENGINE_JSONL) {
            out.println("  output_hash: " + (a.hashMismatches() == 0 ? a.stepCount() == 0 ? "no step to recompute" : "all recomputed hashes match"
                    : a.hashMismatches() + " MISMATCH" + (a.hashMismatches() == 1 ? "" : "ES"))
                    + (a.unverifiableSteps() > 0 ? " (" + a.unverifiableSteps() + " steps without output)" : ""));
            out.println("  seeds: " + (a.baseSeed() == null ? "not checked (no run_start seed)"
                    : a.seedMismatches() == 0 ? "all derived seeds match" : a.seedMismatches() + " MISMATCHED"));
        } else {
            out.println("  workflow_hash: " + a.recomputedWorkflowHash()
                    + (a.workflowHashMatches() ? " (matches stored)" : " MISMATCH: stored " + a.storedWorkflowHash()));
        }
        for (String problem : a.problems()) {
            out.println("  NOT CHECKED: " + shown(problem));
        }
    }

    static String stepLine(TraceFormat format, StepCheck s) {
        return appendStepLine(new StringBuilder(), format, s).toString();
    }

    /** Appends {@link #stepLine} to {@code line}; returns {@code line}. */
    static StringBuilder appendStepLine(StringBuilder line, TraceFormat format, StepCheck s) {
        line.append("step ").append(s.index() >= 0 ? String.valueOf(s.index()) : "?");
        if (s.stepId() != null) {
            line.append(' ').append(shown(s.stepId()));
        }
        line.append(' ').append(shown(s.skill()));
        if (format == TraceFormat.SIMULATION_JSON) {
            return line.append(' ').append(shown(s.storedHash()))
                    .append(" (stored; the skill result is not in the file)");
        }
        if (s.recomputedHash() == null) {
            line.append(" output_hash ").append(shown(s.storedHash())).append(" (no output stored, not recomputed)");
        } else {
            line.append(" output_hash ").append(s.recomputedHash());
            if (s.hashMatches()) {
                line.append(" ok");
            } else {
                line.append(" MISMATCH: stored ").append(shown(s.storedHash()));
            }
        }
        if (!s.seedMatches()) {
            line.append(" SEED MISMATCH: stored ").append(s.storedSeed()).append(", derived ").append(s.expectedSeed());
        }
        return line;
    }

    /** The {@code golden verify} line of one file. */
    static void printVerdict(PrintWriter out, TraceAudit a, boolean allowUnsigned) {
        if (!a.readable()) {
            out.println("ERROR " + shown(a.error()));
            return;
        }
        boolean ok = a.verified(allowUnsigned);
        StringBuilder line = new StringBuilder(ok ? "OK    " : "FAIL  ").append(shown(a.file())).append(" (")
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
        if (!a.problems().isEmpty()) {
            line.append(", ").append(a.problems().size()).append(a.problems().size() == 1 ? " problem" : " problems");
        }
        out.println(line.append(')'));
        for (String problem : a.problems()) {
            out.println("      " + shown(problem));
        }
        for (StepCheck s : a.steps()) {
            out.println("      " + stepLine(a.format(), s));
        }
        if (a.omittedSteps() > 0) {
            out.println("      ... and " + a.omittedSteps() + " more steps that do not match");
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
