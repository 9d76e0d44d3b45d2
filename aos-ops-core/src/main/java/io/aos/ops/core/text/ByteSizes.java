package io.aos.ops.core.text;

import io.aos.ops.core.json.DecimalText;

/**
 * Sizes in bytes as short text for people, in powers of 1024 ({@code B}, {@code K}, {@code M}, {@code G}, {@code T},
 * {@code P}, {@code E}). Written with {@link DecimalText}, exactly as {@code String.format(Locale.ROOT, ...)} writes
 * them but without setting up a {@code Formatter}, which would cost a short command start-up time for this alone.
 */
public final class ByteSizes {

    private static final String[] UNITS = {"B", "K", "M", "G", "T", "P", "E"};

    private ByteSizes() {
    }

    /**
     * As {@code du -h} prints a size, roughly: one decimal below 10 units, none above ({@code 512B}, {@code 3.4M},
     * {@code 12K}). For the retention reports and logs.
     *
     * @param bytes a size in bytes
     * @return the size, short
     */
    public static String du(long bytes) {
        int unit = unit(bytes);
        if (unit == 0) {
            return bytes + "B";
        }
        double value = scaled(bytes, unit);
        return DecimalText.fixed(value, value < 10 ? 1 : 0) + UNITS[unit];
    }

    /**
     * With one decimal above a kilobyte ({@code 512B}, {@code 12.0K}, {@code 3.4M}): the sanity check's and the
     * incident bundle's form.
     *
     * @param bytes a size in bytes
     * @return the size, short
     */
    public static String oneDecimal(long bytes) {
        int unit = unit(bytes);
        return unit == 0 ? bytes + "B" : DecimalText.fixed(scaled(bytes, unit), 1) + UNITS[unit];
    }

    /** The unit a size is written in: the largest whose 1 the size reaches, by repeated division (0 for bytes). */
    private static int unit(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit;
    }

    /** The size divided by 1024 {@code unit} times, one division after another (as the unit was found). */
    private static double scaled(long bytes, int unit) {
        double value = bytes;
        for (int i = 0; i < unit; i++) {
            value /= 1024;
        }
        return value;
    }
}
