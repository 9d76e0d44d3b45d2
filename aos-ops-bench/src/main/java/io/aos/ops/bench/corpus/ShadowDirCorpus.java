package io.aos.ops.bench.corpus;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A finished shadow-simulation output directory as upstream's bash runner leaves it, without
 * running anything: {@code golden/<run_id>.golden.json} for every primary workflow, {@code reports/cycle_N.json}
 * (indent 2, upstream's fields and order) for every cycle, the empty {@code primary/} and {@code shadow/} directories,
 * and {@code reports/summary_<ts>.json}. A 24-hour run is 2,880 cycles of 9 workflows: 25,920 golden files.
 *
 * <p>The golden files carry real hashes ({@link UpstreamWorkflow}). Each cycle "replays" as many earlier goldens as it
 * ran primaries, as upstream does; {@code mismatchCycles} cycles, spread evenly, report one mismatch each. File times
 * follow the cycle clock: cycle N finishes at {@code start + N × interval}.
 *
 * <p>This stands in for {@code aos-ops shadow run --cycles 2880 --cycle-interval 0 --seed S} until that runner is built.
 */
public final class ShadowDirCorpus {

    /** What {@link #write} produced. */
    public record ShadowDir(Path root, int cycles, int goldenFiles, long goldenBytes, int mismatches) {
    }

    private static final DateTimeFormatter SUMMARY_NAME =
            DateTimeFormatter.ofPattern("'summary_'yyyyMMdd_HHmmss'.json'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS_Z =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ShadowDirCorpus() {
    }

    public static ShadowDir write(Path root, int cycles, int workers, int workflowsPerCycle, long seed,
            int mismatchCycles, Instant start, Duration interval) throws IOException {
        checkArgument(cycles >= 1, "cycles must be >= 1, got %s", cycles);
        checkArgument(workers >= 1, "workers must be >= 1, got %s", workers);
        checkArgument(workflowsPerCycle >= workers, "workflows per cycle (%s) must be >= workers (%s)",
                workflowsPerCycle, workers);
        checkArgument(mismatchCycles >= 0 && mismatchCycles <= cycles, "mismatch cycles must be in 0..%s, got %s",
                cycles, mismatchCycles);
        CorpusDirs.requireEmptyOrAbsent(root);
        Path golden = Files.createDirectories(root.resolve("golden"));
        Path reports = Files.createDirectories(root.resolve("reports"));
        Files.createDirectories(root.resolve("primary"));
        Files.createDirectories(root.resolve("shadow"));

        SplittableRandom random = new SplittableRandom(seed);
        TreeSet<Integer> failing = spreadEvenly(cycles, mismatchCycles);
        int perWorker = workflowsPerCycle / workers; // upstream's integer division: 10 requested -> 9 run
        List<ShadowGolden> recorded = new ArrayList<>();
        long goldenBytes = 0;
        int serial = 0;
        int totalMismatches = 0;
        long totalReplays = 0;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Instant finished = start.plus(interval.multipliedBy(cycle)).plusNanos(random.nextInt(1, 1_000_000) * 1000L);
            FileTime mtime = FileTime.from(finished);
            int primaries = 0;
            for (int w = 0; w < workers; w++) {
                for (int n = 0; n < perWorker; n++) {
                    ShadowGolden run = ShadowGolden.random(random, w, serial++, seed);
                    byte[] content = run.json().getBytes(StandardCharsets.US_ASCII);
                    Path file = golden.resolve(run.fileName());
                    Files.write(file, content);
                    Files.setLastModifiedTime(file, mtime);
                    goldenBytes += content.length;
                    recorded.add(run);
                    primaries++;
                }
            }
            int replays = Math.min(primaries, recorded.size());
            List<Map<String, Object>> details = new ArrayList<>();
            if (failing.contains(cycle)) {
                details.add(mismatch(recorded.get(random.nextInt(recorded.size())), random));
            }
            totalMismatches += details.size();
            totalReplays += replays;
            Path report = reports.resolve("cycle_" + cycle + ".json");
            Files.writeString(report, CorpusJson.indented(cycleReport(finished, primaries, replays, details), 2),
                    StandardCharsets.US_ASCII);
            Files.setLastModifiedTime(report, mtime);
        }
        Instant end = start.plus(interval.multipliedBy(cycles));
        Files.writeString(reports.resolve(SUMMARY_NAME.format(end)),
                CorpusJson.indented(summary(start, end, cycles, workers, recorded.size(), totalReplays,
                        totalMismatches), 4),
                StandardCharsets.US_ASCII);
        return new ShadowDir(root, cycles, recorded.size(), goldenBytes, totalMismatches);
    }

    /** Cycle numbers 1..cycles at even spacing, {@code count} of them. */
    static TreeSet<Integer> spreadEvenly(int cycles, int count) {
        TreeSet<Integer> result = new TreeSet<>();
        for (int k = 0; k < count; k++) {
            result.add((int) ((long) (2 * k + 1) * cycles / (2L * count)) + 1);
        }
        return result;
    }

    private static Map<String, Object> cycleReport(Instant finished, int primaries, int replays,
            List<Map<String, Object>> details) {
        Map<String, Object> primary = new LinkedHashMap<>();
        primary.put("total", primaries);
        primary.put("successful", primaries);
        primary.put("failed", 0);
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("total_replays", replays);
        shadow.put("matches", replays - details.size());
        shadow.put("mismatches", details.size());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("timestamp", TraceCorpus.pythonIsoformat(finished));
        report.put("primary", primary);
        report.put("shadow", shadow);
        report.put("mismatch_details", details);
        report.put("passed", details.isEmpty());
        return report;
    }

    private static Map<String, Object> mismatch(ShadowGolden original, SplittableRandom random) {
        List<String> steps = original.workflow().stepHashes(original.seed());
        String first = steps.get(0);
        String replayed = first.substring(0, first.indexOf(':') + 1)
                + Digests.sha256Hex("replay:" + original.runId()).substring(0, 16);
        List<String> replaySteps = new ArrayList<>(steps);
        replaySteps.set(0, replayed);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("original_run_id", original.runId());
        detail.put("replay_run_id", "shadow-" + ShadowGolden.hex8(random));
        detail.put("original_hash", original.workflowHash());
        detail.put("replay_hash", UpstreamWorkflow.workflowHash(replaySteps));
        detail.put("match", false);
        detail.put("diff_details", "Mismatch at step 0: original=" + first + ", replay=" + replayed);
        return detail;
    }

    /** Upstream's bash heredoc summary (4-space indent); the mismatch rate keeps its leading zero, so it is valid JSON. */
    private static Map<String, Object> summary(Instant start, Instant end, int cycles, int workers, int workflows,
            long replays, int mismatches) {
        long elapsed = Duration.between(start, end).getSeconds();
        Map<String, Object> simulation = new LinkedHashMap<>();
        simulation.put("start_time", SECONDS_Z.format(start));
        simulation.put("elapsed_seconds", elapsed);
        simulation.put("elapsed_formatted", (elapsed / 3600) + "h " + (elapsed % 3600 / 60) + "m");
        simulation.put("target_hours", (int) Math.round(elapsed / 3600.0));
        simulation.put("primary_workers", workers);
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("cycles_completed", cycles);
        statistics.put("total_workflows", workflows);
        statistics.put("total_replays", replays);
        statistics.put("mismatches", mismatches);
        statistics.put("mismatch_rate", new CorpusJson.RawNumber(mismatches == 0 ? "0"
                : BigDecimal.valueOf(mismatches).divide(BigDecimal.valueOf(replays + 1), 6, RoundingMode.DOWN)
                        .toPlainString()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("simulation", simulation);
        summary.put("statistics", statistics);
        summary.put("status", mismatches == 0 ? "healthy" : "degraded");
        return summary;
    }
}
