package io.aos.ops.monitor.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of every series aos-ops exports, read from the exporter's own output (the text exposition of a registry
 * in which every metric has a series), so rules and dashboards are checked against the code, not a hand list.
 */
final class ExportedMetricNames {

    /** Series Prometheus makes itself (per target, and for alerting rules); queries may use them too. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "ALERTS", "ALERTS_FOR_STATE");

    private ExportedMetricNames() {
    }

    /**
     * Every series name in the exposition of {@link MetricsFixture#everyMetric()}.
     *
     * @throws IllegalStateException if a metric family registered by {@link MetricsExport} (what the monitor and the
     *                               runner serve) has no series there: the fixture must be taught to fill it
     */
    static Set<String> names() {
        Set<String> exported = new TreeSet<>();
        String text = new String(TextExposition.render(MetricsFixture.everyMetric()), StandardCharsets.UTF_8);
        ExpositionParser.parse(text).samples().forEach(s -> exported.add(s.name()));
        try (MetricsExport export = MetricsExport.start(null, null, null)) {
            for (MetricSnapshot family : export.registry().scrape()) {
                String name = family.getMetadata().getPrometheusName();
                if (exported.stream().noneMatch(e -> e.equals(name) || e.startsWith(name + "_"))) {
                    throw new IllegalStateException("metric family " + name + " of MetricsExport has no series in "
                            + "MetricsFixture.everyMetric()");
                }
            }
        }
        return exported;
    }
}
