package io.aos.ops.monitor.debug;

import io.aos.ops.monitor.log.LastLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The last N lines of the run log (colour codes removed), read backwards from its end. */
final class TailSection implements DebugSection {

    /** The runbook's default ({@code shadow_debug.sh tail}: last 20 log lines; upstream's script used 50). */
    public static final int DEFAULT_LINES = 20;

    private final Optional<String> path;
    private final int requested;
    private final List<String> lines = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    private TailSection(DebugInputs in, int n) {
        this.requested = n;
        this.path = in.log().map(Object::toString);
        if (in.log().isEmpty()) {
            unreadable.add("no log found: give one with --log");
            return;
        }
        try {
            lines.addAll(LastLines.of(in.log().get(), n, true));
        } catch (IOException e) {
            unreadable.add(in.log().get() + ": cannot be read: " + e.getMessage());
        }
    }

    static TailSection of(DebugInputs in, int n) {
        return new TailSection(in, n);
    }

    @Override
    public String key() {
        return "tail";
    }

    @Override
    public String title() {
        return "Last " + requested + " log lines" + path.map(p -> " of " + p).orElse("");
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", path.orElse(null));
        json.put("requested", requested);
        json.put("lines", lines);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        for (String line : lines) {
            out.append(line).append('\n');
        }
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
