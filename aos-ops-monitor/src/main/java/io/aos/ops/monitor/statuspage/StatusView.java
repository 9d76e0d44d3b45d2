package io.aos.ops.monitor.statuspage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What the status page shows, and {@code /api/status} returns as JSON (snake_case, every field present, null where
 * unknown). Built by {@link LiveStatus} after each check of the monitor daemon; immutable.
 *
 * @param schemaVersion  1 for this shape
 * @param checkedAt      when the check behind these figures ran ({@code date -Iseconds}); null before the first
 * @param refreshSeconds how often the page asks for a fresh copy
 * @param run            the run watched
 * @param state          the run's state from its heartbeat (running, paused, completed, failed, stopped); {@code unknown}
 *                       for a run without one, {@code waiting} before the first check
 * @param verdict        the check's verdict (HEALTHY, COMPLETED, DEGRADED, UNKNOWN, CRITICAL); null before the first
 *                       check
 * @param statusLine     the monitor log's line for the check
 * @param cycles         cycles done, rate and estimated end
 * @param mismatches     mismatches, by root cause
 * @param replays        replay verification: replays compared, passed and failed
 * @param disk           the filesystems checked, with the projected time to the warning level
 * @param golden         the golden directory's size and growth
 * @param alerts         the latest alerts (raised, changed, cleared), newest first
 * @param emergencyStop  whether the emergency stop is engaged
 * @param checks         every probe's status and message
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusView(
        int schemaVersion,
        String checkedAt,
        int refreshSeconds,
        Run run,
        String state,
        String verdict,
        String statusLine,
        Cycles cycles,
        Mismatches mismatches,
        Replays replays,
        Disk disk,
        Golden golden,
        List<AlertEntry> alerts,
        EmergencyStop emergencyStop,
        List<Check> checks) {

    public static final int SCHEMA_VERSION = 1;

    public StatusView {
        alerts = List.copyOf(alerts);
        checks = List.copyOf(checks);
    }

    /**
     * @param name        the run directory's name (the {@code run} label of the metrics)
     * @param dir         the run directory; null for a log-only run
     * @param log         the run's log, if known
     * @param pid         the runner's process id, if known
     * @param startedAt   when the run started, if its heartbeat says
     * @param lastCycleAt when its last cycle finished, if its heartbeat says
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Run(String name, String dir, String log, Long pid, String startedAt, String lastCycleAt) {
    }

    /**
     * @param done       cycles completed
     * @param target     the cycle bound the run was started with, if any
     * @param perHour    cycles per hour over the last minutes the daemon watched (else since the run started); null
     *                   until known
     * @param eta        when the run is expected to end (the earlier of its cycle bound at the current rate and its
     *                   time bound); null for a run that ended or has no bound
     * @param etaSeconds seconds from {@code checked_at} to {@code eta}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cycles(long done, Long target, Double perHour, String eta, Long etaSeconds) {
    }

    /**
     * @param total                replays that did not match their golden file
     * @param cyclesWithMismatches cycles with at least one
     * @param byRootCause          root cause to count, commonest first (then by name); causes with none left out
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mismatches(long total, long cyclesWithMismatches, Map<String, Long> byRootCause) {
        public Mismatches {
            Map<String, Long> ordered = new java.util.LinkedHashMap<>();
            byRootCause.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> ordered.put(e.getKey(), e.getValue()));
            byRootCause = java.util.Collections.unmodifiableMap(ordered);
        }
    }

    /**
     * @param total     replays compared with their golden file
     * @param passed    replays that matched
     * @param failed    replays that did not
     * @param passRatio passed / total; null before the first replay
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Replays(long total, long passed, long failed, Double passRatio) {
    }

    /**
     * @param usedPercent     the fullest filesystem's percent used (as df); null if none could be read
     * @param warningPercent  the WARNING level
     * @param criticalPercent the CRITICAL level
     * @param filesystems     each filesystem checked
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Disk(Integer usedPercent, int warningPercent, int criticalPercent, List<Filesystem> filesystems) {
        public Disk {
            filesystems = List.copyOf(filesystems);
        }
    }

    /**
     * @param filesystem         the filesystem's name
     * @param holds              the watched paths on it
     * @param usedPercent        percent used, as df
     * @param totalBytes         its size
     * @param availableBytes     bytes available to unprivileged users
     * @param fillBytesPerHour   how fast the available bytes shrink (observed by the daemon, else the golden
     *                           directory's growth when it lives here); null until known
     * @param hoursToWarning     hours until the WARNING level at that rate: 0 if already there, null if not filling
     * @param projectedWarningAt when that is; null if not filling
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Filesystem(String filesystem, List<String> holds, int usedPercent, long totalBytes,
                             long availableBytes, Double fillBytesPerHour, Double hoursToWarning,
                             String projectedWarningAt) {
        public Filesystem {
            holds = List.copyOf(holds);
        }
    }

    /**
     * @param dir                the golden directory watched; null if none
     * @param files              files in it and the run's traces, if counted
     * @param bytes              their bytes, if counted
     * @param growthBytesPerHour growth between the last two checks, if there were two
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Golden(String dir, Long files, Long bytes, Long growthBytesPerHour) {
    }

    /** One alert as the alerts file has it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AlertEntry(String timestamp, String level, String probe, String event, String message) {
    }

    /** @param engaged true while the emergency stop flag is set on this host */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EmergencyStop(boolean engaged) {
    }

    /** One probe's result. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Check(String probe, String status, String message) {
    }
}
