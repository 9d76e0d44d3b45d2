package io.aos.ops.golden.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Shapes of values that vary from run to run whatever their key is called: clock readings and generated ids.
 * Evidence for VOLATILE_LEAK when they sit under a key that is not volatile, and for UNSEEDED_RNG (floats in [0,1)).
 */
enum ValueShape {
    ISO_INSTANT("an ISO-8601 instant"),
    EPOCH_MILLIS("epoch milliseconds"),
    UUID("a UUID"),
    UNIT_FLOAT("a float in [0,1)"),
    OTHER("a plain value");

    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    /** 2001-09-09 to 2286-11-20: 13-digit epoch millis. */
    private static final long MILLIS_LOW = 1_000_000_000_000L;
    private static final long MILLIS_HIGH = 9_999_999_999_999L;

    private final String description;

    ValueShape(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean isClockOrId() {
        return this == ISO_INSTANT || this == EPOCH_MILLIS || this == UUID;
    }

    static ValueShape of(JsonNode v) {
        if (v == null) {
            return OTHER;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.length() >= 16 && s.length() <= 40 && INSTANT.matcher(s).matches()) {
                return ISO_INSTANT;
            }
            if ((s.length() == 36 || s.length() == 32) && UUID_TEXT.matcher(s).matches()) {
                return UUID;
            }
            return OTHER;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long l = v.longValue();
            return l >= MILLIS_LOW && l <= MILLIS_HIGH ? EPOCH_MILLIS : OTHER;
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            return d >= 0.0 && d < 1.0 && d != 0.0 ? UNIT_FLOAT : OTHER;
        }
        return OTHER;
    }
}
