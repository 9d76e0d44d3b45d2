package io.aos.ops.core.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A number with a fixed count of decimals, exactly as {@code String.format(Locale.ROOT, "%.Nf", value)} writes it
 * (the shortest decimal that reads back as the double, rounded half up), without setting up a {@code Formatter}:
 * its format-string parser and locale data cost a short command some 15 ms of start-up.
 */
public final class DecimalText {

    private DecimalText() {
    }

    /**
     * The value with {@code places} decimals.
     *
     * @param value the number
     * @param places how many decimals, {@code >= 0}
     * @return exactly {@code String.format(Locale.ROOT, "%." + places + "f", value)}
     * @throws IllegalArgumentException if {@code places} is negative
     */
    public static String fixed(double value, int places) {
        if (places < 0) {
            throw new IllegalArgumentException("places < 0: " + places);
        }
        if (!(value > 0) && !(value == 0 && Double.doubleToRawLongBits(value) == 0)) {
            // negative (the formatter keeps the sign of what rounds to zero), -0.0, NaN: its own rules
            return String.format(Locale.ROOT, "%." + places + "f", value);
        }
        if (Double.isInfinite(value)) {
            return "Infinity";
        }
        return new BigDecimal(Double.toString(value)).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
