package io.aos.ops.core.emergency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One line of the emergency-stop audit log (JSON Lines, append-only, never truncated).
 *
 * <p>A line that is not an aos-ops audit record (edited by hand, say) is kept as {@link #raw} with every other field
 * null, so reading the log never fails on it and never hides it. Immutable, so safe to share between threads.
 *
 * @param ts            when the action happened
 * @param action        what was done
 * @param who           the OS user
 * @param sudoUser      the user behind {@code sudo}, where there was one
 * @param host          where
 * @param pid           the acting process
 * @param reason        the operator's reason for this action, if given
 * @param previousState {@code RUNNING} or {@code STOPPED} before the action
 * @param newState      {@code RUNNING} or {@code STOPPED} after it
 * @param stoppedSince  for a repeat or a release: when the stop in force was engaged
 * @param stoppedBy     for a repeat or a release: who engaged the stop in force
 * @param raw           the line itself, when it could not be read as a record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ts", "action", "who", "sudo_user", "host", "pid", "reason", "prev_state", "new_state",
    "stopped_since", "stopped_by", "raw"})
public record AuditEntry(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("action") Action action,
        @JsonProperty("who") String who,
        @JsonProperty("sudo_user") String sudoUser,
        @JsonProperty("host") String host,
        @JsonProperty("pid") Long pid,
        @JsonProperty("reason") String reason,
        @JsonProperty("prev_state") String previousState,
        @JsonProperty("new_state") String newState,
        @JsonProperty("stopped_since") Instant stoppedSince,
        @JsonProperty("stopped_by") String stoppedBy,
        @JsonProperty("raw") String raw) {

    /** What an audit line records. */
    public enum Action {
        /** The stop was engaged: the flag file was created. */
        ENGAGE,
        /** {@code enable} while already engaged: the first record was kept. */
        ENGAGE_REPEAT,
        /** The stop was released: the flag file was removed. */
        RELEASE,
        /** {@code disable} while not engaged: nothing changed, but the attempt is on record. */
        RELEASE_NOT_ENGAGED
    }

    static AuditEntry unreadable(String line) {
        return new AuditEntry(null, null, null, null, null, null, null, null, null, null, null, line);
    }

    /**
     * One line for people, such as {@code 2025-12-02T14:05:31Z ENGAGE by root on host1: P0 mismatch}; a repeat or
     * a release adds the stop in force, as {@code (stop in force since <time> by <who>)}.
     *
     * @return the line; {@link #raw()} unchanged for a line that was not a record, with {@code ?} for a missing
     *     time or action
     */
    public String describe() {
        if (raw != null) {
            return raw;
        }
        StringBuilder s = new StringBuilder();
        s.append(ts == null ? "?" : ts.truncatedTo(ChronoUnit.SECONDS).toString()).append(' ')
                .append(action == null ? "?" : action.name())
                .append(" by ").append(Actor.describe(who, sudoUser));
        if (host != null) {
            s.append(" on ").append(host);
        }
        if (reason != null) {
            s.append(": ").append(reason);
        }
        if (stoppedBy != null && action != Action.ENGAGE) {
            s.append(" (stop in force since ")
                    .append(stoppedSince == null ? "?" : stoppedSince.truncatedTo(ChronoUnit.SECONDS).toString())
                    .append(" by ").append(stoppedBy).append(')');
        }
        return s.toString();
    }
}
