package io.aos.ops.monitor.incident;

import io.aos.ops.golden.report.Html;
import io.aos.ops.golden.report.HtmlPage;
import io.aos.ops.golden.summary.ShadowSummary;
import io.aos.ops.monitor.incident.IncidentBundle.Mismatch;
import io.aos.ops.monitor.incident.IncidentBundle.RootCauseCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code index.html}, the page an incident bundle opens on: what happened (emergency stop, mismatches, root causes),
 * each captured mismatch with its diff page, the run summary page, and every file of the bundle, all linked by names
 * relative to the bundle, so it works unpacked anywhere and offline.
 */
final class IncidentIndexPage {

    static final String FILE = "index.html";
    static final String SUMMARY = "summary.html";

    private IncidentIndexPage() {
    }

    static String render(IncidentBundle b, Instant capturedAt, boolean hasSummary,
            Map<ShadowSummary.Mismatch, String> htmlDiffs, List<BundleWriter.Entry> entries) {
        StringBuilder h = new StringBuilder(16 * 1024);
        boolean failing = b.mismatches() > 0 || !b.unreadable().isEmpty();
        String verdict = b.mismatches() > 0 ? "FAIL" : "PASS";
        h.append("<header id=\"verdict\" class=\"verdict ").append(failing ? "FAIL" : "PASS")
                .append("\" data-mismatches=\"").append(b.mismatches()).append("\">\n<h1><span class=\"badge ")
                .append(verdict).append("\">").append(b.mismatches()).append(" mismatch").append(b.mismatches() == 1
                        ? "" : "es").append("</span> incident bundle ").append(Html.text(b.directory().getFileName()
                        .toString())).append("</h1>\n<dl class=\"facts\"><dt>captured</dt><dd>").append(capturedAt)
                .append("</dd><dt>emergency stop</dt><dd id=\"stop\">").append(Html.text(b.stop().action()))
                .append(b.stop().problem() == null ? "" : " (" + Html.text(b.stop().problem()) + ")")
                .append("</dd><dt>run</dt><dd class=\"mono\">")
                .append(Html.text(b.runDir().map(Object::toString).orElse("none found"))).append("</dd>")
                .append("<dt>sanity</dt><dd>").append(Html.text(b.sanityVerdict())).append("</dd></dl>\n");
        h.append("<p class=\"noprint\">");
        if (hasSummary) {
            h.append("<a id=\"summary-link\" href=\"").append(SUMMARY).append("\">Run summary and timeline</a> &#183; ");
        }
        h.append("<a href=\"").append(IncidentReport.FILE).append("\">").append(IncidentReport.FILE)
                .append(" (what to do next)</a> &#183; <a href=\"analysis.txt\">analysis.txt</a> &#183; ")
                .append("<a href=\"capture.json\">capture.json</a></p>\n</header>\n");

        h.append("<section id=\"root-causes\">\n<h2>Root causes</h2>\n");
        if (b.rootCauses().isEmpty()) {
            h.append("<p>No mismatch recorded.</p>\n");
        } else {
            h.append("<table><thead><tr><th>root cause</th><th>severity</th><th class=\"num\">mismatches</th>")
                    .append("<th class=\"num\">first cycle</th><th>first run</th></tr></thead><tbody>\n");
            for (RootCauseCount c : b.rootCauses()) {
                h.append("<tr data-root-cause=\"").append(Html.attr(c.rootCause())).append("\"><td>")
                        .append(Html.text(c.rootCause())).append("</td><td>").append(Html.text(c.severity()))
                        .append("</td><td class=\"num\">").append(c.count()).append("</td><td class=\"num\">")
                        .append(c.firstCycle()).append("</td><td class=\"mono\">").append(Html.text(c.firstRun()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"mismatches\">\n<h2>Captured mismatches</h2>\n");
        if (b.captured().isEmpty()) {
            h.append("<p>None captured.</p>\n");
        } else {
            h.append("<table><thead><tr><th class=\"num\">cycle</th><th>workflow</th><th>replay</th><th>root cause")
                    .append("</th><th class=\"num\">first step</th><th>evidence</th><th>diff</th></tr></thead><tbody>\n");
            for (Mismatch m : b.captured()) {
                String page = htmlPageOf(m, htmlDiffs);
                h.append("<tr class=\"mismatch\" data-cycle=\"").append(m.cycle()).append("\" data-root-cause=\"")
                        .append(Html.attr(m.rootCause())).append("\"><td class=\"num\">").append(m.cycle())
                        .append("</td><td>").append(Html.text(m.workflowType())).append("</td><td class=\"mono\">")
                        .append(Html.text(m.replayRunId())).append("</td><td>").append(Html.text(m.rootCause()))
                        .append(m.first() ? " <span class=\"badge\">first</span>" : "").append("</td><td class=\"num\">")
                        .append(m.firstDivergingStep() == null ? "" : m.firstDivergingStep()).append("</td><td>")
                        .append(Html.text(m.evidence())).append("</td><td>");
                if (page != null) {
                    h.append("<a class=\"diff-link\" href=\"").append(Html.href(page)).append("\">page</a> ");
                }
                if (m.diffFile() != null) {
                    h.append("<a href=\"").append(Html.href(m.diffFile())).append("\">text</a>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");

        if (!b.unreadable().isEmpty() || !b.absent().isEmpty()) {
            h.append("<section id=\"missing\">\n<h2>Not captured</h2>\n<ul>");
            for (IncidentBundle.Unreadable u : b.unreadable()) {
                h.append("<li>unreadable <code>").append(Html.text(u.source().toString())).append("</code>: ")
                        .append(Html.text(u.reason())).append("</li>");
            }
            for (var p : b.absent()) {
                h.append("<li>absent <code>").append(Html.text(p.toString())).append("</code></li>");
            }
            h.append("</ul>\n</section>\n");
        }

        h.append("<section id=\"files\">\n<details><summary>Every file in the bundle (").append(entries.size())
                .append(", plus this page and ").append(BundleWriter.MANIFEST).append(")</summary>\n<table><thead><tr>")
                .append("<th>file</th><th class=\"num\">bytes</th><th>from</th></tr></thead><tbody>\n");
        for (BundleWriter.Entry e : entries) {
            h.append("<tr><td><a href=\"").append(Html.href(e.name())).append("\">").append(Html.text(e.name()))
                    .append("</a></td><td class=\"num\">").append(e.bytes()).append("</td><td class=\"mono\">")
                    .append(e.source() == null ? "generated" : Html.text(e.source().toString())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</details>\n</section>\n");
        h.append("<footer>aos-ops incident capture &#183; ").append(BundleWriter.MANIFEST)
                .append(" holds the SHA-256 of every file, this page included</footer>\n");
        return HtmlPage.page("Incident " + b.directory().getFileName(), h.toString(), null, null);
    }

    private static String htmlPageOf(Mismatch m, Map<ShadowSummary.Mismatch, String> htmlDiffs) {
        for (Map.Entry<ShadowSummary.Mismatch, String> e : htmlDiffs.entrySet()) {
            if (e.getKey().cycle() == m.cycle() && java.util.Objects.equals(e.getKey().detail().replayRunId(),
                    m.replayRunId())) {
                return e.getValue();
            }
        }
        return null;
    }
}
