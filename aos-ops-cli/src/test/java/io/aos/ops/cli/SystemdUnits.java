package io.aos.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unit files of {@code deploy/systemd/} read as systemd reads them (systemd.syntax(7)): {@code [Section]} headers,
 * {@code Key=Value} lines, '#' and ';' comments; a key given twice keeps both values, in order.
 */
final class SystemdUnits {

    static final List<String> FILES = List.of("aos-ops-monitor.service", "aos-ops-cron-check.service",
            "aos-ops-cron-check.timer");

    private SystemdUnits() {
    }

    /** deploy/systemd of this checkout (tests run in the module directory). */
    static Path dir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/systemd");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/systemd not found above " + here);
    }

    /** Section name to key to values; a line outside any section or without '=' fails. */
    static Map<String, Map<String, List<String>>> parse(Path unit) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        int number = 0;
        for (String raw : Files.readAllLines(unit)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (raw.endsWith("\\")) {
                throw new AssertionError(unit + ":" + number + ": continuation lines are not used here");
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1);
                if (sections.containsKey(name)) {
                    throw new AssertionError(unit + ":" + number + ": section [" + name + "] twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw new AssertionError(unit + ":" + number + ": not 'Key=Value' inside a section: " + raw);
            }
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return sections;
    }
}
