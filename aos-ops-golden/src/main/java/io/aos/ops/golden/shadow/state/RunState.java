package io.aos.ops.golden.shadow.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state of a shadow run as recorded in {@code status.json}. */
public enum RunState {
    /** Cycles are running. */
    RUNNING,
    /** The emergency stop is engaged; the run idles and resumes when it is released. */
    PAUSED,
    /** The run reached its end (hours or cycles) and wrote its summary. */
    COMPLETED,
    /** The run ended early on an error, with --fail-fast on a mismatch, or reached its end with zero cycles. */
    FAILED,
    /** The run was stopped by SIGINT/SIGTERM and wrote its summary. */
    STOPPED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunState fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True once the run has ended for good: the process is expected to be gone. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
