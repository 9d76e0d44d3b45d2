package io.aos.ops.golden.report;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.aos.ops.golden.diff.DiffKind;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.Difference;
import io.aos.ops.golden.diff.Finding;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import io.aos.ops.golden.diff.RootCause;
import io.aos.ops.golden.json.GoldenJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code aos-ops golden diff --html}: a {@link DiffResult} as one self-contained page. On top the verdict, the root
 * cause and its evidence; then each finding with its evidence and, collapsed under it, the differences that only
 * follow from it; then the two traces side by side, aligned step by step (inserted and missing steps shown as such),
 * with the first divergence highlighted and scrolled to when the page opens. A long trace shows only the regions
 * around its differences, with {@link #CONTEXT} steps either side; the identical stretches between are one row each.
 *
 * <p>The aligned view reads the few events it shows from the two {@link LoadedGoldenFile}s; without them (a caller that has
 * only the result) it shows the differences alone. Everything from the data is escaped with {@link Html}.
 */
public final class DiffHtmlReport {

    /** Identical steps shown before and after each diverging one. */
    static final int CONTEXT = 3;
    /** Diverging rows shown in the aligned view; the rest are counted (the JSON report lists every difference). */
    static final int MAX_DIVERGING_ROWS = 200;
    /** Differences listed per finding, and consequences listed per finding. */
    static final int MAX_LISTED = 200;
    /** Values longer than this are cut in the tables (the event below each row holds the whole value). */
    private static final int VALUE_CHARS = 400;

    private static final List<String> STEP_ARRAYS = List.of("steps", "events", "step_hashes");

    private static final String CSS = """
            .layout{display:grid;gap:.3rem}
            nav.toc{font-size:.9em;margin:.6rem 0}
            nav.toc a{margin-right:1rem}
            .finding{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}
            .finding.sev-CRITICAL{border-left:5px solid var(--crit)}
            .finding.sev-WARNING{border-left:5px solid var(--warn)}
            table.aligned{table-layout:fixed}
            table.aligned col.idx{width:4.2rem}
            table.aligned td{font-size:12.5px}
            tr.changed td.side{background:var(--chg)}
            tr.inserted td.side.b,tr.missing td.side.a{background:var(--add)}
            tr.missing td.side.a{background:var(--del)}
            tr.inserted td.side.a,tr.missing td.side.b{background:var(--panel)}
            tr.first td{outline:3px solid var(--warn);outline-offset:-3px}
            tr.first td.side{background:var(--first)}
            tr.gap td{text-align:center;color:var(--muted);font-style:italic;background:var(--panel)}
            .rowhead{font-weight:600}
            .tag{display:inline-block;font-size:.78em;padding:0 .35rem;border-radius:3px;border:1px solid var(--line);\
            margin-left:.3rem;color:var(--muted)}
            .tag.first{color:var(--warn);border-color:var(--warn);font-weight:700}
            .dv{margin:.15rem 0;word-break:break-all}
            .dv code.p{color:var(--muted)}
            .dv.conseq{opacity:.8}
            td.kind{white-space:nowrap}
            table.diffs{table-layout:fixed}
            table.diffs th:nth-child(1){width:4rem}
            table.diffs th:nth-child(2){width:22%}
            table.diffs th:nth-child(3){width:7rem}
            table.diffs td,table.aligned td{word-break:break-all;overflow-wrap:anywhere}
            .absent{color:var(--muted);font-style:italic}
            """;

    /** Scrolls to the first divergence unless the address names another place; no data, no {@code <} or {@code &}. */
    private static final String SCRIPT = """
            (function(){var f=document.getElementById('first-divergence');
            if(f){if(!location.hash){f.scrollIntoView({block:'center'});}f.setAttribute('data-scrolled','true');}
            })();
            """;

    private final DiffResult result;
    private final String expectedLabel;
    private final String actualLabel;
    private final LoadedGoldenFile expectedFile;
    private final LoadedGoldenFile actualFile;
    /** Whole events, pretty: a non-finite number is its token ({@code NaN}), as {@link GoldenJson#display} shows it. */
    private final ObjectWriter pretty = GoldenJson.mapper().writerWithDefaultPrettyPrinter()
            .withoutFeatures(JsonWriteFeature.WRITE_NAN_AS_STRINGS);

    private DiffHtmlReport(DiffResult result, String expectedLabel, String actualLabel, LoadedGoldenFile expectedFile,
            LoadedGoldenFile actualFile) {
        this.result = checkNotNull(result, "result");
        this.expectedLabel = checkNotNull(expectedLabel, "expectedLabel");
        this.actualLabel = checkNotNull(actualLabel, "actualLabel");
        this.expectedFile = expectedFile;
        this.actualFile = actualFile;
    }

    /** The report of {@code result}, with the events of both files in the aligned view. */
    public static DiffHtmlReport of(DiffResult result, LoadedGoldenFile expected, LoadedGoldenFile actual) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        return new DiffHtmlReport(result, expected.path().toString(), actual.path().toString(), expected, actual);
    }

    /** As {@link #of(DiffResult, LoadedGoldenFile, LoadedGoldenFile)}, the files named by the given labels (e.g. relative names). */
    public static DiffHtmlReport of(DiffResult result, LoadedGoldenFile expected, LoadedGoldenFile actual, String expectedLabel,
            String actualLabel) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        return new DiffHtmlReport(result, expectedLabel, actualLabel, expected, actual);
    }

    /** The report of {@code result} when the files are not at hand: the aligned view shows the differences only. */
    public static DiffHtmlReport withoutFiles(DiffResult result, String expectedLabel, String actualLabel) {
        return new DiffHtmlReport(result, expectedLabel, actualLabel, null, null);
    }

    /** The whole page. */
    public String render() {
        StringBuilder b = new StringBuilder(64 * 1024);
        Alignment alignment = align();
        verdict(b, alignment);
        b.append("<nav class=\"toc noprint\"><a href=\"#findings\">Root cause and consequences</a>")
                .append("<a href=\"#volatile\">Volatile fields</a><a href=\"#aligned\">Traces side by side</a>")
                .append(alignment.firstRow >= 0 ? "<a href=\"#first-divergence\">First divergence</a>" : "")
                .append("</nav>\n");
        findings(b, alignment);
        volatiles(b);
        aligned(b, alignment);
        b.append("<footer>aos-ops golden diff --html &#183; ").append(result.differences().size())
                .append(" differences listed in the result &#183; the JSON report (--json) has every value in full")
                .append("</footer>\n");
        String title = result.severity() + (result.rootCause().isPresent() ? " " + result.rootCause().get() : "")
                + " \u2013 golden diff of " + fileName(expectedLabel) + " and " + fileName(actualLabel);
        return HtmlPage.page(title, b.toString(), CSS, SCRIPT);
    }

    // ---------------------------------------------------------------------------------------------- verdict

    private void verdict(StringBuilder b, Alignment al) {
        String sev = result.severity().name();
        b.append("<header id=\"verdict\" class=\"verdict sev-").append(sev).append("\" data-severity=\"").append(sev)
                .append("\" data-root-cause=\"").append(result.rootCause().map(Enum::name).orElse(""))
                .append("\" data-first-step=\"")
                .append(result.firstDivergingStep().isPresent() ? result.firstDivergingStep().getAsInt() : "")
                .append("\">\n<h1><span class=\"badge\">").append(sev).append("</span> ");
        if (result.rootCause().isEmpty()) {
            b.append(result.differences().isEmpty() && result.expectedVolatileCount() == 0 ? "the traces match"
                    : "the traces match (volatile fields only)");
        } else {
            b.append("<span id=\"root-cause\">").append(result.rootCause().get().name()).append("</span> ");
            if (result.firstDivergingStep().isPresent()) {
                b.append("at step <span id=\"first-step\">").append(result.firstDivergingStep().getAsInt())
                        .append("</span>");
            } else {
                b.append("at the run level");
            }
        }
        b.append("</h1>\n<p id=\"evidence\">").append(Html.text(result.evidence())).append("</p>\n");
        long consequences = result.consequenceCount();
        b.append("<dl class=\"facts\"><dt>expected (A)</dt><dd class=\"mono\">").append(Html.text(expectedLabel))
                .append("</dd><dt>actual (B)</dt><dd class=\"mono\">").append(Html.text(actualLabel))
                .append("</dd><dt>findings</dt><dd>").append(result.findings().size())
                .append("</dd><dt>differences</dt><dd>").append(result.differences().size()).append(" listed, ")
                .append(consequences).append(" of them consequences; ").append(result.expectedVolatileCount())
                .append(" expected-volatile</dd>");
        if (expectedFile != null) {
            b.append("<dt>events</dt><dd>").append(al.countA).append(" in A, ").append(al.countB).append(" in B")
                    .append("</dd>");
        }
        b.append("</dl>\n");
        if (al.firstRow >= 0) {
            b.append("<p class=\"noprint\"><a href=\"#first-divergence\">Go to the first divergence</a></p>\n");
        }
        b.append("</header>\n");
    }

    // ---------------------------------------------------------------------------------------------- findings

    private void findings(StringBuilder b, Alignment al) {
        b.append("<section id=\"findings\">\n<h2>Root cause and consequences</h2>\n");
        if (result.findings().isEmpty()) {
            b.append("<p>No finding: ").append(Html.text(result.evidence())).append("</p>\n");
        }
        List<Difference> all = result.differences();
        boolean[] placed = new boolean[all.size()];
        int n = 0;
        for (Finding f : result.findings()) {
            String sev = f.severity().name();
            b.append("<article class=\"finding sev-").append(sev).append("\" data-category=\"")
                    .append(f.category().name()).append("\" data-step=\"")
                    .append(f.step().isPresent() ? f.step().getAsInt() : "").append("\">\n<h3>")
                    .append(n == 0 ? "<span class=\"tag first\">root cause</span> " : "")
                    .append(Html.text(f.locus())).append(" &#8212; <span class=\"category\">")
                    .append(f.category().name()).append("</span> <span class=\"badge\">").append(sev)
                    .append("</span></h3>\n<p>").append(Html.text(f.evidence())).append("</p>\n");
            List<Difference> evidence = new ArrayList<>();
            List<Difference> follows = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Difference d = all.get(i);
                if (d.category() == RootCause.EXPECTED_VOLATILE) {
                    continue;
                }
                if (d.isConsequence() ? followsFrom(d, f) : !placed[i] && d.step().equals(f.step())
                        && d.category() == f.category()) {
                    (d.isConsequence() ? follows : evidence).add(d);
                    placed[i] = true;
                }
            }
            differenceTable(b, evidence, "evidence");
            if (!follows.isEmpty()) {
                b.append("<details class=\"consequences\"><summary>").append(plural(follows.size(), "difference"))
                        .append(follows.size() == 1 ? " follows" : " follow")
                        .append(" from it (later hashes, counts, indices)</summary>\n");
                differenceTable(b, follows, "consequence");
                b.append("</details>\n");
            }
            b.append("</article>\n");
            n++;
        }
        List<Difference> rest = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!placed[i] && all.get(i).category() != RootCause.EXPECTED_VOLATILE) {
                rest.add(all.get(i));
            }
        }
        if (!rest.isEmpty()) {
            b.append("<details class=\"other\"><summary>").append(plural(rest.size(), "other difference"))
                    .append("</summary>\n");
            differenceTable(b, rest, "other");
            b.append("</details>\n");
        }
        b.append("</section>\n");
    }

    private static boolean followsFrom(Difference d, Finding f) {
        int cause = d.consequenceOf().getAsInt();
        return f.step().isPresent() ? f.step().getAsInt() == cause : cause < 0 && f.locus().equals("run start");
    }

    private void differenceTable(StringBuilder b, List<Difference> list, String cls) {
        if (list.isEmpty()) {
            return;
        }
        b.append("<table class=\"diffs ").append(cls).append("\"><thead><tr><th>step</th><th>path</th><th>kind</th>")
                .append("<th>expected (A)</th><th>actual (B)</th></tr></thead><tbody>\n");
        int shown = Math.min(list.size(), MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            Difference d = list.get(i);
            b.append("<tr data-path=\"").append(Html.attr(d.path())).append("\"><td class=\"num\">")
                    .append(d.step().isPresent() ? String.valueOf(d.step().getAsInt()) : "run").append("</td><td>")
                    .append("<code>").append(Html.text(d.path().isEmpty() ? "(root)" : d.path()))
                    .append("</code></td><td class=\"kind\">").append(d.kind().label()).append("</td><td>")
                    .append(value(d.expected())).append("</td><td>").append(value(d.actual())).append("</td></tr>\n");
        }
        if (list.size() > shown) {
            b.append("<tr><td colspan=\"5\" class=\"muted\">").append(list.size() - shown)
                    .append(" more; the JSON report (--json) lists every one</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    // ---------------------------------------------------------------------------------------------- volatile

    private void volatiles(StringBuilder b) {
        b.append("<section id=\"volatile\">\n<h2>Volatile fields</h2>\n");
        List<Difference> listed = result.differences().stream()
                .filter(d -> d.category() == RootCause.EXPECTED_VOLATILE).toList();
        long total = result.expectedVolatileCount();
        if (total == 0 && listed.isEmpty()) {
            b.append("<p>No expected-volatile field differs.</p>\n</section>\n");
            return;
        }
        b.append("<details class=\"volatile\"><summary>").append(total)
                .append(" expected-volatile differences (timestamps, durations, run ids: a match by definition)")
                .append("</summary>\n<table class=\"fields\"><thead><tr><th>field</th><th class=\"num\">differences")
                .append("</th></tr></thead><tbody>\n");
        result.expectedVolatile().forEach((field, count) -> b.append("<tr><td><code>").append(Html.text(field))
                .append("</code></td><td class=\"num\">").append(count).append("</td></tr>\n"));
        b.append("</tbody></table>\n");
        differenceTable(b, listed, "volatile");
        if (listed.isEmpty()) {
            b.append("<p class=\"muted\">Not listed one by one; <code>--verbose</code> lists them.</p>\n");
        }
        b.append("</details>\n</section>\n");
    }

    // ---------------------------------------------------------------------------------------------- alignment

    private static final byte SAME = 0;
    private static final byte CHANGED = 1;
    private static final byte MISSING = 2;
    private static final byte INSERTED = 3;

    /** The aligned element pairs of the two traces, and which differences sit on which row. */
    private static final class Alignment {
        String prefix;
        int countA;
        int countB;
        byte[] type = new byte[16];
        int[] a = new int[16];
        int[] bIdx = new int[16];
        int rows;
        final Map<Integer, List<Difference>> byRow = new HashMap<>();
        final List<Difference> runLevel = new ArrayList<>();
        int firstRow = -1;
        /** Step numbers of the first divergence, by row, from the differences on it. */
        final Map<Integer, Integer> stepOfRow = new HashMap<>();

        void add(byte t, int ia, int ib) {
            if (rows == type.length) {
                type = Arrays.copyOf(type, rows * 2);
                a = Arrays.copyOf(a, rows * 2);
                bIdx = Arrays.copyOf(bIdx, rows * 2);
            }
            type[rows] = t;
            a[rows] = ia;
            bIdx[rows] = ib;
            rows++;
        }
    }

    private Alignment align() {
        Alignment al = new Alignment();
        al.prefix = elementPrefix();
        Map<Integer, List<Difference>> onA = new HashMap<>();
        Map<Integer, List<Difference>> onB = new HashMap<>();
        TreeSet<Integer> removed = new TreeSet<>();
        TreeSet<Integer> inserted = new TreeSet<>();
        int maxA = -1;
        int maxB = -1;
        for (Difference d : result.differences()) {
            int e = elementIndex(al.prefix, d.path());
            if (e < 0) {
                al.runLevel.add(d);
                continue;
            }
            boolean whole = d.path().length() == al.prefix.length() + 1 + String.valueOf(e).length();
            if (d.kind() == DiffKind.ADDED) {
                onB.computeIfAbsent(e, k -> new ArrayList<>()).add(d);
                if (whole) {
                    inserted.add(e);
                }
                maxB = Math.max(maxB, e);
            } else {
                onA.computeIfAbsent(e, k -> new ArrayList<>()).add(d);
                if (whole && d.kind() == DiffKind.REMOVED) {
                    removed.add(e);
                }
                maxA = Math.max(maxA, e);
            }
        }
        al.countA = elementCount(expectedFile, al.prefix, maxA + 1);
        al.countB = elementCount(actualFile, al.prefix, maxB + 1);
        if (expectedFile == null) {
            // Without the files the lengths are unknown: pair what the differences name, nothing more.
            int extra = al.countA - removed.size() - (al.countB - inserted.size());
            if (extra > 0) {
                al.countB += extra;
            } else {
                al.countA -= extra;
            }
        }
        int i = 0;
        int j = 0;
        while (i < al.countA || j < al.countB) {
            if (j < al.countB && inserted.contains(j)) {
                al.add(INSERTED, -1, j++);
            } else if (i < al.countA && removed.contains(i)) {
                al.add(MISSING, i++, -1);
            } else if (i < al.countA && j < al.countB) {
                boolean changed = onA.containsKey(i) || onB.containsKey(j);
                al.add(changed ? CHANGED : SAME, i++, j++);
            } else if (i < al.countA) {
                al.add(MISSING, i++, -1);
            } else {
                al.add(INSERTED, -1, j++);
            }
            int r = al.rows - 1;
            List<Difference> here = new ArrayList<>();
            if (al.a[r] >= 0 && onA.containsKey(al.a[r])) {
                here.addAll(onA.get(al.a[r]));
            }
            if (al.bIdx[r] >= 0 && onB.containsKey(al.bIdx[r])) {
                here.addAll(onB.get(al.bIdx[r]));
            }
            if (!here.isEmpty()) {
                if (al.type[r] == SAME) {
                    al.type[r] = CHANGED;
                }
                al.byRow.put(r, here);
            }
        }
        al.firstRow = firstRow(al);
        return al;
    }

    /**
     * The row of the first divergence: where the first piece of evidence (not a consequence, not volatile) of the
     * first finding sits.
     */
    private int firstRow(Alignment al) {
        if (result.findings().isEmpty()) {
            return -1;
        }
        Finding first = result.findings().get(0);
        int best = -1;
        for (Map.Entry<Integer, List<Difference>> e : al.byRow.entrySet()) {
            for (Difference d : e.getValue()) {
                if (!d.isConsequence() && d.category() == first.category() && d.step().equals(first.step())
                        && (best < 0 || e.getKey() < best)) {
                    best = e.getKey();
                    if (d.step().isPresent()) {
                        al.stepOfRow.put(e.getKey(), d.step().getAsInt());
                    }
                }
            }
        }
        return best;
    }

    private void aligned(StringBuilder b, Alignment al) {
        b.append("<section id=\"aligned\">\n<h2>The traces side by side</h2>\n");
        if (!al.runLevel.isEmpty()) {
            b.append("<h3>Run-level fields</h3>\n");
            differenceTable(b, al.runLevel, "run-level");
        }
        if (al.rows == 0) {
            b.append("<p>No step differs.</p>\n</section>\n");
            return;
        }
        boolean[] show = new boolean[al.rows];
        int diverging = 0;
        int hidden = 0;
        for (int r = 0; r < al.rows; r++) {
            if (al.type[r] != SAME) {
                if (diverging >= MAX_DIVERGING_ROWS && r != al.firstRow) {
                    hidden++;
                    continue;
                }
                diverging++;
                for (int k = Math.max(0, r - CONTEXT); k <= Math.min(al.rows - 1, r + CONTEXT); k++) {
                    show[k] = true;
                }
            }
        }
        b.append("<p class=\"muted\">A on the left, B on the right, aligned by step identity. Changed rows are ")
                .append("marked, inserted steps are only on the right, missing steps only on the left; ")
                .append(CONTEXT).append(" identical steps are shown either side of each difference. Each event is ")
                .append("one click away.</p>\n");
        b.append("<table class=\"aligned\"><colgroup><col class=\"idx\"/><col/><col class=\"idx\"/><col/></colgroup>")
                .append("<thead><tr><th>#A</th><th>expected (A)</th><th>#B</th><th>actual (B)</th></tr></thead>")
                .append("<tbody>\n");
        int gapStart = -1;
        for (int r = 0; r <= al.rows; r++) {
            if (r < al.rows && !show[r]) {
                if (gapStart < 0) {
                    gapStart = r;
                }
                continue;
            }
            if (gapStart >= 0) {
                int count = r - gapStart;
                int diff = 0;
                for (int k = gapStart; k < r; k++) {
                    diff += al.type[k] != SAME ? 1 : 0;
                }
                b.append("<tr class=\"gap\" data-rows=\"").append(count).append("\"><td colspan=\"4\">")
                        .append(plural(count - diff, "identical step")).append(diff > 0 ? ", " + plural(diff,
                                "diverging step") + " not shown" : "").append("</td></tr>\n");
                gapStart = -1;
            }
            if (r < al.rows) {
                row(b, al, r);
            }
        }
        b.append("</tbody></table>\n");
        if (hidden > 0) {
            b.append("<p class=\"muted\">").append(plural(hidden, "more diverging step")).append(" after the first ")
                    .append(MAX_DIVERGING_ROWS).append(" are not shown here; the findings above and the JSON ")
                    .append("report (--json) hold them.</p>\n");
        }
        b.append("</section>\n");
    }

    private void row(StringBuilder b, Alignment al, int r) {
        byte t = al.type[r];
        String cls = switch (t) {
            case CHANGED -> "changed";
            case MISSING -> "missing";
            case INSERTED -> "inserted";
            default -> "same";
        };
        boolean first = r == al.firstRow;
        List<Difference> diffs = al.byRow.getOrDefault(r, List.of());
        JsonNode ea = al.a[r] >= 0 ? element(expectedFile, al.prefix, al.a[r]) : null;
        JsonNode eb = al.bIdx[r] >= 0 ? element(actualFile, al.prefix, al.bIdx[r]) : null;
        Integer step = al.stepOfRow.get(r);
        if (step == null) {
            step = stepOf(ea != null ? ea : eb, diffs);
        }
        b.append("<tr id=\"").append(first ? "first-divergence" : "row-" + r).append("\" class=\"").append(cls)
                .append(first ? " first" : "").append("\" data-kind=\"").append(cls).append("\" data-a=\"")
                .append(al.a[r] >= 0 ? String.valueOf(al.a[r]) : "").append("\" data-b=\"")
                .append(al.bIdx[r] >= 0 ? String.valueOf(al.bIdx[r]) : "").append("\" data-step=\"")
                .append(step == null ? "" : step).append("\">");
        b.append("<td class=\"num\">").append(al.a[r] >= 0 ? String.valueOf(al.a[r]) : "").append("</td>");
        cell(b, "a", t == INSERTED, ea, diffs, true, first, cls);
        b.append("<td class=\"num\">").append(al.bIdx[r] >= 0 ? String.valueOf(al.bIdx[r]) : "").append("</td>");
        cell(b, "b", t == MISSING, eb, diffs, false, first, cls);
        b.append("</tr>\n");
    }

    private void cell(StringBuilder b, String side, boolean absent, JsonNode event, List<Difference> diffs,
            boolean expectedSide, boolean first, String kind) {
        b.append("<td class=\"side ").append(side).append("\">");
        if (absent) {
            b.append("<span class=\"absent\">").append(expectedSide ? "not in A (inserted in B)"
                    : "not in B (missing from B)").append("</span></td>");
            return;
        }
        b.append("<div class=\"rowhead\">").append(Html.text(heading(event, diffs)));
        if (first) {
            b.append("<span class=\"tag first\">first divergence</span>");
        }
        if (!kind.equals("same")) {
            b.append("<span class=\"tag\">").append(kind).append("</span>");
        }
        b.append("</div>");
        List<Difference> shown = new ArrayList<>();
        List<Difference> vol = new ArrayList<>();
        for (Difference d : diffs) {
            if (d.kind() == DiffKind.ADDED && expectedSide || d.kind() == DiffKind.REMOVED && !expectedSide) {
                if (isWhole(d)) {
                    continue;
                }
            }
            (d.category() == RootCause.EXPECTED_VOLATILE ? vol : shown).add(d);
        }
        for (Difference d : shown) {
            if (isWhole(d)) {
                continue;
            }
            JsonNode v = expectedSide ? d.expected() : d.actual();
            b.append("<div class=\"dv").append(d.isConsequence() ? " conseq" : "").append("\"><code class=\"p\">")
                    .append(Html.text(relative(d.path()))).append("</code> ").append(value(v));
            if (d.isConsequence()) {
                b.append("<span class=\"tag\">consequence</span>");
            } else if (d.category() != RootCause.EXPECTED_VOLATILE) {
                b.append("<span class=\"tag\">").append(d.category().name()).append("</span>");
            }
            b.append("</div>");
        }
        if (!vol.isEmpty()) {
            b.append("<details class=\"volatile\"><summary>").append(plural(vol.size(), "volatile field"))
                    .append(vol.size() == 1 ? " differs" : " differ").append("</summary>");
            for (Difference d : vol) {
                b.append("<div class=\"dv\"><code class=\"p\">").append(Html.text(relative(d.path())))
                        .append("</code> ").append(value(expectedSide ? d.expected() : d.actual())).append("</div>");
            }
            b.append("</details>");
        }
        if (event != null) {
            b.append("<details class=\"event\"").append(kind.equals("inserted") || kind.equals("missing")
                    ? " open=\"open\"" : "").append("><summary>event</summary><pre>").append(Html.text(pretty(event)))
                    .append("</pre></details>");
        }
        b.append("</td>");
    }

    private boolean isWhole(Difference d) {
        int e = elementIndex(elementPrefix(), d.path());
        return e >= 0 && d.path().length() == elementPrefix().length() + 1 + String.valueOf(e).length();
    }

    /** The path inside its element: {@code /5/data/seed} shows as {@code data/seed} on the row of element 5. */
    private String relative(String path) {
        String prefix = elementPrefix();
        int e = elementIndex(prefix, path);
        if (e < 0) {
            return path;
        }
        String rest = path.substring(prefix.length() + 1 + String.valueOf(e).length());
        return rest.isEmpty() ? "(the whole event)" : rest.substring(1);
    }

    private static String heading(JsonNode event, List<Difference> diffs) {
        if (event == null) {
            for (Difference d : diffs) {
                if (d.step().isPresent()) {
                    return "step " + d.step().getAsInt();
                }
            }
            return "";
        }
        JsonNode data = event.path("data");
        String type = event.path("event_type").asText("");
        StringBuilder sb = new StringBuilder();
        if (data.has("index")) {
            sb.append("step ").append(data.path("index").asText());
        } else if (!type.isEmpty()) {
            sb.append(type);
        } else if (event.isValueNode()) {
            sb.append(event.asText());
        }
        String skill = data.path("skill_id").asText(event.path("skill_id").asText(""));
        if (!skill.isEmpty()) {
            sb.append(" \u00b7 ").append(skill);
        }
        return sb.toString();
    }

    private static Integer stepOf(JsonNode event, List<Difference> diffs) {
        for (Difference d : diffs) {
            if (d.step().isPresent() && !d.isConsequence()) {
                return d.step().getAsInt();
            }
        }
        if (event != null && event.path("data").path("index").canConvertToInt()) {
            return event.path("data").path("index").intValue();
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- elements

    /**
     * Where the steps are: "" when the document is the list of events (a JSONL trace or a JSON array), else the step
     * array of a simulation golden ({@code /steps}, {@code /events} or {@code /step_hashes}), the one the first
     * divergence is in when several hold differences.
     */
    private String elementPrefix() {
        if (cachedPrefix != null) {
            return cachedPrefix;
        }
        String prefix = "";
        LoadedGoldenFile f = expectedFile;
        boolean objectRoot = f != null ? f.format() == LoadedGoldenFile.Format.JSON && !f.tree().isArray()
                : result.differences().stream().anyMatch(d -> !d.path().matches("^/\\d+(/.*)?$"));
        if (objectRoot) {
            Map<String, Integer> hits = new LinkedHashMap<>();
            for (Difference d : result.differences()) {
                for (String name : STEP_ARRAYS) {
                    if (d.path().startsWith("/" + name + "/")) {
                        hits.merge(name, d.isConsequence() ? 1 : 1000, Integer::sum);
                    }
                }
            }
            prefix = hits.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> "/" + e.getKey())
                    .orElse(STEP_ARRAYS.stream().filter(n -> f != null && f.tree().path(n).isArray()).findFirst()
                            .map(n -> "/" + n).orElse("/steps"));
        }
        cachedPrefix = prefix;
        return prefix;
    }

    private String cachedPrefix;

    /** The element index {@code path} is in, or -1 for a run-level path. */
    static int elementIndex(String prefix, String path) {
        if (!path.startsWith(prefix + "/")) {
            return -1;
        }
        int from = prefix.length() + 1;
        int to = from;
        while (to < path.length() && Character.isDigit(path.charAt(to))) {
            to++;
        }
        if (to == from || to - from > 9 || to < path.length() && path.charAt(to) != '/') {
            return -1;
        }
        return Integer.parseInt(path.substring(from, to));
    }

    private static int elementCount(LoadedGoldenFile file, String prefix, int fallback) {
        if (file == null) {
            return fallback;
        }
        if (prefix.isEmpty()) {
            return Math.max(file.elementCount(), fallback);
        }
        return Math.max(file.tree().at(prefix).size(), fallback);
    }

    private static JsonNode element(LoadedGoldenFile file, String prefix, int i) {
        if (file == null) {
            return null;
        }
        if (prefix.isEmpty()) {
            return i < file.elementCount() ? file.element(i) : null;
        }
        JsonNode array = file.tree().at(prefix);
        return i < array.size() ? array.get(i) : null;
    }

    // ---------------------------------------------------------------------------------------------- values

    private String value(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "<span class=\"absent\">absent</span>";
        }
        String s = GoldenJson.display(v);
        if (s.length() > VALUE_CHARS) {
            return "<code>" + Html.text(s.substring(0, VALUE_CHARS)) + "</code><span class=\"muted\">&#8230; ("
                    + s.length() + " chars)</span>";
        }
        return "<code>" + Html.text(s) + "</code>";
    }

    private String pretty(JsonNode v) {
        try {
            return pretty.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return v.toString();
        }
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String fileName(String label) {
        int slash = label.lastIndexOf('/');
        return slash >= 0 ? label.substring(slash + 1) : label;
    }

    /** The first divergence the page reports, for callers that link to it. */
    public OptionalInt firstDivergingStep() {
        return result.firstDivergingStep();
    }
}
