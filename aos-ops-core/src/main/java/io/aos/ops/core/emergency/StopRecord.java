package io.aos.ops.core.emergency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What the flag file holds: who engaged the stop, when, on which host and why. Written once by the first
 * {@code enable}; a repeated {@code enable} keeps it and only adds an audit line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StopRecord(
        @JsonProperty("who") String who,
        @JsonProperty("sudo_user") String sudoUser,
        @JsonProperty("when") Instant when,
        @JsonProperty("host") String host,
        @JsonProperty("pid") Long pid,
        @JsonProperty("reason") String reason) {
}
