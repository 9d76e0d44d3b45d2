package io.aos.ops.golden.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SummaryHtmlReportTest {

    @TempDir
    Path tmp;

    private static CycleReport.MismatchDetail detail(String original, String replay, String rootCause, String evidence) {
        return new CycleReport.MismatchDetail(original, replay, "h1", "h2", false, "Mismatch at step 1", "compute", 7L,
                1, rootCause, "CRITICAL", evidence);
    }

    private void cycle(Path run, long n, String time, List<CycleReport.MismatchDetail> details) throws Exception {
        Files.createDirectories(run.resolve("reports"));
        CycleReport r = new CycleReport(time, n, new CycleReport.Primary(10, 10, 0, null),
                new CycleReport.Shadow(10, 10 - details.size(), details.size()), details, details.isEmpty());
        Files.writeString(run.resolve("reports/cycle_" + n + ".json"), OpsJson.mapper().writeValueAsString(r));
    }

    private ShadowSummary summary(Path run) {
        return GoldenSummary.withClock(Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC))
                .summarize(List.of(run));
    }

    @Test
    void eachMismatchIsMarkedInItsCycleAndHostileTextStaysText() throws Exception {
        Path run = tmp.resolve("run");
        String hostile = "</script><script>alert(1)</script> \"q\" & \u00e9\ud83d\ude00";
        cycle(run, 1, "2026-12-02T05:00:00+00:00", List.of());
        cycle(run, 2, "2026-12-02T05:10:00+00:00", List.of(detail("run-a", "shadow-a", "SEED_MISMATCH", hostile),
                detail("run-b", "shadow-b", "EXTERNAL_CALL", "e")));
        cycle(run, 10, "2026-12-02T05:20:00+00:00", List.of(detail("run-c", "shadow-c", "SEED_MISMATCH", "e")));

        XhtmlPage page = XhtmlPage.parse(SummaryHtmlReport.of(summary(run)).render());

        assertThat(page.all("//h:script")).hasSize(1);
        assertThat(page.one("//h:header").getAttribute("data-verdict")).isEqualTo("FAIL");
        List<Element> cycles = page.all("//*[local-name()='g' and @class='cycle']");
        assertThat(cycles).extracting(e -> e.getAttribute("data-cycle")).containsExactly("1", "2", "10");
        List<Element> marks = page.all("//*[local-name()='rect' and contains(@class,'mismatch')]");
        assertThat(marks).extracting(e -> e.getAttribute("data-cycle") + ":" + e.getAttribute("data-root-cause"))
                .containsExactly("2:SEED_MISMATCH", "2:EXTERNAL_CALL", "10:SEED_MISMATCH");
        assertThat(page.all("//h:table[contains(@class,'mismatches')]//h:td"))
                .anyMatch(td -> td.getTextContent().equals(hostile));
        assertThat(page.one("//h:table[contains(@class,'by-root-cause')]//h:tr[@data-root-cause='SEED_MISMATCH']")
                .getTextContent()).contains("2", "2\u201310");
        // no traces at hand: no link
        assertThat(page.all("//h:a[contains(@class,'diff-link')]")).isEmpty();
    }

    @Test
    void diffPagesAreWrittenBesideTheSummaryAndLinkedRelativelyWhenTheTracesAreAtHand() throws Exception {
        Path run = tmp.resolve("run");
        ArrayNode a = Traces.trace(5);
        ArrayNode b = a.deepCopy();
        Traces.data(b, 3).put("seed", 1);
        Files.createDirectories(run.resolve("traces"));
        Traces.write(run.resolve("traces/run-a.steps.jsonl"), a);
        Traces.write(run.resolve("traces/shadow-a.steps.jsonl"), b);
        cycle(run, 1, "2026-12-02T05:00:00+00:00", List.of(detail("run-a", "shadow-a", "SEED_MISMATCH", "e"),
                detail("../../outside", "shadow-x", "SEED_MISMATCH", "a crafted id is not followed")));
        Path target = tmp.resolve("out/run.html");

        List<Path> pages = SummaryHtmlReport.writeWithDiffs(summary(run), target, false);

        assertThat(pages).containsExactly(tmp.resolve("out/run-diffs/001-cycle-1-shadow-a.html"));
        XhtmlPage page = XhtmlPage.parse(Files.readString(target));
        List<Element> links = page.all("//h:a[contains(@class,'diff-link')]");
        assertThat(links).extracting(e -> e.getAttribute("href"))
                .containsExactly("./run-diffs/001-cycle-1-shadow-a.html");
        XhtmlPage diff = XhtmlPage.parse(Files.readString(pages.get(0)));
        assertThat(diff.one("//h:header").getAttribute("data-first-step")).isEqualTo("3");
    }
}
