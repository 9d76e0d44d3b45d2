package io.aos.ops.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
        Set<String> exported = new TreeSet<>();
        String text = new String(TextExposition.render(MetricsFixture.everyMetric()), StandardCharsets.UTF_8);
        ExpositionParser.parse(text).samples().forEach(s -> exported.add(s.name()));

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

    @Test
    void metricNamesSkipFunctionsKeywordsLabelsAndDurations() {
        assertThat(AlertRules.metricNames(
                "(time() - (a_seconds or b_seconds)) > 600 and on (job, run) c{state=\"running\"} == 1"))
                .containsExactly("a_seconds", "b_seconds", "c");
        assertThat(AlertRules.metricNames("sum by (run) (increase(x_total[15m])) > 0 or absent(up{job=\"j\"})"))
                .containsExactly("x_total");
    }
}
