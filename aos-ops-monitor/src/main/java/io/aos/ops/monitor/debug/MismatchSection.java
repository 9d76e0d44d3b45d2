package io.aos.ops.monitor.debug;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 3: every cycle with mismatches, read from {@code reports/cycle_N.json} in numeric order (upstream's scan put
 * its glob in quotes and never found one), each mismatch with the root cause and first diverging step the runner
 * recorded. Upstream reports carry neither: the first diverging step is then read from upstream's
 * {@code Mismatch at step N} text, and the root cause is left to {@code debug replay <run_id>}. Cycles that only the
 * log names (an upstream run without reports) are listed as well.
 */
final class MismatchSection implements DebugSection {

    private static final Pattern UPSTREAM_STEP = Pattern.compile("Mismatch at step (\\d+)");

    /** One mismatching replay as its cycle report records it; any field but the run id may be null. */
    record Mismatch(String originalRunId, String replayRunId, String workflowType, Long seed, Integer firstDivergingStep,
                    String rootCause, String severity, String evidence, String diffDetails) {
    }

    record Cycle(long cycle, String timestamp, long mismatches, List<Mismatch> details) {
    }

    private final List<Cycle> cycles = new ArrayList<>();
    private final SortedMap<Long, Long> logOnly = new TreeMap<>();
    private long reportsRead;
    private final List<String> unreadable = new ArrayList<>();
    private final boolean hasReportsDir;

    private MismatchSection(DebugInputs in) {
        hasReportsDir = in.layout().map(l -> Files.isDirectory(l.reportsDir())).orElse(false);
        in.layout().ifPresent(this::readReports);
        Set<Long> known = new HashSet<>();
        cycles.forEach(c -> known.add(c.cycle()));
        in.snapshot().figures().mismatchesByCycle().forEach((cycle, count) -> {
            if (!known.contains(cycle)) {
                logOnly.put(cycle, count);
            }
        });
    }

    static MismatchSection of(DebugInputs in) {
        return new MismatchSection(in);
    }

    private void readReports(ShadowRunLayout layout) {
        List<Path> reports;
        try {
            reports = layout.cycleReports();
        } catch (IOException e) {
            unreadable.add(layout.reportsDir() + ": cannot be listed: " + e.getMessage());
            return;
        }
        for (int i = 0; i < reports.size(); i++) {
            Path file = reports.get(i);
            long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
            JsonNode report;
            try {
                report = OpsJson.readTree(file);
            } catch (AosOpsException e) {
                boolean newest = i == reports.size() - 1;
                unreadable.add(e.getMessage() + (newest ? " (the newest report: it may still be being written)" : ""));
                continue;
            }
            reportsRead++;
            JsonNode details = report.path("mismatch_details");
            long count = report.path("shadow").path("mismatches").asLong(details.size());
            if (count <= 0 && details.isEmpty()) {
                continue;
            }
            List<Mismatch> list = new ArrayList<>();
            for (JsonNode d : details) {
                list.add(mismatch(d));
            }
            cycles.add(new Cycle(n, text(report.path("timestamp")), Math.max(count, list.size()), list));
        }
    }

    private static Mismatch mismatch(JsonNode d) {
        String diff = text(d.path("diff_details"));
        Integer step = d.path("first_diverging_step").isIntegralNumber() ? d.path("first_diverging_step").asInt()
                : null;
        if (step == null && diff != null) {
            Matcher m = UPSTREAM_STEP.matcher(diff);
            if (m.find()) {
                step = Integer.valueOf(m.group(1));
            }
        }
        return new Mismatch(text(d.path("original_run_id")), text(d.path("replay_run_id")),
                text(d.path("workflow_type")), d.path("seed").isIntegralNumber() ? d.path("seed").asLong() : null,
                step, text(d.path("root_cause")), text(d.path("severity")), text(d.path("evidence")), diff);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** Mismatching replays found, in the reports and (for cycles without a report) in the log. */
    long mismatches() {
        return cycles.stream().mapToLong(Cycle::mismatches).sum()
                + logOnly.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Optional<String> nothingRead() {
        if (reportsRead > 0 || !logOnly.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("mismatch analysis: no cycle report read"
                + (hasReportsDir ? "" : " (no reports/ directory)") + ", so no mismatch verdict");
    }

    @Override
    public String key() {
        return "mismatches";
    }

    @Override
    public String title() {
        return "Mismatch analysis";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reports_read", reportsRead);
        json.put("mismatches", mismatches());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Cycle c : cycles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cycle", c.cycle());
            m.put("timestamp", c.timestamp());
            m.put("mismatches", c.mismatches());
            List<Map<String, Object>> details = new ArrayList<>();
            for (Mismatch d : c.details()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("original_run_id", d.originalRunId());
                e.put("replay_run_id", d.replayRunId());
                e.put("workflow_type", d.workflowType());
                e.put("seed", d.seed());
                e.put("first_diverging_step", d.firstDivergingStep());
                e.put("root_cause", d.rootCause());
                e.put("severity", d.severity());
                e.put("evidence", d.evidence());
                e.put("diff_details", d.diffDetails());
                details.add(e);
            }
            m.put("details", details);
            list.add(m);
        }
        json.put("cycles", list);
        List<Map<String, Object>> fromLog = new ArrayList<>();
        logOnly.forEach((cycle, count) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cycle", cycle);
            m.put("mismatches", count);
            fromLog.add(m);
        });
        json.put("log_only_cycles", fromLog);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        out.append("  Cycle reports read: ").append(reportsRead)
                .append(hasReportsDir ? "" : " (no reports/ directory)").append('\n');
        if (cycles.isEmpty() && logOnly.isEmpty()) {
            if (reportsRead == 0) {
                out.append("  No cycle report read: no mismatch verdict (a run without reports has not passed).\n");
            } else {
                out.append("  No mismatches: ").append(reportsRead == 1 ? "the 1 cycle report read shows"
                        : "all " + reportsRead + " cycle reports read show").append(" 0 mismatches.\n");
            }
            return;
        }
        out.append("  MISMATCHES: ").append(mismatches()).append(" in ").append(cycles.size() + logOnly.size())
                .append(cycles.size() + logOnly.size() == 1 ? " cycle" : " cycles").append('\n');
        for (Cycle c : cycles) {
            out.append("  Cycle ").append(c.cycle()).append(": ").append(c.mismatches()).append(" mismatch")
                    .append(c.mismatches() == 1 ? "" : "es").append(c.timestamp() == null ? "" : " at " + c.timestamp())
                    .append('\n');
            for (Mismatch d : c.details()) {
                out.append("    run ").append(d.originalRunId());
                if (d.workflowType() != null) {
                    out.append(" (").append(d.workflowType()).append(d.seed() == null ? "" : ", seed " + d.seed())
                            .append(')');
                }
                out.append(" replayed as ").append(d.replayRunId()).append('\n');
                out.append("      root cause:  ").append(d.rootCause() != null ? d.rootCause()
                        + (d.severity() == null ? "" : " (" + d.severity() + ")")
                        : "not recorded (upstream report): aos-ops debug replay " + d.originalRunId()).append('\n');
                out.append("      first diverging step: ")
                        .append(d.firstDivergingStep() == null ? "unknown" : d.firstDivergingStep()).append('\n');
                if (d.evidence() != null) {
                    out.append("      evidence:    ").append(d.evidence()).append('\n');
                } else if (d.diffDetails() != null) {
                    out.append("      details:     ").append(d.diffDetails()).append('\n');
                }
            }
            if (c.details().size() < c.mismatches()) {
                out.append("    (").append(c.mismatches() - c.details().size())
                        .append(" more not detailed in the report; upstream kept at most 5)\n");
            }
        }
        logOnly.forEach((cycle, count) -> out.append("  Cycle ").append(cycle).append(": ").append(count)
                .append(" mismatches (from the log only; no readable cycle report)\n"));
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
