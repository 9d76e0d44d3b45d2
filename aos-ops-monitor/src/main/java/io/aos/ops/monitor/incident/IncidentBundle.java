package io.aos.ops.monitor.incident;

import io.aos.ops.core.emergency.EmergencyStopStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one incident capture produced: the bundle directory and the digest of every file in it (the content of its
 * {@code MANIFEST.sha256}), what could not be captured and why, the emergency stop as the capture left it, and the
 * findings of the analysis.
 *
 * @param directory          the bundle directory (complete: it got its name only after everything was written)
 * @param digests            every file of the bundle, by its path relative to {@code directory}, with its SHA-256
 * @param bytes              the bundle's size, all files together
 * @param unreadable         sources that exist but could not be read, with the reason (the capture went on)
 * @param absent             sources that were not there to capture (no cron alerts yet, no retention log...)
 * @param stop               what the capture did with the emergency stop
 * @param runDir             the shadow run captured, if one was found
 * @param mismatches         mismatching replays the run's cycle reports record
 * @param captured           the mismatches whose traces and diff are in the bundle (all, up to the limit)
 * @param rootCauses         root causes, the most severe and frequent first
 * @param affectedWorkflows  workflow type to mismatch count, most affected first
 * @param sanityVerdict      the sanity check's verdict line, or why it could not run
 */
public record IncidentBundle(
        Path directory,
        Map<String, String> digests,
        long bytes,
        List<Unreadable> unreadable,
        List<Path> absent,
        StopOutcome stop,
        Optional<Path> runDir,
        long mismatches,
        List<Mismatch> captured,
        List<RootCauseCount> rootCauses,
        Map<String, Long> affectedWorkflows,
        String sanityVerdict) {

    public IncidentBundle {
        digests = Map.copyOf(digests);
        unreadable = List.copyOf(unreadable);
        absent = List.copyOf(absent);
        captured = List.copyOf(captured);
        rootCauses = List.copyOf(rootCauses);
        affectedWorkflows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(affectedWorkflows));
    }

    /** The bundle's {@code MANIFEST.sha256}. */
    public Path manifest() {
        return directory.resolve(BundleWriter.MANIFEST);
    }

    /** The bundle's {@code INCIDENT.md}. */
    public Path incidentReport() {
        return directory.resolve(IncidentReport.FILE);
    }

    /** The first mismatch of the run, in cycle order, if there was one. */
    public Optional<Mismatch> firstMismatch() {
        return captured.stream().filter(Mismatch::first).findFirst();
    }

    /** The facts as JSON-ready maps, snake_case keys as every report of the suite. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bundle", directory.toString());
        json.put("files", digests.size());
        json.put("bytes", bytes);
        json.put("emergency_stop", stop.action());
        json.put("stop_engaged", stop.engaged());
        json.put("stop_problem", stop.problem());
        json.put("run_dir", runDir.map(Path::toString).orElse(null));
        json.put("mismatches", mismatches);
        json.put("first_mismatch", firstMismatch().map(Mismatch::toJson).orElse(null));
        json.put("captured_mismatches", captured.size());
        json.put("root_causes", rootCauses.stream().map(RootCauseCount::toJson).toList());
        json.put("affected_workflows", affectedWorkflows);
        json.put("unreadable", unreadable.stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", u.source().toString());
            m.put("reason", u.reason());
            return m;
        }).toList());
        json.put("absent", absent.stream().map(Path::toString).toList());
        json.put("sanity", sanityVerdict);
        json.put("manifest", manifest().toString());
        return json;
    }

    /** A source that exists but could not be read. */
    public record Unreadable(Path source, String reason) {
    }

    /**
     * What the capture did with the emergency stop.
     *
     * @param action  {@code ENGAGED} (by this capture), {@code ALREADY_ENGAGED} (kept, the repeat audited),
     *                {@code LEFT_AS_IS} ({@code --no-stop}) or {@code FAILED}
     * @param status  the state after the capture's action, read from disk
     * @param problem why engaging failed, for {@code FAILED}
     */
    public record StopOutcome(String action, EmergencyStopStatus status, String problem) {

        /** True when workflows are stopped now. */
        public boolean engaged() {
            return status != null && status.engaged();
        }
    }

    /**
     * One mismatching replay whose evidence is in the bundle.
     *
     * @param first       true for the run's first mismatch
     * @param cycle       the cycle that recorded it
     * @param timestamp   when that cycle finished
     * @param rootCause   the bundle diff's root cause, else the one the runner recorded; null if neither
     * @param severity    MATCH, WARNING or CRITICAL, likewise
     * @param diffFile    the classified diff in the bundle ({@code diffs/...txt}), null when the traces were missing
     */
    public record Mismatch(boolean first, long cycle, String timestamp, String originalRunId, String replayRunId,
                           String workflowType, Long seed, Integer firstDivergingStep, String rootCause,
                           String severity, String evidence, String diffFile) {

        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("first", first);
            e.put("cycle", cycle);
            e.put("timestamp", timestamp);
            e.put("original_run_id", originalRunId);
            e.put("replay_run_id", replayRunId);
            e.put("workflow_type", workflowType);
            e.put("seed", seed);
            e.put("first_diverging_step", firstDivergingStep);
            e.put("root_cause", rootCause);
            e.put("severity", severity);
            e.put("evidence", evidence);
            e.put("diff", diffFile);
            return e;
        }
    }

    /** How often a root cause was recorded, and where it was first seen. */
    public record RootCauseCount(String rootCause, String severity, long count, long firstCycle, String firstRun) {

        Map<String, Object> toJson() {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("root_cause", rootCause);
            e.put("severity", severity);
            e.put("count", count);
            e.put("first_cycle", firstCycle);
            e.put("first_run", firstRun);
            return e;
        }
    }
}
