package io.aos.ops.monitor.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped alert rules file, read just far enough to get at its PromQL: the {@code expr:} values (inline or block
 * scalars). No YAML library: the suite pins none, and the file's shape is ours.
 */
final class AlertRules {

    /** Series Prometheus makes itself for every target; not ours to emit. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private AlertRules() {
    }

    /** deploy/prometheus/aos-ops-rules.yml of this checkout (tests run in the module directory). */
    static Path file() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/prometheus/aos-ops-rules.yml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/prometheus/aos-ops-rules.yml not found above " + here);
    }

    /** Every {@code expr:} of the file, block scalars joined into one line each. */
    static List<String> expressions(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> exprs = new ArrayList<>();
        Pattern exprLine = Pattern.compile("^(\\s*)(?:-\\s+)?expr:\\s*(.*)$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = exprLine.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            if (value.equals("|") || value.equals(">") || value.startsWith("|-") || value.startsWith(">-")) {
                int indent = m.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                        || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                    block.append(' ').append(lines.get(++i).strip());
                }
                value = block.toString().strip();
            } else if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            exprs.add(value);
        }
        return exprs;
    }

    /** The metric names an expression selects (not functions, keywords, label names or Prometheus's own series). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !PROMETHEUS_OWN.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
