package io.aos.ops.monitor.sanity;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ControlCharacters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five sections and the verdict.
 *
 * @param timestamp {@code date -Iseconds}
 * @param sections  the five sections, in order
 * @param status    the worst of the sections that decide health (an unreachable Prometheus does not)
 * @param verdict   one sentence, e.g. {@code Shadow run has MISMATCHES: 5 mismatches in cycles 4 (2), 11 (3)}
 * @param perfData  the health check's Monitoring Plugins performance data ({@code monitor check --nagios}'s)
 */
public record SanityReport(String timestamp, List<SanitySection> sections, HealthStatus status, String verdict,
                           String perfData) {

    public SanityReport {
        sections = List.copyOf(sections);
    }

    /**
     * The human report; text from files (log lines, paths) with its control characters escaped, so a log line cannot
     * act on the terminal ({@link ControlCharacters#forTerminal}).
     */
    public String render() {
        String rule = "═".repeat(63);
        StringBuilder out = new StringBuilder();
        out.append(rule).append('\n').append("         SHADOW RUN SANITY CHECK  ").append(timestamp).append('\n')
                .append(rule).append('\n');
        for (int i = 0; i < sections.size(); i++) {
            SanitySection s = sections.get(i);
            out.append('\n').append('[').append(i + 1).append('/').append(sections.size()).append("] ")
                    .append(s.title()).append("  (").append(s.status()).append(")\n");
            s.lines().forEach(l -> out.append("  ").append(l).append('\n'));
        }
        out.append('\n').append(rule).append('\n').append(verdict).append('\n').append(rule).append('\n');
        return ControlCharacters.forTerminal(out.toString());
    }

    /**
     * What a Nagios plugin prints: first the status line {@code SHADOW <STATUS> - <verdict> | <perfdata>}, as
     * {@code cron-check --nagios} prints it, then the sections as long text ({@code [1/5] Process Status (OK)} and
     * its lines). A {@code |} in any line would start performance data, so it is replaced by {@code /}; control
     * characters are escaped.
     *
     * @return the plugin's output, lines ending in {@code \n}
     */
    public String nagiosText() {
        StringBuilder out = new StringBuilder("SHADOW ").append(status).append(" - ").append(pluginText(verdict))
                .append(" | ").append(perfData).append('\n');
        for (int i = 0; i < sections.size(); i++) {
            SanitySection s = sections.get(i);
            out.append('[').append(i + 1).append('/').append(sections.size()).append("] ").append(s.title())
                    .append(" (").append(s.status()).append(")\n");
            s.lines().forEach(l -> out.append("  ").append(pluginText(l)).append('\n'));
        }
        return out.toString();
    }

    private static String pluginText(String text) {
        return ControlCharacters.oneLine(text.replace('|', '/'));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", timestamp);
        json.put("status", status.name());
        json.put("verdict", verdict);
        json.put("sections", sections.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title());
            m.put("status", s.status().name());
            m.put("lines", s.lines());
            return m;
        }).toList());
        return json;
    }
}
