package io.aos.ops.golden.summary;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.InstantText;
import io.aos.ops.core.json.PrettyJsonText;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.golden.shadow.state.CycleReport;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ShadowSummary}: the stable JSON schema of {@code aos-ops golden summary --json} (upstream's keys
 * kept, with {@code schema_version}, {@code directories}, {@code ignored_directories}, {@code problems} and
 * {@code cycles_with_mismatches} added), and the human report, verdict first.
 *
 * <p>The JSON comes two ways with the same bytes: {@link #json} builds a tree (for callers that embed or edit it), and
 * {@link #jsonText} streams the same report straight from the summary with jackson-core's generator, without data
 * binding, whose set-up costs a cold {@code golden summary --json} more than the summary itself.
 */
public final class SummaryReport {

    /** The {@code schema_version} of the JSON report; raised when a key changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    private SummaryReport() {
    }

    /**
     * The JSON report of {@code aos-ops golden summary --json}.
     *
     * @param s the summary
     * @return a new tree holding the report
     */
    public static ObjectNode json(ShadowSummary s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("directory", s.directories().get(0).path().toString());
        ArrayNode dirs = root.putArray("directories");
        for (ShadowSummary.Directory d : s.directories()) {
            ObjectNode o = dirs.addObject();
            o.put("directory", d.path().toString());
            o.put("cycles", d.cycles());
            if (d.goldenFileCount() >= 0) {
                o.put("golden_file_count", d.goldenFileCount());
                o.put("golden_dir_size_bytes", d.goldenBytes());
            } else {
                o.putNull("golden_file_count");
                o.putNull("golden_dir_size_bytes");
            }
            ArrayNode p = o.putArray("problems");
            d.problems().forEach(p::add);
        }
        ArrayNode ignored = root.putArray("ignored_directories");
        for (ShadowSummary.IgnoredDirectory d : s.ignoredDirectories()) {
            ObjectNode o = ignored.addObject();
            o.put("directory", d.path().toString());
            o.put("same_as", d.sameAs().toString());
        }
        root.put("analyzed_at", InstantText.of(s.analyzedAt()));
        root.put("cycles", s.cycles());
        root.put("total_workflows", s.totalWorkflows());
        root.put("total_replays", s.totalReplays());
        root.put("total_mismatches", s.totalMismatches());
        root.put("cycles_with_mismatches", s.cyclesWithMismatches());
        ArrayNode details = root.putArray("mismatch_details");
        for (ShadowSummary.Mismatch m : s.mismatchDetails()) {
            ObjectNode o = details.addObject();
            o.put("directory", m.directory().toString());
            o.put("cycle", m.cycle());
            o.setAll((ObjectNode) io.aos.ops.core.json.OpsJson.mapper().valueToTree(m.detail()));
        }
        ArrayNode rows = root.putArray("cycle_summaries");
        for (ShadowSummary.CycleRow r : s.rows()) {
            ObjectNode o = rows.addObject();
            o.put("directory", r.directory().toString());
            o.put("cycle", "cycle_" + r.cycle());
            o.put("cycle_number", r.cycle());
            if (r.readable()) {
                CycleReport c = r.report();
                o.put("workflows", c.primary() == null ? 0 : c.primary().total());
                o.put("replays", c.shadow() == null ? 0 : c.shadow().totalReplays());
                o.put("mismatches", c.shadow() == null ? 0 : c.shadow().mismatches());
                o.put("passed", c.passed());
            } else {
                o.put("error", r.error());
            }
        }
        root.put("golden_file_count", s.goldenFileCount());
        root.put("golden_dir_size_bytes", s.goldenBytes());
        root.put("mismatch_rate", s.mismatchRate());
        ArrayNode problems = root.putArray("problems");
        s.problems().forEach(problems::add);
        root.put("passed", s.passed());
        root.put("verdict", s.verdict().name());
        return root;
    }

    /**
     * The JSON report of {@code aos-ops golden summary --json} as text: the same characters as the tree of
     * {@link #json} written by {@code OpsJson.pretty()} (two-space indent, no final newline), streamed without
     * building the tree.
     *
     * @param s the summary
     * @return the report
     */
    public static String jsonText(ShadowSummary s) {
        return PrettyJsonText.of(4096 + 256 * s.rows().size(), g -> {
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("directory", s.directories().get(0).path().toString());
            g.writeArrayFieldStart("directories");
            for (ShadowSummary.Directory d : s.directories()) {
                g.writeStartObject();
                g.writeStringField("directory", d.path().toString());
                g.writeNumberField("cycles", d.cycles());
                if (d.goldenFileCount() >= 0) {
                    g.writeNumberField("golden_file_count", d.goldenFileCount());
                    g.writeNumberField("golden_dir_size_bytes", d.goldenBytes());
                } else {
                    g.writeNullField("golden_file_count");
                    g.writeNullField("golden_dir_size_bytes");
                }
                writeStrings(g, "problems", d.problems());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ignored_directories");
            for (ShadowSummary.IgnoredDirectory d : s.ignoredDirectories()) {
                g.writeStartObject();
                g.writeStringField("directory", d.path().toString());
                g.writeStringField("same_as", d.sameAs().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("analyzed_at", InstantText.of(s.analyzedAt()));
            g.writeNumberField("cycles", s.cycles());
            g.writeNumberField("total_workflows", s.totalWorkflows());
            g.writeNumberField("total_replays", s.totalReplays());
            g.writeNumberField("total_mismatches", s.totalMismatches());
            g.writeNumberField("cycles_with_mismatches", s.cyclesWithMismatches());
            g.writeArrayFieldStart("mismatch_details");
            for (ShadowSummary.Mismatch m : s.mismatchDetails()) {
                g.writeStartObject();
                g.writeStringField("directory", m.directory().toString());
                g.writeNumberField("cycle", m.cycle());
                writeDetail(g, m.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cycle_summaries");
            for (ShadowSummary.CycleRow r : s.rows()) {
                g.writeStartObject();
                g.writeStringField("directory", r.directory().toString());
                g.writeStringField("cycle", "cycle_" + r.cycle());
                g.writeNumberField("cycle_number", r.cycle());
                if (r.readable()) {
                    CycleReport c = r.report();
                    g.writeNumberField("workflows", c.primary() == null ? 0 : c.primary().total());
                    g.writeNumberField("replays", c.shadow() == null ? 0 : c.shadow().totalReplays());
                    g.writeNumberField("mismatches", c.shadow() == null ? 0 : c.shadow().mismatches());
                    g.writeBooleanField("passed", c.passed());
                } else {
                    g.writeStringField("error", r.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("golden_file_count", s.goldenFileCount());
            g.writeNumberField("golden_dir_size_bytes", s.goldenBytes());
            g.writeNumberField("mismatch_rate", s.mismatchRate());
            writeStrings(g, "problems", s.problems());
            g.writeBooleanField("passed", s.passed());
            g.writeStringField("verdict", s.verdict().name());
            g.writeEndObject();
        });
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * The fields of a mismatch detail as data binding writes a {@link CycleReport.MismatchDetail} (snake case, in
     * the record's order, nulls left out), after the entry's {@code directory} and {@code cycle}, as {@link #json}
     * puts them.
     */
    private static void writeDetail(JsonGenerator g, CycleReport.MismatchDetail d) throws IOException {
        writeNonNull(g, "original_run_id", d.originalRunId());
        writeNonNull(g, "replay_run_id", d.replayRunId());
        writeNonNull(g, "original_hash", d.originalHash());
        writeNonNull(g, "replay_hash", d.replayHash());
        g.writeBooleanField("match", d.match());
        writeNonNull(g, "diff_details", d.diffDetails());
        writeNonNull(g, "workflow_type", d.workflowType());
        if (d.seed() != null) {
            g.writeNumberField("seed", d.seed());
        }
        if (d.firstDivergingStep() != null) {
            g.writeNumberField("first_diverging_step", d.firstDivergingStep());
        }
        writeNonNull(g, "root_cause", d.rootCause());
        writeNonNull(g, "severity", d.severity());
        writeNonNull(g, "evidence", d.evidence());
    }

    private static void writeNonNull(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /**
     * The human report, verdict first. What it quotes from files (directory names, problems, run ids, evidence) is
     * shown with its control characters escaped ({@link ControlCharacters#forTerminal}): only the verdict's own colour
     * reaches the terminal.
     *
     * @param s the summary
     * @param colour whether to colour the verdict with ANSI escapes (only for a terminal)
     * @return the report, lines ending in a newline
     */
    public static String text(ShadowSummary s, boolean colour) {
        StringBuilder sb = new StringBuilder();
        String verdict = s.verdict().name();
        if (colour) {
            verdict = (s.passed() ? "\033[0;32m" : "\033[0;31m") + verdict + "\033[0m";
        }
        sb.append(": ");
        if (s.totalMismatches() > 0) {
            sb.append(count(s.totalMismatches(), "mismatch", "mismatches")).append(" in ")
                    .append(count(s.totalReplays(), "replay", "replays"));
        } else if (s.cyclesWithMismatches() > 0) {
            // a report that contradicts itself: it failed by its own word though no mismatch is counted
            sb.append(count(s.cyclesWithMismatches(), "cycle", "cycles"))
                    .append(" failed by its report (passed: false or a mismatch detail) though 0 of ")
                    .append(count(s.totalReplays(), "replay", "replays")).append(" are counted as mismatches");
        } else if (!s.problems().isEmpty()) {
            sb.append(count(s.problems().size(), "problem", "problems")).append(" (see below)");
        } else if (!s.passed()) {
            sb.append("no cycle report was read");
        } else {
            sb.append("all ").append(count(s.totalReplays(), "replay", "replays"))
                    .append(" matched their golden files");
        }
        sb.append(" over ").append(count(s.cycles(), "cycle", "cycles")).append('\n');
        for (ShadowSummary.Directory d : s.directories()) {
            sb.append("  directory: ").append(d.path()).append("  (").append(count(d.cycles(), "cycle", "cycles"))
                    .append(", ");
            sb.append(d.goldenFileCount() >= 0
                    ? count(d.goldenFileCount(), "golden file", "golden files") + ", "
                            + count(d.goldenBytes(), "byte", "bytes")
                    : "no golden/ directory").append(")\n");
        }
        for (ShadowSummary.IgnoredDirectory d : s.ignoredDirectories()) {
            sb.append("  ignored: ").append(d.path()).append(" is the same directory as ").append(d.sameAs())
                    .append(", read once\n");
        }
        for (String p : s.problems()) {
            sb.append("  problem: ").append(p).append('\n');
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Cycles:          %d%n", s.cycles()));
        sb.append(String.format(Locale.ROOT, "Workflows:       %d%n", s.totalWorkflows()));
        sb.append(String.format(Locale.ROOT, "Replays:         %d%n", s.totalReplays()));
        sb.append(String.format(Locale.ROOT, "Mismatches:      %d (in %s)%n", s.totalMismatches(),
                count(s.cyclesWithMismatches(), "cycle", "cycles")));
        sb.append(String.format(Locale.ROOT, "Mismatch rate:   %.6f%n", s.mismatchRate()));
        sb.append(String.format(Locale.ROOT, "Golden files:    %d (%d bytes)%n", s.goldenFileCount(),
                s.goldenBytes()));
        if (!s.mismatchDetails().isEmpty()) {
            sb.append("\nMismatch details:\n");
            for (ShadowSummary.Mismatch m : s.mismatchDetails()) {
                CycleReport.MismatchDetail d = m.detail();
                sb.append("  cycle ").append(m.cycle()).append(": ").append(d.originalRunId()).append(" replayed as ")
                        .append(d.replayRunId());
                if (d.rootCause() != null) {
                    sb.append("  ").append(d.rootCause());
                    if (d.firstDivergingStep() != null) {
                        sb.append(" at step ").append(d.firstDivergingStep());
                    }
                }
                sb.append('\n');
                if (d.evidence() != null) {
                    sb.append("    ").append(d.evidence()).append('\n');
                } else if (d.diffDetails() != null) {
                    sb.append("    ").append(d.diffDetails()).append('\n');
                }
            }
        }
        long quiet = 0;
        StringBuilder failing = new StringBuilder();
        for (ShadowSummary.CycleRow r : s.rows()) {
            if (!r.readable()) {
                failing.append("  cycle_").append(r.cycle()).append("  ERROR  ").append(r.error()).append('\n');
            } else if (GoldenSummary.failing(r.report())) {
                CycleReport c = r.report();
                long m = c.shadow() == null ? 0 : c.shadow().mismatches();
                failing.append(String.format(Locale.ROOT, "  cycle_%d  workflows %d, replays %d, mismatches %d",
                        r.cycle(), c.primary() == null ? 0 : c.primary().total(),
                        c.shadow() == null ? 0 : c.shadow().totalReplays(), m));
                if (m == 0 && !c.passed()) {
                    failing.append(r.missing().contains("passed") ? ", but its report has no passed field"
                            : ", but its report says passed: false");
                }
                if (m == 0 && !c.mismatchDetails().isEmpty()) {
                    failing.append(", but its report lists ")
                            .append(count(c.mismatchDetails().size(), "mismatch detail", "mismatch details"));
                }
                failing.append('\n');
            } else {
                quiet++;
            }
        }
        if (failing.length() > 0) {
            sb.append("\nCycles that failed or could not be read:\n").append(failing);
        }
        if (!s.rows().isEmpty()) {
            sb.append('\n').append(count(quiet, "cycle", "cycles")).append(" passed (--json lists every cycle)\n");
        }
        return verdict + ControlCharacters.forTerminal(sb.toString());
    }

    /** {@code n} and the noun in the number it takes: {@code 1 cycle}, {@code 0 cycles}, {@code 2 cycles}. */
    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
