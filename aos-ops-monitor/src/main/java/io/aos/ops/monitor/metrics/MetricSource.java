package io.aos.ops.monitor.metrics;

import java.io.IOException;
import java.util.List;

/**
 * Where metric values are read back: a Prometheus server ({@link PrometheusQueryClient}) or an exporter's
 * {@code /metrics} read directly ({@link ExporterScrape}, which {@code aos-ops sanity --metrics-url} uses).
 */
public interface MetricSource {

    /**
     * Every series of the metric {@code name}, with all its labels. An empty list means the metric is absent, which a
     * reader reports as UNKNOWN, never as 0.
     *
     * @throws IOException if the source cannot be reached or answers with something unreadable
     */
    List<Sample> series(String name) throws IOException;

    /** Where the values come from, for the report (a URL). */
    String describe();
}
