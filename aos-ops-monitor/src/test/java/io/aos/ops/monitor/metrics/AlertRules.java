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

    /**
     * A copy of the rules in {@code dir} in which the named alerts read their minutes as seconds (range selectors,
     * {@code for:}, and thresholds in seconds that are whole minutes), so an IT sees them fire and resolve in seconds;
     * the other alerts are as shipped. Their real windows are covered by promtool's unit tests on a simulated clock.
     *
     * @throws IllegalArgumentException if an alert is not in the file or has no duration to scale
     */
    static Path minutesAsSeconds(Path dir, String... alerts) throws IOException {
        String text = Files.readString(file());
        StringBuilder out = new StringBuilder();
        Set<String> scaled = new TreeSet<>();
        Matcher start = Pattern.compile("(?m)^\\s*- alert: (\\S+)$").matcher(text);
        List<int[]> blocks = new ArrayList<>();
        while (start.find()) {
            blocks.add(new int[] {start.start(), start.end()});
        }
        int at = 0;
        for (int b = 0; b < blocks.size(); b++) {
            int from = blocks.get(b)[0];
            int to = b + 1 < blocks.size() ? blocks.get(b + 1)[0] : text.length();
            String block = text.substring(from, to);
            String name = block.strip().substring("- alert: ".length()).lines().findFirst().orElseThrow().strip();
            out.append(text, at, from);
            if (List.of(alerts).contains(name)) {
                String inSeconds = inSeconds(block);
                if (inSeconds.equals(block)) {
                    throw new IllegalArgumentException("alert " + name + " has no duration to scale");
                }
                block = inSeconds;
                scaled.add(name);
            }
            out.append(block);
            at = to;
        }
        out.append(text.substring(at));
        if (!scaled.equals(new TreeSet<>(List.of(alerts)))) {
            throw new IllegalArgumentException("not in " + file() + ": some of " + List.of(alerts));
        }
        Files.createDirectories(dir);
        Path copy = dir.resolve("aos-ops-rules.yml");
        Files.writeString(copy, out);
        return copy;
    }

    private static String inSeconds(String block) {
        String s = block.replaceAll("\\[(\\d+)m]", "[$1s]").replaceAll("(for:\\s*)(\\d+)m\\b", "$1$2s");
        Matcher threshold = Pattern.compile("([<>]=?\\s*)(\\d+)\\b(?!\\.)").matcher(s);
        StringBuilder out = new StringBuilder();
        while (threshold.find()) {
            long value = Long.parseLong(threshold.group(2));
            String replacement = value > 0 && value % 60 == 0 ? threshold.group(1) + value / 60 : threshold.group();
            threshold.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        threshold.appendTail(out);
        return out.toString();
    }

    /** One alerting rule's routing label and runbook link, as the file has them (null where missing). */
    record Alert(String name, String severity, String runbookUrl) {
    }

    /** Every alerting rule of the file, in order. */
    static List<Alert> alerts() throws IOException {
        String text = Files.readString(file());
        Matcher start = Pattern.compile("(?m)^\\s*- alert: (\\S+)\\s*$").matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (start.find()) {
            starts.add(start.start());
            names.add(start.group(1));
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            String block = text.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length());
            alerts.add(new Alert(names.get(i), field(block, "severity"), field(block, "runbook_url")));
        }
        return alerts;
    }

    private static String field(String block, String key) {
        Matcher m = Pattern.compile("(?m)^\\s+" + key + ":\\s*(\\S+)\\s*$").matcher(block);
        return m.find() ? m.group(1) : null;
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

    /**
     * The metric names a PromQL expression selects (not functions, keywords, label names, durations or Prometheus's
     * own series). Grafana's variables sit inside braces and brackets, where they are skipped with the matchers.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !ExportedMetricNames.PROMETHEUS_OWN.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
