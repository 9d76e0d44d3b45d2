package io.aos.ops.golden.shadow.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The heartbeat a shadow run rewrites atomically after every cycle ({@code <root>/status.json}), so that monitors read
 * structured state instead of grepping log prose. Field names are snake_case in the file.
 *
 * @param schemaVersion        1 for this shape
 * @param pid                  the runner's process id
 * @param processStartTime     the runner's process start time as the OS reports it (ProcessHandle.Info.startInstant),
 *                             so a recycled PID is not mistaken for the run; null if the OS does not say
 * @param startedAt            when the run started
 * @param updatedAt            when this file was written (the heartbeat)
 * @param state                running, paused, completed, failed or stopped
 * @param cycles               cycles completed
 * @param workflows            primary workflows run
 * @param replays              shadow replays compared
 * @param mismatches           replays that did not match their golden file
 * @param cyclesWithMismatches cycles that had at least one mismatch
 * @param lastCycleAt          when the last cycle finished; null before the first
 * @param targetHours          the run length asked for, in hours; null when bounded by cycles only
 * @param targetCycles         the cycle bound asked for; null when bounded by time only
 * @param emergencyStop        whether the emergency stop was engaged at the last check
 * @param message              a short human note (e.g. why it failed); may be null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShadowRunStatus(
        int schemaVersion,
        long pid,
        Instant processStartTime,
        Instant startedAt,
        Instant updatedAt,
        RunState state,
        long cycles,
        long workflows,
        long replays,
        long mismatches,
        long cyclesWithMismatches,
        Instant lastCycleAt,
        Double targetHours,
        Long targetCycles,
        boolean emergencyStop,
        String message) {

    public static final int SCHEMA_VERSION = 1;
}
