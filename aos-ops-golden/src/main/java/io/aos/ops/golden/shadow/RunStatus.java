package io.aos.ops.golden.shadow;

import java.util.Locale;

/** How one workflow run ended; the names are upstream's {@code run_end} statuses. */
public enum RunStatus {
    COMPLETED,
    FAILED,
    EMERGENCY_STOPPED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
