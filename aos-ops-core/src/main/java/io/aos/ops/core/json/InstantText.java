package io.aos.ops.core.json;

import java.time.Instant;

/**
 * An instant as {@link Instant#toString()} writes it (ISO-8601 in UTC, {@code 2026-12-03T07:49:26Z}, a fraction of
 * 3, 6 or 9 digits when there is one), without {@code DateTimeFormatter}: a report that writes one timestamp does
 * not set up the formatter's classes (some 15 ms of a cold start).
 */
public final class InstantText {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01 and 9999-12-31T23:59:59 in epoch seconds: four-digit years, written without a sign. */
    private static final long MIN = -62_167_219_200L;
    private static final long MAX = 253_402_300_799L;

    private InstantText() {
    }

    /**
     * The instant as text.
     *
     * @param t the instant
     * @return exactly {@code t.toString()}
     */
    public static String of(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < MIN || seconds > MAX) {
            return t.toString(); // a year of more or fewer than four digits: the formatter's own rules
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        StringBuilder sb = new StringBuilder(30);
        digits(sb, year, 4).append('-');
        digits(sb, month, 2).append('-');
        digits(sb, day, 2).append('T');
        digits(sb, secondOfDay / 3600, 2).append(':');
        digits(sb, secondOfDay / 60 % 60, 2).append(':');
        digits(sb, secondOfDay % 60, 2);
        int nano = t.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int k = s.length(); k < width; k++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
