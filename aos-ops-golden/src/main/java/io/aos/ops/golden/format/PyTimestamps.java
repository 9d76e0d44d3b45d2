package io.aos.ops.golden.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Python's {@code datetime.now(timezone.utc).isoformat()}: microseconds, omitted when zero, and {@code +00:00}. */
final class PyTimestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private PyTimestamps() {
    }

    static String isoformatUtc(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        StringBuilder out = new StringBuilder(32).append(SECONDS.format(micros));
        int micro = micros.getNano() / 1000;
        if (micro != 0) {
            String digits = Integer.toString(micro);
            out.append('.');
            for (int i = digits.length(); i < 6; i++) {
                out.append('0');
            }
            out.append(digits);
        }
        return out.append("+00:00").toString();
    }
}
