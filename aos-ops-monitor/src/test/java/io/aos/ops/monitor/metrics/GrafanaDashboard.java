package io.aos.ops.monitor.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped Grafana dashboard, deploy/grafana/aos-ops.json, read for its queries: every panel target's
 * {@code expr} (rows' nested panels included) and every query variable's {@code label_values(...)} selector.
 */
final class GrafanaDashboard {

    /** One query and where it is, for messages. */
    record Query(String where, String expr) {
    }

    /** Grafana's built-in interval variables, and a duration PromQL accepts in their place. */
    private static final Set<String> INTERVALS = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\s*\\)$");

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    /** deploy/grafana/aos-ops.json of this checkout. */
    static Path file() {
        return AlertRules.file().getParent().resolveSibling("grafana").resolve("aos-ops.json");
    }

    static GrafanaDashboard read() {
        return new GrafanaDashboard(OpsJson.readTree(file()));
    }

    JsonNode root() {
        return root;
    }

    /** Every panel, rows and the panels nested in collapsed rows included. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** Every PromQL query: the panels' targets, and the selectors of the query variables. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel \"" + panel.path("title").asText() + "\" target "
                        + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText();
                Matcher m = LABEL_VALUES.matcher(text.strip());
                queries.add(new Query("variable $" + variable.path("name").asText(), m.matches() ? m.group(1) : text));
            }
        }
        return queries;
    }

    /** The dashboard's variable names. */
    Set<String> variables() {
        Set<String> names = new HashSet<>(INTERVALS);
        root.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    /**
     * {@code expr} as Prometheus would receive it: interval variables become {@code 5m}, the others (label values in
     * regex matchers) {@code .*}. Anything that only looks like a variable (label_replace's {@code "$1"}) is kept.
     */
    String asPromql(String expr) {
        Set<String> variables = variables();
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = !variables.contains(name) ? m.group() : INTERVALS.contains(name) ? "5m" : ".*";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
