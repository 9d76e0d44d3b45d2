package io.aos.ops.core.emergency;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The state of the emergency stop at one moment, as read from the flag file and the environment.
 *
 * <p>Fields that do not apply are null: a stop engaged through the environment has no who or when, and a flag file
 * that was created by hand (or by the old script) has no readable record, so only its modification time is known.
 *
 * <p>Immutable, so safe to share between threads. Jackson writes it with snake_case names, null fields left out, and
 * the derived {@code status}, {@code flag_file} and {@code stopped_for_seconds}.
 *
 * @param engaged    true when workflows must not run; also true when the state cannot be checked (fail closed)
 * @param source     what engaged it, or {@link Source#NONE} when running
 * @param flagFile   the flag file that was checked
 * @param who        the OS user who engaged it, from the flag record
 * @param sudoUser   the user behind {@code sudo}, where there was one
 * @param host       the host it was engaged on
 * @param since      when it was engaged (the record's time, else the flag file's modification time)
 * @param stoppedFor how long it has been engaged at the time of reading; negative when {@code since} is later than the
 *                   reader's clock (the record was written on a host whose clock is ahead, or dated by hand): shown as
 *                   dated in the future, never as "0s ago"
 * @param reason     the operator's reason, if one was given
 * @param detail     what could not be read, for {@link Source#UNREADABLE} or a flag file without a readable record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "engaged", "source", "flag_file", "who", "sudo_user", "host", "since",
    "stopped_for_seconds", "reason", "detail"})
public record EmergencyStopStatus(
        @JsonProperty("engaged") boolean engaged,
        @JsonProperty("source") Source source,
        @JsonIgnore Path flagFile,
        @JsonProperty("who") String who,
        @JsonProperty("sudo_user") String sudoUser,
        @JsonProperty("host") String host,
        @JsonProperty("since") Instant since,
        @JsonIgnore Duration stoppedFor,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail) {

    /** What engaged the stop. */
    public enum Source {
        /** Nothing: workflows may run. */
        NONE,
        /** The flag file exists. */
        FLAG_FILE,
        /**
         * {@code WORKFLOW_EMERGENCY_STOP} in this process's environment (fixed when the process started) set to any
         * value other than empty, {@code 0}, {@code false} or {@code no}.
         */
        ENVIRONMENT,
        /** The flag path could not be checked (permissions, I/O error, not a regular file): treated as stopped. */
        UNREADABLE
    }

    static EmergencyStopStatus running(Path flagFile) {
        return new EmergencyStopStatus(false, Source.NONE, flagFile, null, null, null, null, null, null, null);
    }

    static EmergencyStopStatus environment(Path flagFile, String value) {
        return new EmergencyStopStatus(true, Source.ENVIRONMENT, flagFile, null, null, null, null, null, null,
                EmergencyStop.ENV_VAR + "=" + value + " in this process's environment");
    }

    static EmergencyStopStatus unreadable(Path flagFile, String detail) {
        return new EmergencyStopStatus(true, Source.UNREADABLE, flagFile, null, null, null, null, null, null, detail);
    }

    /**
     * The state as one word, for displays and the JSON {@code status} field.
     *
     * @return {@code UNKNOWN} when the flag path cannot be checked (workflows are still treated as stopped),
     *     otherwise {@code STOPPED} when engaged and {@code RUNNING} when not
     */
    @JsonProperty("status")
    public String state() {
        if (source == Source.UNREADABLE) {
            return "UNKNOWN";
        }
        return engaged ? "STOPPED" : "RUNNING";
    }

    @JsonProperty("flag_file")
    String flagFileName() {
        return flagFile == null ? null : flagFile.toString();
    }

    @JsonProperty("stopped_for_seconds")
    Long stoppedForSeconds() {
        return stoppedFor == null ? null : stoppedFor.toSeconds();
    }

    /**
     * One sentence for logs and exceptions, such as
     * {@code emergency stop engaged by root on host1 at 2025-12-02T14:05:31Z: P0 mismatch}.
     *
     * @return what stopped workflows, who, on which host, since when and why (each part where known); or that the
     *     stop is not engaged; or that the flag cannot be checked and workflows are treated as stopped
     */
    public String describe() {
        return switch (source) {
            case NONE -> "emergency stop is not engaged";
            case ENVIRONMENT -> "emergency stop engaged: " + detail;
            case UNREADABLE -> "emergency stop flag " + flagFile + " cannot be checked (" + detail
                    + "), so workflows are treated as stopped (fail closed)";
            case FLAG_FILE -> {
                StringBuilder s = new StringBuilder("emergency stop engaged");
                if (who != null) {
                    s.append(" by ").append(Actor.describe(who, sudoUser));
                }
                if (host != null) {
                    s.append(" on ").append(host);
                }
                if (since != null) {
                    s.append(" at ").append(since.truncatedTo(ChronoUnit.SECONDS));
                }
                s.append(reason == null ? " (no reason given)" : ": " + reason);
                if (detail != null) {
                    s.append(" [").append(detail).append(']');
                }
                yield s.toString();
            }
        };
    }
}
