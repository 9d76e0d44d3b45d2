package io.aos.ops.golden.shadow.state;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The files of one shadow run below its output directory; the contract between the runner that writes them and the
 * monitors, debug console and summary that read them. Upstream's layout, plus the structured state files:
 *
 * <pre>
 * &lt;root&gt;/golden/&lt;run_id&gt;.golden.json   recorded primary runs
 * &lt;root&gt;/reports/cycle_&lt;N&gt;.json          one report per cycle, N = 1, 2, 3, ... (not zero-padded)
 * &lt;root&gt;/reports/summary_&lt;ts&gt;.json       written at the end of a run and on SIGINT/SIGTERM
 * &lt;root&gt;/status.json                    heartbeat, rewritten atomically after every cycle ({@link ShadowRunStatus})
 * &lt;root&gt;/shadow.pid                     the runner's PID (the start time is in status.json)
 * &lt;root&gt;/shadow.log                     the runner's log lines, as also written to stdout
 * </pre>
 */
public final class ShadowRunLayout {

    private static final String PREFIX = "cycle_";
    private static final String SUFFIX = ".json";

    private final Path root;

    private ShadowRunLayout(Path root) {
        this.root = root;
    }

    /** The layout of the run whose output directory is {@code root}. */
    public static ShadowRunLayout of(Path root) {
        checkNotNull(root, "root");
        return new ShadowRunLayout(root);
    }

    public Path root() {
        return root;
    }

    public Path goldenDir() {
        return root.resolve("golden");
    }

    /** {@code traces/}: the engine-format trace of each primary run and of each mismatching replay. */
    public Path tracesDir() {
        return root.resolve("traces");
    }

    public Path reportsDir() {
        return root.resolve("reports");
    }

    public Path statusFile() {
        return root.resolve("status.json");
    }

    public Path pidFile() {
        return root.resolve("shadow.pid");
    }

    public Path logFile() {
        return root.resolve("shadow.log");
    }

    /** {@code reports/cycle_<n>.json}. */
    public Path cycleReport(long n) {
        checkArgument(n >= 1, "cycle numbers start at 1, got %s", n);
        return reportsDir().resolve("cycle_" + n + ".json");
    }

    /** The cycle number of a {@code cycle_<N>.json} file name ({@code N} ASCII digits that fit a long), if it is one. */
    public static OptionalLong cycleNumber(Path file) {
        Path name = file.getFileName();
        return name == null ? OptionalLong.empty() : cycleNumber(name.toString());
    }

    /** As {@link #cycleNumber(Path)}, for a bare file name; by hand, as a 24-hour run has 2,880 names to read. */
    static OptionalLong cycleNumber(String name) {
        int digits = name.length() - PREFIX.length() - SUFFIX.length();
        if (digits < 1 || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return OptionalLong.empty();
        }
        long n = 0;
        for (int i = PREFIX.length(); i < PREFIX.length() + digits; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            if (n > (Long.MAX_VALUE - (c - '0')) / 10) {
                return OptionalLong.empty(); // does not fit a long
            }
            n = n * 10 + (c - '0');
        }
        return OptionalLong.of(n);
    }

    /**
     * Whether a file name has the shape of a cycle report, {@code cycle_*.json} as a shell glob matches it, whether or
     * not {@link #cycleNumber} understands its number ({@code cycle_-1.json}, {@code cycle_ 2.json}, a number too
     * large for a long or written in other digits than ASCII's).
     */
    static boolean looksLikeCycleReport(String name) {
        return name.length() >= PREFIX.length() + SUFFIX.length() && name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /**
     * The files of {@code reports/} named {@code cycle_*.json}.
     *
     * @param reports       those whose number {@link #cycleNumber} understands, sorted by it (1, 2, ..., 10), not by
     *                      name; by name among equal numbers ({@code cycle_7.json}, {@code cycle_07.json})
     * @param notUnderstood the others, sorted by name: named like a report, but with no number this suite wrote
     */
    public record CycleReportListing(List<Path> reports, List<Path> notUnderstood) {
        /** Copies the lists. */
        public CycleReportListing {
            reports = List.copyOf(reports);
            notUnderstood = List.copyOf(notUnderstood);
        }
    }

    /**
     * Every {@code cycle_*.json} in {@code reports/}, numbered ones in cycle order and the names not understood
     * apart, so a reader that must not miss a report (the summary) can name the latter; both empty when there is no
     * reports dir.
     */
    public CycleReportListing listCycleReports() throws IOException {
        // Each name is parsed once: a 24-hour run has 2,880 reports, and a regex per comparison costs a cold JVM.
        List<Map.Entry<Long, Path>> numbered = new ArrayList<>();
        List<Path> notUnderstood = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(reportsDir())) {
            for (Path p : stream) {
                OptionalLong n = cycleNumber(p);
                if (n.isPresent()) {
                    numbered.add(Map.entry(n.getAsLong(), p));
                } else if (p.getFileName() != null && looksLikeCycleReport(p.getFileName().toString())) {
                    notUnderstood.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return new CycleReportListing(List.of(), List.of());
        }
        numbered.sort(Map.Entry.<Long, Path>comparingByKey().thenComparing(e -> e.getValue().getFileName().toString()));
        List<Path> result = new ArrayList<>(numbered.size());
        numbered.forEach(e -> result.add(e.getValue()));
        notUnderstood.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return new CycleReportListing(result, notUnderstood);
    }

    /**
     * Every cycle report whose number {@link #cycleNumber} understands, sorted by cycle number (1, 2, ..., 10), not by
     * name; empty when there is no reports dir. Other {@code cycle_*.json} names are left out: the monitors read the
     * reports a runner wrote; the summary, which must account for every one, uses {@link #listCycleReports}.
     */
    public List<Path> cycleReports() throws IOException {
        return listCycleReports().reports();
    }
}
