package io.aos.ops.monitor.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series' value as read back: from an exporter's text output ({@link ExpositionParser}) or from a Prometheus
 * server's query API ({@link PrometheusQueryClient}).
 *
 * @param name   the metric name ({@code __name__}); may be empty for a server result of an expression
 * @param labels the labels other than {@code __name__}, sorted by name
 * @param value  the value; NaN and infinities as Java reads them
 */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        checkNotNull(name, "name");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The value of {@code label}, or null. */
    public String label(String label) {
        return labels.get(label);
    }

    /** True if every entry of {@code wanted} is among this sample's labels. */
    public boolean hasLabels(Map<String, String> wanted) {
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        if (!labels.isEmpty()) {
            b.append('{');
            labels.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
            b.setLength(b.length() - 1);
            b.append('}');
        }
        return b.append(' ').append(value).toString();
    }
}
