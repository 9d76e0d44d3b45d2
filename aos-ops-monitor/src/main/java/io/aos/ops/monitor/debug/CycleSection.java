package io.aos.ops.monitor.debug;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.discovery.RunProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section 2: cycle statistics: cycles, successful cycles, cycles with errors (mismatches), workflows, replays, from
 * the best source the monitor found ({@code status.json}, else the cycle reports and the log); then the last cycle
 * reports, where {@code status.json} and the cycle reports disagree, and the last {@code Progress:} lines of the log.
 */
final class CycleSection implements DebugSection {

    static final int LAST_REPORTS = 5;

    record LastReport(long cycle, long workflows, long replays, long mismatches) {
    }

    private final RunProgress figures;
    private final Optional<ShadowRunStatus> status;
    private final List<LastReport> lastReports = new ArrayList<>();
    private final List<String> lastProgress;
    private final List<String> disagreements;
    private final List<String> unreadable = new ArrayList<>();

    private CycleSection(DebugInputs in) {
        this.figures = in.snapshot().figures();
        this.status = in.snapshot().status();
        this.disagreements = in.snapshot().disagreements();
        unreadable.addAll(in.snapshot().problems());
        in.layout().ifPresent(this::readLastReports);
        this.lastProgress = in.logScan().map(LogScan::lastProgress).orElse(List.of());
        in.logProblem().ifPresent(unreadable::add);
    }

    static CycleSection of(DebugInputs in) {
        return new CycleSection(in);
    }

    private void readLastReports(ShadowRunLayout layout) {
        List<Path> reports;
        try {
            reports = layout.cycleReports();
        } catch (IOException e) {
            unreadable.add(layout.reportsDir() + ": cannot be listed: " + e.getMessage());
            return;
        }
        List<Path> last = reports.subList(Math.max(0, reports.size() - LAST_REPORTS), reports.size());
        for (int i = 0; i < last.size(); i++) {
            Path file = last.get(i);
            long n = ShadowRunLayout.cycleNumber(file).orElseThrow();
            try {
                CycleReportReader.CycleCounts c = CycleReportReader.readCounts(file);
                lastReports.add(new LastReport(n, c.workflows(), c.replays(), c.mismatches()));
            } catch (AosOpsException e) {
                // Upstream's runner creates the report when the cycle starts and fills it when it ends.
                unreadable.add(e.getMessage() + (i == last.size() - 1
                        ? " (the newest report: it may still be being written)" : ""));
            }
        }
    }

    @Override
    public Optional<String> nothingRead() {
        if (status.isPresent() || !lastReports.isEmpty() || !lastProgress.isEmpty() || figures.cycles() > 0) {
            return Optional.empty();
        }
        return Optional.of("cycle statistics: nothing read (no status.json, no cycle report, no cycle in a log)");
    }

    @Override
    public String key() {
        return "cycles";
    }

    @Override
    public String title() {
        return "Cycle statistics";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", figures.source());
        json.put("total", figures.cycles());
        json.put("successful", figures.successfulCycles());
        json.put("with_errors", figures.cyclesWithMismatches());
        json.put("workflows", figures.workflows());
        json.put("replays", figures.replays());
        json.put("mismatches", figures.mismatches());
        json.put("run_state", status.map(s -> s.state() == null ? null : s.state().json()).orElse(null));
        json.put("target_cycles", status.map(ShadowRunStatus::targetCycles).orElse(null));
        json.put("target_hours", status.map(ShadowRunStatus::targetHours).orElse(null));
        json.put("last_cycle_at", status.map(ShadowRunStatus::lastCycleAt).map(Object::toString).orElse(null));
        List<Map<String, Object>> last = new ArrayList<>();
        for (LastReport r : lastReports) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cycle", r.cycle());
            m.put("workflows", r.workflows());
            m.put("replays", r.replays());
            m.put("mismatches", r.mismatches());
            last.add(m);
        }
        json.put("last_reports", last);
        json.put("last_progress", lastProgress);
        json.put("disagreements", disagreements);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        if (nothingRead().isPresent()) {
            out.append("  Nothing read: no status.json, no cycle report and no cycle in a log: no cycle statistics.\n");
            return;
        }
        out.append("  Total cycles:      ").append(figures.cycles()).append("  (from ").append(figures.source())
                .append(")\n");
        out.append("  Successful:        ").append(figures.successfulCycles()).append('\n');
        out.append("  With errors:       ").append(figures.cyclesWithMismatches())
                .append(figures.mismatches() > 0 ? "  <-- " + figures.describeMismatches() : "").append('\n');
        out.append("  Workflows:         ").append(figures.workflows()).append('\n');
        out.append("  Replays:           ").append(figures.replays()).append('\n');
        status.ifPresent(s -> {
            if (s.state() != null) {
                out.append("  Run state:         ").append(s.state().json())
                        .append(s.message() == null ? "" : " (" + s.message() + ")").append('\n');
            }
            if (s.targetCycles() != null) {
                out.append("  Target cycles:     ").append(s.targetCycles()).append('\n');
            }
            if (s.targetHours() != null) {
                out.append("  Target hours:      ").append(s.targetHours()).append('\n');
            }
            if (s.lastCycleAt() != null) {
                out.append("  Last cycle at:     ").append(s.lastCycleAt()).append('\n');
            }
        });
        if (!lastReports.isEmpty()) {
            out.append("  Last cycle reports:\n");
            for (LastReport r : lastReports) {
                out.append("    cycle ").append(r.cycle()).append(": ").append(r.workflows()).append(" workflows, ")
                        .append(r.replays()).append(" replays, ").append(r.mismatches())
                        .append(r.mismatches() == 1 ? " mismatch" : " mismatches")
                        .append(r.mismatches() > 0 ? "  <--" : "").append('\n');
            }
        }
        if (!disagreements.isEmpty()) {
            // read, not unreadable: the two sources were read and count differently; the worse count is shown above
            out.append("  status.json and the cycle reports disagree:\n");
            disagreements.forEach(d -> out.append("    ").append(d).append('\n'));
        }
        out.append("  Last progress lines:").append(lastProgress.isEmpty() ? " none in the log" : "").append('\n');
        for (String line : lastProgress) {
            out.append("    ").append(line).append('\n');
        }
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
