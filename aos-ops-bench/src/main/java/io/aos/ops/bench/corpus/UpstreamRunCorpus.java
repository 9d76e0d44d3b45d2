package io.aos.ops.bench.corpus;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TreeSet;

/**
 * What a 24-hour run of upstream's bash runner ({@code nohup run_shadow_simulation.sh --hours 24 --workers 3 --verbose
 * >> /var/lib/aos/shadow_24h_<ts>.log 2>&1 &}) leaves behind, as the monitors find it: its output directory
 * {@code shadow_simulation_<ts>/} (written by {@link ShadowDirCorpus}: goldens, {@code reports/cycle_N.json} in
 * upstream's indent-2 shape, the summary) and its nohup log {@code shadow_24h_<ts>.log}, both below one root.
 *
 * <p>The log has upstream's lines (reference/upstream-behaviour.md §2.4) with the ANSI colour codes it writes into the
 * file: the banner, per cycle {@code [STEP] HH:MM:SS Running cycle N...} and {@code [INFO] HH:MM:SS Cycle N: W
 * workflows, R replays, 0 mismatches}, every 10th cycle {@code Progress: ...}, and at the end the report block and
 * {@code SHADOW SIMULATION PASSED}. A cycle with mismatches gets the lines upstream meant to print for it ({@code
 * Cycle N: M mismatches detected!} and the {@code ALERT}), not the silent death its {@code set -e} gave. Where the
 * banner's separator rules stand is not in the spec; they frame the title and the settings.
 *
 * <p>An <em>alive</em> run is one caught mid-cycle: no report block and no summary; the log ends at {@code Running
 * cycle N+1...} and {@code cycle_<N+1>.json} exists but is empty (upstream creates it by shell redirection when the cycle
 * starts); its clock ends now, so its log is fresh.
 */
public final class UpstreamRunCorpus {

    /** What {@link #write} produced. */
    public record UpstreamRun(Path runDir, Path log, int cycles, int mismatches) {
    }

    private static final String INFO = "\u001B[0;32m";
    private static final String WARN = "\u001B[1;33m";
    private static final String ERROR = "\u001B[0;31m";
    private static final String STEP = "\u001B[0;34m";
    private static final String RESET = "\u001B[0m";
    private static final String RULE = "═".repeat(63);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int WORKFLOWS_REQUESTED = 10;

    private UpstreamRunCorpus() {
    }

    /**
     * Writes the run below {@code root} (absent or empty).
     *
     * @param start when the run started; for an alive run, null: it started {@code cycles} intervals before now
     */
    public static UpstreamRun write(Path root, int cycles, int workers, long seed, int mismatchCycles, boolean alive,
            Instant start, Duration interval) throws IOException {
        checkArgument(cycles >= 1, "cycles must be >= 1, got %s", cycles);
        CorpusDirs.requireEmptyOrAbsent(root);
        Instant begin = start != null ? start
                : Instant.now().minus(interval.multipliedBy(cycles)).minusSeconds(1).truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS);
        Path runDir = root.resolve("shadow_simulation_" + STAMP.format(begin));
        Path log = root.resolve("shadow_24h_" + STAMP.format(begin) + ".log");
        ShadowDirCorpus.ShadowDir dir = ShadowDirCorpus.write(runDir, cycles, workers, WORKFLOWS_REQUESTED, seed,
                mismatchCycles, begin, interval);
        Instant end = begin.plus(interval.multipliedBy(cycles));
        Path summary = runDir.resolve("reports").resolve("summary_" + STAMP.format(end) + ".json");
        if (alive) {
            Files.delete(summary); // written at the normal end only
            Path pending = runDir.resolve("reports").resolve("cycle_" + (cycles + 1) + ".json");
            Files.createFile(pending);
        }
        int perCycle = WORKFLOWS_REQUESTED / workers * workers;
        TreeSet<Integer> failing = ShadowDirCorpus.spreadEvenly(cycles, mismatchCycles);
        long hours = Math.round(interval.multipliedBy(cycles).getSeconds() / 3600.0);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), 1 << 16)) {
            line(out, RULE);
            line(out, "         M4-T7: 24h Shadow-Run Simulation");
            line(out, RULE);
            line(out, "  Primary Workers:     " + workers);
            line(out, "  Duration:            " + hours + "h (" + hours * 60 + "m)");
            line(out, "  Workflows/Cycle:     " + WORKFLOWS_REQUESTED);
            line(out, "  Cycle Interval:      " + interval.getSeconds() + "s");
            line(out, "  Output:              " + runDir);
            line(out, RULE);
            line(out, "");
            tagged(out, INFO, "INFO", begin, "Starting shadow-run simulation...");
            tagged(out, INFO, "INFO", begin, "Press Ctrl+C to stop");
            line(out, "");
            long workflows = 0;
            long replays = 0;
            long mismatches = 0;
            long target = interval.multipliedBy(cycles).getSeconds();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Instant cycleStart = begin.plus(interval.multipliedBy(cycle - 1)).plusMillis(500);
                Instant cycleEnd = begin.plus(interval.multipliedBy(cycle));
                tagged(out, STEP, "STEP", cycleStart, "Running cycle " + cycle + "...");
                workflows += perCycle;
                replays += perCycle;
                if (failing.contains(cycle)) {
                    mismatches++;
                    tagged(out, ERROR, "ERROR", cycleEnd, "Cycle " + cycle + ": 1 mismatches detected!");
                    tagged(out, WARN, "WARN", cycleEnd, "ALERT: Shadow simulation detected 1 mismatches in cycle "
                            + cycle);
                } else {
                    tagged(out, INFO, "INFO", cycleEnd, "Cycle " + cycle + ": " + perCycle + " workflows, " + perCycle
                            + " replays, 0 mismatches");
                }
                if (cycle % 10 == 0) {
                    long remaining = Math.max(0, target - Duration.between(begin, cycleEnd).getSeconds());
                    tagged(out, INFO, "INFO", cycleEnd, "Progress: " + cycle + " cycles, " + workflows
                            + " workflows, " + mismatches + " mismatches, " + remaining + "s remaining");
                }
            }
            if (alive) {
                tagged(out, STEP, "STEP", end.plusMillis(500), "Running cycle " + (cycles + 1) + "...");
            } else {
                long elapsed = Duration.between(begin, end).getSeconds();
                line(out, "");
                line(out, RULE);
                line(out, "           SHADOW-RUN SIMULATION REPORT");
                line(out, RULE);
                line(out, "  Duration:           " + elapsed / 3600 + "h " + elapsed % 3600 / 60 + "m " + elapsed % 60
                        + "s");
                line(out, "  Cycles Completed:   " + cycles);
                line(out, "  Primary Workers:    " + workers);
                line(out, "  Total Workflows:    " + workflows);
                line(out, "  Total Replays:      " + replays);
                line(out, "  Mismatches:         " + mismatches);
                line(out, "  Final Report:       " + summary);
                line(out, RULE);
                line(out, "");
                if (mismatches == 0) {
                    tagged(out, INFO, "INFO", end, "          ✅ SHADOW SIMULATION PASSED");
                    tagged(out, INFO, "INFO", end, "All " + replays + " shadow replays matched their golden files.");
                } else {
                    tagged(out, ERROR, "ERROR", end, "          ❌ SHADOW SIMULATION FAILED");
                    tagged(out, ERROR, "ERROR", end, "Detected " + mismatches + " mismatches across " + replays
                            + " replays.");
                    tagged(out, ERROR, "ERROR", end, "Check detailed reports in: " + runDir.resolve("reports"));
                }
            }
        }
        Instant logTime = alive ? Instant.now() : end;
        Files.setLastModifiedTime(log, FileTime.from(logTime));
        return new UpstreamRun(runDir, log, dir.cycles(), dir.mismatches());
    }

    private static void tagged(Writer out, String colour, String tag, Instant at, String message) throws IOException {
        line(out, colour + "[" + tag + "]" + RESET + " " + CLOCK.format(at) + " " + message);
    }

    private static void line(Writer out, String text) throws IOException {
        out.write(text);
        out.write('\n');
    }
}
