package io.aos.ops.monitor.debug;

import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section 6: the run log: path, size, line count, modification time, and the time range its {@code HH:MM:SS} stamps
 * cover (upstream stamps carry no date, so a run past midnight shows an end before its start; the modification time
 * says which day).
 */
final class LogSection implements DebugSection {

    private final Optional<LogScan> scan;
    private final String looked;
    private final List<String> unreadable = new ArrayList<>();

    private LogSection(DebugInputs in) {
        this.scan = in.logScan();
        in.logProblem().ifPresent(unreadable::add);
        this.looked = in.layout().map(l -> l.logFile() + ", ").orElse("") + in.config().get(OpsSetting.SHADOW_LOG_GLOB);
        if (in.log().isEmpty()) {
            unreadable.add("no log found (looked for " + looked + "; give one with --log)");
        }
    }

    static LogSection of(DebugInputs in) {
        return new LogSection(in);
    }

    @Override
    public String key() {
        return "log";
    }

    @Override
    public String title() {
        return "Log file info";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", scan.map(s -> s.file().toString()).orElse(null));
        json.put("bytes", scan.map(LogScan::size).orElse(null));
        json.put("lines", scan.map(LogScan::lines).orElse(null));
        json.put("modified", scan.map(s -> s.modified().toString()).orElse(null));
        json.put("first_time", scan.flatMap(LogScan::firstTime).orElse(null));
        json.put("last_time", scan.flatMap(LogScan::lastTime).orElse(null));
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        if (scan.isEmpty()) {
            out.append("  Log:         none readable\n");
            return;
        }
        LogScan s = scan.get();
        out.append("  Path:        ").append(s.file()).append('\n');
        out.append("  Size:        ").append(HumanBytes.format(s.size())).append(" (").append(s.size()).append(" bytes)\n");
        out.append("  Lines:       ").append(s.lines()).append('\n');
        out.append("  Modified:    ").append(s.modified()).append('\n');
        out.append("  Time range:  ").append(s.firstTime().orElse("?")).append(" - ").append(s.lastTime().orElse("?"))
                .append(s.firstTime().isEmpty() ? " (no stamped lines)" : "").append('\n');
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
