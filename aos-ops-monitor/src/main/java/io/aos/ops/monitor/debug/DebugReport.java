package io.aos.ops.monitor.debug;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.discovery.WatchedRun;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The debug console's answer: the run it looked at and one or more sections, as text for an operator or as one JSON
 * document ({@code {"generated_at", "run_dir", "log", "sections": {"process": {...}, ...}}}).
 */
public final class DebugReport {

    private static final String BOLD = "\033[1m";
    private static final String YELLOW = "\033[1;33m";
    private static final String RESET = "\033[0m";

    private final Instant generatedAt;
    private final WatchedRun run;
    private final List<DebugSection> sections;

    DebugReport(Instant generatedAt, WatchedRun run, List<DebugSection> sections) {
        this.generatedAt = checkNotNull(generatedAt, "generatedAt");
        this.run = checkNotNull(run, "run");
        this.sections = List.copyOf(sections);
    }

    public WatchedRun run() {
        return run;
    }

    /** The section keys in order, e.g. {@code [process, cycles, mismatches, golden, resources, log]}. */
    public List<String> sectionKeys() {
        return sections.stream().map(DebugSection::key).toList();
    }

    /** Mismatching replays found by the mismatch section; 0 when the report has no such section. */
    public long mismatches() {
        return sections.stream().filter(MismatchSection.class::isInstance).map(MismatchSection.class::cast)
                .mapToLong(MismatchSection::mismatches).sum();
    }

    /** Golden files that do not verify, found by the golden section; 0 when the report has none. */
    public long goldenFilesNotVerifying() {
        return sections.stream().filter(GoldenSection.class::isInstance).map(GoldenSection.class::cast)
                .mapToLong(GoldenSection::notVerifying).sum();
    }

    /** Entries below the golden directories that could not be checked; 0 when the report has no golden section. */
    public long goldenEntriesNotChecked() {
        return sections.stream().filter(GoldenSection.class::isInstance).map(GoldenSection.class::cast)
                .mapToLong(GoldenSection::notChecked).sum();
    }

    /** Why sections had nothing to judge by (no cycle report read, no golden directory), one sentence each. */
    public List<String> nothingRead() {
        return sections.stream().flatMap(s -> s.nothingRead().stream()).toList();
    }

    /** What the report's sections, taken together, say. */
    public enum Verdict {
        /** Everything the sections judge was read and passed. */
        OK,
        /** Nothing failed, but something was not judged: a golden entry not checked, or no input read at all. */
        INCOMPLETE,
        /** A mismatch was found, or a golden file or trace does not verify. */
        FAILED
    }

    /** FAILED over INCOMPLETE over OK: a finding is reported even when other parts could not be checked. */
    public Verdict verdict() {
        if (mismatches() > 0 || goldenFilesNotVerifying() > 0) {
            return Verdict.FAILED;
        }
        return goldenEntriesNotChecked() > 0 || !nothingRead().isEmpty() ? Verdict.INCOMPLETE : Verdict.OK;
    }

    /** Everything that could not be read, over all sections. */
    public List<String> unreadable() {
        return sections.stream().flatMap(s -> s.unreadable().stream()).distinct().toList();
    }

    /** The report as one JSON-ready map. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated_at", generatedAt.toString());
        json.put("run_dir", run.runDir().map(Path::toString).orElse(null));
        json.put("log", run.log().map(Path::toString).orElse(null));
        Map<String, Object> bySection = new LinkedHashMap<>();
        for (DebugSection s : sections) {
            bySection.put(s.key(), s.toJson());
        }
        json.put("sections", bySection);
        json.put("verdict", verdict().name());
        json.put("nothing_read", nothingRead());
        return json;
    }

    /**
     * The report as text; {@code colour} only for a terminal without NO_COLOR. Text from files (log lines, report
     * fields, names) is shown with its control characters escaped ({@link ControlCharacters#forTerminal}): only the
     * report's own colour codes reach the terminal.
     */
    public String render(boolean colour) {
        StringBuilder out = new StringBuilder();
        boolean numbered = sections.size() > 1;
        if (numbered) {
            out.append(ControlCharacters.forTerminal("Shadow run debug report, " + generatedAt + '\n'
                    + "  Run dir: " + run.runDir().map(Path::toString).orElse("(none found)") + '\n'
                    + "  Log:     " + run.log().map(Path::toString).orElse("(none found)") + "\n\n"));
        }
        for (int i = 0; i < sections.size(); i++) {
            DebugSection s = sections.get(i);
            String heading = ControlCharacters.forTerminal("=== " + (numbered ? (i + 1) + ". " : "") + s.title()
                    + " ===");
            out.append(colour ? BOLD + heading + RESET : heading).append('\n');
            StringBuilder body = new StringBuilder();
            s.render(body);
            out.append(ControlCharacters.forTerminal(body.toString()));
            for (String problem : s.unreadable()) {
                String line = ControlCharacters.forTerminal("  Could not read: " + problem);
                out.append(colour ? YELLOW + line + RESET : line).append('\n');
            }
            if (i < sections.size() - 1) {
                out.append('\n');
            }
        }
        if (numbered) {
            out.append('\n').append("Verdict: ").append(verdict());
            List<String> why = new ArrayList<>(nothingRead());
            long notChecked = goldenEntriesNotChecked();
            if (notChecked > 0) {
                why.add(notChecked + (notChecked == 1 ? " golden entry" : " golden entries") + " not checked");
            }
            out.append(why.isEmpty() ? "" : " (" + String.join("; ", why) + ")").append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render(false);
    }

}
