package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Upstream's rules named metrics nothing emitted; these rules may name only what the exporter writes. */
class AlertRulesTest {

    @Test
    void everyMetricNamedInTheRulesIsInTheExportersOutput() throws Exception {
        List<String> exprs = AlertRules.expressions(AlertRules.file());
        Set<String> named = new TreeSet<>();
        exprs.forEach(e -> named.addAll(AlertRules.metricNames(e)));
        Set<String> exported = ExportedMetricNames.names();

        assertThat(exprs).hasSizeGreaterThanOrEqualTo(7);
        assertThat(named).contains("aos_shadow_mismatches_total", "aos_monitor_disk_usage_ratio");
        assertThat(exported).containsAll(named);
    }

    @Test
    void theMismatchAlertFiresOnAnIncreaseNotOnTheCounter() throws Exception {
        assertThat(AlertRules.expressions(AlertRules.file()))
                .filteredOn(e -> e.contains("aos_shadow_mismatches_total"))
                .allSatisfy(e -> assertThat(e).containsPattern("increase\\(aos_shadow_mismatches_total\\[\\w+]\\)"));
    }

    /** Alertmanager routes on severity: each alert has one the shipped routes know. */
    @Test
    void everyAlertIsCriticalOrWarning() throws Exception {
        assertThat(AlertRules.alerts()).hasSizeGreaterThanOrEqualTo(11)
                .allSatisfy(a -> assertThat(a.severity()).as(a.name()).isIn("critical", "warning"));
    }

    /** A runbook link that leads nowhere at 3 a.m. is worse than none: each names a runbook file and a heading in it. */
    @Test
    void everyAlertLinksToAHeadingOfARunbookInTheRepository() throws Exception {
        Path repo = AlertRules.file().getParent().getParent().getParent();
        assertThat(AlertRules.alerts()).allSatisfy(alert -> {
            assertThat(alert.runbookUrl()).as(alert.name()).startsWith("docs/runbooks/").contains(".md#");
            String[] parts = alert.runbookUrl().split("#", 2);
            Path runbook = repo.resolve(parts[0]);
            assertThat(runbook).as(alert.name()).isRegularFile();
            assertThat(headingAnchors(Files.readAllLines(runbook))).as(alert.name() + " in " + parts[0])
                    .contains(parts[1]);
        });
    }

    @Test
    void headingAnchorsAreGithubs() {
        assertThat(headingAnchors(List.of("## 6. Hand over the evidence, release the stop, resume", "text",
                "### Disk full", "```", "# not a heading inside a code block", "```")))
                .containsExactly("6-hand-over-the-evidence-release-the-stop-resume", "disk-full");
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> headingAnchors(List<String> lines) {
        List<String> anchors = new java.util.ArrayList<>();
        boolean code = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("#{1,6} .*")) {
                anchors.add(line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** The ITs' time compression touches only the alerts named, and in those every minute becomes a second. */
    @Test
    void minutesAsSecondsScalesOnlyTheNamedAlerts(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path copy = AlertRules.minutesAsSeconds(tmp, "AosShadowMismatchDetected", "AosShadowRunnerDead");
        String shipped = Files.readString(AlertRules.file());
        String scaled = Files.readString(copy);

        String mismatch = block(scaled, "AosShadowMismatchDetected");
        assertThat(mismatch).contains("increase(aos_shadow_mismatches_total[15s])", "aos_shadow_start_time_seconds) < 15")
                .doesNotContain("[15m]", "900");
        assertThat(block(scaled, "AosShadowRunnerDead")).contains("for: 1s").doesNotContain("for: 1m");
        assertThat(block(scaled, "AosShadowRunStalled")).isEqualTo(block(shipped, "AosShadowRunStalled"))
                .contains("> 1800", "for: 2m");
        assertThat(scaled.lines().count()).isEqualTo(shipped.lines().count());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertRules.minutesAsSeconds(tmp, "NoSuchAlert"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String block(String rules, String alert) {
        int start = rules.indexOf("- alert: " + alert + "\n");
        int end = rules.indexOf("- alert: ", start + 1);
        return rules.substring(start, end < 0 ? rules.length() : end);
    }

    @Test
    void metricNamesSkipFunctionsKeywordsLabelsAndDurations() {
        assertThat(AlertRules.metricNames(
                "(time() - (a_seconds or b_seconds)) > 600 and on (job, run) c{state=\"running\"} == 1"))
                .containsExactly("a_seconds", "b_seconds", "c");
        assertThat(AlertRules.metricNames("sum by (run) (increase(x_total[15m])) > 0 or absent(up{job=\"j\"})"))
                .containsExactly("x_total");
    }
}
