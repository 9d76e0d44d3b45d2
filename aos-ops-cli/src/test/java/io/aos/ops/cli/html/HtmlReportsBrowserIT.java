package io.aos.ops.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.builtin.BuiltinWorkflows;
import io.aos.ops.golden.shadow.FaultKind;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The HTML reports in a real headless Chromium: every page loads without a console warning or error (a Content
 * Security Policy violation is one) and requests nothing but its own file; the diff page names the root cause and
 * first step of each injected mismatch and has scrolled to it; the summary marks each mismatch in its cycle; the
 * incident bundle opens on its index. Screenshots go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HtmlReportsBrowserIT {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @TempDir
    static Path tmp;

    private HeadlessChromium browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = HeadlessChromium.start(tmp.resolve("browser"));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Path shadowRun(String name, String inject, int cycles) {
        Path out = tmp.resolve(name);
        CliRun run = CliRun.capturingSystemStreams("shadow", "run", "--cycles", String.valueOf(cycles),
                "--cycle-interval", "0", "--seed", "11", "--inject", inject, "--state-dir",
                tmp.resolve("state-" + name).toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        return out;
    }

    private static List<CycleReport> cycleReports(Path run) throws IOException {
        List<CycleReport> reports = new ArrayList<>();
        for (Path p : ShadowRunLayout.of(run).cycleReports()) {
            reports.add(OpsJson.read(p, CycleReport.class));
        }
        return reports;
    }

    /** Opens {@code page} and checks it loaded cleanly and fetched nothing but itself. */
    private void openCleanly(Path page) {
        browser.requestedUrls(); // forget what earlier pages requested
        browser.consoleProblems();
        browser.open(page);
        assertThat(browser.consoleProblems()).as("console warnings/errors on " + page).isEmpty();
        assertThat(browser.requestedUrls()).as("requests of " + page).allMatch(u -> u.startsWith("file:"))
                .hasSizeLessThanOrEqualTo(1);
        assertThat(browser.resourceEntries()).as("resources loaded by " + page).isEmpty();
    }

    private static Path trace(Path run, String runId) {
        return ShadowRunLayout.of(run).tracesDir().resolve(runId + ".steps.jsonl");
    }

    @ParameterizedTest(name = "--inject {0}: {1}")
    @CsvSource({
        "volatile-leak, VOLATILE_LEAK",
        "unseeded-rng, UNSEEDED_RNG",
        "seed-mismatch, SEED_MISMATCH",
        "external-call, EXTERNAL_CALL",
        "unordered, UNORDERED_COLLECTION",
    })
    void theDiffPageShowsTheRootCauseAndFirstStepOfEachInjectedKindScrolledIntoView(String kind, String rootCause)
            throws IOException {
        assertThat(FaultKind.fromFlag(kind)).isNotNull();
        Path run = shadowRun(kind, kind + ":1", 1);
        CycleReport.MismatchDetail d = cycleReports(run).get(0).mismatchDetails().get(0);
        assertThat(d.rootCause()).isEqualTo(rootCause);

        Path page = diffPage(kind, trace(run, d.originalRunId()), trace(run, d.replayRunId()));

        assertDiffPage(page, rootCause, d.firstDivergingStep());
        browser.screenshot(SCREENSHOTS.resolve("diff-" + kind + ".png"));
    }

    @ParameterizedTest(name = "a {0} step: {1}")
    @CsvSource({
        "inserted, DETERMINISM_VIOLATION",
        "missing, DETERMINISM_VIOLATION",
    })
    void anInsertedOrMissingStepIsShownAsSuchAndScrolledTo(String edit, String rootCause) throws IOException {
        Path run = shadowRun("steps-" + edit, "volatile-leak:1", 1);
        CycleReport.MismatchDetail d = cycleReports(run).get(0).mismatchDetails().get(0);
        Path original = trace(run, d.originalRunId());
        List<String> lines = new ArrayList<>(Files.readAllLines(original, StandardCharsets.UTF_8));
        assertThat(lines.size()).isGreaterThan(3);
        Path edited = tmp.resolve(edit + ".steps.jsonl");
        int at = 2; // line 2 is step 1: the run_start event is line 0
        if (edit.equals("inserted")) {
            lines.add(at, lines.get(at));
        } else {
            lines.remove(at);
        }
        Files.write(edited, lines, StandardCharsets.UTF_8);

        Path page = diffPage("steps-" + edit, original, edited);

        assertDiffPage(page, rootCause, 1);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.aligned tr[data-kind='" + edit
                + "']"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(edit.equals("inserted") ? "inserted in B" : "missing from B");
        browser.screenshot(SCREENSHOTS.resolve("diff-" + edit + "-step.png"));
    }

    /**
     * The page of {@code golden diff --html} on two of the simulator's traces. The simulator's {@code llm_stub} is
     * in-process by its name, so, like the runner's own comparison, the diff is told the simulator's skill kinds
     * (docs/skill-registry.md, "The shadow simulator").
     */
    private Path diffPage(String name, Path a, Path b) throws IOException {
        Path page = tmp.resolve("pages").resolve(name + ".html");
        Path skills = tmp.resolve("simulator-skills.json");
        Map<String, String> kinds = new TreeMap<>();
        BuiltinWorkflows.SKILL_KINDS.asMap().forEach((skill, kind) -> kinds.put(skill, kind.label()));
        Files.writeString(skills, OpsJson.mapper().writeValueAsString(kinds));
        CliRun diff = CliRun.of("golden", "diff", "--skills", skills.toString(), "--html", page.toString(),
                a.toString(), b.toString());
        assertThat(diff.code()).as(diff.err()).isIn(0, 1);
        assertThat(diff.out()).contains("HTML report written to " + page);
        return page;
    }

    private void assertDiffPage(Path page, String rootCause, int firstStep) {
        openCleanly(page);
        var driver = browser.driver();
        assertThat(driver.findElement(By.id("root-cause")).getText()).isEqualTo(rootCause);
        assertThat(driver.findElement(By.id("first-step")).getText()).isEqualTo(String.valueOf(firstStep));
        WebElement first = driver.findElement(By.id("first-divergence"));
        assertThat(first.getAttribute("data-step")).isEqualTo(String.valueOf(firstStep));
        assertThat(first.getAttribute("data-scrolled")).isEqualTo("true");
        assertThat(browser.inViewport(first)).as("the first divergence is scrolled into view").isTrue();
        Object scrollY = driver.executeScript("return window.scrollY");
        assertThat(((Number) scrollY).doubleValue()).as("the page scrolled down to it").isPositive();
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("no horizontal scrolling").isLessThanOrEqualTo(0);
        // volatile details and consequences are collapsed, one click away
        for (WebElement details : driver.findElements(By.cssSelector("details.consequences, details.volatile"))) {
            assertThat(details.getAttribute("open")).isNull();
        }
    }

    @Test
    void theSummaryMarksEachMismatchInItsCycleAndLinksItsDiffPage() throws IOException {
        Path run = shadowRun("summary", "seed-mismatch:0.3", 5);
        Map<Long, TreeSet<String>> expected = new TreeMap<>();
        for (CycleReport r : cycleReports(run)) {
            for (CycleReport.MismatchDetail d : r.mismatchDetails()) {
                expected.computeIfAbsent(r.cycle(), k -> new TreeSet<>()).add(d.rootCause());
            }
        }
        assertThat(expected).isNotEmpty();
        Path page = tmp.resolve("pages").resolve("summary.html");
        CliRun summary = CliRun.of("golden", "summary", "--html", page.toString(), run.toString());
        assertThat(summary.code()).as(summary.err()).isEqualTo(1);

        openCleanly(page);
        var driver = browser.driver();
        assertThat(driver.findElement(By.id("verdict")).getAttribute("data-verdict")).isEqualTo("FAIL");
        assertThat(driver.findElements(By.cssSelector("svg.timeline g.cycle"))).hasSize(5);
        Map<Long, TreeSet<String>> marked = new TreeMap<>();
        for (WebElement m : driver.findElements(By.cssSelector("svg.timeline rect.mismatch"))) {
            marked.computeIfAbsent(Long.parseLong(m.getAttribute("data-cycle")), k -> new TreeSet<>())
                    .add(m.getAttribute("data-root-cause"));
        }
        assertThat(marked).isEqualTo(expected);
        long rows = driver.findElements(By.cssSelector("table.mismatches tr.mismatch")).size();
        assertThat(rows).isEqualTo(cycleReports(run).stream().mapToLong(r -> r.mismatchDetails().size()).sum());
        browser.screenshot(SCREENSHOTS.resolve("summary.png"));
        browser.emulate(null, "dark");
        browser.screenshot(SCREENSHOTS.resolve("summary-dark.png"));
        assertThat(luminance(driver.executeScript(
                "return getComputedStyle(document.body).backgroundColor"))).isLessThan(0.2);
        browser.emulate(null, null);

        // the first diff link opens its diff page (relative link, next to the summary)
        WebElement link = driver.findElement(By.cssSelector("table.mismatches a.diff-link"));
        String cycle = driver.findElement(By.cssSelector("table.mismatches tr.mismatch")).getAttribute("data-cycle");
        browser.requestedUrls();
        link.click();
        assertThat(driver.getCurrentUrl()).contains("summary-diffs/").endsWith(".html");
        assertThat(browser.consoleProblems()).isEmpty();
        assertThat(driver.findElement(By.id("root-cause")).getText()).isEqualTo(expected.get(Long.parseLong(cycle))
                .first());
        assertThat(browser.inViewport(driver.findElement(By.id("first-divergence")))).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("summary-linked-diff.png"));
        // printed, the page drops its navigation
        assertThat(driver.findElements(By.cssSelector(".noprint"))).isNotEmpty().allMatch(WebElement::isDisplayed);
        browser.emulate("print", "light");
        assertThat(driver.findElements(By.cssSelector(".noprint"))).noneMatch(WebElement::isDisplayed);
        browser.emulate(null, null);
    }

    @Test
    void theIncidentBundleOpensOnItsIndexWhichLinksTheSummaryAndTheDiffPages() throws IOException {
        Path run = shadowRun("incident", "external-call:0.5", 2);
        Files.createDirectories(tmp.resolve("state-incident"));
        CliRun capture = CliRun.of("incident", "capture", "--state-dir", tmp.resolve("state-incident").toString(),
                "--reports-dir", tmp.resolve("reports").toString(), "--run-dir", run.toString(),
                "--prometheus-url", "http://127.0.0.1:1", "--json", "--reason", "browser test");
        assertThat(capture.code()).as(capture.err() + capture.out()).isZero();
        Path bundle = Path.of(OpsJson.mapper().readTree(capture.out()).path("bundle").asText());

        openCleanly(bundle.resolve("index.html"));
        var driver = browser.driver();
        List<WebElement> mismatches = driver.findElements(By.cssSelector("#mismatches tr.mismatch"));
        assertThat(mismatches).isNotEmpty().allMatch(r -> r.getAttribute("data-root-cause").equals("EXTERNAL_CALL"));
        browser.screenshot(SCREENSHOTS.resolve("incident-index.png"));
        List<String> pages = driver.findElements(By.cssSelector("a.diff-link")).stream()
                .map(a -> a.getAttribute("href")).collect(Collectors.toList());
        assertThat(pages).isNotEmpty();

        driver.findElement(By.id("summary-link")).click();
        assertThat(driver.getCurrentUrl()).endsWith("/summary.html");
        assertThat(browser.consoleProblems()).isEmpty();
        assertThat(driver.findElements(By.cssSelector("svg.timeline rect.mismatch"))).isNotEmpty();
        browser.screenshot(SCREENSHOTS.resolve("incident-summary.png"));

        for (String href : pages) {
            browser.requestedUrls();
            driver.get(href);
            assertThat(browser.consoleProblems()).as(href).isEmpty();
            assertThat(browser.requestedUrls()).as(href).allMatch(u -> u.startsWith("file:"));
            assertThat(driver.findElement(By.id("root-cause")).getText()).isEqualTo("EXTERNAL_CALL");
        }
        browser.screenshot(SCREENSHOTS.resolve("incident-diff.png"));
    }

    /** Relative luminance (0 black .. 1 white) of a CSS {@code rgb(r, g, b)} colour. */
    private static double luminance(Object css) {
        String[] parts = String.valueOf(css).replaceAll("[^0-9,]", "").split(",");
        return (0.2126 * Integer.parseInt(parts[0]) + 0.7152 * Integer.parseInt(parts[1])
                + 0.0722 * Integer.parseInt(parts[2])) / 255;
    }
}
