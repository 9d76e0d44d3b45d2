package io.aos.ops.golden.summary;

import io.aos.ops.golden.shadow.state.CycleReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The summary of one or more shadow simulation runs: totals over every cycle report, the mismatch details, the
 * golden directories' size, one row per cycle and the verdict. The verdict is PASS only when at least one cycle ran,
 * every report could be read and was consistent, no replay mismatched and no cycle's report says it failed.
 *
 * @param analyzedAt         when the summary was made
 * @param directories        one entry per run directory given
 * @param cycles             cycle reports read
 * @param totalWorkflows     primary workflows over all cycles
 * @param totalReplays       shadow replays over all cycles
 * @param totalMismatches    replays that did not match
 * @param cyclesWithMismatches cycles that failed by their own report: a mismatch counted, {@code passed} false or a
 *                           mismatch detail listed
 * @param mismatchDetails    every mismatch detail of every cycle, in cycle order
 * @param rows               one row per cycle report, in numeric cycle order per directory
 * @param goldenFileCount    golden files ({@code *.json}, {@code *.jsonl}) below the runs' {@code golden/}
 * @param goldenBytes        their apparent size in bytes
 * @param problems           why the verdict is FAIL other than mismatches (unreadable report, no reports/, ...)
 * @param ignoredDirectories directories given again (the same real path as an earlier one), left out
 */
public record ShadowSummary(
        Instant analyzedAt,
        List<Directory> directories,
        long cycles,
        long totalWorkflows,
        long totalReplays,
        long totalMismatches,
        long cyclesWithMismatches,
        List<Mismatch> mismatchDetails,
        List<CycleRow> rows,
        long goldenFileCount,
        long goldenBytes,
        List<String> problems,
        List<IgnoredDirectory> ignoredDirectories) {

    /** Copies the lists, so the summary stays immutable whatever the caller does with them afterwards. */
    public ShadowSummary {
        directories = List.copyOf(directories);
        mismatchDetails = List.copyOf(mismatchDetails);
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
        ignoredDirectories = List.copyOf(ignoredDirectories);
    }

    /** PASS or FAIL. */
    public enum Verdict { PASS, FAIL }

    /** Mismatches per replay; 0 when there were no replays (never a division by zero or an off-by-one). */
    public double mismatchRate() {
        return totalReplays == 0 ? 0.0 : (double) totalMismatches / totalReplays;
    }

    /** @return whether the verdict is PASS */
    public boolean passed() {
        return verdict() == Verdict.PASS;
    }

    /**
     * @return PASS when at least one cycle ran, every report could be read and was consistent, no replay mismatched and
     *         no cycle failed by its own report; else FAIL
     */
    public Verdict verdict() {
        return totalMismatches == 0 && cyclesWithMismatches == 0 && problems.isEmpty() && cycles > 0
                ? Verdict.PASS : Verdict.FAIL;
    }

    /**
     * One run directory.
     *
     * @param path            as given
     * @param cycles          cycle reports read
     * @param goldenFileCount golden files in its {@code golden/}; -1 when it has none
     * @param goldenBytes     their apparent size
     * @param problems        what is wrong with this directory
     */
    public record Directory(Path path, long cycles, long goldenFileCount, long goldenBytes, List<String> problems) {
        /** Copies the problems, so the entry stays immutable. */
        public Directory {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A directory given again, read once.
     *
     * @param path   as given the second time
     * @param sameAs as given first: the one read
     */
    public record IgnoredDirectory(Path path, Path sameAs) {
    }

    /**
     * One cycle report.
     *
     * @param directory the run directory
     * @param cycle     the cycle number N of {@code cycle_N.json}
     * @param report    the report, null when it could not be read
     * @param error     why it could not be read, else null
     * @param missing   the fields every runner writes that the report lacks ({@link io.aos.ops.golden.shadow.state.CycleReportReader.Checked})
     */
    public record CycleRow(Path directory, long cycle, CycleReport report, String error, List<String> missing) {

        /** Copies {@code missing}. */
        public CycleRow {
            missing = List.copyOf(missing);
        }

        /** @return whether the report could be read */
        public boolean readable() {
            return report != null;
        }
    }

    /**
     * One mismatch detail with the cycle and directory it came from.
     *
     * @param directory the run directory
     * @param cycle     the cycle number
     * @param detail    the cycle report's entry for the mismatching replay
     */
    public record Mismatch(Path directory, long cycle, CycleReport.MismatchDetail detail) {
    }
}
