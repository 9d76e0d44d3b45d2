package io.aos.ops.golden.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class DiffHtmlReportTest {

    @TempDir
    Path tmp;

    private int pairs;

    private String html(ArrayNode a, ArrayNode b) {
        return html(a, b, DiffOptions.defaults());
    }

    private String html(ArrayNode a, ArrayNode b, DiffOptions options) {
        pairs++;
        LoadedGoldenFile fa = LoadedGoldenFile.read(Traces.write(tmp.resolve(pairs + "-a.steps.jsonl"), a));
        LoadedGoldenFile fb = LoadedGoldenFile.read(Traces.write(tmp.resolve(pairs + "-b.steps.jsonl"), b));
        return DiffHtmlReport.of(GoldenDiff.compare(fa, fb, options), fa, fb).render();
    }

    @Test
    void hostileStringsInTheTracesStayTextAndThePageHasOnlyItsOwnScript() {
        ArrayNode a = Traces.trace(6);
        ArrayNode b = a.deepCopy();
        String hostile = "</script><script>alert(\"x\")</script> ' \" & <b>bold</b> \u00e9\u4e2d\ud83d\ude00 \u0000"
                + " end";
        Traces.data(b, 2).withObject("output").withObject("output").put("value", hostile);
        Traces.data(b, 2).withObject("output").withObject("output").put("k\"ey</td>", "x");

        XhtmlPage page = XhtmlPage.parse(html(a, b));

        assertThat(page.all("//h:script")).hasSize(1);
        assertThat(page.all("//h:b")).isEmpty();
        assertThat(page.one("//h:script").getTextContent()).doesNotContain("alert");
        // the value is shown as text: the emoji kept whole, NUL and the lone surrogate made visible
        String shown = "\"</script><script>alert(\\\"x\\\")</script> ' \\\" & <b>bold</b> \u00e9\u4e2d\ud83d\ude00";
        assertThat(page.all("//h:table[contains(@class,'evidence')]//h:code"))
                .anyMatch(c -> c.getTextContent().startsWith(shown));
        // a key with a quote and an end tag is an attribute value and a text like any other (RFC 6901 turns / into ~1)
        assertThat(page.all("//h:table[contains(@class,'diffs')]//h:tr[@data-path]"))
                .anyMatch(tr -> tr.getAttribute("data-path").equals("/3/data/output/output/k\"ey<~1td>"));
    }

    @Test
    void escapingCoversMarkupQuotesControlsAndLoneSurrogates() {
        assertThat(Html.text("</script>")).isEqualTo("&lt;/script&gt;");
        assertThat(Html.attr("a\"b'c&d")).isEqualTo("a&quot;b&#39;c&amp;d");
        assertThat(Html.text("\u00e9\ud83d\ude00")).isEqualTo("\u00e9\ud83d\ude00");
        assertThat(Html.text("x\u0000y\u0085\ufffe")).isEqualTo("x\\u0000y\\u0085\\ufffe");
        assertThat(Html.text("\ud800x\udc00")).isEqualTo("\ufffdx\ufffd");
        assertThat(Html.text("tab\tand\nnewline")).isEqualTo("tab\tand\nnewline");
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void theVerdictRootCauseAndFirstDivergenceAreOnTopAndTheRowIsMarked() {
        ArrayNode a = Traces.trace(12);
        ArrayNode b = a.deepCopy();
        Traces.data(b, 7).put("seed", 42);

        XhtmlPage page = XhtmlPage.parse(html(a, b));

        Element header = page.one("//h:header[@id='verdict']");
        assertThat(header.getAttribute("data-severity")).isEqualTo("CRITICAL");
        assertThat(header.getAttribute("data-root-cause")).isEqualTo("SEED_MISMATCH");
        assertThat(header.getAttribute("data-first-step")).isEqualTo("7");
        assertThat(page.text("//h:span[@id='root-cause']")).isEqualTo("SEED_MISMATCH");
        assertThat(page.text("//h:p[@id='evidence']")).contains("seed");
        Element row = page.one("//h:tr[@id='first-divergence']");
        assertThat(row.getAttribute("class")).contains("changed", "first");
        assertThat(row.getAttribute("data-step")).isEqualTo("7");
        assertThat(row.getAttribute("data-a")).isEqualTo("8");
        // the finding comes before the aligned traces, and the first finding is the root cause
        assertThat(page.one("//h:article[contains(@class,'finding')][1]").getAttribute("data-category"))
                .isEqualTo("SEED_MISMATCH");
    }

    @Test
    void anInsertedStepIsOnlyOnTheRightAndItsConsequencesAreGroupedUnderTheCause() {
        ArrayNode a = Traces.trace(10);
        ArrayNode b = a.deepCopy();
        b.insert(5, Traces.step(4, 999));
        for (int i = 6; i < b.size() - 1; i++) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(i).get("data")).put("index", i - 1);
        }

        XhtmlPage page = XhtmlPage.parse(html(a, b));

        List<Element> inserted = page.all("//h:table[contains(@class,'aligned')]//h:tr[@data-kind='inserted']");
        assertThat(inserted).hasSize(1);
        assertThat(inserted.get(0).getAttribute("data-a")).isEmpty();
        assertThat(inserted.get(0).getAttribute("data-b")).isEqualTo("5");
        assertThat(inserted.get(0).getTextContent()).contains("not in A (inserted in B)");
        // the steps after it are paired one further down on the right
        Element after = page.all("//h:table[contains(@class,'aligned')]//h:tr[@data-a='5']").get(0);
        assertThat(after.getAttribute("data-b")).isEqualTo("6");
        assertThat(page.all("//h:article[1]//h:details[contains(@class,'consequences')]//h:tbody/h:tr"))
                .isNotEmpty();
    }

    @Test
    void aMissingStepIsOnlyOnTheLeft() {
        ArrayNode a = Traces.trace(10);
        ArrayNode b = a.deepCopy();
        b.remove(4);

        XhtmlPage page = XhtmlPage.parse(html(a, b));

        List<Element> missing = page.all("//h:table[contains(@class,'aligned')]//h:tr[@data-kind='missing']");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).getAttribute("data-a")).isEqualTo("4");
        assertThat(missing.get(0).getAttribute("data-b")).isEmpty();
        assertThat(missing.get(0).getTextContent()).contains("not in B (missing from B)");
    }

    @Test
    void volatileFieldsAreCollapsedButPresent() {
        ArrayNode a = Traces.trace(5);
        ArrayNode b = a.deepCopy();
        for (int i = 0; i < b.size(); i++) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(i)).put("timestamp", "2030-01-01T00:00:00+00:00");
        }
        Traces.data(b, 2).put("seed", 7);

        XhtmlPage page = XhtmlPage.parse(html(a, b, DiffOptions.defaults().withExpectedVolatileListed(true)));

        Element details = page.one("//h:section[@id='volatile']/h:details");
        assertThat(details.hasAttribute("open")).isFalse();
        assertThat(details.getTextContent()).contains("timestamp", "2030-01-01T00:00:00+00:00");
        // the volatile difference on the diverging row is one click away too
        assertThat(page.all("//h:tr[@id='first-divergence']//h:details[contains(@class,'volatile')]"))
                .allMatch(d -> !d.hasAttribute("open")).isNotEmpty();
    }

    @Test
    void aLongTraceShowsTheDivergingRegionWithContextNotEveryStep() {
        ArrayNode a = Traces.trace(5_000);
        ArrayNode b = a.deepCopy();
        Traces.data(b, 2_345).withObject("output").withObject("output").put("value", "changed");

        XhtmlPage page = XhtmlPage.parse(html(a, b));

        List<Element> rows = page.all("//h:table[contains(@class,'aligned')]/h:tbody/h:tr[not(contains(@class,'gap'))]");
        assertThat(rows).hasSize(2 * DiffHtmlReport.CONTEXT + 1);
        List<Element> gaps = page.all("//h:table[contains(@class,'aligned')]/h:tbody/h:tr[contains(@class,'gap')]");
        assertThat(gaps).hasSize(2);
        int hidden = gaps.stream().mapToInt(g -> Integer.parseInt(g.getAttribute("data-rows"))).sum();
        assertThat(hidden + rows.size()).isEqualTo(5_002);
        assertThat(page.one("//h:tr[@id='first-divergence']").getAttribute("data-step")).isEqualTo("2345");
    }

    @Test
    void aMatchHasNoFirstDivergence() {
        ArrayNode a = Traces.trace(4);
        XhtmlPage page = XhtmlPage.parse(html(a, a.deepCopy()));
        assertThat(page.one("//h:header").getAttribute("data-severity")).isEqualTo("MATCH");
        assertThat(page.all("//h:tr[@id='first-divergence']")).isEmpty();
    }

    @Test
    void thePageFetchesNothingItsPolicySaysSo() {
        String html = html(Traces.trace(3), Traces.trace(3));
        XhtmlPage page = XhtmlPage.parse(html);
        String csp = page.one("//h:meta[@http-equiv='Content-Security-Policy']").getAttribute("content");
        assertThat(csp).startsWith("default-src 'none';").doesNotContain("unsafe-inline");
        assertThat(html.replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")).doesNotContain("http://", "https://");
    }

    /** Property: for generated trace pairs, the page's first divergence is the text report's. */
    @Test
    void theFirstDivergenceOfThePageIsTheTextReportsForGeneratedPairs() {
        Random random = new Random(20261202);
        Pattern textStep = Pattern.compile("^\\w+: (\\w+) at step (\\d+)");
        for (int trial = 0; trial < 60; trial++) {
            int steps = 1 + random.nextInt(40);
            ArrayNode a = Traces.trace(steps);
            ArrayNode b = a.deepCopy();
            int edits = random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int k = random.nextInt(steps);
                switch (random.nextInt(5)) {
                    case 0 -> Traces.data(b, Math.min(k, b.size() - 3)).put("seed", random.nextInt(1000));
                    case 1 -> Traces.data(b, Math.min(k, b.size() - 3)).withObject("output").withObject("output")
                            .put("value", "x" + random.nextInt());
                    case 2 -> b.insert(1 + Math.min(k, b.size() - 2), Traces.step(k, 5000 + random.nextInt(100)));
                    case 3 -> {
                        if (b.size() > 3) {
                            b.remove(1 + Math.min(k, b.size() - 3));
                        }
                    }
                    default -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(1 + Math.min(k, b.size() - 3)))
                            .put("timestamp", "2031-01-01T00:00:00+00:00");
                }
            }
            pairs++;
            LoadedGoldenFile fa = LoadedGoldenFile.read(Traces.write(tmp.resolve(pairs + "-a.steps.jsonl"), a));
            LoadedGoldenFile fb = LoadedGoldenFile.read(Traces.write(tmp.resolve(pairs + "-b.steps.jsonl"), b));
            DiffResult r = GoldenDiff.compare(fa, fb, DiffOptions.defaults());
            String text = DiffReport.text(r, "a", "b", false, false);
            XhtmlPage page = XhtmlPage.parse(DiffHtmlReport.of(r, fa, fb).render());

            Matcher m = textStep.matcher(text);
            Element header = page.one("//h:header[@id='verdict']");
            assertThat(header.getAttribute("data-severity")).as(text).isEqualTo(text.substring(0, text.indexOf(':')));
            if (m.find()) {
                assertThat(header.getAttribute("data-root-cause")).as(text).isEqualTo(m.group(1));
                assertThat(header.getAttribute("data-first-step")).as(text).isEqualTo(m.group(2));
                assertThat(page.one("//h:tr[@id='first-divergence']").getAttribute("data-step")).as(text)
                        .isEqualTo(m.group(2));
            } else {
                assertThat(header.getAttribute("data-first-step")).as(text).isEmpty();
            }
        }
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Path target = tmp.resolve("report.html");
        Files.writeString(target, "keep me");
        assertThatThrownBy(() -> ReportFiles.write(target, "<p>new</p>", false))
                .isInstanceOf(AosOpsException.class).hasMessageContaining(target.toString())
                .hasMessageContaining("--force");
        assertThat(target).hasContent("keep me");
        ReportFiles.write(target, "<p>new</p>", true);
        assertThat(target).hasContent("<p>new</p>");
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().contains("tmp"))).isEmpty();
    }
}
