package io.aos.ops.golden.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.summary.ShadowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code aos-ops golden summary --html}: a {@link ShadowSummary} as one self-contained page: the verdict, the run's
 * timeline as inline SVG (one bar per cycle, its height the replays compared, the mismatching part coloured by root
 * cause), a table per root cause and per workflow, and every mismatch with a link to its diff page when both traces
 * are at hand ({@link #writeWithDiffs} writes those pages beside the summary and links them relatively).
 */
public final class SummaryHtmlReport {

    /** Root causes with a colour of their own; anything else (an unreadable golden, ...) is drawn as "other". */
    private static final List<String> KNOWN = List.of("SEED_MISMATCH", "UNSEEDED_RNG", "EXTERNAL_CALL",
            "DETERMINISM_VIOLATION", "VOLATILE_LEAK", "UNORDERED_COLLECTION", "FLOAT_PRECISION", "EXPECTED_VOLATILE");

    private static final String CSS = """
            :root{--rc-SEED_MISMATCH:#c2185b;--rc-UNSEEDED_RNG:#7b1fa2;--rc-EXTERNAL_CALL:#1565c0;\
            --rc-DETERMINISM_VIOLATION:#d84315;--rc-VOLATILE_LEAK:#f9a825;--rc-UNORDERED_COLLECTION:#2e7d32;\
            --rc-FLOAT_PRECISION:#00838f;--rc-EXPECTED_VOLATILE:#9e9e9e;--rc-other:#5d4037;--bar:#b0bec5}
            @media (prefers-color-scheme:dark){:root{--bar:#4f5b62;--rc-other:#bcaaa4}}
            svg.timeline{width:100%;height:auto;max-height:22rem;border:1px solid var(--line);border-radius:6px;\
            background:var(--panel)}
            svg.timeline text{fill:var(--muted);font-size:11px;font-family:system-ui,sans-serif}
            svg.timeline line.axis{stroke:var(--muted);stroke-width:1}
            svg.timeline rect.bar{fill:var(--bar)}
            svg.timeline rect.unreadable{fill:none;stroke:var(--crit);stroke-dasharray:3 2}
            .rc-SEED_MISMATCH{fill:var(--rc-SEED_MISMATCH)}.rc-UNSEEDED_RNG{fill:var(--rc-UNSEEDED_RNG)}
            .rc-EXTERNAL_CALL{fill:var(--rc-EXTERNAL_CALL)}.rc-DETERMINISM_VIOLATION{fill:var(--rc-DETERMINISM_VIOLATION)}
            .rc-VOLATILE_LEAK{fill:var(--rc-VOLATILE_LEAK)}.rc-UNORDERED_COLLECTION{fill:var(--rc-UNORDERED_COLLECTION)}
            .rc-FLOAT_PRECISION{fill:var(--rc-FLOAT_PRECISION)}.rc-EXPECTED_VOLATILE{fill:var(--rc-EXPECTED_VOLATILE)}
            .rc-other{fill:var(--rc-other)}
            .legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.4rem 0;font-size:.9em}
            .legend svg{vertical-align:middle;margin-right:.3rem}
            tr.unreadable td{color:var(--crit)}
            """;

    private final ShadowSummary summary;
    private final Map<ShadowSummary.Mismatch, String> diffLinks;

    private SummaryHtmlReport(ShadowSummary summary, Map<ShadowSummary.Mismatch, String> diffLinks) {
        this.summary = checkNotNull(summary, "summary");
        this.diffLinks = diffLinks;
    }

    /** The page of {@code summary} without links to diff pages. */
    public static SummaryHtmlReport of(ShadowSummary summary) {
        return new SummaryHtmlReport(summary, Map.of());
    }

    /** The page of {@code summary}; a mismatch in {@code diffLinks} links to that (relative) address. */
    public static SummaryHtmlReport of(ShadowSummary summary, Map<ShadowSummary.Mismatch, String> diffLinks) {
        return new SummaryHtmlReport(summary, Map.copyOf(checkNotNull(diffLinks, "diffLinks")));
    }

    /**
     * Writes the summary page to {@code target} and, for each mismatch whose two traces are still in its run's
     * {@code traces/}, a diff page into the directory {@code <target name>-diffs/} beside it, linked relatively so the
     * pages can be moved or archived together. Returns the diff pages written. Refuses to overwrite anything unless
     * {@code force}.
     */
    public static List<Path> writeWithDiffs(ShadowSummary summary, Path target, boolean force) {
        checkNotNull(summary, "summary");
        checkNotNull(target, "target");
        String name = target.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".html") ? name.substring(0, name.length() - 5) : name;
        String diffDirName = stem + "-diffs";
        Path diffDir = target.resolveSibling(diffDirName);
        Map<ShadowSummary.Mismatch, String> links = new LinkedHashMap<>();
        List<Path> written = new ArrayList<>();
        int n = 0;
        for (ShadowSummary.Mismatch m : summary.mismatchDetails()) {
            n++;
            Path traces = ShadowRunLayout.of(m.directory()).tracesDir();
            String original = m.detail().originalRunId();
            String replay = m.detail().replayRunId();
            if (original == null || replay == null || !safeName(original) || !safeName(replay)) {
                continue;
            }
            Path a = traces.resolve(original + ".steps.jsonl");
            Path b = traces.resolve(replay + ".steps.jsonl");
            if (!Files.isRegularFile(a) || !Files.isRegularFile(b)) {
                continue;
            }
            String file = String.format(Locale.ROOT, "%03d-cycle-%d-%s.html", n, m.cycle(), replay);
            LoadedGoldenFile fa = LoadedGoldenFile.read(a);
            LoadedGoldenFile fb = LoadedGoldenFile.read(b);
            DiffResult r = GoldenDiff.compare(fa, fb, DiffOptions.defaults());
            Path page = diffDir.resolve(file);
            ReportFiles.write(page, DiffHtmlReport.of(r, fa, fb).render(), force);
            written.add(page);
            links.put(m, diffDirName + "/" + file);
        }
        ReportFiles.write(target, of(summary, links).render(), force);
        return written;
    }

    /** A run id that is a plain file name (cycle reports are data: a crafted id must not point outside traces/). */
    private static boolean safeName(String id) {
        return !id.isEmpty() && id.length() <= 200 && id.matches("[A-Za-z0-9._-]+") && !id.startsWith(".");
    }

    /** The whole page. */
    public String render() {
        StringBuilder b = new StringBuilder(32 * 1024);
        verdict(b);
        timeline(b);
        byRootCause(b);
        byWorkflow(b);
        mismatches(b);
        cycles(b);
        b.append("<footer>aos-ops golden summary --html &#183; analysed ").append(summary.analyzedAt())
                .append("</footer>\n");
        return HtmlPage.page(summary.verdict() + " \u2013 shadow simulation summary", b.toString(), CSS, null);
    }

    private void verdict(StringBuilder b) {
        String v = summary.verdict().name();
        b.append("<header id=\"verdict\" class=\"verdict ").append(v).append("\" data-verdict=\"").append(v)
                .append("\" data-mismatches=\"").append(summary.totalMismatches()).append("\">\n<h1><span class=\"badge ")
                .append(v).append("\">").append(v).append("</span> shadow simulation: ").append(summary.cycles())
                .append(" cycles, ").append(summary.totalMismatches()).append(" mismatches</h1>\n");
        b.append("<dl class=\"facts\"><dt>runs</dt><dd class=\"mono\">");
        for (ShadowSummary.Directory d : summary.directories()) {
            b.append(Html.text(d.path().toString())).append("<br/>");
        }
        b.append("</dd><dt>workflows</dt><dd>").append(summary.totalWorkflows()).append("</dd><dt>replays</dt><dd>")
                .append(summary.totalReplays()).append("</dd><dt>mismatch rate</dt><dd>")
                .append(String.format(Locale.ROOT, "%.4f", summary.mismatchRate()))
                .append("</dd><dt>cycles with mismatches</dt><dd>").append(summary.cyclesWithMismatches())
                .append("</dd><dt>golden files</dt><dd>").append(summary.goldenFileCount()).append(" (")
                .append(summary.goldenBytes()).append(" bytes)</dd></dl>\n");
        if (!summary.problems().isEmpty()) {
            b.append("<h3>Problems</h3><ul class=\"problems\">");
            for (String p : summary.problems()) {
                b.append("<li>").append(Html.text(p)).append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("</header>\n");
    }

    // ---------------------------------------------------------------------------------------------- timeline

    private static final int W = 1000;
    private static final int H = 240;
    private static final int LEFT = 46;
    private static final int RIGHT = 12;
    private static final int TOP = 16;
    private static final int BOTTOM = 34;

    private void timeline(StringBuilder b) {
        b.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        List<ShadowSummary.CycleRow> rows = summary.rows();
        if (rows.isEmpty()) {
            b.append("<p>No cycle report was read.</p>\n</section>\n");
            return;
        }
        // x: the cycle's finishing time when every readable report has one, else its position
        int n = rows.size();
        double[] x = new double[n];
        boolean byTime = true;
        Instant min = null;
        Instant max = null;
        Instant[] times = new Instant[n];
        for (int i = 0; i < n; i++) {
            times[i] = time(rows.get(i));
            if (rows.get(i).readable() && times[i] == null) {
                byTime = false;
            }
            if (times[i] != null) {
                min = min == null || times[i].isBefore(min) ? times[i] : min;
                max = max == null || times[i].isAfter(max) ? times[i] : max;
            }
        }
        byTime = byTime && min != null && max.isAfter(min);
        double plot = W - LEFT - RIGHT;
        double slot = plot / n;
        double barWidth = Math.max(1.5, Math.min(24, slot * 0.7));
        for (int i = 0; i < n; i++) {
            if (byTime && times[i] != null) {
                double span = max.toEpochMilli() - min.toEpochMilli();
                x[i] = LEFT + barWidth / 2 + (plot - barWidth) * (times[i].toEpochMilli() - min.toEpochMilli()) / span;
            } else {
                x[i] = LEFT + slot * (i + 0.5);
            }
        }
        long maxReplays = 1;
        for (ShadowSummary.CycleRow r : rows) {
            if (r.readable() && r.report().shadow() != null) {
                maxReplays = Math.max(maxReplays, r.report().shadow().totalReplays());
            }
        }
        double plotH = H - TOP - BOTTOM;
        b.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ')
                .append(H).append("\" role=\"img\" aria-label=\"replays and mismatches per cycle\">\n");
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"")
                .append(W - RIGHT).append("\" y2=\"").append(H - BOTTOM).append("\"/>\n");
        b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(H - BOTTOM).append("\"/>\n");
        b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(TOP + 4).append("\" text-anchor=\"end\">")
                .append(maxReplays).append("</text><text x=\"").append(LEFT - 6).append("\" y=\"").append(H - BOTTOM)
                .append("\" text-anchor=\"end\">0</text>\n");
        b.append("<text x=\"").append(8).append("\" y=\"").append(TOP + plotH / 2).append("\" transform=\"rotate(-90 8 ")
                .append(fmt(TOP + plotH / 2)).append(")\" text-anchor=\"middle\">replays</text>\n");
        for (int i = 0; i < n; i++) {
            ShadowSummary.CycleRow row = rows.get(i);
            double left = x[i] - barWidth / 2;
            b.append("<g class=\"cycle\" data-cycle=\"").append(row.cycle()).append("\" data-index=\"").append(i)
                    .append("\">");
            if (!row.readable()) {
                b.append("<title>").append(Html.text("cycle " + row.cycle() + ": unreadable: " + row.error()))
                        .append("</title><rect class=\"unreadable\" x=\"").append(fmt(left)).append("\" y=\"")
                        .append(TOP).append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(plotH))
                        .append("\"/></g>\n");
                continue;
            }
            CycleReport rep = row.report();
            long replays = rep.shadow() == null ? 0 : rep.shadow().totalReplays();
            long mism = rep.shadow() == null ? 0 : rep.shadow().mismatches();
            double h = plotH * replays / maxReplays;
            b.append("<title>").append(Html.text("cycle " + row.cycle() + (rep.timestamp() == null ? "" : " at "
                    + rep.timestamp()) + ": " + replays + " replays, " + mism + " mismatches"
                    + causesText(rep))).append("</title>");
            b.append("<rect class=\"bar\" x=\"").append(fmt(left)).append("\" y=\"").append(fmt(H - BOTTOM - h))
                    .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(h)).append("\"/>");
            // the mismatching share of the bar, stacked from the bottom, one block per mismatch detail
            List<CycleReport.MismatchDetail> details = rep.mismatchDetails();
            if (!details.isEmpty()) {
                double unit = replays > 0 ? plotH / maxReplays : plotH / Math.max(1, details.size());
                double y = H - BOTTOM;
                for (CycleReport.MismatchDetail d : details) {
                    double dh = Math.max(2, unit);
                    y -= dh;
                    String rc = rootCauseClass(d.rootCause());
                    b.append("<rect class=\"mismatch rc-").append(rc).append("\" data-cycle=\"").append(row.cycle())
                            .append("\" data-root-cause=\"").append(Html.attr(nullToEmpty(d.rootCause())))
                            .append("\" x=\"").append(fmt(left)).append("\" y=\"").append(fmt(Math.max(TOP, y)))
                            .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(dh))
                            .append("\"/>");
                }
                // a marker above the bar, so one mismatch among thousands of replays still shows
                b.append("<circle class=\"marker rc-").append(rootCauseClass(details.get(0).rootCause()))
                        .append("\" cx=\"").append(fmt(x[i])).append("\" cy=\"").append(fmt(Math.max(TOP - 8,
                                H - BOTTOM - h - 7))).append("\" r=\"").append(fmt(Math.max(2.5,
                                Math.min(5, barWidth / 2)))).append("\"/>");
            }
            b.append("</g>\n");
        }
        // x axis labels: first and last cycle (and times when the axis is time)
        ShadowSummary.CycleRow first = rows.get(0);
        ShadowSummary.CycleRow last = rows.get(n - 1);
        b.append("<text x=\"").append(fmt(x[0])).append("\" y=\"").append(H - BOTTOM + 14)
                .append("\" text-anchor=\"start\">").append(Html.text(axisLabel(first, byTime))).append("</text>\n");
        if (n > 1) {
            b.append("<text x=\"").append(fmt(x[n - 1])).append("\" y=\"").append(H - BOTTOM + 14)
                    .append("\" text-anchor=\"end\">").append(Html.text(axisLabel(last, byTime))).append("</text>\n");
        }
        b.append("<text x=\"").append(fmt(LEFT + plot / 2)).append("\" y=\"").append(H - 4)
                .append("\" text-anchor=\"middle\">").append(byTime ? "time (UTC)" : "cycle").append("</text>\n");
        b.append("</svg>\n");
        legend(b);
        b.append("</section>\n");
    }

    private void legend(StringBuilder b) {
        b.append("<div class=\"legend\"><span><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"><rect class=\"bar\" ")
                .append("width=\"12\" height=\"12\" fill=\"#b0bec5\"/></svg>replays compared</span>");
        TreeMap<String, Integer> seen = new TreeMap<>();
        for (ShadowSummary.Mismatch m : summary.mismatchDetails()) {
            seen.merge(rootCauseClass(m.detail().rootCause()), 1, Integer::sum);
        }
        for (String rc : seen.keySet()) {
            b.append("<span><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"><rect class=\"rc-").append(rc)
                    .append("\" width=\"12\" height=\"12\"/></svg>").append(rc).append("</span>");
        }
        b.append("</div>\n");
    }

    private static String axisLabel(ShadowSummary.CycleRow row, boolean byTime) {
        String t = row.readable() && row.report().timestamp() != null ? row.report().timestamp() : null;
        if (byTime && t != null) {
            return "cycle " + row.cycle() + " \u00b7 " + t.substring(0, Math.min(19, t.length())).replace('T', ' ');
        }
        return "cycle " + row.cycle();
    }

    private static String causesText(CycleReport rep) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (CycleReport.MismatchDetail d : rep.mismatchDetails()) {
            count.merge(d.rootCause() == null ? "unclassified" : d.rootCause(), 1, Integer::sum);
        }
        if (count.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        count.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append(" ").append(v));
        return sb.append(')').toString();
    }

    private static Instant time(ShadowSummary.CycleRow row) {
        if (!row.readable() || row.report().timestamp() == null) {
            return null;
        }
        String t = row.report().timestamp();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // upstream wrote naive local ISO times; read them as UTC, which keeps their order and spacing
                return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- tables

    private void byRootCause(StringBuilder b) {
        b.append("<section id=\"root-causes\">\n<h2>Mismatches by root cause</h2>\n");
        if (summary.mismatchDetails().isEmpty()) {
            b.append("<p>No mismatch.</p>\n</section>\n");
            return;
        }
        Map<String, long[]> rows = new TreeMap<>();
        Map<String, TreeMap<String, Integer>> workflows = new HashMap<>();
        for (ShadowSummary.Mismatch m : summary.mismatchDetails()) {
            String rc = m.detail().rootCause() == null ? "unclassified" : m.detail().rootCause();
            long[] r = rows.computeIfAbsent(rc, k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
            r[0]++;
            r[1] = Math.min(r[1], m.cycle());
            r[2] = Math.max(r[2], m.cycle());
            workflows.computeIfAbsent(rc, k -> new TreeMap<>()).merge(nullToEmpty(m.detail().workflowType()), 1,
                    Integer::sum);
        }
        b.append("<table class=\"by-root-cause\"><thead><tr><th>root cause</th><th class=\"num\">mismatches</th>")
                .append("<th>cycles</th><th>workflows</th></tr></thead><tbody>\n");
        rows.forEach((rc, r) -> b.append("<tr data-root-cause=\"").append(Html.attr(rc)).append("\"><td>")
                .append(Html.text(rc)).append("</td><td class=\"num\">").append(r[0]).append("</td><td>")
                .append(r[1] == r[2] ? String.valueOf(r[1]) : r[1] + "\u2013" + r[2]).append("</td><td>")
                .append(Html.text(counts(workflows.get(rc)))).append("</td></tr>\n"));
        b.append("</tbody></table>\n</section>\n");
    }

    private void byWorkflow(StringBuilder b) {
        b.append("<section id=\"workflows\">\n<h2>Mismatches by workflow</h2>\n");
        if (summary.mismatchDetails().isEmpty()) {
            b.append("<p>No mismatch.</p>\n</section>\n");
            return;
        }
        Map<String, TreeMap<String, Integer>> causes = new TreeMap<>();
        Map<String, Long> firstCycle = new HashMap<>();
        for (ShadowSummary.Mismatch m : summary.mismatchDetails()) {
            String wf = m.detail().workflowType() == null ? "unknown" : m.detail().workflowType();
            causes.computeIfAbsent(wf, k -> new TreeMap<>()).merge(m.detail().rootCause() == null ? "unclassified"
                    : m.detail().rootCause(), 1, Integer::sum);
            firstCycle.merge(wf, m.cycle(), Math::min);
        }
        b.append("<table class=\"by-workflow\"><thead><tr><th>workflow</th><th class=\"num\">mismatches</th>")
                .append("<th>root causes</th><th class=\"num\">first cycle</th></tr></thead><tbody>\n");
        causes.forEach((wf, c) -> b.append("<tr data-workflow=\"").append(Html.attr(wf)).append("\"><td>")
                .append(Html.text(wf)).append("</td><td class=\"num\">")
                .append(c.values().stream().mapToInt(Integer::intValue).sum()).append("</td><td>")
                .append(Html.text(counts(c))).append("</td><td class=\"num\">").append(firstCycle.get(wf))
                .append("</td></tr>\n"));
        b.append("</tbody></table>\n</section>\n");
    }

    private void mismatches(StringBuilder b) {
        b.append("<section id=\"mismatches\">\n<h2>Mismatches</h2>\n");
        if (summary.mismatchDetails().isEmpty()) {
            b.append("<p>No mismatch.</p>\n</section>\n");
            return;
        }
        b.append("<table class=\"mismatches\"><thead><tr><th class=\"num\">cycle</th><th>workflow</th>")
                .append("<th>golden run</th><th>replay</th><th>root cause</th><th class=\"num\">first step</th>")
                .append("<th>evidence</th><th>diff</th></tr></thead><tbody>\n");
        for (ShadowSummary.Mismatch m : summary.mismatchDetails()) {
            CycleReport.MismatchDetail d = m.detail();
            String link = diffLinks.get(m);
            b.append("<tr class=\"mismatch\" data-cycle=\"").append(m.cycle()).append("\" data-root-cause=\"")
                    .append(Html.attr(nullToEmpty(d.rootCause()))).append("\"><td class=\"num\">").append(m.cycle())
                    .append("</td><td>").append(Html.text(d.workflowType())).append("</td><td class=\"mono\">")
                    .append(Html.text(d.originalRunId())).append("</td><td class=\"mono\">")
                    .append(Html.text(d.replayRunId())).append("</td><td>").append(Html.text(d.rootCause()))
                    .append("</td><td class=\"num\">").append(d.firstDivergingStep() == null ? ""
                            : d.firstDivergingStep()).append("</td><td>")
                    .append(Html.text(d.evidence() != null ? d.evidence() : d.diffDetails())).append("</td><td>");
            if (link != null) {
                b.append("<a class=\"diff-link\" href=\"").append(Html.href(link)).append("\">diff</a>");
            } else {
                b.append("<span class=\"muted\">traces not at hand</span>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private void cycles(StringBuilder b) {
        b.append("<section id=\"cycles\">\n<details><summary>Every cycle (").append(summary.rows().size())
                .append(")</summary>\n<table class=\"cycles\"><thead><tr><th class=\"num\">cycle</th><th>finished</th>")
                .append("<th class=\"num\">workflows</th><th class=\"num\">replays</th><th class=\"num\">mismatches")
                .append("</th><th>run</th></tr></thead><tbody>\n");
        for (ShadowSummary.CycleRow r : summary.rows()) {
            if (!r.readable()) {
                b.append("<tr class=\"unreadable\" data-cycle=\"").append(r.cycle()).append("\"><td class=\"num\">")
                        .append(r.cycle()).append("</td><td colspan=\"4\">unreadable: ").append(Html.text(r.error()))
                        .append("</td><td class=\"mono\">").append(Html.text(r.directory().toString()))
                        .append("</td></tr>\n");
                continue;
            }
            CycleReport c = r.report();
            b.append("<tr data-cycle=\"").append(r.cycle()).append("\"><td class=\"num\">").append(r.cycle())
                    .append("</td><td>").append(Html.text(c.timestamp())).append("</td><td class=\"num\">")
                    .append(c.primary() == null ? "" : c.primary().total()).append("</td><td class=\"num\">")
                    .append(c.shadow() == null ? "" : c.shadow().totalReplays()).append("</td><td class=\"num\">")
                    .append(c.shadow() == null ? "" : c.shadow().mismatches()).append("</td><td class=\"mono\">")
                    .append(Html.text(r.directory().toString())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</details>\n</section>\n");
    }

    private static String counts(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.isEmpty() ? "unknown" : k).append(" ")
                .append(v));
        return sb.toString();
    }

    private static String rootCauseClass(String rootCause) {
        return rootCause != null && KNOWN.contains(rootCause) ? rootCause : "other";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
